/**
 * Who may do what. This table is the single source of truth: every API route declares one action, the server's
 * guard checks it here, and the web app hides what a role cannot open using the same table.
 */
export const ROLES = ['owner', 'admin', 'manager', 'staff', 'accountant', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by people inside the firm; partner is an external login tied to one partner party. */
export const STAFF_ROLES = ['owner', 'admin', 'manager', 'staff', 'accountant'] as const satisfies readonly Role[];

export const ACTIONS = [
  'users.read',
  'users.manage',
  'api_keys.manage',
  'audit.read',
  'settings.read',
  'settings.manage',
  'dashboard.read',
  'dashboard.money',
  'parties.read',
  'parties.write',
  'masters.read',
  'masters.write',
  'orders.read',
  'orders.write',
  'orders.reopen',
  'money.read',
  'money.write',
  'settlements.approve',
  'payouts.read',
  'payouts.manage',
  'invoices.read',
  'invoices.write',
  'invoices.issue',
  'reports.read',
  'accounts.read',
  'accounts.manage',
  'jobs.manage',
  'portal.read',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Action[] = ACTIONS.filter((a) => a !== 'portal.read');

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  owner: ALL,
  admin: ALL,
  manager: [
    'users.read',
    'settings.read',
    'dashboard.read',
    'dashboard.money',
    'parties.read',
    'parties.write',
    'masters.read',
    'masters.write',
    'orders.read',
    'orders.write',
    'orders.reopen',
    'money.read',
    'money.write',
    'settlements.approve',
    'payouts.read',
    'payouts.manage',
    'invoices.read',
    'invoices.write',
    'invoices.issue',
    'reports.read',
    'accounts.read',
  ],
  // Staff run the orders day to day but see no money figures.
  staff: ['dashboard.read', 'parties.read', 'parties.write', 'masters.read', 'orders.read', 'orders.write'],
  // The accountant keeps the books and reads the audit log; partner payouts stay hidden unless granted.
  accountant: [
    'audit.read',
    'settings.read',
    'dashboard.read',
    'dashboard.money',
    'parties.read',
    'parties.write',
    'masters.read',
    'orders.read',
    'money.read',
    'money.write',
    'invoices.read',
    'invoices.write',
    'invoices.issue',
    'reports.read',
    // The book is the accountant's own: chart of accounts, ledgers, trial balance, Tally export.
    'accounts.read',
    'accounts.manage',
  ],
  partner: ['portal.read'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` may take `action`. */
export function can(role: Role, action: Action): boolean {
  return ROLE_PERMISSIONS[role].includes(action);
}

/** Roles that `actorRole` may hand out. Only an owner makes another owner. */
export function assignableRoles(actorRole: Role): readonly Role[] {
  if (actorRole === 'owner') return ROLES;
  if (actorRole === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}
