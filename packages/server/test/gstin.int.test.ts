import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { buildApp } from '../src/http/app';
import { makeHttpGstinLookup } from '../src/contexts/parties/gstin/gstin-lookup';
import type { GstinLookupProvider } from '../src/contexts/parties/gstin/gstin-lookup';
import { fixedClock } from '../src/platform/clock';
import { deriveKeys } from '../src/platform/security/secrets';
import { makeServices } from '../src/services';
import { startFakeGstinProvider, type FakeGstinProvider } from './support/fake-gstin-provider';
import { BUSINESS, OWNER, TEST_SECRET } from './support/test-app';
import { createTestDatabase, testDialect, type TestDatabase } from './support/test-db';

function gstin(first14: string): string {
  return first14 + gstinCheckChar(first14);
}
const GOOD = gstin('27AAPFU0939F1Z');
const SLOW = gstin('29AABCT3518Q1Z');
const FAILING = gstin('07AAACR5055K1Z');

interface Harness {
  app: FastifyInstance;
  testDb: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  token: string;
  /** A fresh access token (after moving the clock past the old one's expiry). */
  login(): Promise<string>;
  get(url: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function startApp(lookup?: GstinLookupProvider): Promise<Harness> {
  const testDb = await createTestDatabase();
  const clock = fixedClock(new Date('2026-11-23T04:30:00.000Z'));
  const services = makeServices({
    database: testDb.database,
    clock,
    keys: deriveKeys(TEST_SECRET),
    gstinLookup: lookup,
  });
  const app = await buildApp({ services, version: 'test' });
  await app.ready();
  await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { owner: OWNER, business: BUSINESS } });
  const login = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: OWNER.email, password: OWNER.password },
    });
    return res.json<{ accessToken: string }>().accessToken;
  };
  const token = await login();
  const get: Harness['get'] = async (url, as = token) => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${as}` } });
    return { status: res.statusCode, body: res.json() };
  };
  return {
    app,
    testDb,
    clock,
    token,
    login,
    get,
    close: async () => {
      await app.close();
      await testDb.cleanup();
    },
  };
}

describe(`GSTIN check (${testDialect()})`, () => {
  describe('offline (no provider configured)', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startApp();
    });
    afterEach(async () => h.close());

    it('validates a GSTIN and reads its state and PAN', async () => {
      const res = await h.get(`/api/v1/gstin/${GOOD.toLowerCase()}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        valid: true,
        normalized: GOOD,
        kind: 'regular',
        stateCode: '27',
        stateName: expect.stringMatching(/maharashtra/i),
        pan: GOOD.slice(2, 12),
        errors: [],
      });
      expect(res.body.registration).toBeUndefined();
      expect(res.body.lookupError).toBeUndefined();
    });

    it('explains an invalid GSTIN with error codes', async () => {
      const broken = GOOD.slice(0, 14) + (GOOD.endsWith('A') ? 'B' : 'A');
      const res = await h.get(`/api/v1/gstin/${broken}`);
      expect(res.status).toBe(200);
      expect(res.body.valid).toBe(false);
      expect(res.body.errors).toEqual([expect.objectContaining({ code: 'CHECKSUM' })]);
      const short = await h.get('/api/v1/gstin/27ABC');
      expect(short.body.errors).toEqual([expect.objectContaining({ code: 'LENGTH' })]);
    });

    it('needs a signed-in user with parties.read', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/gstin/${GOOD}` });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('with a lookup provider', () => {
    let fake: FakeGstinProvider;
    let h: Harness;
    beforeAll(async () => {
      fake = await startFakeGstinProvider({ slow: [SLOW], failing: [FAILING], slowMs: 2000 });
    });
    afterAll(async () => fake.close());
    beforeEach(async () => {
      fake.requests.length = 0;
      h = await startApp(makeHttpGstinLookup({ baseUrl: fake.url, apiKey: 'k-123', timeoutMs: 300 }));
    });
    afterEach(async () => h.close());

    it('fills registered details from the provider, then from the cache without calling it again', async () => {
      const first = await h.get(`/api/v1/gstin/${GOOD}`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        valid: true,
        registration: {
          legalName: expect.any(String),
          tradeName: expect.any(String),
          address: expect.any(String),
          status: 'Active',
          registrationType: 'Regular',
        },
        lookup: { source: 'provider' },
      });
      expect(fake.requests).toEqual([GOOD]);
      expect(fake.keys).toContain('k-123');

      const second = await h.get(`/api/v1/gstin/${GOOD}`);
      expect(second.body).toMatchObject({ registration: first.body.registration, lookup: { source: 'cache' } });
      expect(fake.requests).toEqual([GOOD]);
    });

    it('asks the provider again once the cached answer is over 30 days old', async () => {
      await h.get(`/api/v1/gstin/${GOOD}`);
      h.clock.advance(29 * 86_400_000);
      expect((await h.get(`/api/v1/gstin/${GOOD}`, await h.login())).body.lookup).toMatchObject({ source: 'cache' });
      h.clock.advance(2 * 86_400_000);
      const refreshed = await h.get(`/api/v1/gstin/${GOOD}`, await h.login());
      expect(refreshed.body.lookup).toMatchObject({ source: 'provider' });
      expect(fake.requests).toEqual([GOOD, GOOD]);
    });

    it('does not call the provider for an invalid number', async () => {
      const res = await h.get('/api/v1/gstin/27AAPFU0939F1ZZ');
      expect(res.body.valid).toBe(false);
      expect(fake.requests).toEqual([]);
    });

    it('degrades to offline validation with a note when the provider times out', async () => {
      const started = Date.now();
      const res = await h.get(`/api/v1/gstin/${SLOW}`);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        valid: true,
        stateCode: '29',
        lookupError: expect.stringMatching(/did not answer/),
      });
      expect(res.body.registration).toBeUndefined();
    });

    it('degrades to offline validation with a note when the provider fails with 500, and caches nothing', async () => {
      const res = await h.get(`/api/v1/gstin/${FAILING}`);
      expect(res.body).toMatchObject({ valid: true, lookupError: expect.any(String) });
      await h.get(`/api/v1/gstin/${FAILING}`);
      expect(fake.requests.filter((g) => g === FAILING)).toHaveLength(2);
    });
  });
});
