/**
 * What the summary triggers (contexts/analytics/metric-summaries) cost each write, at scale: on the 1,000,000 orders and
 * 1,000,000 invoices database of the report benches, inside one transaction that is rolled back (the cached file
 * is left as it was), the same single-row writes are timed with the triggers and with them dropped:
 * closing an order (stage and closed_at), adding a receipt, paying an invoice off (balance due).
 *
 *   npx tsx bench/summary-writes.bench.ts [--orders 1000000] [--invoices 1000000] [--samples 500]
 */
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { summaryTriggerDropSql } from '../packages/server/src/contexts/analytics/metric-summaries/summaries';
import { machineLine, openBenchApp, printStats, type Stats } from './generator/bench-support';
import { reportBenchDatabase, TODAY } from './report-data';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000000' },
    invoices: { type: 'string', default: '1000000' },
    parties: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '500' },
  },
});
const samples = Number(values.samples);
const file = await reportBenchDatabase({
  orders: Number(values.orders),
  invoices: Number(values.invoices),
  parties: Number(values.parties),
});
// Opening the app applies pending migrations (the summaries' included); then the file is written directly.
await (await openBenchApp(file, TODAY)).close();

const sqlite = new SQLite(file);
sqlite.pragma('journal_mode = WAL');
const openOrders = sqlite
  .prepare(`select id from orders where stage_code not in ('completed', 'failed') order by id limit ?`)
  .all(samples * 2) as { id: number }[];
const openInvoices = sqlite
  .prepare(
    `select id from invoices where status = 'issued' and type <> 'credit_note' and balance_due_paise > 0 order by id limit ?`,
  )
  .all(samples * 2) as { id: number }[];
const close = sqlite.prepare(
  `update orders set stage_code = 'completed', closed_at = '2026-11-23T06:00:00.000Z' where id = ?`,
);
const receipt = sqlite.prepare(`insert into order_receipts (order_id, date, amount_paise, mode, created_at, updated_at)
  values (?, '2026-11-23', 10000, 'upi', '2026-11-23T06:00:00.000Z', '2026-11-23T06:00:00.000Z')`);
const pay = sqlite.prepare(`update invoices set balance_due_paise = 0 where id = ?`);

function time(label: string, ids: { id: number }[], write: (id: number) => void): Stats {
  const ms: number[] = [];
  for (const { id } of ids) {
    const t = performance.now();
    write(id);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { label, runs: ms.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1), total: null };
}

const results: (Stats & { target: number | null })[] = [];
sqlite.exec('begin');
try {
  const half = (xs: { id: number }[], second: boolean) =>
    xs.slice(second ? samples : 0, second ? samples * 2 : samples);
  for (const [phase, second] of [
    ['with triggers', false],
    ['without triggers', true],
  ] as const) {
    if (second) for (const statement of summaryTriggerDropSql('sqlite')) sqlite.exec(statement);
    results.push({
      ...time(`close an order, ${phase}`, half(openOrders, second), (id) => close.run(id)),
      target: null,
    });
    results.push({
      ...time(`add a receipt, ${phase}`, half(openOrders, second), (id) => receipt.run(id)),
      target: null,
    });
    results.push({
      ...time(`pay off an invoice, ${phase}`, half(openInvoices, second), (id) => pay.run(id)),
      target: null,
    });
  }
} finally {
  sqlite.exec('rollback');
  sqlite.close();
}
console.log(`\n${machineLine()}`);
printStats(results);
