import type { StageCode } from '@bizdash/contracts/orders';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/database';
import { loadStageConfig } from '../../orders/index';
import { dateText, openBalanceIndex } from '../reports/metrics.repo';
import type { Span } from '../reports/periods';

/** The dashboard's queries: the write version its cache keys on, top parties, and the lists a person starts with. */

/** The business's own stage names, as the board shows them (read by the orders module's loader). */
export function stageConfig(database: Database) {
  return loadStageConfig(database.db);
}

/** How many rows each dashboard list shows. */
export const LIST = 5;

/**
 * SQLite's write version: total_changes() counts every row this connection wrote (triggers included) and
 * data_version changes when another connection (the CLI, a worker process) commits. Either moving means the
 * summaries may have changed. Null on PostgreSQL: other servers write the same database and it has no cheap
 * change counter, so its dashboard is computed every time (four summary reads, still independent of data size).
 */
export async function writeVersion(database: Database): Promise<string | null> {
  if (database.dialect !== 'sqlite') return null;
  const r = await sql<{ t: number; v: number }>`
      select total_changes() as t, (select data_version from pragma_data_version) as v`.execute(database.db);
  const row = r.rows[0];
  return row ? `${row.t}:${row.v}` : null;
}

export interface TopParty {
  party_id: number;
  amount: number;
  orders: number;
}

/** The per-party summary of one financial year (yyyy) or one month (yyyy-mm), largest booked revenue first. */
export async function topPartiesOfPeriod(
  database: Database,
  role: 'client' | 'partner',
  grain: 'fy' | 'month',
  key: string | undefined,
): Promise<TopParty[]> {
  return (
    await sql<TopParty>`
            select party_id, amount, orders from metric_party_periods
            where role = ${role} and grain = ${grain} and period = ${key}
              and orders <> 0
            order by amount desc, party_id limit ${LIST}`.execute(database.db)
  ).rows;
}

/** The per-party summary summed over a run of months (yyyy-mm, first to last). */
export async function topPartiesOfMonths(
  database: Database,
  role: 'client' | 'partner',
  first: string | undefined,
  last: string | undefined,
): Promise<TopParty[]> {
  return (
    await sql<TopParty>`
            select party_id, sum(amount) as amount, sum(orders) as orders from metric_party_periods
            where role = ${role} and grain = 'month' and period >= ${first}
              and period <= ${last}
            group by party_id having sum(orders) <> 0
            order by sum(amount) desc, party_id limit ${LIST}`.execute(database.db)
  ).rows;
}

/** Clients or partners by booked revenue of their orders closed in a span (a custom range of days). */
export async function topPartiesClosedIn(
  database: Database,
  column: 'client_id' | 'partner_id',
  span: Span,
): Promise<TopParty[]> {
  return (
    await sql<TopParty>`
            select o.${sql.raw(column)} as party_id,
              sum(case when o.stage_code = 'failed' then o.base_charges_paise else o.fees_paise end) as amount,
              count(*) as orders
            from orders o
            where o.closed_at >= ${span.fromTs} and o.closed_at < ${span.toTsExclusive}
              and o.stage_code in ('completed', 'failed') and o.${sql.raw(column)} is not null
            group by o.${sql.raw(column)}
            order by amount desc, party_id
            limit ${LIST}`.execute(database.db)
  ).rows;
}

export function partyNames(database: Database, ids: number[]) {
  return database.db.selectFrom('parties').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The latest order timeline events, newest first. */
export function latestOrderEvents(database: Database) {
  return database.db
    .selectFrom('order_events as e')
    .innerJoin('orders as o', 'o.id', 'e.order_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.actor_name', 'e.order_id', 'o.number'])
    .orderBy('e.id', 'desc')
    .limit(10)
    .execute();
}

/** A user's open tasks: how many, and the first few by due date. */
export async function openTasks(database: Database, userId: number) {
  const base = database.db
    .selectFrom('tasks as t')
    .where('t.assignee_id', '=', userId)
    .where('t.completed_at', 'is', null);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .leftJoin('orders as o', 'o.id', 't.order_id')
      .select(['t.id', 't.title', 't.order_id', 'o.number', dateText(database, 't.due_date').as('due')])
      // Undated last, as NULLS LAST: an ordered range of tasks_open_assignee_due_idx, no sort of every open task.
      .orderBy('t.due_date', (ob) => ob.asc().nullsLast())
      .orderBy('t.id')
      .limit(LIST)
      .execute(),
  ]);
  return { total: count?.n, rows };
}

/** Open orders past their due date: how many, and the oldest few. */
export async function overdueOrders(database: Database, today: string, openStages: readonly StageCode[]) {
  const { db } = database;
  const base = db.selectFrom('orders as o').where('o.stage_code', 'in', openStages).where('o.due_date', '<', today);
  // The oldest five of each open stage, each an ordered range of orders_stage_due_idx, then the oldest five of
  // those: sorting every overdue order of a mature firm (45k at a million orders) took 250 ms.
  const perStage = openStages.map(
    (stage) => sql`select * from (select id, due_date from orders
        where stage_code = ${stage} and due_date < ${today} order by due_date, id limit ${LIST}) s`,
  );
  const [count, oldest] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    sql<{ id: number }>`select id from (${sql.join(perStage, sql` union all `)}) x
        order by due_date, id limit ${LIST}`.execute(db),
  ]);
  const ids = oldest.rows.map((r) => Number(r.id));
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('orders as o')
          .innerJoin('parties as c', 'c.id', 'o.client_id')
          .select(['o.id', 'o.number', 'o.title', 'o.stage_code', 'c.name', dateText(database, 'o.due_date').as('due')])
          .where('o.id', 'in', ids)
          .orderBy('o.due_date')
          .orderBy('o.id')
          .execute();
  return { total: count?.n, rows };
}

/** Issued sales invoices with a balance past their due date: how many, and the oldest few. */
export async function overdueInvoices(database: Database, today: string) {
  const { db } = database;
  // The list reads the partial index of documents with a balance; the count, the open balances by due date (a
  // row per day; counting 300k index entries took 26 ms at a million invoices).
  const filter = sql`i.status = 'issued' and i.direction = 'receivable' and i.type <> 'credit_note'
      and i.balance_due_paise > 0 and i.due_date < ${today}`;
  const [count, rows] = await Promise.all([
    sql<{ n: number }>`select sum(documents) as n from metric_open_due_days
        where direction = 'receivable' and basis = 'due' and day < ${today}`.execute(db),
    sql<{ id: number; number: string | null; party_name: string; balance_due_paise: number; due: string }>`
        select i.id, i.number, i.party_name, i.balance_due_paise, ${dateText(database, 'i.due_date')} as due
        from invoices i ${openBalanceIndex(database)} where ${filter}
        order by i.due_date, i.id limit ${LIST}`.execute(db),
  ]);
  return { total: count.rows[0]?.n, rows: rows.rows };
}

/** Draft settlement entries of orders with a partner, waiting for approval: how many, and the oldest few. */
export async function draftSettlements(database: Database) {
  // Orders without a partner need no approval (issue 18): they are not in the queue.
  const base = database.db
    .selectFrom('settlement_entries as e')
    .where('e.status', '=', 'draft')
    .where('e.partner_id', 'is not', null);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    base
      .innerJoin('orders as o', 'o.id', 'e.order_id')
      .leftJoin('parties as p', 'p.id', 'e.partner_id')
      .select(['e.id', 'e.order_id', 'e.kind', 'e.partner_share_paise', 'o.number', 'p.name'])
      .orderBy('e.created_at')
      .orderBy('e.id')
      .limit(LIST)
      .execute(),
  ]);
  return { total: count?.n, rows };
}
