import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from '../platform/db/columns';

/**
 * Orders are billed through invoices (issue 14): one receivable per client.
 *
 * 1. Every order receipt without a payment gets one (received from the order's client, same date, amount, mode and
 *    reference), allocated to the order's issued invoices and debit notes with a balance, oldest first; the rest
 *    stays unallocated, an advance of the client.
 * 2. An order's amount due includes GST (its issued documents' total less credit notes, else fees or base charges
 *    plus GST at the order type's rate, rounded to the rupee as "Invoice fees" does), and its amount received adds
 *    other payments allocated to its documents. Payment status follows.
 * 3. Summaries: "Collected" (metric_receipt_days) is fed by payments received instead of order receipts, and the
 *    unrealized balance (metric_created_days) by the stored amount due.
 *
 * Everything this needs is frozen here (SQL and the one-line GST rule), never imported from live module code, so
 * the migration does the same thing whatever the modules become. Draft settlement entries are left as they are:
 * on the contracted basis they do not move; on the collected basis the next change to an order recomputes them.
 */

type Dialect = 'sqlite' | 'postgres';

// ---- summaries (frozen copy of contexts/analytics/metric-summaries/summary-sql.ts for two contributions, 2026-12-05)

const ZONE_DAY = {
  sqlite: (c: string) => `date(${c}, (select sqlite_modifier from metric_zone where id = 1))`,
  postgres: (c: string) => `to_char(${c} at time zone (select time_zone from metric_zone where id = 1), 'YYYY-MM-DD')`,
};
const DATE_TEXT = { sqlite: (c: string) => c, postgres: (c: string) => `to_char(${c}, 'YYYY-MM-DD')` };

interface Frozen {
  name: string;
  table: string;
  source: string;
  watch: string;
  keys: string[];
  values: string[];
  select: (r: string, d: Dialect) => { keys: string[]; values: string[] };
  where: (r: string) => string;
}

const CREATED: Frozen = {
  name: 'metric_created_orders',
  table: 'metric_created_days',
  source: 'orders',
  watch: 'created_at, stage_code, fees_paise, amount_due_paise, amount_received_paise',
  keys: ['day', 'stage_code'],
  values: ['created', 'unrealized', 'pipeline'],
  select: (r, d) => ({
    keys: [ZONE_DAY[d](`${r}.created_at`), `${r}.stage_code`],
    values: [
      '1',
      `(case when ${r}.amount_due_paise > ${r}.amount_received_paise then ${r}.amount_due_paise - ${r}.amount_received_paise else 0 end)`,
      `(case when ${r}.stage_code in ('completed', 'failed') then 0 else ${r}.fees_paise end)`,
    ],
  }),
  where: () => '1 = 1',
};

const COLLECTED: Frozen = {
  name: 'metric_payments_received',
  table: 'metric_receipt_days',
  source: 'payments',
  watch: 'direction, date, amount_paise',
  keys: ['day'],
  values: ['amount'],
  select: (r, d) => ({ keys: [DATE_TEXT[d](`${r}.date`)], values: [`${r}.amount_paise`] }),
  where: (r) => `${r}.direction = 'received'`,
};

function upsert(f: Frozen, r: string, sign: 1 | -1, d: Dialect): string {
  const { keys, values } = f.select(r, d);
  const signed = sign === 1 ? values : values.map((v) => `-(${v})`);
  const target = d === 'postgres' ? `${f.table}.` : '';
  const set = f.values.map((v) => `${v} = ${target}${v} + excluded.${v}`).join(', ');
  return `insert into ${f.table} (${[...f.keys, ...f.values].join(', ')}) select ${[...keys, ...signed].join(', ')}
    where ${f.where(r)} on conflict (${f.keys.join(', ')}) do update set ${set}`;
}

function dropTriggers(f: Frozen, d: Dialect): string[] {
  return d === 'sqlite'
    ? ['ins', 'upd', 'del'].map((s) => `drop trigger if exists ${f.name}_${s}`)
    : [`drop trigger if exists ${f.name}_trg on ${f.source}`, `drop function if exists ${f.name}_fn()`];
}

function createTriggers(f: Frozen, d: Dialect): string[] {
  if (d === 'sqlite') {
    return [
      `create trigger ${f.name}_ins after insert on ${f.source} for each row begin ${upsert(f, 'NEW', 1, d)}; end`,
      `create trigger ${f.name}_upd after update of ${f.watch} on ${f.source} for each row begin
         ${upsert(f, 'OLD', -1, d)}; ${upsert(f, 'NEW', 1, d)}; end`,
      `create trigger ${f.name}_del after delete on ${f.source} for each row begin ${upsert(f, 'OLD', -1, d)}; end`,
    ];
  }
  return [
    `create or replace function ${f.name}_fn() returns trigger language plpgsql as $fn$
     begin
       if tg_op <> 'INSERT' then ${upsert(f, 'OLD', -1, d)}; end if;
       if tg_op <> 'DELETE' then ${upsert(f, 'NEW', 1, d)}; end if;
       return null;
     end $fn$`,
    `create trigger ${f.name}_trg after insert or update of ${f.watch} or delete on ${f.source}
       for each row execute function ${f.name}_fn()`,
  ];
}

function rebuild(f: Frozen, d: Dialect): string[] {
  const { keys, values } = f.select('s', d);
  const inner = [...keys.map((k, i) => `${k} as ${f.keys[i]}`), ...values.map((v, i) => `${v} as ${f.values[i]}`)];
  const sums = f.values.map((v) => `sum(${v}) as ${v}`).join(', ');
  const nonZero = f.values.map((v) => `sum(${v}) <> 0`).join(' or ');
  return [
    `delete from ${f.table}`,
    `insert into ${f.table} (${[...f.keys, ...f.values].join(', ')})
     select ${f.keys.join(', ')}, ${sums} from (select ${inner.join(', ')} from ${f.source} s where ${f.where('s')}) x
     group by ${f.keys.join(', ')} having ${nonZero}`,
  ];
}

async function run(db: MigrationDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// ---- receipts become payments

interface ReceiptRow {
  id: number | string;
  order_id: number | string;
  client_id: number | string;
  order_number: string;
  date: unknown;
  amount_paise: number | string;
  mode: string;
  reference: string | null;
  cheque_number: string | null;
  note: string | null;
  created_by: number | string | null;
}

interface OpenDoc {
  id: number;
  balance: number;
  grandTotal: number;
  paid: number;
  credited: number;
}

/** Issued invoices and debit notes of an order (or notes against its invoices) with a balance, oldest first. */
async function openDocsOf(db: MigrationDb, orderId: number, partyId: number): Promise<OpenDoc[]> {
  const r = await sql<Record<string, number | string>>`
    select i.id, i.balance_due_paise, i.grand_total_paise, i.amount_paid_paise, i.amount_credited_paise
    from invoices i left join invoices o on o.id = i.original_invoice_id
    where coalesce(i.order_id, o.order_id) = ${orderId} and i.direction = 'receivable' and i.status = 'issued'
      and i.type <> 'credit_note' and i.party_id = ${partyId} and i.balance_due_paise > 0
    order by i.date, i.id`.execute(db);
  return r.rows.map((x) => ({
    id: Number(x.id),
    balance: Number(x.balance_due_paise),
    grandTotal: Number(x.grand_total_paise),
    paid: Number(x.amount_paid_paise),
    credited: Number(x.amount_credited_paise),
  }));
}

async function receiptsToPayments(db: MigrationDb, now: string): Promise<void> {
  const receipts = await sql<ReceiptRow>`
    select r.id, r.order_id, o.client_id, o.number as order_number, r.date, r.amount_paise, r.mode, r.reference,
      r.cheque_number, r.note, r.created_by
    from order_receipts r join orders o on o.id = r.order_id
    where r.payment_id is null
    order by r.date, r.id`.execute(db);
  for (const r of receipts.rows) {
    const amount = Number(r.amount_paise);
    const partyId = Number(r.client_id);
    const inserted = await sql<{ id: number | string }>`
      insert into payments (direction, party_id, date, amount_paise, tds_paise, mode, reference, notes,
        allocated_paise, created_by, created_at, updated_at)
      values ('received', ${partyId}, ${r.date}, ${amount}, 0, ${r.mode}, ${r.reference ?? r.cheque_number},
        ${r.note ? `Order ${r.order_number}: ${r.note}` : `Order ${r.order_number}`}, 0, ${r.created_by}, ${now},
        ${now})
      returning id`.execute(db);
    const paymentId = Number(inserted.rows[0]?.id);
    let left = amount;
    let allocated = 0;
    for (const doc of await openDocsOf(db, Number(r.order_id), partyId)) {
      if (left <= 0) break;
      const part = Math.min(left, doc.balance);
      left -= part;
      allocated += part;
      await sql`insert into payment_allocations (payment_id, invoice_id, amount_paise, created_at)
        values (${paymentId}, ${doc.id}, ${part}, ${now})`.execute(db);
      const paid = doc.paid + part;
      const balance = doc.grandTotal - paid - doc.credited;
      const status = balance <= 0 ? 'paid' : 'partial';
      await sql`update invoices set amount_paid_paise = ${paid}, balance_due_paise = ${balance},
        payment_status = ${status}, updated_at = ${now} where id = ${doc.id}`.execute(db);
    }
    if (allocated > 0) {
      await sql`update payments set allocated_paise = ${allocated} where id = ${paymentId}`.execute(db);
    }
    await sql`update order_receipts set payment_id = ${paymentId} where id = ${r.id}`.execute(db);
  }
}

// ---- amount due with GST (frozen copy of the one-line rule of packages/domain/src/orders/order-bill.ts)

function halfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** base + GST on one service line, rounded to the rupee half-up (intra-state taxes each half separately). */
function billWithGst(base: number, rateBp: number, regime: 'intra' | 'inter' | 'zero'): number {
  if (base <= 0) return 0;
  const b = BigInt(base);
  const r = BigInt(rateBp);
  const tax = regime === 'zero' ? 0n : regime === 'inter' ? halfUp(b * r, 10_000n) : 2n * halfUp(b * r, 20_000n);
  return Number(halfUp(b + tax, 100n) * 100n);
}

async function recomputeOrders(db: MigrationDb): Promise<void> {
  const business = await sql<{ state_code: string | null }>`select state_code from business where id = 1`.execute(db);
  const supplierState = business.rows[0]?.state_code ?? null;
  // Orders without an issued invoice or debit note: billed on fees (or base charges once failed) plus GST.
  const estimated = await sql<Record<string, string | number | null>>`
    select o.id, o.stage_code, o.fees_paise, o.base_charges_paise, t.gst_rate_bp, p.gstin, p.billing_address,
      p.gst_registration_type
    from orders o join order_types t on t.id = o.order_type_id join parties p on p.id = o.client_id
    where not exists (select 1 from invoices i left join invoices io on io.id = i.original_invoice_id
      where coalesce(i.order_id, io.order_id) = o.id and i.direction = 'receivable' and i.status = 'issued'
        and i.type <> 'credit_note')`.execute(db);
  for (const o of estimated.rows) {
    const base = Number(o.stage_code === 'failed' ? o.base_charges_paise : o.fees_paise);
    let clientState: string | null = null;
    if (typeof o.gstin === 'string' && o.gstin) clientState = o.gstin.slice(0, 2);
    else if (typeof o.billing_address === 'string' && o.billing_address) {
      clientState = (JSON.parse(o.billing_address) as { stateCode?: string }).stateCode ?? null;
    }
    const regime =
      o.gst_registration_type === 'sez'
        ? 'zero'
        : supplierState && clientState && clientState !== supplierState
          ? 'inter'
          : 'intra';
    const due = billWithGst(base, Number(o.gst_rate_bp ?? 0), regime);
    await sql`update orders set amount_due_paise = ${due} where id = ${o.id} and amount_due_paise <> ${due}`.execute(
      db,
    );
  }
  // Orders with issued documents: exactly their totals, less issued credit notes.
  await sql`update orders set amount_due_paise = (
      select coalesce(sum(case when i.type = 'credit_note' then -i.grand_total_paise else i.grand_total_paise end), 0)
      from invoices i left join invoices io on io.id = i.original_invoice_id
      where coalesce(i.order_id, io.order_id) = orders.id and i.direction = 'receivable' and i.status = 'issued')
    where exists (select 1 from invoices i left join invoices io on io.id = i.original_invoice_id
      where coalesce(i.order_id, io.order_id) = orders.id and i.direction = 'receivable' and i.status = 'issued'
        and i.type <> 'credit_note')`.execute(db);
  // Received: its receipts, plus other payments allocated to its documents.
  await sql`update orders set amount_received_paise =
      (select coalesce(sum(r.amount_paise), 0) from order_receipts r where r.order_id = orders.id)
      + (select coalesce(sum(a.amount_paise), 0) from payment_allocations a
          join invoices i on i.id = a.invoice_id left join invoices io on io.id = i.original_invoice_id
          where coalesce(i.order_id, io.order_id) = orders.id and i.direction = 'receivable'
            and not exists (select 1 from order_receipts r2 where r2.order_id = orders.id
              and r2.payment_id = a.payment_id))`.execute(db);
  await sql`update orders set payment_status = case
      when amount_received_paise > amount_due_paise then 'overpaid'
      when amount_received_paise = amount_due_paise then 'paid'
      when amount_received_paise <= 0 then 'unpaid'
      else 'partial' end`.execute(db);
}

export async function up(db: MigrationDb): Promise<void> {
  const d: Dialect = isPostgres(db) ? 'postgres' : 'sqlite';
  const now = new Date().toISOString();
  // Triggers first, so the data changes below keep every other summary (closed days, party periods) in step.
  await run(db, [
    // The old "Collected" contribution summed order receipts.
    ...(d === 'sqlite'
      ? ['ins', 'upd', 'del'].map((s) => `drop trigger if exists metric_receipts_${s}`)
      : [
          'drop trigger if exists metric_receipts_trg on order_receipts',
          'drop function if exists metric_receipts_fn()',
        ]),
    ...dropTriggers(CREATED, d),
    ...dropTriggers(COLLECTED, d),
    ...createTriggers(CREATED, d),
    ...createTriggers(COLLECTED, d),
  ]);
  await receiptsToPayments(db, now);
  await recomputeOrders(db);
  await run(db, [...rebuild(CREATED, d), ...rebuild(COLLECTED, d)]);
}

/**
 * Puts the summaries back on order receipts; the payments created for receipts and the amounts stay (they are
 * true money records by now, and may have been allocated or changed since).
 */
export async function down(db: MigrationDb): Promise<void> {
  const d: Dialect = isPostgres(db) ? 'postgres' : 'sqlite';
  const receipts: Frozen = {
    ...COLLECTED,
    name: 'metric_receipts',
    source: 'order_receipts',
    watch: 'date, amount_paise',
    where: () => '1 = 1',
  };
  await run(db, [...dropTriggers(COLLECTED, d), ...createTriggers(receipts, d), ...rebuild(receipts, d)]);
}
