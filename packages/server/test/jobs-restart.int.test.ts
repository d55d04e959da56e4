import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSINESS, OWNER, TEST_SECRET } from './support/test-app';
import { createTestDatabase, testDialect, type TestDatabase } from './support/test-db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The real server process (tsx of the sources, the same entry as the bundle) against the test's database. SIGKILL
 * gives it no chance to clean up: what survives is what was committed.
 */
describe(`durable jobs across a killed server (${testDialect()})`, () => {
  let testDb: TestDatabase;
  let receiver: Server;
  let receiverUrl: string;
  const received: string[] = [];
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    testDb = await createTestDatabase();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await testDb.cleanup();
  });

  async function startServer(worker: 'on' | 'off') {
    const port = await freePort();
    const output: string[] = [];
    // One process (tsx as a loader, not its CLI, which would run the server in a child the kill would miss).
    const proc = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli-main.ts', 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        BIZDASH_DATA_DIR: testDb.location.dataDir,
        ...(testDb.location.url ? { DATABASE_URL: testDb.location.url } : {}),
        BIZDASH_SECRET: TEST_SECRET,
        BIZDASH_WORKER: worker,
        BIZDASH_WEB_DIR: testDb.location.dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    proc.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child = proc;
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`server exited: ${output.join('')}`);
        return fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      90_000,
      'the server to answer',
    );
    return { proc, base };
  }

  async function json<T>(base: string, url: string, init: { method?: string; token?: string; body?: unknown } = {}) {
    const res = await fetch(`${base}${url}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  it('completes a sync job left pending by a SIGKILLed server with exactly one delivery', async () => {
    const first = await startServer('off');
    await json(first.base, '/api/v1/setup', { method: 'POST', body: { owner: OWNER, business: BUSINESS } });
    const { accessToken: token } = await json<{ accessToken: string }>(first.base, '/api/v1/auth/login', {
      method: 'POST',
      body: { email: OWNER.email, password: OWNER.password },
    });
    await json(first.base, '/api/v1/sync/targets', {
      method: 'POST',
      token,
      body: {
        kind: 'webhook',
        name: 'Restart hook',
        events: ['party.created'],
        config: { url: receiverUrl, secret: 'restart-secret-0123456789' },
      },
    });
    await json(first.base, '/api/v1/parties', {
      method: 'POST',
      token,
      body: { name: 'Survivor Traders', roles: ['client'] },
    });
    const pending = await testDb.database.db.selectFrom('jobs').select(['type', 'state']).execute();
    expect(pending).toEqual([{ type: 'sync.deliver', state: 'queued' }]);

    first.proc.kill('SIGKILL');
    await waitFor(() => first.proc.exitCode !== null || first.proc.signalCode !== null, 10_000, 'the kill');
    expect(received).toHaveLength(0);

    await startServer('on');
    await waitFor(() => received.length >= 1, 20_000, 'the delivery');
    await waitFor(
      async () => {
        const row = await testDb.database.db.selectFrom('jobs').select('state').executeTakeFirst();
        return row?.state === 'done';
      },
      10_000,
      'the job to finish',
    );
    // Give a duplicate every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toMatchObject({ type: 'party.created', data: { name: 'Survivor Traders' } });
  }, 240_000);
});
