import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { runCli } from '../src/cli';
import { createTestApp, TEST_SECRET, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { createOrder, createOrderWorld } from './orders-factories';

async function runVerify(t: TestApp) {
  const out: string[] = [];
  const err: string[] = [];
  const { location } = t.testDb;
  const code = await runCli(
    ['audit', 'verify'],
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    {
      BIZDASH_DATA_DIR: location.dataDir,
      DATABASE_URL: location.url,
      BIZDASH_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Tampers as an attacker with database access would: the append-only trigger goes first. */
async function tamper(t: TestApp, statements: string[]) {
  const { location } = t.testDb;
  if (location.url) {
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    try {
      await client.query('drop trigger audit_log_no_update on audit_log');
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  } else {
    const db = new SQLite(location.sqliteFile!);
    try {
      db.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete;');
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
  }
}

describe(`audit trail (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
  });
  afterEach(async () => t.close());

  it('chains every entry to the previous one and verifies from the CLI', async () => {
    const owner = await t.login();
    await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    const result = await runVerify(t);
    expect(result.code).toBe(0);
    // business.created, user.created (owner), auth.login, user.created (Bala)
    expect(result.out).toBe('audit chain OK (4 entries)');

    const page = await t.services.auditLog.list({ limit: 50, order: 'asc' });
    expect(page.items.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < page.items.length; i += 1) expect(page.items[i]!.hash).not.toBe(page.items[i - 1]!.hash);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const owner = await t.login();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.call({
          method: 'POST',
          url: '/api/v1/users',
          token: owner.token,
          body: { name: `User ${i}`, email: `user${i}@example.com`, role: 'staff', password: 'staff password 123' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const verify = await t.services.audit.verify();
    expect(verify).toEqual({ ok: true, count: 3 + 8 });
  });

  it('names the first tampered entry when a row is changed directly in SQL', async () => {
    const owner = await t.login();
    await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    await t.createUser(owner.token, { name: 'Chitra', email: 'chitra@example.com', role: 'staff' });
    expect((await runVerify(t)).code).toBe(0);

    await tamper(t, [`update audit_log set actor_name = 'Someone Else' where seq = 3`]);
    const result = await runVerify(t);
    expect(result.code).toBe(1);
    expect(result.err).toContain('BROKEN at entry 3');
    expect(result.err).toContain('content does not match');
  });

  it('detects a deleted entry and a truncated tail', async () => {
    const owner = await t.login();
    await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    await tamper(t, ['delete from audit_log where seq = 2']);
    const gap = await runVerify(t);
    expect(gap.code).toBe(1);
    expect(gap.err).toContain('entry 2 is missing');
  });

  it('detects removal of the newest entries', async () => {
    const owner = await t.login();
    await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    await tamper(t, ['delete from audit_log where seq = 4']);
    const tail = await runVerify(t);
    expect(tail.code).toBe(1);
    expect(tail.err).toContain('BROKEN at entry 4');
  });

  it('serves the log filtered by entity, actor, action and date, newest first, with a cursor', async () => {
    const owner = await t.login();
    const balaId = await t.createUser(owner.token, { name: 'Bala', email: 'bala@example.com', role: 'staff' });
    t.clock.advance(2 * 24 * 3600_000);
    const later = await t.login();
    await t.call({ method: 'PATCH', url: `/api/v1/users/${balaId}`, token: later.token, body: { name: 'Bala K' } });

    const all = await t.call({ method: 'GET', url: '/api/v1/audit?limit=2', token: later.token });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((e: { seq: number }) => e.seq)).toEqual([6, 5]);
    const next = await t.call({
      method: 'GET',
      url: `/api/v1/audit?limit=2&cursor=${all.json().nextCursor}`,
      token: later.token,
    });
    expect(next.json().items.map((e: { seq: number }) => e.seq)).toEqual([4, 3]);

    const forBala = await t.call({
      method: 'GET',
      url: `/api/v1/audit?entity=user&entityId=${balaId}`,
      token: later.token,
    });
    expect(forBala.json().items.map((e: { action: string }) => e.action)).toEqual(['user.updated', 'user.created']);

    const byOwner = await t.call({ method: 'GET', url: `/api/v1/audit?actorId=${owner.userId}`, token: later.token });
    expect(byOwner.json().items.map((e: { action: string }) => e.action)).toEqual([
      'user.updated',
      'auth.login',
      'user.created',
      'auth.login',
    ]);

    // The clock started at 23-11-2026 10:00 IST; the rename happened on 25-11-2026.
    const onDay = await t.call({
      method: 'GET',
      url: '/api/v1/audit?from=2026-11-25&to=2026-11-25',
      token: later.token,
    });
    expect(onDay.json().items.map((e: { action: string }) => e.action)).toEqual(['user.updated', 'auth.login']);
    const before = await t.call({ method: 'GET', url: '/api/v1/audit?to=2026-11-24', token: later.token });
    expect(before.json().items.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2, 1]);
    const badDate = await t.call({ method: 'GET', url: '/api/v1/audit?from=25-11-2026', token: later.token });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('from');
  });

  it('is readable by owner, admin and accountant only, and offers no way to change it', async () => {
    const owner = await t.login();
    await t.createUser(owner.token, { name: 'Acc', email: 'acc@example.com', role: 'accountant' });
    await t.createUser(owner.token, { name: 'Man', email: 'man@example.com', role: 'manager' });
    const accountant = await t.login('acc@example.com', 'staff password 123');
    const manager = await t.login('man@example.com', 'staff password 123');
    expect((await t.call({ method: 'GET', url: '/api/v1/audit', token: accountant.token })).statusCode).toBe(200);
    expect((await t.call({ method: 'GET', url: '/api/v1/audit', token: manager.token })).statusCode).toBe(403);
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      const res = await t.call({ method, url: '/api/v1/audit', token: owner.token, body: {} });
      expect(res.statusCode).toBe(404);
    }
  });
});

describe(`audit labels and search (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('names each action and record, and finds entries by document number or party name', async () => {
    const w = await createOrderWorld(t);
    const token = w.owner.token;
    const first = await createOrder(t, w, { title: 'First transfer' });
    const second = await createOrder(t, w, { title: 'Second transfer' });
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${first.id}`,
      token,
      body: { title: 'First transfer (urgent)' },
    });
    expect(patched.statusCode).toBe(200);
    type Entry = { action: string; actionLabel: string; entity: string; entityId: string; entityLabel: string | null };
    const read = async (query: string) => {
      const res = await t.call({ method: 'GET', url: `/api/v1/audit?${query}`, token });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Entry[] }>().items;
    };

    const forFirst = await read(`entity=order&entityId=${first.id}`);
    expect(forFirst.map((e) => [e.actionLabel, e.entityLabel])).toEqual([
      ['Updated order', `${first.number} · Meera Iyer`],
      ['Created order', `${first.number} · Meera Iyer`],
    ]);
    // Reference ids in the changes come with the names of what they point at, batched per page.
    const created = forFirst[1]! as Entry & { refNames: Record<string, string> };
    expect(created.refNames).toMatchObject({
      [`clientId:${w.client.id}`]: 'Meera Iyer',
      [`orderTypeId:${w.orderType.id}`]: 'Share Transfer',
    });
    const party = (await read(`entity=party&entityId=${w.client.id}`))[0]!;
    expect(party).toMatchObject({ action: 'party.created', actionLabel: 'Created party', entityLabel: 'Meera Iyer' });
    const login = (await read('action=auth.login'))[0]!;
    expect(login.actionLabel).toBe('Logged in');
    // An unknown code reads as words, never as the bare code.
    expect((await read('limit=200')).every((e) => e.actionLabel !== e.action && e.actionLabel.length > 0)).toBe(true);

    // Search by the document number (any part, any case) finds that order's entries only.
    const bySecond = await read(`q=${encodeURIComponent(second.number.toLowerCase())}`);
    expect(bySecond.map((e) => [e.entity, e.entityId])).toEqual([['order', String(second.id)]]);
    const byFirst = await read(`q=${encodeURIComponent(first.number)}`);
    expect(byFirst.map((e) => e.action)).toEqual(['order.updated', 'order.created']);
    const byParty = await read('q=meera');
    expect(byParty.map((e) => [e.entity, e.entityLabel])).toEqual([['party', 'Meera Iyer']]);
    expect(await read('q=NOPE%25')).toEqual([]);
  });
});
