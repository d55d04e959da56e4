/**
 * The money book at scale on SQLite (issue 14), over the reports benches' data (1,000,000 orders, 1,000,000
 * invoices, 100,000 parties; bench/report-data.ts):
 * - posting the whole history from the backlog (what the migration leaves and `bizdash ledger rebuild` does);
 * - trial balance, profit and loss and balance sheet for a financial year, through the HTTP app;
 * - a party statement over 10,000 documents;
 * - what posting adds to a write: the before-commit hook timed alone, while invoices are issued and paid over HTTP.
 *
 *   npx tsx bench/ledger.bench.ts [--orders 1000000] [--invoices 1000000] [--parties 100000] [--runs 20]
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../packages/server/src/http/app';
import { fixedClock } from '../packages/server/src/platform/clock';
import { createDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrator';
import { deriveKeys } from '../packages/server/src/platform/security/secrets';
import { makeServices } from '../packages/server/src/services';
import { sql } from 'kysely';
import { GENERATED_OWNER } from './generator/base-data';
import { machineLine, measure, printStats, type BenchApp, type Stats } from './generator/bench-support';
import { FY, reportBenchDatabase, TODAY } from './report-data';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    invoices: { type: 'string', default: '1000000' },
    parties: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
  },
});
const runs = Number(values.runs);
const file = await reportBenchDatabase({
  orders: Number(values.orders),
  invoices: Number(values.invoices),
  parties: Number(values.parties),
});

const database = createDatabase({ sqliteFile: file });
await migrateToLatest(database);
const clock = fixedClock(new Date(`${TODAY}T06:30:00.000Z`));
const services = makeServices({ database, clock, keys: deriveKeys('bench-secret-bench-secret-0123456789abcd') });
const { db } = database;

// 1. The history: whatever the backlog holds (everything, on a database that predates the ledger).
const waiting = await services.posting.backlog();
const started = performance.now();
const posted = await services.posting.workBacklog({
  batchSize: 5000,
  onProgress: (done, left) => {
    if (done % 200_000 < 5000) console.log(`  posted ${done} documents, ${left} to go`);
  },
});
const rebuildSeconds = (performance.now() - started) / 1000;
console.log(
  `backlog: ${waiting.backlog + waiting.pending} documents waiting; ${posted.posted} entries posted in ${rebuildSeconds.toFixed(1)} s`,
);

// 2. One client with 10,000 documents: copies of issued sales invoices (lines included), posted like any other.
const heavy = await db.selectFrom('parties').select('id').where('name', '=', 'Ledger Bench Client').executeTakeFirst();
let heavyId = heavy?.id;
if (!heavyId) {
  const template = await db.selectFrom('parties').selectAll().where('is_client', '=', true).executeTakeFirstOrThrow();
  const { id: _id, ...rest } = template;
  const inserted = await db
    .insertInto('parties')
    .values({ ...rest, name: 'Ledger Bench Client', gstin: null, pan: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  heavyId = inserted.id;
  await database.transaction(async (tx) => {
    await sql`create temp table bench_src as
      select id from invoices where status = 'issued' and type = 'sales' and direction = 'receivable'
        and date between ${FY.from} and ${TODAY} order by id limit 10000`.execute(tx);
    const max = await sql<{ m: number }>`select max(id) as m from invoices`.execute(tx);
    const base = Number(max.rows[0]?.m ?? 0);
    await sql`create temp table bench_map as select id as old_id, ${base} + row_number() over (order by id) as new_id from bench_src`.execute(
      tx,
    );
    const cols = await sql<{ name: string }>`select name from pragma_table_info('invoices')`.execute(tx);
    const names = cols.rows.map((c) => c.name);
    const select = names
      .map((n) =>
        n === 'id'
          ? 'm.new_id'
          : n === 'party_id'
            ? String(heavyId)
            : n === 'number'
              ? "'LB/' || m.new_id"
              : n === 'series' || n === 'sequence' || n === 'irn' || n === 'order_id'
                ? 'null'
                : `i.${n}`,
      )
      .join(', ');
    await sql
      .raw(
        `insert into invoices (${names.join(', ')}) select ${select} from invoices i join bench_map m on m.old_id = i.id`,
      )
      .execute(tx);
    const lineCols = (await sql<{ name: string }>`select name from pragma_table_info('invoice_lines')`.execute(tx)).rows
      .map((c) => c.name)
      .filter((n) => n !== 'id');
    await sql
      .raw(
        `insert into invoice_lines (${lineCols.join(', ')}) select ${lineCols
          .map((n) => (n === 'invoice_id' ? 'm.new_id' : `l.${n}`))
          .join(', ')} from invoice_lines l join bench_map m on m.old_id = l.invoice_id`,
      )
      .execute(tx);
  });
  await services.posting.workBacklog();
}

// 3. Reads through the real app.
const app = await buildApp({ services, version: 'bench' });
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { email: GENERATED_OWNER.email, password: GENERATED_OWNER.password },
});
const token = login.json<{ accessToken: string }>().accessToken;
const bench: BenchApp = {
  app,
  database,
  token,
  async get(url) {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    return { statusCode: res.statusCode, body: res.body };
  },
  close: async () => {
    await app.close();
    await database.destroy();
  },
};

try {
  const results: (Stats & { target: number | null })[] = [];
  const add = async (label: string, url: string, target: number | null) => {
    const s = await measure(bench, label, [url], { runs, warmup: 3 });
    results.push({ ...s, target });
    console.log(`${label}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`);
  };
  const period = `from=${FY.from}&to=${FY.to}`;
  await add('trial balance, financial year', `/api/v1/accounts/trial-balance?${period}`, 200);
  await add('profit and loss, financial year', `/api/v1/reports/profit-and-loss?${period}`, 200);
  await add('balance sheet, as of today', `/api/v1/reports/balance-sheet?asOf=${TODAY}`, 200);
  await add('sales ledger (4200), first page', `/api/v1/accounts/ledger/4200?${period}`, 200);
  await add('day book, one day', `/api/v1/accounts/day-book?from=${TODAY}&to=${TODAY}`, 200);
  await add(
    `party statement, 10,000 documents (party ${heavyId})`,
    `/api/v1/parties/${heavyId}/statement?${period}`,
    200,
  );

  // 4. The cost posting adds to a write: the hook timed alone, over HTTP invoice issues and payments.
  const hookTimes: number[] = [];
  database.setBeforeCommit('ledger', async (tx) => {
    const t0 = performance.now();
    await services.posting.flushPending(tx);
    hookTimes.push(performance.now() - t0);
  });
  const client = await db
    .selectFrom('parties')
    .select('id')
    .where('is_client', '=', true)
    .where('gstin', 'is not', null)
    .executeTakeFirstOrThrow();
  const call = (method: 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  for (let i = 0; i < 100; i++) {
    const created = await call('POST', '/api/v1/invoices', {
      type: 'sales',
      partyId: client.id,
      date: TODAY,
      lines: [{ description: 'Bench', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' }],
    });
    const id = created.json<{ id: number }>().id;
    const issued = await call('POST', `/api/v1/invoices/${id}/issue`);
    if (issued.statusCode !== 200) throw new Error(`issue failed: ${issued.body}`);
    const paid = await call('POST', '/api/v1/payments', {
      direction: 'received',
      partyId: client.id,
      date: TODAY,
      mode: 'upi',
      amount: '1180.00',
      allocations: [{ invoiceId: id, amount: '1180.00' }],
    });
    if (paid.statusCode !== 201) throw new Error(`payment failed: ${paid.body}`);
  }
  hookTimes.sort((a, b) => a - b);
  const at = (q: number) => hookTimes[Math.min(hookTimes.length - 1, Math.floor(q * hookTimes.length))] ?? 0;
  console.log(
    `\nposting hook over ${hookTimes.length} write transactions (create, issue, pay): median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${hookTimes.at(-1)?.toFixed(2)} ms (target p95 < 1 ms)`,
  );
  const entries = await db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom('journal_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `book: ${Number(entries.n).toLocaleString('en-IN')} entries, ${Number(lines.n).toLocaleString('en-IN')} lines`,
  );
  console.log(`\n${machineLine()}`);
  const ok = printStats(results) && at(0.95) < 1;
  if (!ok) process.exitCode = 1;
} finally {
  await bench.close();
}
