import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

describe(`user administration (${testDialect()})`, () => {
  let t: TestApp;
  let owner: { token: string; userId: number };
  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    owner = await t.login();
  });
  afterEach(async () => t.close());

  it('creates users, lists them with filters, sorting and paging in SQL', async () => {
    await t.createUser(owner.token, { name: 'Bala Staff', email: 'bala@example.com', role: 'staff' });
    await t.createUser(owner.token, { name: 'Chitra Accounts', email: 'chitra@example.com', role: 'accountant' });
    await t.createUser(owner.token, { name: 'Dev Manager', email: 'dev@example.com', role: 'manager' });

    const all = await t.call({ method: 'GET', url: '/api/v1/users?sort=name&order=asc', token: owner.token });
    expect(all.json().total).toBe(4);
    expect(all.json().items.map((u: { name: string }) => u.name)).toEqual([
      'Asha Rao',
      'Bala Staff',
      'Chitra Accounts',
      'Dev Manager',
    ]);

    const page2 = await t.call({
      method: 'GET',
      url: '/api/v1/users?sort=name&order=desc&page=2&pageSize=3',
      token: owner.token,
    });
    expect(page2.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.json().items.map((u: { name: string }) => u.name)).toEqual(['Asha Rao']);

    const search = await t.call({ method: 'GET', url: '/api/v1/users?q=CHIT', token: owner.token });
    expect(search.json().items.map((u: { email: string }) => u.email)).toEqual(['chitra@example.com']);
    const byRole = await t.call({ method: 'GET', url: '/api/v1/users?role=manager', token: owner.token });
    expect(byRole.json().total).toBe(1);
    // A literal % in the search is not a wildcard.
    const literal = await t.call({ method: 'GET', url: '/api/v1/users?q=%25', token: owner.token });
    expect(literal.json().total).toBe(0);

    const badSort = await t.call({ method: 'GET', url: '/api/v1/users?sort=password_hash', token: owner.token });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().errors[0].field).toBe('sort');
  });

  it('refuses a duplicate email with 409 naming the field', async () => {
    await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    const dup = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: owner.token,
      body: { name: 'Other Bala', email: 'BALA@example.com', role: 'staff', password: 'staff password 123' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'EMAIL_TAKEN', errors: [{ field: 'email' }] });
  });

  it('keeps staff out of user administration with 403', async () => {
    await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    const staff = await t.login('bala@example.com', 'staff password 123');
    const list = await t.call({ method: 'GET', url: '/api/v1/users', token: staff.token });
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('FORBIDDEN');
    const create = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: staff.token,
      body: { name: 'X', email: 'x@example.com', role: 'owner', password: 'staff password 123' },
    });
    expect(create.statusCode).toBe(403);
    expect(await t.services.users.count(t.services.database.db)).toBe(2);
  });

  it('lets an admin manage staff but not owners', async () => {
    await t.createUser(owner.token, { name: 'Ira Admin', email: 'ira@example.com', role: 'admin' });
    const admin = await t.login('ira@example.com', 'staff password 123');
    const makeOwner = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: admin.token,
      body: { name: 'X', email: 'x@example.com', role: 'owner', password: 'staff password 123' },
    });
    expect(makeOwner.statusCode).toBe(403);
    expect(makeOwner.json().code).toBe('OWNER_ONLY');
    const demoteOwner = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      token: admin.token,
      body: { role: 'staff' },
    });
    expect(demoteOwner.statusCode).toBe(403);
    const staffId = await t.createUser(admin.token, { name: 'Jai', email: 'jai@example.com', role: 'staff' });
    const promote = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${staffId}`,
      token: admin.token,
      body: { role: 'manager' },
    });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().role).toBe('manager');
  });

  it('disabling a user ends their sessions at once, and they cannot log in', async () => {
    const staffId = await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    const staff = await t.login('bala@example.com', 'staff password 123');
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: staff.token })).statusCode).toBe(200);

    const disable = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${staffId}`,
      token: owner.token,
      body: { isActive: false },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().isActive).toBe(false);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: staff.token })).statusCode).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: staff.refresh } }))
        .statusCode,
    ).toBe(401);
    const login = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: 'bala@example.com', password: 'staff password 123' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('ACCOUNT_DISABLED');

    const audit = await t.services.auditLog.list({
      entity: 'user',
      entityId: String(staffId),
      limit: 10,
      order: 'desc',
    });
    expect(audit.items.map((e) => e.action)).toEqual([
      'auth.login_failed',
      'user.disabled',
      'auth.login',
      'user.created',
    ]);
    expect(audit.items[1]).toMatchObject({ changes: { is_active: { before: true, after: false } } });
  });

  it('protects the last owner and the acting user', async () => {
    const self = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('CANNOT_CHANGE_SELF');

    const secondOwnerId = await t.createUser(owner.token, { name: 'Co Owner', email: 'co@example.com', role: 'owner' });
    const second = await t.login('co@example.com', 'staff password 123');
    const demoteFirst = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${owner.userId}`,
      token: second.token,
      body: { role: 'admin' },
    });
    expect(demoteFirst.statusCode).toBe(200);
    // Now the co-owner is the only owner; the demoted admin cannot touch them, and they cannot demote themselves.
    const last = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${secondOwnerId}`,
      token: second.token,
      body: { isActive: false },
    });
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('CANNOT_CHANGE_SELF');
    expect(await t.services.users.count(t.services.database.db)).toBe(2);
  });

  it('resets a password, ending the user’s sessions, and records a role change in the audit trail', async () => {
    const staffId = await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    const staff = await t.login('bala@example.com', 'staff password 123');
    const reset = await t.call({
      method: 'POST',
      url: `/api/v1/users/${staffId}/reset-password`,
      token: owner.token,
      body: { password: 'a fresh temporary pw' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: staff.token })).statusCode).toBe(401);
    await t.login('bala@example.com', 'a fresh temporary pw');

    await t.call({ method: 'PATCH', url: `/api/v1/users/${staffId}`, token: owner.token, body: { role: 'manager' } });
    const audit = await t.services.auditLog.list({
      entity: 'user',
      entityId: String(staffId),
      limit: 10,
      order: 'asc',
    });
    expect(audit.items.map((e) => e.action)).toEqual([
      'user.created',
      'auth.login',
      'user.password_reset',
      'auth.login',
      'user.role_changed',
    ]);
    const roleChange = audit.items[4];
    expect(roleChange?.changes).toEqual({ role: { before: 'staff', after: 'manager' } });
    expect(roleChange?.actor).toMatchObject({ type: 'user', id: owner.userId });
    expect(JSON.stringify(audit.items)).not.toContain('a fresh temporary pw');
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/users/9999', token: owner.token })).statusCode).toBe(404);
    const bad = await t.call({ method: 'GET', url: '/api/v1/users/abc', token: owner.token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('id');
  });

  it('refuses a partner login linked to a party that does not exist with 400, creating or updating', async () => {
    const body = {
      name: 'Ghost Partner',
      email: 'ghost@example.com',
      role: 'partner',
      password: 'partner password 123',
    };
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: owner.token,
      body: { ...body, partnerPartyId: 999_999 },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'partnerPartyId' }] });

    const staffId = await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    const updated = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${staffId}`,
      token: owner.token,
      body: { role: 'partner', partnerPartyId: 999_999 },
    });
    expect(updated.statusCode).toBe(400);
    expect(updated.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'partnerPartyId' }] });
    const list = await t.call({ method: 'GET', url: '/api/v1/users?role=partner', token: owner.token });
    expect(list.json().total).toBe(0);
  });
});
