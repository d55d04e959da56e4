/**
 * The reports benches' data: 1,000,000 generated orders and 1,000,000 invoices (SQLite, cached in bench/.data/),
 * then what the generator does not write: order receipts, the derived receipt totals and one approved settlement
 * per closed order (40 % to the partner when there is one), filled once in SQL. Also re-applies migrations that were
 * still empty placeholders when the cached file was generated (their indexes and tables must exist to measure).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  summaryRestoreSql,
  summaryTriggerDropSql,
} from '../packages/server/src/contexts/analytics/metric-summaries/summaries';
import { MIGRATIONS } from '../packages/server/src/migrations/registry';
import { cachedDatabase } from './generator/bench-support';

export const TODAY = '2026-11-23';
/** The financial year the benches ask for, and the previous one it is compared with. */
export const FY = { from: '2026-04-01', to: '2027-03-31' };

const PLACEHOLDER_MIGRATIONS: [name: string, marker: string][] = [
  ['202611231500-create-jobs', "type = 'table' and name like 'job%'"],
  ['202611231510-create-email', "type = 'table' and name like 'email%'"],
  ['202611231600-create-report-indexes', "type = 'index' and name = 'invoice_lines_rate_report_idx'"],
];
/** Indexes an earlier version of the report-indexes migration may have left (dropped before it is re-applied). */
const REPORT_INDEXES = [
  'orders_closed_report_idx',
  'orders_created_report_idx',
  'order_receipts_date_amount_idx',
  'settlement_entries_order_report_idx',
  'invoices_report_idx',
  'invoice_lines_rate_report_idx',
  'invoices_open_balance_idx',
];

/**
 * A cached file whose schema predates a migration slotted in before its last applied one cannot be migrated
 * (migrations apply in order): it is dropped and generated again.
 */
function dropIfStale(file: string): void {
  if (!existsSync(file)) return;
  const sqlite = new SQLite(file, { readonly: true });
  const applied = (sqlite.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
  sqlite.close();
  const last = [...applied].sort().at(-1) ?? '';
  const stale = Object.keys(MIGRATIONS).some((name) => !applied.includes(name) && name < last);
  if (stale) {
    console.log(`${file} predates a migration; generating it again`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

export async function reportBenchDatabase(options: { orders: number; invoices: number; parties: number }) {
  const name = `reports-${options.orders}-${options.invoices}`;
  dropIfStale(path.resolve('bench/.data', `${name}.db`));
  const cache = await cachedDatabase(name, {
    parties: options.parties,
    orders: options.orders,
    invoices: options.invoices,
    seed: 1,
    today: TODAY,
    years: 3,
  });
  const sqlite = new SQLite(cache.file);
  try {
    // A migration recorded as applied while its file was still empty: forget it, so the app applies it for real.
    for (const [name, marker] of PLACEHOLDER_MIGRATIONS) {
      const present = sqlite.prepare(`select count(*) as n from sqlite_master where ${marker}`).get() as { n: number };
      if (present.n > 0) continue;
      if (name.endsWith('report-indexes'))
        for (const index of REPORT_INDEXES) sqlite.exec(`drop index if exists ${index}`);
      sqlite.prepare('delete from kysely_migration where name = ?').run(name);
    }
    const receipts = sqlite.prepare('select count(*) as n from order_receipts').get() as { n: number };
    if (receipts.n === 0) {
      const started = performance.now();
      console.log('filling order receipts and settlements (once)...');
      const summaries =
        (sqlite.prepare("select count(*) as n from sqlite_master where name = 'metric_zone'").get() as { n: number })
          .n > 0;
      sqlite.exec('begin');
      if (summaries) for (const statement of summaryTriggerDropSql('sqlite')) sqlite.exec(statement);
      // Nine orders in ten have a receipt: closed ones on their closing day, open ones on their creation day;
      // every third of them paid in part (half).
      sqlite.exec(`
        insert into order_receipts (order_id, date, amount_paise, mode, created_at, updated_at)
        select id, date(coalesce(closed_at, created_at), '+330 minutes'),
          max(1, (case when stage_code = 'failed' then base_charges_paise else fees_paise end)
                 / (case when id % 3 = 0 then 2 else 1 end)),
          'upi', coalesce(closed_at, created_at), coalesce(closed_at, created_at)
        from orders where id % 10 <> 0`);
      sqlite.exec(`
        update orders set
          amount_due_paise = case when stage_code = 'failed' then base_charges_paise else fees_paise end,
          amount_received_paise = coalesce((select sum(r.amount_paise) from order_receipts r where r.order_id = orders.id), 0)`);
      sqlite.exec(`
        insert into settlement_entries (order_id, partner_id, kind, status, basis, outcome, revenue_paise, expenses_paise,
          net_paise, share_bp, partner_share_paise, business_share_paise, computed_at, approved_at, approved_on,
          created_at, updated_at)
        select id, partner_id, 'settlement', case when id % 50 = 0 then 'draft' else 'approved' end, 'contracted',
          stage_code, amount_due_paise, 0, amount_due_paise, case when partner_id is null then 0 else 4000 end,
          case when partner_id is null then 0 else (amount_due_paise * 4000 + 5000) / 10000 end,
          amount_due_paise - case when partner_id is null then 0 else (amount_due_paise * 4000 + 5000) / 10000 end,
          closed_at, closed_at, date(closed_at, '+330 minutes'), closed_at, closed_at
        from orders where stage_code in ('completed', 'failed')`);
      if (summaries) for (const statement of summaryRestoreSql('sqlite')) sqlite.exec(statement);
      sqlite.exec('commit');
      console.log(`  done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    sqlite.close();
  }
  return cache.file;
}
