import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, ROLE_PERMISSIONS, assignableRoles, can } from './permissions';

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
});
