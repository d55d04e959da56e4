import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSINESS, OWNER, createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

describe(`first-run setup (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('is offered while no user exists, accepted once, then answers 409', async () => {
    const before = await t.call({ method: 'GET', url: '/api/v1/setup' });
    expect(before.json()).toEqual({ needsSetup: true, businessName: null });

    const first = await t.call({ method: 'POST', url: '/api/v1/setup', body: { owner: OWNER, business: BUSINESS } });
    expect(first.statusCode).toBe(201);
    expect(first.json().user).toMatchObject({ name: OWNER.name, email: OWNER.email, role: 'owner' });

    const after = await t.call({ method: 'GET', url: '/api/v1/setup' });
    expect(after.json()).toEqual({ needsSetup: false, businessName: BUSINESS.name });

    const again = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: { ...OWNER, email: 'other@example.com' }, business: BUSINESS },
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('SETUP_ALREADY_DONE');
  });

  it('lets only one of two simultaneous setups through', async () => {
    const results = await Promise.all(
      ['a@example.com', 'b@example.com'].map((email) =>
        t.call({ method: 'POST', url: '/api/v1/setup', body: { owner: { ...OWNER, email }, business: BUSINESS } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await t.services.users.count(t.services.database.db)).toBe(1);
  });

  it('names the bad field in a 400 and writes nothing', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: { ...OWNER, email: 'not-an-email' }, business: BUSINESS },
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'owner.email' })]);

    const badState = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: OWNER, business: { ...BUSINESS, stateCode: '99' } },
    });
    expect(badState.statusCode).toBe(400);
    expect(badState.json().errors[0].field).toBe('business.stateCode');

    const weak = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: { ...OWNER, password: '1234567890' }, business: BUSINESS },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', errors: [{ field: 'owner.password' }] });

    expect((await t.call({ method: 'GET', url: '/api/v1/setup' })).json().needsSetup).toBe(true);
    const audit = await t.services.auditLog.list({ limit: 10, order: 'desc' });
    expect(audit.items).toEqual([]);
  });

  it('checks the GSTIN offline: check character, and the state it belongs to', async () => {
    const badCheck = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: OWNER, business: { ...BUSINESS, gstin: '27AAPFU0939F1ZW' } },
    });
    expect(badCheck.statusCode).toBe(400);
    expect(badCheck.json().errors[0].field).toBe('business.gstin');
    expect(badCheck.json().details.gstinErrors[0].code).toBe('CHECKSUM');

    const otherState = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: OWNER, business: { ...BUSINESS, gstin: '24AAQCA8719H1ZC' } },
    });
    expect(otherState.statusCode).toBe(400);
    expect(otherState.json().detail).toContain('state code');

    const good = await t.call({
      method: 'POST',
      url: '/api/v1/setup',
      body: { owner: OWNER, business: { ...BUSINESS, gstin: ' 27aapfu0939f1zv ' } },
    });
    expect(good.statusCode).toBe(201);
    const row = await t.services.database.db.selectFrom('business').selectAll().executeTakeFirstOrThrow();
    expect(row.gstin).toBe('27AAPFU0939F1ZV');
  });
});
