import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '@bizdash/domain/permissions';
import { buildApp } from '../src/http/app';
import { isUndeclaredSurface } from '../src/platform/http/route-config';
import { LOG_REDACT } from '../src/main';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

describe(`logging (${testDialect()})`, () => {
  it('never writes passwords or tokens to the log', async () => {
    const { Writable } = await import('node:stream');
    let logged = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        logged += chunk.toString();
        done();
      },
    });
    const t = await createTestApp({
      logger: { level: 'trace', stream, redact: { paths: LOG_REDACT, censor: '[redacted]' } },
    });
    try {
      await t.setup();
      const { token, refresh } = await t.login();
      await t.call({ method: 'GET', url: '/api/v1/me', token });
      await t.call({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { bizdash_rt: refresh } });
      await t.call({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email: 'asha@example.com', password: 'wrong secret pw' },
      });
      expect(logged).toContain('/api/v1/me');
      for (const secret of ['correct horse battery', 'wrong secret pw', token, refresh])
        expect(logged).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});

describe(`HTTP surface (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('declares an access rule on every registered API route', () => {
    const api = t.app.routeTable.filter((r) => !isUndeclaredSurface(r.url));
    expect(api.length).toBeGreaterThan(15);
    const undeclared = api.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    // Only documented plugin pages (API docs, the web app) go without a declaration.
    const others = t.app.routeTable.filter((r) => isUndeclaredSurface(r.url)).map((r) => r.url);
    for (const url of others) expect(url.startsWith('/api/docs') || !url.startsWith('/api')).toBe(true);
  });

  it('refuses to register an API route without a declaration', async () => {
    const fresh = await buildApp({ services: t.services, version: 'test' });
    expect(() => fresh.get('/api/v1/undeclared', async () => ({ ok: true }))).toThrow(/declares no access/);
    await fresh.close();
  });

  it('uses only known actions in route declarations', () => {
    const known: unknown[] = [...ACTIONS, 'public', 'authenticated'];
    for (const route of t.app.routeTable) {
      if (route.access !== undefined) expect(known, `${route.method} ${route.url}`).toContain(route.access);
    }
    // The public surface of the admin API is exactly this; anything new here needs a deliberate decision.
    const publicUrls = new Set(t.app.routeTable.filter((r) => r.access === 'public').map((r) => r.url));
    expect([...publicUrls].sort()).toEqual([
      '/api/health',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/refresh',
      '/api/v1/auth/session',
      '/api/v1/setup',
      // Loads the demo firm instead of an empty one; answers 409 once setup is done, like setup itself.
      '/api/v1/setup/demo',
    ]);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404, title: 'Not found' });
  });

  it('reports health with the dialect and version', async () => {
    const res = await t.call({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: testDialect(), version: 'test' });
  });

  it('publishes OpenAPI generated from the contracts', async () => {
    // The map of the API needs a login (BIZDASH_PUBLIC_API_DOCS opens it; see auth-hardening.int.test.ts).
    await t.setup();
    const { token } = await t.login();
    const res = await t.call({ method: 'GET', url: '/api/openapi.json', token });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/audit']),
    );
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'email',
    );
    const docs = await t.call({ method: 'GET', url: '/api/docs', token });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('sends security headers, a request id, and no CORS permission', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example', 'x-request-id': 'abc-123' },
    });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('turns malformed JSON and oversized bodies into 4xx problems, never 500', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');

    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.statusCode).toBe(415);
  });
});
