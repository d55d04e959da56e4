import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/http/app';
import { fixedClock } from '../../src/platform/clock';
import { deriveKeys } from '../../src/platform/security/secrets';
import { makeServices, type Services } from '../../src/services';
import { makeLocalDiskStorage } from '../../src/platform/storage/local-disk-storage';
import { createTestDatabase, type TestDatabase } from './test-db';

export const OWNER = { name: 'Asha Rao', email: 'asha@example.com', password: 'correct horse battery' };
export const BUSINESS = { name: 'Rao Traders', stateCode: '27' };

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  testDb: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
  /** Sends a request; `token` adds a bearer header. */
  call(options: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    token?: string;
    body?: unknown;
    cookies?: Record<string, string>;
    ip?: string;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse>;
  /** Runs first-run setup with OWNER and BUSINESS. */
  setup(): Promise<void>;
  /** Logs in and returns the access token and the refresh cookie. */
  login(email?: string, password?: string): Promise<{ token: string; refresh: string; userId: number }>;
  /** Creates a user through the API as `asToken` and returns its id. */
  createUser(
    asToken: string,
    input: { name: string; email: string; role: string; password?: string; partnerPartyId?: number },
  ): Promise<number>;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The real app on a fresh real database, driven through Fastify's inject (no sockets). */
export async function createTestApp(
  options: {
    logger?: FastifyServerOptions['logger'];
    uploadMaxBytes?: number;
    trustProxy?: AppOptions['trustProxy'];
    publicApiDocs?: boolean;
  } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = fixedClock(new Date('2026-11-23T04:30:00.000Z'));
  // Uploads go to the test's own temp data dir, removed with it.
  const services = makeServices({
    database: testDb.database,
    clock,
    keys: deriveKeys(TEST_SECRET),
    storage: makeLocalDiskStorage(testDb.location.dataDir),
    uploadMaxBytes: options.uploadMaxBytes,
    dataDir: testDb.location.dataDir,
    databaseUrl: testDb.location.url,
  });
  const app = await buildApp({
    services,
    version: 'test',
    logger: options.logger,
    trustProxy: options.trustProxy,
    publicApiDocs: options.publicApiDocs,
  });
  await app.ready();

  const call: TestApp['call'] = async ({ method, url, token, body, cookies, ip, headers }) =>
    app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as object } : {}),
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(cookies ? { cookies } : {}),
      remoteAddress: ip ?? '127.0.0.1',
    });

  const testApp: TestApp = {
    app,
    services,
    testDb,
    clock,
    call,
    close: async () => {
      await app.close();
      await testDb.cleanup();
    },
    setup: async () => {
      const res = await call({ method: 'POST', url: '/api/v1/setup', body: { owner: OWNER, business: BUSINESS } });
      if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
    },
    login: async (email = OWNER.email, password = OWNER.password) => {
      const res = await call({ method: 'POST', url: '/api/v1/auth/login', body: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const refresh = res.cookies.find((c) => c.name === 'bizdash_rt');
      if (!refresh) throw new Error('no refresh cookie');
      const json = res.json<{ accessToken: string; user: { id: number } }>();
      return { token: json.accessToken, refresh: refresh.value, userId: json.user.id };
    },
    createUser: async (asToken, input) => {
      const res = await call({
        method: 'POST',
        url: '/api/v1/users',
        token: asToken,
        body: { password: 'staff password 123', ...input },
      });
      if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
      return res.json<{ id: number }>().id;
    },
  };
  return testApp;
}
