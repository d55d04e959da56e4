import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const SECRET = 'whsec-0123456789abcdef';

interface Received {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  signatureValid: boolean;
}

/**
 * A webhook receiver on 127.0.0.1 that checks the signature the way a customer's endpoint would, with its own
 * HMAC code (not BizDash's), and answers `status()`.
 */
async function startReceiver(secret: string) {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = String(req.headers['x-bizdash-signature'] ?? '');
      const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
      const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
      const given = Buffer.from(parts.v1 ?? '', 'hex');
      const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ body, headers: req.headers, signatureValid });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/bizdash`,
    received,
    setStatus: (s: number) => {
      status = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(`webhook sync targets (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    token = (await t.login()).token;
    receiver = await startReceiver(SECRET);
  });
  afterEach(async () => {
    await receiver.close();
    await t.close();
  });

  async function createTarget(body: Record<string, unknown> = {}) {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/sync/targets',
      token,
      body: {
        kind: 'webhook',
        name: 'Accounts hook',
        events: ['party.created', 'party.updated'],
        config: { url: receiver.url, secret: SECRET },
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; config: Record<string, unknown> }>();
  }

  async function createParty(name: string) {
    const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { name, roles: ['client'] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>();
  }

  const runJobs = () => t.services.jobs.queue.drain();

  it('delivers a signed event, logs the delivery and marks the record synced', async () => {
    const target = await createTarget();
    // The secret is write-only.
    expect(target.config).toEqual({ url: receiver.url, hasSecret: true });
    const listed = await t.call({ method: 'GET', url: '/api/v1/sync/targets', token });
    expect(listed.body).not.toContain(SECRET);
    const stored = await t.services.database.db.selectFrom('sync_targets').select('config').executeTakeFirstOrThrow();
    expect(stored.config).not.toContain(SECRET);

    const party = await createParty('Mehta Exports');
    // Nothing is sent inside the request: the delivery waits in the queue.
    expect(receiver.received).toHaveLength(0);
    expect(await runJobs()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.headers['x-bizdash-event']).toBe('party.created');
    const body = JSON.parse(delivery!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'party.created', entity: 'party', entityId: String(party.id) });
    expect(body.data).toMatchObject({ name: 'Mehta Exports' });
    expect(delivery!.headers['x-bizdash-event-id']).toBe(String(body.id));
    // The timestamp signed is the request's (fixed test clock), in seconds.
    const t0 = Math.floor(t.clock.now().getTime() / 1000);
    expect(String(delivery!.headers['x-bizdash-signature'])).toMatch(new RegExp(`^t=${t0},v1=[0-9a-f]{64}$`));

    const records = await t.call({ method: 'GET', url: `/api/v1/sync/targets/${target.id}/records`, token });
    expect(records.json()).toMatchObject({
      total: 1,
      items: [
        {
          entity: 'party',
          entityId: String(party.id),
          state: 'synced',
          attempts: 1,
          lastError: null,
          lastEventType: 'party.created',
        },
      ],
    });
    const log = await t.call({ method: 'GET', url: `/api/v1/sync/targets/${target.id}/deliveries`, token });
    expect(log.json()).toMatchObject({ total: 1, items: [{ status: 200, ok: true, attempt: 1, replay: false }] });
  });

  it('a tampered body or wrong secret fails verification at the receiver', async () => {
    await createTarget({ config: { url: receiver.url, secret: 'a-different-secret-123' } });
    await createParty('Wrong Secret Ltd');
    await runJobs();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signatureValid).toBe(false);
  });

  it('retries a failing endpoint with backoff, shows the failure, then succeeds; the business write stands', async () => {
    const target = await createTarget();
    receiver.setStatus(500);
    const party = await createParty('Failing Hook Traders');
    await runJobs();
    // The party was created whatever the endpoint does.
    const got = await t.call({ method: 'GET', url: `/api/v1/parties/${party.id}`, token });
    expect(got.statusCode).toBe(200);

    const records = await t.call({
      method: 'GET',
      url: `/api/v1/sync/targets/${target.id}/records?state=failed`,
      token,
    });
    expect(records.json()).toMatchObject({ total: 1, items: [{ state: 'failed', attempts: 1 }] });
    expect(records.json<{ items: { lastError: string }[] }>().items[0]!.lastError).toContain('HTTP 500');
    const failed = await t.call({ method: 'GET', url: '/api/v1/jobs?state=failed', token });
    expect(failed.json()).toMatchObject({ total: 1, items: [{ type: 'sync.deliver', attempts: 1 }] });
    expect(failed.json<{ items: { lastError: string }[] }>().items[0]!.lastError).toContain('HTTP 500');

    // Before the backoff has passed nothing is retried; after it, the delivery goes through.
    expect(await runJobs()).toBe(0);
    receiver.setStatus(200);
    t.clock.advance(60_000);
    expect(await runJobs()).toBe(1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    const log = await t.call({ method: 'GET', url: `/api/v1/sync/targets/${target.id}/deliveries`, token });
    expect(log.json()).toMatchObject({
      total: 2,
      items: [
        { attempt: 2, status: 200, ok: true },
        { attempt: 1, status: 500, ok: false },
      ],
    });
    const after = await t.call({ method: 'GET', url: `/api/v1/sync/targets/${target.id}/records`, token });
    expect(after.json()).toMatchObject({ items: [{ state: 'synced', attempts: 2, lastError: null }] });
    expect(await t.call({ method: 'GET', url: '/api/v1/jobs/counts', token }).then((r) => r.json())).toMatchObject({
      failed: 0,
      done: 1,
    });
  });

  it('replays a delivery on request, and the Jobs API retries a dead job', async () => {
    const target = await createTarget();
    await createParty('Replay Co');
    await runJobs();
    const log = await t.call({ method: 'GET', url: `/api/v1/sync/targets/${target.id}/deliveries`, token });
    const deliveryId = log.json<{ items: { id: number }[] }>().items[0]!.id;
    const replay = await t.call({
      method: 'POST',
      url: `/api/v1/sync/targets/${target.id}/deliveries/${deliveryId}/replay`,
      token,
    });
    expect(replay.statusCode, replay.body).toBe(202);
    await runJobs();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    const after = await t.call({ method: 'GET', url: `/api/v1/sync/targets/${target.id}/deliveries`, token });
    expect(after.json()).toMatchObject({
      total: 2,
      items: [{ replay: true, ok: true, attempt: 2 }, { replay: false }],
    });

    // A job that used every attempt waits on the Dead tab until an admin retries it.
    receiver.setStatus(503);
    await createParty('Dead Letter Ltd');
    await t.services.database.db.updateTable('jobs').set({ max_attempts: 1 }).where('state', '=', 'queued').execute();
    await runJobs();
    const dead = await t.call({ method: 'GET', url: '/api/v1/jobs?state=dead', token });
    const deadJob = dead.json<{ items: { id: number; lastError: string }[] }>().items[0]!;
    expect(deadJob.lastError).toContain('HTTP 503');
    receiver.setStatus(200);
    const retried = await t.call({ method: 'POST', url: `/api/v1/jobs/${deadJob.id}/retry`, token });
    expect(retried.json()).toMatchObject({ state: 'queued', attempts: 0 });
    await runJobs();
    expect(receiver.received.at(-1)!.body).toContain('Dead Letter Ltd');
    const job = await t.call({ method: 'GET', url: `/api/v1/jobs/${deadJob.id}`, token });
    expect(job.json()).toMatchObject({ state: 'done' });
    const again = await t.call({ method: 'POST', url: `/api/v1/jobs/${deadJob.id}/retry`, token });
    expect(again.statusCode).toBe(409);
  });

  it('validates target input, keeps the secret on update, and stops delivering when inactive', async () => {
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/sync/targets',
      token,
      body: { kind: 'webhook', name: 'x', events: ['party.created'], config: { url: 'ftp://nope', secret: SECRET } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('config.url');

    const target = await createTarget();
    const renamed = await t.call({
      method: 'PATCH',
      url: `/api/v1/sync/targets/${target.id}`,
      token,
      body: { name: 'Renamed hook', config: { url: `${receiver.url}?v=2` } },
    });
    expect(renamed.json()).toMatchObject({
      name: 'Renamed hook',
      config: { url: `${receiver.url}?v=2`, hasSecret: true },
    });
    await createParty('Still Signed Ltd');
    await runJobs();
    expect(receiver.received[0]!.signatureValid).toBe(true);

    await t.call({ method: 'PATCH', url: `/api/v1/sync/targets/${target.id}`, token, body: { isActive: false } });
    await createParty('Not Sent Ltd');
    await runJobs();
    expect(receiver.received).toHaveLength(1);

    // Staff without settings.manage cannot see targets.
    await t.createUser(token, { name: 'Sam Staff', email: 'sam@example.com', role: 'staff' });
    const staff = await t.login('sam@example.com', 'staff password 123');
    expect((await t.call({ method: 'GET', url: '/api/v1/sync/targets', token: staff.token })).statusCode).toBe(403);
    expect((await t.call({ method: 'GET', url: '/api/v1/jobs', token: staff.token })).statusCode).toBe(403);
  });
});
