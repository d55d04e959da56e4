import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  FIELD_CLASSES,
  FIELD_READERS,
  ROLES,
  ROLE_PERMISSIONS,
  assignableRoles,
  auditEntryClass,
  can,
  canReadField,
  fieldClassOfName,
} from './permissions';

describe('permissions', () => {
  it('grants owners every staff action but not the partner portal', () => {
    for (const action of ACTIONS) expect(can('owner', action)).toBe(action !== 'portal.read');
  });

  it('keeps money away from staff and the admin area away from partners', () => {
    expect(can('staff', 'money.read')).toBe(false);
    expect(can('staff', 'dashboard.money')).toBe(false);
    expect(can('staff', 'users.read')).toBe(false);
    expect(ROLE_PERMISSIONS.partner).toEqual(['portal.read']);
  });

  it('lets the accountant read the audit log but not manage users or partner payouts', () => {
    expect(can('accountant', 'audit.read')).toBe(true);
    expect(can('accountant', 'users.manage')).toBe(false);
    expect(can('accountant', 'payouts.read')).toBe(false);
  });

  it('names only known actions in the table', () => {
    for (const role of ROLES) for (const action of ROLE_PERMISSIONS[role]) expect(ACTIONS).toContain(action);
  });

  it('lets only an owner create owners', () => {
    expect(assignableRoles('owner')).toContain('owner');
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('manager')).toEqual([]);
  });

  it('reads field classes by the table: staff see no money or bank details, the accountant no payouts', () => {
    for (const fieldClass of FIELD_CLASSES)
      for (const action of FIELD_READERS[fieldClass]) expect(ACTIONS).toContain(action);
    expect(FIELD_CLASSES.filter((c) => canReadField('staff', c))).toEqual([]);
    expect(FIELD_CLASSES.filter((c) => canReadField('accountant', c))).toEqual(['money', 'bank']);
    expect(FIELD_CLASSES.filter((c) => canReadField('manager', c))).toEqual([...FIELD_CLASSES]);
    for (const role of ['owner', 'admin'] as const)
      expect(FIELD_CLASSES.every((c) => canReadField(role, c))).toBe(true);
    // The portal's routes are scoped to the partner's own orders: their share and payouts are theirs to see.
    expect(canReadField('partner', 'money')).toBe(true);
    expect(canReadField('partner', 'bank')).toBe(false);
    expect(canReadField(null, 'money')).toBe(false);
  });

  it('classes audit entries and changed-field names', () => {
    expect(auditEntryClass({ action: 'payout.recorded', entity: 'payout' })).toBe('payouts');
    expect(auditEntryClass({ action: 'order.updated', entity: 'order' })).toBeNull();
    expect(fieldClassOfName('paidOut')).toBe('payouts');
    expect(fieldClassOfName('ifsc')).toBe('bank');
    expect(fieldClassOfName('bank_account_number')).toBe('bank');
    for (const name of ['feesPaise', 'sharePricePaise', 'amount', 'revenueShare', 'shareBp'.replace('Bp', 'Percent')])
      expect(fieldClassOfName(name), name).toBe('money');
    for (const name of ['title', 'shareCount', 'clientId', 'dueDate']) expect(fieldClassOfName(name), name).toBeNull();
  });
});
