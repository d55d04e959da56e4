/**
 * Orders at scale on SQLite: 1,000,000 generated orders (100,000 parties, ~20 timeline entries per order). Through
 * the real HTTP app (routes, auth guard, zod contracts; Fastify inject, one request at a time):
 * - the list with each single filter (stage, client, assignee, overdue, order type), newest first: p95 < 50 ms;
 * - an order's detail with its timeline (GET /orders/{id} then /orders/{id}/history): p95 < 30 ms.
 * The generated database is cached in bench/.data/ (first run: several minutes).
 *
 *   npx tsx bench/orders.bench.ts [--orders 1000000] [--parties 100000] [--runs 200]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { cachedDatabase, machineLine, measure, openBenchApp, printStats, type Stats } from './generator/bench-support';
import { seededRandom } from '../packages/server/src/contexts/system/demo/indian-data';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    parties: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '200' },
  },
});
const orders = Number(values.orders);
const parties = Number(values.parties);
const runs = Number(values.runs);
const TODAY = '2026-11-23';

const cache = await cachedDatabase(`orders-${orders}-parties-${parties}`, {
  parties,
  orders,
  invoices: 0,
  seed: 1,
  today: TODAY,
  years: 3,
});
const bench = await openBenchApp(cache.file, TODAY);
try {
  const db = bench.database.db;
  const counts = await sql<{ orders: number; events: number; documents: number; parties: number }>`
    select (select count(*) from orders) as orders, (select count(*) from order_events) as events,
           (select count(*) from order_documents) as documents, (select count(*) from parties) as parties`.execute(db);
  const size = counts.rows[0];
  // A heavy client (the one with most orders), a typical one, the busiest staff member and an order type.
  const busiest = await db
    .selectFrom('orders')
    .select(['client_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', '<=', 50_000)
    .groupBy('client_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const typical = await db
    .selectFrom('orders')
    .select('client_id')
    .where('id', '=', Math.floor(orders / 3))
    .executeTakeFirstOrThrow();
  const assignee = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'staff')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const type = await db.selectFrom('order_types').select('id').orderBy('id').executeTakeFirstOrThrow();
  // Fresh ids for each scenario: an order nobody opened recently is read from disk, not from the page cache.
  const random = seededRandom(Date.now() % 1_000_000);
  const idSet = () => Array.from({ length: runs + 20 }, () => 1 + Math.floor(random() * orders));

  const list = '/api/v1/orders?sort=createdAt&order=desc&pageSize=50';
  const results: (Stats & { target: number | null })[] = [];
  const add = async (label: string, urls: (string | string[])[], target: number | null) => {
    const s = await measure(bench, label, urls, { runs });
    results.push({ ...s, target });
    console.log(`${label}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (total ${s.total ?? '-'})`);
  };
  await add('list, no filter', [list], 50);
  await add('list, stage=documents_pending', [`${list}&stage=documents_pending`], 50);
  await add('list, stage=completed', [`${list}&stage=completed`], 50);
  await add(`list, clientId (heaviest client)`, [`${list}&clientId=${busiest.client_id}`], 50);
  await add(`list, clientId (typical client)`, [`${list}&clientId=${typical.client_id}`], 50);
  await add(`list, assigneeId (one of 7 staff)`, [`${list}&assigneeId=${assignee.id}`], 50);
  await add('list, overdue=true', [`${list}&overdue=true`], 50);
  await add(`list, orderTypeId`, [`${list}&orderTypeId=${type.id}`], 50);
  await add('list, page 20 (offset 950)', [`${list}&page=20`], 50);
  // First open of an order nobody looked at since the server started: its timeline pages come from disk. Reported,
  // not held to the target, which is for a server whose working set is in memory (the second pass).
  const pages = idSet().map((id) => [`/api/v1/orders/${id}`, `/api/v1/orders/${id}/history`]);
  await add('detail + timeline, first open (cold page cache)', pages, null);
  await add('detail + timeline, warm (GET /orders/{id} then /history)', pages, 30);
  await add(
    'detail GET /orders/{id} alone, warm',
    pages.map((p) => p[0] ?? ''),
    30,
  );
  await add(
    'timeline GET /orders/{id}/history alone, warm',
    pages.map((p) => p[1] ?? ''),
    30,
  );
  await add('list, closed=false (open orders)', [`${list}&closed=false`], 50);
  await add('board (10 stages, 20 each)', ['/api/v1/orders/board'], null);
  await add('Ctrl+K search?q=kulkarni (parties, orders, invoices...)', ['/api/v1/search?q=kulkarni'], null);

  console.log(`\n${machineLine()}`);
  console.log(
    `data: ${size?.orders} orders, ${size?.events} timeline entries, ${size?.documents} required documents, ` +
      `${size?.parties} parties${cache.generatedSeconds === null ? ' (cached)' : `, generated in ${cache.generatedSeconds.toFixed(0)} s`}`,
  );
  if (!printStats(results)) {
    console.error('FAIL: a target was missed');
    process.exitCode = 1;
  }
} finally {
  await bench.close();
}
