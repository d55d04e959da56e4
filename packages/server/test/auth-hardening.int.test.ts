import { afterEach, describe, expect, it } from 'vitest';
import { REFRESH_GRACE_MS } from '../src/contexts/identity/auth/auth.service';
import { ACCOUNT_IP_POLICY, IP_POLICY, PASSWORD_CHANGE_POLICY } from '../src/contexts/identity/auth/login-throttle';
import { OWNER, createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

/** Issue 16, Authentication: races, lockout as denial of service, spoofed client IPs, headers and the API docs. */
describe(`authentication under attack (${testDialect()})`, () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function start(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
    t = await createTestApp(options);
    await t.setup();
    return t;
  }

  const refreshWith = (app: TestApp, cookie: string) =>
    app.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: cookie } });

  it('answers two simultaneous refreshes with the same cookie with the same new pair (3 of 3 tries)', async () => {
    const app = await start();
    for (let trial = 0; trial < 3; trial += 1) {
      const { refresh } = await app.login();
      const [a, b] = await Promise.all([refreshWith(app, refresh), refreshWith(app, refresh)]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      const cookieA = a.cookies.find((c) => c.name === 'bizdash_rt')?.value;
      const cookieB = b.cookies.find((c) => c.name === 'bizdash_rt')?.value;
      expect(cookieA).toBeTruthy();
      expect(cookieA).toBe(cookieB);
      // The session lives on: both access tokens work, and the shared new refresh token rotates normally.
      for (const res of [a, b]) {
        const me = await app.call({ method: 'GET', url: '/api/v1/me', token: res.json().accessToken });
        expect(me.statusCode).toBe(200);
      }
      const next = await refreshWith(app, cookieA!);
      expect(next.statusCode).toBe(200);
    }
    const reuse = await app.services.auditLog.list({ action: 'auth.refresh_reuse', limit: 5, order: 'desc' });
    expect(reuse.items).toHaveLength(0);
  });

  it('still revokes the whole session when a rotated token comes back after the grace window', async () => {
    const app = await start();
    const { refresh } = await app.login();
    const first = await refreshWith(app, refresh);
    const second = first.cookies.find((c) => c.name === 'bizdash_rt')!.value;
    app.clock.advance(REFRESH_GRACE_MS + 1000);
    const reuse = await refreshWith(app, refresh);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refreshWith(app, second)).statusCode).toBe(401);
    expect((await app.call({ method: 'GET', url: '/api/v1/me', token: first.json().accessToken })).statusCode).toBe(
      401,
    );
  });

  it('evaluates at most the limit of 30 parallel wrong passwords; the rest are 429', async () => {
    const app = await start();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.call({
          method: 'POST',
          url: '/api/v1/auth/login',
          ip: '10.1.1.1',
          body: { email: OWNER.email, password: `wrong guess ${i}` },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(ACCOUNT_IP_POLICY.maxAttempts);
    expect(codes.filter((c) => c === 429)).toHaveLength(30 - ACCOUNT_IP_POLICY.maxAttempts);
    const evaluated = await app.services.auditLog.list({ action: 'auth.login_failed', limit: 50, order: 'desc' });
    expect(evaluated.items).toHaveLength(ACCOUNT_IP_POLICY.maxAttempts);
  });

  it('locks a guesser out of an account from their address only, and tells the user and admins', async () => {
    const app = await start();
    const { token } = await app.login();
    const smtp = await app.call({
      method: 'PUT',
      url: '/api/v1/settings/email',
      token,
      body: { host: '127.0.0.1', port: 2525, secure: false, from: 'Rao Traders <billing@raotraders.example>' },
    });
    expect(smtp.statusCode).toBe(200);
    await app.createUser(token, { name: 'Meera Admin', email: 'meera@example.com', role: 'admin' });
    for (let i = 0; i <= ACCOUNT_IP_POLICY.maxAttempts; i += 1) {
      await app.call({
        method: 'POST',
        url: '/api/v1/auth/login',
        ip: '203.0.113.66',
        body: { email: OWNER.email, password: `guess number ${i}` },
      });
    }
    const attacker = await app.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      ip: '203.0.113.66',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(attacker.statusCode).toBe(429);
    const owner = await app.call({
      method: 'POST',
      url: '/api/v1/auth/login',
      ip: '10.8.0.5',
      body: { email: OWNER.email, password: OWNER.password },
    });
    expect(owner.statusCode).toBe(200);
    const lockouts = await app.services.auditLog.list({ action: 'auth.lockout', limit: 5, order: 'desc' });
    expect(lockouts.items).toHaveLength(1);
    expect(lockouts.items[0]?.changes).toMatchObject({ scope: { after: 'account_ip' }, ip: { after: '203.0.113.66' } });

    // One notice each to the user and the admin, queued for the email worker, and listed in the email log.
    const log = await app.call({ method: 'GET', url: '/api/v1/email/log', token: owner.json().accessToken });
    expect(log.statusCode).toBe(200);
    const notices = (log.json().items as { kind: string; to: string; subject: string }[]).filter(
      (m) => m.kind === 'security_alert',
    );
    expect(notices.map((m) => m.to).sort()).toEqual([OWNER.email, 'meera@example.com']);
    expect(notices[0]?.subject).toContain(OWNER.email);
    const stored = await app.services.database.db
      .selectFrom('email_log')
      .select('body')
      .where('kind', '=', 'security_alert')
      .executeTakeFirstOrThrow();
    expect(stored.body).toContain('203.0.113.66');
  });

  it('throttles wrong current passwords on POST /me/password', async () => {
    const app = await start();
    const { token } = await app.login();
    const statuses: number[] = [];
    for (let i = 0; i < PASSWORD_CHANGE_POLICY.maxAttempts + 3; i += 1) {
      const res = await app.call({
        method: 'POST',
        url: '/api/v1/me/password',
        token,
        body: { currentPassword: `not it ${i} at all`, newPassword: 'a brand new passphrase' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, PASSWORD_CHANGE_POLICY.maxAttempts).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(PASSWORD_CHANGE_POLICY.maxAttempts).every((s) => s === 429)).toBe(true);
    // Even the right password waits out the window: the lock does not reveal which guess was right.
    const right = await app.call({
      method: 'POST',
      url: '/api/v1/me/password',
      token,
      body: { currentPassword: OWNER.password, newPassword: 'a brand new passphrase' },
    });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('takes the client IP from the trusted hop only, so a spoofed left-most X-Forwarded-For is no way round', async () => {
    const app = await start({ trustProxy: 1 });
    const statuses: number[] = [];
    for (let i = 0; i <= IP_POLICY.maxAttempts; i += 1) {
      const res = await app.call({
        method: 'POST',
        url: '/api/v1/auth/login',
        ip: '127.0.0.1',
        // The proxy appends the address it saw (198.51.100.7); the client wrote a new fake one each time.
        headers: { 'x-forwarded-for': `10.0.${i}.1, 198.51.100.7` },
        body: { email: `user${i}@example.com`, password: 'wrong password here' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, IP_POLICY.maxAttempts).every((s) => s === 401)).toBe(true);
    expect(statuses[IP_POLICY.maxAttempts]).toBe(429);
  });

  it('sends HSTS only over HTTPS from a trusted proxy, and a Permissions-Policy always', async () => {
    const app = await start({ trustProxy: ['127.0.0.1'] });
    const plain = await app.call({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['permissions-policy']).toContain('camera=()');
    const tls = await app.call({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const untrusted = await app.call({
      method: 'GET',
      url: '/api/health',
      ip: '192.0.2.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });

  it('needs a login for the API docs unless BIZDASH_PUBLIC_API_DOCS opens them', async () => {
    const app = await start();
    expect((await app.call({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(401);
    expect((await app.call({ method: 'GET', url: '/api/docs' })).statusCode).toBe(401);
    expect((await app.call({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    const { token } = await app.login();
    expect((await app.call({ method: 'GET', url: '/api/openapi.json', token })).statusCode).toBe(200);
    await app.close();
    t = undefined;

    const open = await start({ publicApiDocs: true });
    expect((await open.call({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    expect([200, 302]).toContain((await open.call({ method: 'GET', url: '/api/docs' })).statusCode);
  });
});
