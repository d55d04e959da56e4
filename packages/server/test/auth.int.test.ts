import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../src/contexts/identity/auth/auth.service';
import { totpCode } from '../src/platform/security/totp';
import { OWNER, createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

describe(`authentication (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
  });
  afterEach(async () => t.close());

  it('logs in, returns a short-lived token and sets a locked-down refresh cookie', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: 'ASHA@example.com ', password: OWNER.password },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ expiresIn: 900, user: { email: OWNER.email, role: 'owner' } });
    expect(typeof body.accessToken).toBe('string');
    const cookie = res.cookies.find((c) => c.name === 'bizdash_rt');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });

    const me = await t.call({ method: 'GET', url: '/api/v1/me', token: body.accessToken });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: OWNER.email, role: 'owner', totpEnabled: false });
    expect(me.json().permissions).toContain('users.manage');
  });

  it('answers 401 for a wrong password and for a call without a token', async () => {
    const wrong = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: OWNER.email, password: 'wrong password!' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    const unknown = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: 'nobody@example.com', password: 'whatever123' },
    });
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');

    const anonymous = await t.call({ method: 'GET', url: '/api/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('UNAUTHENTICATED');
    const garbage = await t.call({ method: 'GET', url: '/api/v1/me', token: 'not-a-token' });
    expect(garbage.statusCode).toBe(401);
  });

  it('rotates the refresh token, and treats reuse of a rotated one as theft of the whole session', async () => {
    const { refresh: first } = await t.login();
    const r1 = await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: first } });
    expect(r1.statusCode).toBe(200);
    const second = r1.cookies.find((c) => c.name === 'bizdash_rt')?.value;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const accessFromRefresh = r1.json().accessToken as string;
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: accessFromRefresh })).statusCode).toBe(200);

    // The thief (or a stale copy) presents the first token again, after the grace window for concurrent refreshes.
    t.clock.advance(REFRESH_GRACE_MS + 1000);
    const reuse = await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: first } });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('REFRESH_TOKEN_REUSED');

    // The whole family is gone: the newest refresh token and the access token of that session both stop working.
    const legit = await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: second! } });
    expect(legit.statusCode).toBe(401);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: accessFromRefresh })).statusCode).toBe(401);

    const audit = await t.services.auditLog.list({ action: 'auth.refresh_reuse', limit: 5, order: 'desc' });
    expect(audit.items).toHaveLength(1);
  });

  it('resumes a session on page load with 200 either way, rotating like a refresh and still catching reuse', async () => {
    const none = await t.call({ method: 'POST', url: '/api/v1/auth/session' });
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ authenticated: false });

    const { refresh: first } = await t.login();
    const resumed = await t.call({ method: 'POST', url: '/api/v1/auth/session', cookies: { bizdash_rt: first } });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ authenticated: true, expiresIn: 900, user: { email: OWNER.email } });
    const second = resumed.cookies.find((c) => c.name === 'bizdash_rt')?.value;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const access = resumed.json<{ accessToken: string }>().accessToken;
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: access })).statusCode).toBe(200);

    // Reuse of the rotated token after the grace window is no session, and it still ends the whole family.
    t.clock.advance(REFRESH_GRACE_MS + 1000);
    const reuse = await t.call({ method: 'POST', url: '/api/v1/auth/session', cookies: { bizdash_rt: first } });
    expect(reuse.statusCode).toBe(200);
    expect(reuse.json()).toEqual({ authenticated: false });
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: access })).statusCode).toBe(401);
    const audit = await t.services.auditLog.list({ action: 'auth.refresh_reuse', limit: 5, order: 'desc' });
    expect(audit.items).toHaveLength(1);
  });

  it('ends the session on logout', async () => {
    const { token, refresh } = await t.login();
    const out = await t.call({ method: 'POST', url: '/api/v1/auth/logout', cookies: { bizdash_rt: refresh } });
    expect(out.statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token })).statusCode).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: refresh } })).statusCode,
    ).toBe(401);
  });

  it('expires access tokens after 15 minutes while the refresh token still works', async () => {
    const { token, refresh } = await t.login();
    t.clock.advance(16 * 60_000);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token })).statusCode).toBe(401);
    const r = await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: refresh } });
    expect(r.statusCode).toBe(200);
  });

  it('locks an account after 5 failures with 429 and Retry-After, and audits each failure', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email: OWNER.email, password: `wrong-${i}-password` },
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const failures = await t.services.auditLog.list({ action: 'auth.login_failed', limit: 50, order: 'desc' });
    expect(failures.items).toHaveLength(5);

    t.clock.advance(15 * 60_000 + 1000);
    const later = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(later.statusCode).toBe(200);
  });

  it('throttles an IP that tries many accounts', async () => {
    for (let i = 0; i < 20; i += 1) {
      await t.call({
        method: 'POST',
        url: '/api/v1/auth/login',
        ip: '10.9.9.9',
        body: { email: `u${i}@example.com`, password: 'wrong password' },
      });
    }
    const blocked = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      ip: '10.9.9.9',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(blocked.statusCode).toBe(429);
    const otherIp = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      ip: '10.9.9.10',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(otherIp.statusCode).toBe(200);
  });

  it('changes the password, ending other sessions but not this one', async () => {
    const a = await t.login();
    const b = await t.login();
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/me/password',
      token: a.token,
      body: { currentPassword: 'nope nope nope', newPassword: 'a new long password' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().errors[0].field).toBe('currentPassword');

    const ok = await t.call({
      method: 'POST',
      url: '/api/v1/me/password',
      token: a.token,
      body: { currentPassword: OWNER.password, newPassword: 'a new long password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: a.token })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/api/v1/me', token: b.token })).statusCode).toBe(401);
    await expect(t.login()).rejects.toThrow(/401/);
    await t.login(OWNER.email, 'a new long password');
  });

  it('supports an optional TOTP second factor', async () => {
    const { token } = await t.login();
    const setup = await t.call({ method: 'POST', url: '/api/v1/me/totp/setup', token });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrongCode = await t.call({
      method: 'POST',
      url: '/api/v1/me/totp/enable',
      token,
      body: { code: '000000' === totpCode(secret, t.clock.now()) ? '111111' : '000000' },
    });
    expect(wrongCode.statusCode).toBe(401);
    const enable = await t.call({
      method: 'POST',
      url: '/api/v1/me/totp/enable',
      token,
      body: { code: totpCode(secret, t.clock.now()) },
    });
    expect(enable.statusCode).toBe(204);

    const noCode = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    const withCode = await t.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { email: OWNER.email, password: OWNER.password, totp: totpCode(secret, t.clock.now()) },
    });
    expect(withCode.statusCode).toBe(200);

    const me = await t.call({ method: 'GET', url: '/api/v1/me', token: withCode.json().accessToken });
    expect(me.json().totpEnabled).toBe(true);
    // The seed is stored encrypted, never in the clear.
    const row = await t.services.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('email', '=', OWNER.email)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).not.toContain(secret);
  });

  it('issues API keys that are shown once, act with their role, and stop when revoked', async () => {
    const { token } = await t.login();
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/api-keys',
      token,
      body: { name: 'Tally bridge', role: 'accountant' },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, token: key } = created.json();
    expect(key).toMatch(/^bzk_/);
    expect(apiKey.prefix).toBe(key.split('_').slice(0, 2).join('_'));

    const listed = await t.call({ method: 'GET', url: '/api/v1/api-keys', token });
    expect(JSON.stringify(listed.json())).not.toContain(key);
    const stored = await t.services.database.db.selectFrom('api_keys').select('key_hash').executeTakeFirstOrThrow();
    // The secret is base64url and may itself contain "_": everything after the prefix and its separator.
    const secret = key.slice(apiKey.prefix.length + 1);
    expect(secret.length).toBeGreaterThan(20);
    expect(stored.key_hash).not.toContain(secret);

    // An accountant may read the audit log but not manage users.
    expect((await t.call({ method: 'GET', url: '/api/v1/audit', token: key })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/api/v1/users', token: key })).statusCode).toBe(403);
    const used = await t.services.auditLog.list({ action: 'api_key.used', limit: 5, order: 'desc' });
    expect(used.items).toHaveLength(1);
    expect(used.items[0]?.actor).toMatchObject({ type: 'api_key', name: 'Tally bridge' });

    const revoke = await t.call({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, token });
    expect(revoke.statusCode).toBe(204);
    expect((await t.call({ method: 'GET', url: '/api/v1/audit', token: key })).statusCode).toBe(401);
    const forged = key.slice(0, -2) + (key.endsWith('AA') ? 'BB' : 'AA');
    expect((await t.call({ method: 'GET', url: '/api/v1/audit', token: forged })).statusCode).toBe(401);
  });
});
