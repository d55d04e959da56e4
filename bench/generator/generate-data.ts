import { createDatabase } from '../../packages/server/src/platform/db/database';
import {
  summaryRestoreSql,
  summaryTriggerDropSql,
} from '../../packages/server/src/contexts/analytics/metric-summaries/summaries';
import { migrateToLatest } from '../../packages/server/src/platform/db/migrator';
import { seededRandom } from '../../packages/server/src/contexts/system/demo/indian-data';
import { createBaseData } from './base-data';
import { postgresWriter, sqliteWriter, type BulkWriter } from './bulk-writer';
import { generateInvoices } from './invoices';
import { generateOrders, istDate } from './orders';
import { makeMoneyGenerator } from './order-money';
import { generateParties } from './parties';

export interface GenerateOptions {
  /** SQLite file; ignored when `databaseUrl` is given. */
  sqliteFile?: string | undefined;
  /** postgres:// URL. */
  databaseUrl?: string | undefined;
  parties: number;
  orders: number;
  invoices: number;
  seed: number;
  /** The last day of the generated history (yyyy-mm-dd, India); the data stops at 10:00 IST that day. */
  today: string;
  /** How many years of history end on `today`. */
  years: number;
  log?: (line: string) => void;
}

export interface GenerateReport {
  seconds: number;
  rows: Record<string, number>;
}

/** Tables the bulk phase writes, with explicit ids continuing after what the services wrote. */
const ID_TABLES = [
  'parties',
  'orders',
  'order_status_history',
  'order_events',
  'order_documents',
  'document_status_history',
  'tasks',
  'comments',
  'invoices',
  'invoice_lines',
  'payments',
  'order_receipts',
  'order_expenses',
  'settlement_entries',
  'payouts',
] as const;

/**
 * Fills a fresh database with a realistic firm: setup, users and masters through the services (audited), then
 * parties, orders with their whole history, invoices and payments as batched multi-row INSERTs in large
 * transactions. The bulk rows get no audit entries (the audit chain stays valid: it simply does not mention them).
 * Deterministic for a given seed, sizes and `today`.
 */
export async function generateData(options: GenerateOptions): Promise<GenerateReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const until = Date.parse(`${options.today}T04:30:00.000Z`); // 10:00 IST on `today`
  const from = until - Math.round(options.years * 365.25 * 86_400_000);

  const database = createDatabase({ url: options.databaseUrl, sqliteFile: options.sqliteFile });
  let base;
  try {
    await migrateToLatest(database);
    // The firm was set up a month before its first order.
    base = await createBaseData(database, new Date(from - 30 * 86_400_000));
  } finally {
    await database.destroy();
  }
  log(
    `base data (setup, ${base.users.length} users, masters) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const writer: BulkWriter = options.databaseUrl
    ? await postgresWriter(options.databaseUrl)
    : sqliteWriter(options.sqliteFile ?? 'bizdash.db');
  const rows: Record<string, number> = {};
  try {
    const firstIds: Record<string, number> = {};
    for (const table of ID_TABLES) {
      const r = await writer.query<{ m: number | string | null }>(`select max(id) as m from ${table}`);
      firstIds[table] = Number(r[0]?.m ?? 0) + 1;
    }
    const random = seededRandom(options.seed);
    // Summary triggers would add an upsert per written row; the load runs without them and rebuilds at the end.
    for (const statement of summaryTriggerDropSql(writer.dialect)) await writer.exec(statement);

    const t0 = performance.now();
    const parties = await generateParties(writer, random, {
      count: options.parties,
      firstId: firstIds.parties ?? 1,
      from: from - 20 * 86_400_000,
      to: until - 86_400_000,
      log,
    });
    rows.parties = parties.length;
    log(`parties: ${parties.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const clients = parties.filter((p) => p.roles.includes('client'));
    const partners = parties.filter((p) => p.roles.includes('partner'));
    const suppliers = parties.filter((p) => p.roles.includes('supplier'));
    if (options.orders > 0 && clients.length === 0) throw new Error('orders need at least one client party');

    const t1 = performance.now();
    const money = makeMoneyGenerator({
      firstIds: {
        receipt: firstIds.order_receipts ?? 1,
        expense: firstIds.order_expenses ?? 1,
        entry: firstIds.settlement_entries ?? 1,
        payout: firstIds.payouts ?? 1,
      },
      today: istDate(until),
      approverId: base.users[0]?.id ?? null,
    });
    const orders = await generateOrders(writer, random, base, clients, partners, {
      money,
      count: options.orders,
      from,
      until,
      firstIds: {
        order: firstIds.orders ?? 1,
        history: firstIds.order_status_history ?? 1,
        event: firstIds.order_events ?? 1,
        document: firstIds.order_documents ?? 1,
        docHistory: firstIds.document_status_history ?? 1,
        task: firstIds.tasks ?? 1,
        comment: firstIds.comments ?? 1,
      },
      log,
    });
    Object.assign(rows, orders.rows);
    await money.finish(writer);
    Object.assign(rows, money.rows);
    log(`orders: ${options.orders} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    if (options.invoices > 0 && clients.length > 0) {
      const t2 = performance.now();
      const invoices = await generateInvoices(writer, random, base, clients, suppliers, orders.completed, {
        count: options.invoices,
        from,
        until,
        today: istDate(until),
        firstIds: {
          invoice: firstIds.invoices ?? 1,
          payment: firstIds.payments ?? 1,
          line: firstIds.invoice_lines ?? 1,
        },
      });
      Object.assign(rows, invoices.rows);
      log(`invoices: ${invoices.rows.invoices ?? 0} in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    }

    for (const statement of summaryRestoreSql(writer.dialect)) await writer.exec(statement);
    // Orders were written in bulk, not through the service that keeps the per-stage counts.
    await writer.exec('delete from order_stage_counts');
    await writer.exec(
      'insert into order_stage_counts (stage_code, total) select stage_code, count(*) from orders group by stage_code',
    );

    if (writer.dialect === 'postgres') {
      // Identity columns do not move when ids are given explicitly; the app's next insert must not collide.
      for (const table of ID_TABLES) {
        await writer.exec(
          `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
        );
      }
      await writer.exec('analyze');
    } else {
      // Fold the WAL back into the file so the database is one self-contained file (and can be copied as a cache).
      await writer.exec('pragma wal_checkpoint(truncate)');
    }
  } finally {
    await writer.close();
  }
  return { seconds: (performance.now() - started) / 1000, rows };
}
