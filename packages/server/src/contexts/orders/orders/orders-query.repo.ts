import type { BoardQuery, ListOrdersQuery, StageCode } from '@bizdash/contracts/orders';
import { STAGE_CODES, TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import { addDays, startOfLocalDay } from '@bizdash/domain/orders/calendar';
import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { matchesSearch, normalizeSearchText } from '../../../platform/db/trigram-search';
import { priorityRank } from './order-support';

/* What the order list and board share: the joined order row, the filter and the sort. */

/** An order row with the names of what it points to: what every order answer is built from. */
export function selectOrders(executor: Executor) {
  return executor
    .selectFrom('orders')
    .innerJoin('parties as client', 'client.id', 'orders.client_id')
    .leftJoin('parties as partner', 'partner.id', 'orders.partner_id')
    .innerJoin('order_types', 'order_types.id', 'orders.order_type_id')
    .leftJoin('companies', 'companies.id', 'orders.company_id')
    .leftJoin('users as assignee', 'assignee.id', 'orders.assignee_id')
    .leftJoin('users as creator', 'creator.id', 'orders.created_by')
    .selectAll('orders')
    .select([
      'client.name as client_name',
      'partner.name as partner_name',
      'order_types.name as order_type_name',
      'companies.name as company_name',
      'assignee.name as assignee_name',
      'creator.name as creator_name',
    ]);
}

export type OrderViewRow = Awaited<ReturnType<ReturnType<typeof selectOrders>['executeTakeFirstOrThrow']>>;

export type OrderFilters = Omit<BoardQuery, 'perStage' | 'sort' | 'closedWithinDays'> & {
  stage?: StageCode | undefined;
};

export const TERMINAL = [...TERMINAL_STAGES];
const OPEN = STAGE_CODES.filter((code) => !TERMINAL_STAGES.includes(code));

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Number or title contains the text (trigram index: pg_trgm on PostgreSQL; on SQLite the FTS5 trigram table, queried
 * with a quoted phrase, for three characters or more), or the client's name matches (the parties search).
 */
function matchesOrderSearch(dialect: Dialect, text: string) {
  const needle = normalizeSearchText(text);
  const pattern = `%${escapeLike(needle)}%`;
  return (eb: ExpressionBuilder<DB, 'orders'>): Expression<SqlBool> => {
    const own =
      dialect === 'postgres'
        ? sql`select o.id from orders o where o.search_text ilike ${pattern} escape '\\'`
        : needle.length >= 3
          ? // A quoted phrase on a trigram FTS5 table matches it as a substring, from the index.
            sql`select rowid as id from orders_fts where orders_fts match ${`"${needle.replace(/"/g, '""')}"`}`
          : sql`select o.id from orders o where o.search_text like ${pattern} escape '\\'`;
    const clients = eb.selectFrom('parties').select('parties.id').where(matchesSearch(dialect, text));
    // A UNION of two index lookups rather than an OR, which PostgreSQL would answer with a scan of every order.
    return sql<SqlBool>`orders.id in (${own} union all select o.id from orders o where o.client_id in (${clients}))`;
  };
}

export interface FilterContext {
  dialect: Dialect;
  today: string;
  timeZone: string;
  /** The caller, for assigneeId=me. */
  userId: number | null;
}

/**
 * The WHERE terms of the list, the board and their counts; every term is on a column an index leads with.
 *
 * `shape` words "open" two ways (bench/orders.bench.ts, 1M orders): a count wants `stage_code IN (<open stages>)`,
 * which with the due date is a covering range scan of orders_stage_due_idx (3 ms for overdue); a page wants
 * `NOT IN (completed, failed)`, which SQLite cannot use as an index range, so it walks orders_created_idx newest first
 * and stops at 50 (5 ms), where the IN form would sort every overdue order first (140 ms).
 */
export function orderTerms(
  query: OrderFilters,
  fc: FilterContext,
  shape: 'page' | 'count' = 'page',
): Expression<SqlBool>[] {
  const eb = expressionBuilder<DB, 'orders'>();
  const terms: Expression<SqlBool>[] = [];
  const isOpen = () =>
    shape === 'count' ? eb('orders.stage_code', 'in', OPEN) : eb('orders.stage_code', 'not in', TERMINAL);
  if (query.stage) terms.push(eb('orders.stage_code', '=', query.stage));
  if (query.clientId) terms.push(eb('orders.client_id', '=', query.clientId));
  if (query.partnerId) terms.push(eb('orders.partner_id', '=', query.partnerId));
  if (query.orderTypeId) terms.push(eb('orders.order_type_id', '=', query.orderTypeId));
  if (query.companyId) terms.push(eb('orders.company_id', '=', query.companyId));
  if (query.assigneeId !== undefined) {
    // "me" for an API key (no user) matches nothing.
    const id = query.assigneeId === 'me' ? (fc.userId ?? -1) : query.assigneeId;
    terms.push(eb('orders.assignee_id', '=', id));
  }
  if (query.priority) terms.push(eb('orders.priority', '=', priorityRank(query.priority)));
  if (query.paymentStatus) terms.push(eb('orders.payment_status', '=', query.paymentStatus));
  if (query.tag) terms.push(eb('orders.tags', 'like', `%${escapeLike(JSON.stringify(query.tag))}%`));
  if (query.closed === 'true') terms.push(eb('orders.stage_code', 'in', TERMINAL));
  if (query.closed === 'false') terms.push(isOpen());
  if (query.overdue === 'true') terms.push(eb('orders.due_date', '<', fc.today), isOpen());
  if (query.overdue === 'false') {
    terms.push(
      eb.or([
        eb('orders.due_date', 'is', null),
        eb('orders.due_date', '>=', fc.today),
        eb('orders.stage_code', 'in', TERMINAL),
      ]),
    );
  }
  if (query.documents === 'complete') terms.push(eb('orders.docs_complete', '=', true));
  if (query.documents === 'incomplete') terms.push(eb('orders.docs_complete', '=', false));
  if (query.dateField === 'due') {
    if (query.from) terms.push(eb('orders.due_date', '>=', query.from));
    if (query.to) terms.push(eb('orders.due_date', '<=', query.to));
  } else {
    // Creation dates are calendar days in the business time zone.
    if (query.from) terms.push(eb('orders.created_at', '>=', startOfLocalDay(query.from, fc.timeZone)));
    if (query.to) terms.push(eb('orders.created_at', '<', startOfLocalDay(addDays(query.to, 1), fc.timeZone)));
  }
  if (query.q) terms.push(matchesOrderSearch(fc.dialect, query.q)(eb));
  return terms;
}

/**
 * Applies the filter. With no filter at all there is no WHERE: SQLite answers a bare count(*) of a million orders from
 * the b-tree in under a millisecond, but needs 15 ms to count them under `WHERE true`.
 */
export function whereOrders<O>(
  qb: SelectQueryBuilder<DB, 'orders', O>,
  query: OrderFilters,
  fc: FilterContext,
  shape: 'page' | 'count' = 'page',
): SelectQueryBuilder<DB, 'orders', O> {
  const terms = orderTerms(query, fc, shape);
  return terms.length === 0 ? qb : qb.where((eb) => eb.and(terms));
}

type SortKey = ListOrdersQuery['sort'];

export function applyOrderSort<O>(
  q: SelectQueryBuilder<DB, 'orders', O>,
  sort: SortKey,
  direction: 'asc' | 'desc',
): SelectQueryBuilder<DB, 'orders', O> {
  switch (sort) {
    case 'createdAt':
      return q.orderBy('orders.created_at', direction).orderBy('orders.id', direction);
    case 'dueDate':
      // Orders without a due date come last either way, on both dialects.
      return q
        .orderBy('orders.due_date', (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
        .orderBy('orders.id', direction);
    case 'number':
      return q
        .orderBy('orders.financial_year', direction)
        .orderBy('orders.number_seq', direction)
        .orderBy('orders.id', direction);
    case 'priority':
      return q.orderBy('orders.priority', direction).orderBy('orders.id', direction);
  }
}

/**
 * Full rows for a page of ids, in the ids' order. Pages are chosen from `orders` alone first: with the joins in the
 * same statement, SQLite's planner (after ANALYZE) may start from parties and sort a million rows for 50.
 */
export async function viewsOf(executor: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await selectOrders(executor).where('orders.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
