import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, pdfBytes } from './orders-factories';
import { startTestS3, type TestS3 } from './support/s3-server';
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

interface Delivery {
  eventId: string;
  body: { id: number; type: string; entityId: string };
}

interface ServerProcess {
  name: string;
  proc: ChildProcess;
  base: string;
  publicBase: string;
  dataDir: string;
}

/**
 * The scale-out deployment of docs/deployment.md in miniature: two real server processes (tsx of the sources, as in
 * jobs-restart.int.test.ts), each with a data dir of its own as on two hosts, sharing one PostgreSQL database, one
 * S3 store (s3rver) and BIZDASH_SECRET, both running the job worker. Writes alternate between them as a round-robin
 * proxy would send them, and one is SIGKILLed in the middle of the load. SQLite is one file on one host: it has no
 * second server to test, so the file runs in the postgres project only.
 */
describe.skipIf(testDialect() !== 'postgres')(
  'two servers on one PostgreSQL (postgres only: SQLite is single-host)',
  () => {
    let testDb: TestDatabase;
    let s3: TestS3;
    let receiver: Server;
    let receiverUrl: string;
    const deliveries: Delivery[] = [];
    const children: ChildProcess[] = [];
    const dirs: string[] = [];
    const s3Prefix = `two-servers-${randomBytes(4).toString('hex')}/`;

    beforeAll(async () => {
      [testDb, s3] = await Promise.all([createTestDatabase(), startTestS3()]);
      // A slightly slow receiver, so the worker that is killed is likely to be holding deliveries in flight.
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          deliveries.push({
            eventId: String(req.headers['x-bizdash-event-id']),
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Delivery['body'],
          });
          setTimeout(() => res.end('ok'), 20);
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    });
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await Promise.all(
        children.map((c) =>
          c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)),
        ),
      );
      await s3?.stop();
      await testDb?.cleanup();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    async function startServer(name: string): Promise<ServerProcess> {
      const [port, publicPort] = [await freePort(), await freePort()];
      const dataDir = mkdtempSync(path.join(tmpdir(), `bizdash-${name}-`));
      dirs.push(dataDir);
      const s3Options = s3.options(s3Prefix);
      const output: string[] = [];
      const proc = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli-main.ts', 'start'], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_PORT: String(publicPort),
          PUBLIC_HOST: '127.0.0.1',
          BIZDASH_DATA_DIR: dataDir,
          DATABASE_URL: testDb.location.url ?? '',
          BIZDASH_SECRET: TEST_SECRET,
          BIZDASH_WORKER: 'on',
          BIZDASH_WEB_DIR: dataDir,
          BIZDASH_S3_BUCKET: s3Options.bucket,
          BIZDASH_S3_ENDPOINT: s3Options.endpoint ?? '',
          BIZDASH_S3_REGION: s3Options.region,
          BIZDASH_S3_ACCESS_KEY_ID: s3Options.credentials?.accessKeyId ?? '',
          BIZDASH_S3_SECRET_ACCESS_KEY: s3Options.credentials?.secretAccessKey ?? '',
          BIZDASH_S3_FORCE_PATH_STYLE: 'true',
          BIZDASH_S3_PREFIX: s3Prefix,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      proc.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      children.push(proc);
      const base = `http://127.0.0.1:${port}`;
      await waitFor(
        async () => {
          if (proc.exitCode !== null) throw new Error(`server ${name} exited: ${output.join('')}`);
          return fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          );
        },
        45_000,
        `server ${name} to answer`,
      );
      return { name, proc, base, publicBase: `http://127.0.0.1:${publicPort}`, dataDir };
    }

    async function call(
      server: ServerProcess,
      url: string,
      init: { method?: string; token?: string; body?: unknown } = {},
    ): Promise<Response> {
      return fetch(`${server.base}${url}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    }

    async function json<T>(server: ServerProcess, url: string, init: Parameters<typeof call>[2] = {}): Promise<T> {
      const res = await call(server, url, init);
      const text = await res.text();
      if (!res.ok) throw new Error(`${server.name} ${init.method ?? 'GET'} ${url}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    }

    it('shares files, sessions, limits and the job queue, and loses nothing when one is SIGKILLed mid-load', async () => {
      const [a, b] = await Promise.all([startServer('a'), startServer('b')]);

      // ---- One secret: a token issued by A is accepted by B.
      await json(a, '/api/v1/setup', { method: 'POST', body: { owner: OWNER, business: BUSINESS } });
      const { accessToken: owner } = await json<{ accessToken: string }>(a, '/api/v1/auth/login', {
        method: 'POST',
        body: { email: OWNER.email, password: OWNER.password },
      });
      expect((await call(b, '/api/v1/me', { token: owner })).status).toBe(200);

      // ---- A file uploaded through A downloads through B (S3, not either server's disk).
      const docType = await json<{ id: number }>(a, '/api/v1/document-types', {
        method: 'POST',
        token: owner,
        body: { name: 'PAN Card' },
      });
      const orderType = await json<{ id: number }>(b, '/api/v1/order-types', {
        method: 'POST',
        token: owner,
        body: {
          name: 'Share Transfer',
          requiredDocumentTypeIds: [docType.id],
          defaultFee: '15000',
          turnaroundDays: 10,
        },
      });
      const client = await json<{ id: number }>(a, '/api/v1/parties', {
        method: 'POST',
        token: owner,
        body: { name: 'Meera Iyer', roles: ['client'] },
      });
      const order = await json<{ id: number }>(b, '/api/v1/orders', {
        method: 'POST',
        token: owner,
        body: { title: 'Transfer of 500 shares', clientId: client.id, orderTypeId: orderType.id },
      });
      const [doc] = (
        await json<{ items: { id: number }[] }>(a, `/api/v1/orders/${order.id}/documents`, { token: owner })
      ).items;
      const content = pdfBytes(`uploaded through A ${randomBytes(8).toString('hex')}`);
      const form = multipart([{ filename: 'pan.pdf', content, contentType: 'application/pdf' }]);
      const uploaded = await fetch(`${a.base}/api/v1/orders/${order.id}/documents/${doc!.id}/files`, {
        method: 'POST',
        headers: { ...form.headers, authorization: `Bearer ${owner}` },
        body: form.body,
      });
      expect(uploaded.status).toBe(201);
      const { currentFile } = (await uploaded.json()) as { currentFile: { downloadUrl: string } };
      const downloaded = await fetch(`${b.base}${currentFile.downloadUrl}`, {
        headers: { authorization: `Bearer ${owner}` },
      });
      expect(downloaded.status).toBe(200);
      expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(content);
      expect((await s3.keys(s3Prefix)).filter((k) => k.endsWith('.pdf'))).toHaveLength(1);
      expect(existsSync(path.join(a.dataDir, 'uploads'))).toBe(false);

      // ---- A user disabled through A is refused by B at once, though B has verified (and cached) the token.
      const staff = { name: 'Ravi Staff', email: 'ravi@example.com', role: 'staff', password: 'staff password 123' };
      const { id: staffId } = await json<{ id: number }>(a, '/api/v1/users', {
        method: 'POST',
        token: owner,
        body: staff,
      });
      const { accessToken: staffToken } = await json<{ accessToken: string }>(b, '/api/v1/auth/login', {
        method: 'POST',
        body: { email: staff.email, password: staff.password },
      });
      expect((await call(b, '/api/v1/me', { token: staffToken })).status).toBe(200);
      await json(a, `/api/v1/users/${staffId}`, { method: 'PATCH', token: owner, body: { isActive: false } });
      expect((await call(b, '/api/v1/me', { token: staffToken })).status).toBe(401);
      expect((await call(a, '/api/v1/me', { token: staffToken })).status).toBe(401);

      // ---- Limits are counted once for the installation, not once per process.
      // Login: 5 attempts per account and address in 15 minutes, whichever server they reach.
      const guesses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await call(i % 2 === 0 ? a : b, '/api/v1/auth/login', {
          method: 'POST',
          body: { email: 'nobody@example.com', password: `guess number ${i}` },
        });
        guesses.push(res.status);
      }
      expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
      // Contact form: 5 per address in 10 minutes; in-memory counters would let 5 through each server.
      const contacts: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${(i % 2 === 0 ? a : b).publicBase}/public/contact`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Visitor ${i}`, email: `visitor${i}@example.org`, message: 'Please call' }),
        });
        contacts.push(res.status);
      }
      expect(contacts).toEqual([201, 201, 201, 201, 201, 429]);

      // ---- Load: webhook deliveries for every party created, writes alternating A/B, B killed half way.
      await json(b, '/api/v1/sync/targets', {
        method: 'POST',
        token: owner,
        body: {
          kind: 'webhook',
          name: 'Two servers hook',
          events: ['party.created'],
          config: { url: receiverUrl, secret: 'two-servers-secret-0123456789' },
        },
      });
      // Events raised before the target existed have no delivery; the load's events come after this one.
      const before = await testDb.database.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const firstLoadEvent = Number(before.id ?? 0) + 1;
      const TOTAL = 80;
      const KILL_AT = 40;
      const acknowledged = new Map<number, string>();
      let sent = 0;
      let killed = false;
      let bLeases: { id: number; payload: string }[] = [];
      const killB = async () => {
        killed = true;
        b.proc.kill('SIGKILL');
        await waitFor(() => b.proc.exitCode !== null || b.proc.signalCode !== null, 10_000, 'the kill');
        // What B's worker held when it died: claimed, perhaps delivered, outcome never written. The queue redelivers
        // these after the visibility timeout (5 minutes); moving their leases' end to now stands in for the wait.
        const lockedByB = `%:${b.proc.pid}:%`;
        bLeases = (
          await testDb.database.db
            .selectFrom('jobs')
            .select(['id', 'payload'])
            .where('state', '=', 'running')
            .where('locked_by', 'like', lockedByB)
            .execute()
        ).map((j) => ({ id: Number(j.id), payload: j.payload }));
        await testDb.database.db
          .updateTable('jobs')
          .set({ locked_until: new Date().toISOString() })
          .where('state', '=', 'running')
          .where('locked_by', 'like', lockedByB)
          .execute();
      };
      // Four clients at a time; once B is gone the "proxy" sends everything to A, and a write B never answered is
      // not acknowledged (it may or may not have committed; either way its event must be delivered if it did).
      async function writer() {
        for (;;) {
          const n = sent++;
          if (n >= TOTAL) return;
          if (n === KILL_AT) await killB();
          const target = !killed && n % 2 === 1 ? b : a;
          const name = `Load Party ${String(n).padStart(3, '0')}`;
          try {
            const res = await call(target, '/api/v1/parties', {
              method: 'POST',
              token: owner,
              body: { name, roles: ['client'] },
            });
            if (res.status === 201) acknowledged.set(((await res.json()) as { id: number }).id, name);
            else expect.fail(`${target.name} answered ${res.status}: ${await res.text()}`);
          } catch (error) {
            if (target !== b || !killed) throw error;
          }
        }
      }
      await Promise.all(Array.from({ length: 4 }, () => writer()));
      expect(killed).toBe(true);
      expect(acknowledged.size).toBeGreaterThanOrEqual(TOTAL - 4);

      // No acknowledged write is lost.
      const stored = await testDb.database.db
        .selectFrom('parties')
        .select(['id', 'name'])
        .where('id', 'in', [...acknowledged.keys()])
        .execute();
      expect(new Map(stored.map((p) => [Number(p.id), p.name]))).toEqual(acknowledged);

      // Every event (of every committed write, acknowledged or not) reaches the receiver.
      const events = await testDb.database.db
        .selectFrom('events')
        .select(['id', 'entity_id'])
        .where('type', '=', 'party.created')
        .where('id', '>=', firstLoadEvent)
        .execute();
      const loadPartyIds = new Set([...acknowledged.keys()].map(String));
      expect(events.filter((e) => loadPartyIds.has(e.entity_id))).toHaveLength(acknowledged.size);
      const eventIds = events.map((e) => String(e.id));
      await waitFor(
        async () => {
          const jobs = await testDb.database.db
            .selectFrom('jobs')
            .select('state')
            .where('type', '=', 'sync.deliver')
            .execute();
          return jobs.length === events.length && jobs.every((j) => j.state === 'done');
        },
        20_000,
        'every delivery job to finish',
      );
      // Give a late duplicate every chance to show up.
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      const jobs = await testDb.database.db
        .selectFrom('jobs')
        .select(['id', 'payload', 'state', 'attempts'])
        .where('type', '=', 'sync.deliver')
        .execute();
      const heldByB = new Set(bLeases.map((j) => j.id));
      const eventOfJob = (payload: string) => String((JSON.parse(payload) as { eventId: number }).eventId);
      const eventsHeldByB = new Set(bLeases.map((j) => eventOfJob(j.payload)));
      // Exactly one job per event, each run once, except those B held when it died (run again after its lease).
      expect(jobs.map((j) => eventOfJob(j.payload)).sort()).toEqual([...eventIds].sort());
      for (const job of jobs) expect(job.attempts).toBe(heldByB.has(Number(job.id)) ? 2 : 1);

      const byEvent = new Map<string, Delivery[]>();
      for (const d of deliveries) byEvent.set(d.eventId, [...(byEvent.get(d.eventId) ?? []), d]);
      expect([...byEvent.keys()].sort()).toEqual([...eventIds].sort());
      for (const [eventId, received] of byEvent) {
        // Exactly once, unless B was killed between delivering and recording it: then at least once, with the same
        // event id in the header and body so the receiver can drop the repeat.
        if (eventsHeldByB.has(eventId)) expect(received.length).toBeGreaterThanOrEqual(1);
        else expect(received, `deliveries of event ${eventId}`).toHaveLength(1);
        for (const d of received) expect(String(d.body.id)).toBe(eventId);
        expect(new Set(received.map((d) => JSON.stringify(d.body))).size).toBe(1);
      }
      expect(deliveries.length - eventIds.length).toBeLessThanOrEqual(bLeases.length);

      // A carries on alone: reads and writes still work after its peer died.
      expect((await call(a, `/api/v1/orders/${order.id}/documents`, { token: owner })).status).toBe(200);
    }, 90_000);
  },
);
