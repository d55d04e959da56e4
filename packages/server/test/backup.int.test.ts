import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateData } from '../../../bench/generator/generate-data';
import { runCli } from '../src/cli';
import { buildApp } from '../src/http/app';
import { fixedClock } from '../src/platform/clock';
import { createDatabase } from '../src/platform/db/database';
import { deriveKeys } from '../src/platform/security/secrets';
import { makeServices } from '../src/services';
import { makeLocalDiskStorage } from '../src/platform/storage/local-disk-storage';
import { sqliteTableNames } from '../src/contexts/system/backup/dump.repo';
import { createTestApp, OWNER, TEST_SECRET, type TestApp } from './support/test-app';
import { adminPostgresUrl, testDialect } from './support/test-db';
import { createOrder, createOrderWorld, post, type OrderWorld } from './orders-factories';
import { addReceipt } from './order-money-support';

interface Target {
  dataDir: string;
  url: string | undefined;
  drop(): Promise<void>;
}

/** A new, empty installation: a temp data dir, plus a new PostgreSQL database on the postgres project. */
async function newTarget(dialect = testDialect()): Promise<Target> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bizdash-restore-'));
  let name: string | undefined;
  let url: string | undefined;
  if (dialect === 'postgres') {
    name = `bizdash_r_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminPostgresUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(adminPostgresUrl());
    u.pathname = `/${name}`;
    url = u.toString();
  }
  return {
    dataDir,
    url,
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (name) {
        const admin = new pg.Client({ connectionString: adminPostgresUrl() });
        await admin.connect();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  };
}

async function cli(args: string[], at: { dataDir: string; url?: string | undefined }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { BIZDASH_DATA_DIR: at.dataDir, DATABASE_URL: at.url, BIZDASH_SECRET: TEST_SECRET },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe(`backup and restore (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    await t.close();
  });

  it('takes a consistent backup under write load and restores every acknowledged write', async () => {
    const token = w.owner.token;
    const source = { dataDir: t.testDb.location.dataDir, url: t.testDb.location.url };
    // An uploaded file stands in for uploads/: the backup must carry it byte for byte.
    mkdirSync(path.join(source.dataDir, 'uploads', 'docs'), { recursive: true });
    writeFileSync(path.join(source.dataDir, 'uploads', 'docs', 'deed.pdf'), 'a stored upload');

    const acked = { parties: [] as number[], orders: [] as number[], receipts: [] as number[] };
    let running = true;
    const partyClient = async (n: number) => {
      for (let i = 0; running; i++) {
        const party = await post<{ id: number }>(t, token, '/api/v1/parties', {
          name: `Load Client ${n}-${i}`,
          roles: ['client'],
        });
        acked.parties.push(party.id);
      }
    };
    const moneyClient = async () => {
      while (running) {
        const order = await createOrder(t, w, { fees: '1000' });
        acked.orders.push(order.id);
        const receipt = await addReceipt(t, token, order.id, '250.00');
        acked.receipts.push(receipt.id);
      }
    };
    const clients = [partyClient(1), partyClient(2), partyClient(3), moneyClient()];
    while (acked.parties.length < 15 || acked.receipts.length < 3) await new Promise((r) => setTimeout(r, 10));

    // Everything acknowledged up to here must survive; writes during and after the backup may or may not.
    const before = { parties: [...acked.parties], orders: [...acked.orders], receipts: [...acked.receipts] };
    const backupDir = path.join(mkdtempSync(path.join(tmpdir(), 'bizdash-backup-')), 'b1');
    cleanups.push(async () => rmSync(path.dirname(backupDir), { recursive: true, force: true }));
    const backup = await cli(['backup', '--to', backupDir], source);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain(`backup written to ${backupDir}`);
    while (acked.parties.length < before.parties.length + 5) await new Promise((r) => setTimeout(r, 10));
    running = false;
    await Promise.all(clients);

    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as {
      dialect: string;
      tables: Record<string, number>;
      files: { path: string; sha256: string }[];
    };
    expect(manifest.dialect).toBe(testDialect());
    expect(manifest.tables.parties).toBeGreaterThanOrEqual(before.parties.length + 2);
    expect(manifest.files.map((f) => f.path)).toContain('uploads/docs/deed.pdf');

    const target = await newTarget();
    cleanups.push(target.drop);
    const restored = await cli(['restore', backupDir], target);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain('audit chain OK');
    expect(restored.out).toContain('dashboard summaries match a full recomputation');
    expect(readFileSync(path.join(target.dataDir, 'uploads', 'docs', 'deed.pdf'), 'utf8')).toBe('a stored upload');

    // Open the app on the restored installation: every acknowledged write is there, and it takes new writes.
    const database = createDatabase({ url: target.url, sqliteFile: path.join(target.dataDir, 'bizdash.db') });
    const services = makeServices({
      database,
      clock: fixedClock(new Date('2026-11-23T06:30:00.000Z')),
      keys: deriveKeys(TEST_SECRET),
      storage: makeLocalDiskStorage(target.dataDir),
      dataDir: target.dataDir,
    });
    const app = await buildApp({ services, version: 'test' });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: OWNER.email, password: OWNER.password },
      });
      expect(login.statusCode, login.body).toBe(200);
      const auth = { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` };
      for (const id of before.parties) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/parties/${id}`, headers: auth });
        expect(res.statusCode, `party ${id}`).toBe(200);
      }
      for (const id of before.orders) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: auth });
        expect(res.statusCode, `order ${id}`).toBe(200);
      }
      const receipts = await database.db.selectFrom('order_receipts').select('id').execute();
      expect(receipts.map((r) => Number(r.id))).toEqual(expect.arrayContaining(before.receipts));
      // Identity sequences moved past the restored ids: a new party gets a fresh id.
      const fresh = await app.inject({
        method: 'POST',
        url: '/api/v1/parties',
        headers: auth,
        payload: { name: 'After Restore Traders', roles: ['client'] },
      });
      expect(fresh.statusCode, fresh.body).toBe(201);
      expect(fresh.json<{ id: number }>().id).toBeGreaterThan(Math.max(...before.parties));
    } finally {
      await app.close();
      await database.destroy();
    }
    expect((await cli(['audit', 'verify'], target)).code).toBe(0);
    expect(await cli(['metrics', 'check'], target)).toMatchObject({ code: 0 });

    // The target now holds a firm: a second restore is refused, and --force replaces it.
    const again = await cli(['restore', backupDir], target);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds .*--force/);
    const forced = await cli(['restore', backupDir, '--force'], target);
    expect(forced.code, forced.err).toBe(0);
  }, 120_000);

  it('refuses a backup whose files do not match the manifest', async () => {
    const source = { dataDir: t.testDb.location.dataDir, url: t.testDb.location.url };
    // Without --to the backup lands in the data dir's backups folder, named by the time it was taken.
    const byDefault = await cli(['backup'], source);
    expect(byDefault.code, byDefault.err).toBe(0);
    expect(byDefault.out).toMatch(
      new RegExp(`backup written to ${path.join(source.dataDir, 'backups')}/\\d{4}-\\d\\d-\\d\\d-\\d{6}:`),
    );
    const backupDir = mkdtempSync(path.join(tmpdir(), 'bizdash-backup-'));
    cleanups.push(async () => rmSync(backupDir, { recursive: true, force: true }));
    expect((await cli(['backup', '--to', backupDir], source)).code).toBe(0);
    // A second backup into the same place would mix two instants: refused.
    const intoFull = await cli(['backup', '--to', backupDir], source);
    expect(intoFull.code).toBe(1);
    expect(intoFull.err).toContain('is not empty');
    const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as {
      files: { path: string }[];
    };
    const victim = manifest.files.find((f) => f.path !== 'secret.key');
    if (!victim) throw new Error('no file in the backup');
    writeFileSync(path.join(backupDir, victim.path), 'tampered');
    const target = await newTarget();
    cleanups.push(target.drop);
    const restored = await cli(['restore', backupDir], target);
    expect(restored.code).toBe(1);
    expect(restored.err).toContain(`${victim.path} does not match its manifest hash`);
  });
});

/** Values as both dialects can agree on them: booleans as 0/1, numbers and numeric text as numbers, instants. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'boolean') out[key] = value ? 1 : 0;
    else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) out[key] = Number(value);
    else if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value))
      out[key] = new Date(value).toISOString();
    else out[key] = value;
  }
  return out;
}

describe.skipIf(testDialect() !== 'sqlite')('move from SQLite to PostgreSQL', () => {
  it('copies a generated firm: every table, sampled rows, a valid audit chain', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-move-'));
    const target = await newTarget('postgres');
    try {
      const sqliteFile = path.join(dir, 'bizdash.db');
      await generateData({
        sqliteFile,
        parties: 50,
        orders: 300,
        invoices: 200,
        seed: 11,
        today: '2026-11-23',
        years: 1,
      });
      // Post the generator's backlog on SQLite first, so both sides hold the same book when compared.
      expect((await cli(['ledger', 'check'], { dataDir: dir })).code).toBe(0);

      const moved = await cli(['move', '--to', target.url ?? ''], { dataDir: dir });
      expect(moved.code, moved.err).toBe(0);
      expect(moved.out).toContain(`DATABASE_URL=${target.url}`);
      expect(moved.out).toContain('audit chain OK');

      const file = new SQLite(sqliteFile, { readonly: true });
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const tables = sqliteTableNames(file).filter((n) => !n.startsWith('kysely_'));
        expect(tables.length).toBeGreaterThan(40);
        for (const table of tables) {
          const lite = (file.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
          const r = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
          expect(Number(r.rows[0]?.n), table).toBe(lite);
        }
        expect((file.prepare('select count(*) as n from orders').get() as { n: number }).n).toBeGreaterThanOrEqual(300);
      } finally {
        await client.end();
        file.close();
      }

      // A sample of records, read through the app's own query builder on each side.
      const lite = createDatabase({ sqliteFile });
      const post = createDatabase({ url: target.url, poolSize: 1 });
      try {
        const sampled = [
          ['parties', 'id'],
          ['orders', 'id'],
          ['invoices', 'id'],
          ['invoice_lines', 'id'],
          ['payments', 'id'],
          ['journal_lines', 'id'],
          ['audit_log', 'seq'],
        ] as const;
        for (const [table, key] of sampled) {
          const ids = await sql<{ k: number }>`select ${sql.ref(key)} as k from ${sql.table(table)} order by 1`.execute(
            lite.db,
          );
          expect(ids.rows.length, table).toBeGreaterThan(0);
          const sample = [ids.rows[0], ids.rows[Math.floor(ids.rows.length / 2)], ids.rows[ids.rows.length - 1]];
          for (const pick of sample) {
            if (!pick) continue;
            const read = (db: typeof lite.db) =>
              sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(key)} = ${pick.k}`.execute(
                db,
              );
            const a = await read(lite.db);
            const b = await read(post.db);
            expect(normalise(b.rows[0] ?? {}), `${table} ${pick.k}`).toEqual(normalise(a.rows[0] ?? {}));
          }
        }
      } finally {
        await lite.destroy();
        await post.destroy();
      }
      expect((await cli(['audit', 'verify'], { dataDir: dir, url: target.url })).code).toBe(0);
      expect((await cli(['metrics', 'check'], { dataDir: dir, url: target.url })).code).toBe(0);

      // Moving again into the same, now full, database is refused.
      const twice = await cli(['move', '--to', target.url ?? ''], { dataDir: dir });
      expect(twice.code).toBe(1);
      expect(twice.err).toContain('not empty');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await target.drop();
    }
  }, 180_000);
});
