import type { Role } from '@bizdash/domain/permissions';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  staff: 'Staff',
  accountant: 'Accountant',
  partner: 'Partner',
};

/** One colour per role, used by every role badge so a role reads the same everywhere. */
export const ROLE_COLORS: Record<Role, string> = {
  owner: 'violet',
  admin: 'indigo',
  manager: 'cyan',
  staff: 'gray',
  accountant: 'teal',
  partner: 'orange',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including making other owners',
  admin: 'Everything except making owners',
  manager: 'Orders, money, invoices and reports; reads users',
  staff: 'Day-to-day orders and parties; sees no money figures',
  accountant: 'Books, invoices, reports and the audit log',
  partner: 'Partner portal only',
};
