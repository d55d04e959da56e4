import type { BoardQuery, DocumentCompleteness, ListOrdersQuery, Order, StageCode } from '@bizdash/contracts/orders';
import {
  completenessOf,
  isComplete,
  STAGE_CODES,
  TERMINAL_STAGES,
  type DocumentStatus,
} from '@bizdash/domain/orders/lifecycle';
import { addDays, startOfLocalDay } from '@bizdash/domain/orders/calendar';
import { toMoneyString } from '@bizdash/domain/money';
import {
  expressionBuilder,
  sql,
  type Expression,
  type ExpressionBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Database, Dialect, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import type { DB } from '../../../db-schema';
import { matchesSearch, normalizeSearchText } from '../../../platform/db/trigram-search';
import { priorityOf, priorityRank } from './order-support';
import { stageOf, type StageConfig } from './order-stages';

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

export interface ViewOptions {
  stages: StageConfig;
  /** Today in the business time zone, for isOverdue. */
  today: string;
  /**
   * Whether the caller may see the order's invoices (money.read). Money fields are not hidden here: the field
   * visibility filter hides them, in answers and exports alike (http/field-visibility.ts, issue 16).
   */
  canSeeMoney: boolean;
}

export function completenessFromRow(row: {
  docs_required: number;
  docs_received: number;
  docs_submitted: number;
  docs_accepted: number;
  docs_rejected: number;
}): DocumentCompleteness {
  const c = {
    required: Number(row.docs_required),
    received: Number(row.docs_received),
    submitted: Number(row.docs_submitted),
    accepted: Number(row.docs_accepted),
    rejected: Number(row.docs_rejected),
  };
  return { ...c, isComplete: isComplete(c) };
}

function ref(id: number | null, name: string | null) {
  return id === null ? null : { id, name: name ?? `#${id}` };
}

export function isOpenStage(code: string): boolean {
  return !(TERMINAL_STAGES as readonly string[]).includes(code);
}

/** An order's invoices and notes (order-money/order-billing.ts documentsOfOrders). */
export type OrderDocumentRef = {
  id: number;
  number: string | null;
  type: 'sales' | 'purchase' | 'credit_note' | 'debit_note';
  status: 'draft' | 'issued' | 'cancelled';
};

export function toOrder(row: OrderViewRow, options: ViewOptions, documents: readonly OrderDocumentRef[] = []): Order {
  // The CHECK constraint holds stage_code to the enum.
  const stage = row.stage_code as StageCode;
  const sharePrice = row.share_price_paise === null ? null : Number(row.share_price_paise);
  const shareCount = row.share_count === null ? null : Number(row.share_count);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    stage: stageOf(options.stages, stage),
    stageChangedAt: row.stage_changed_at,
    closedAt: row.closed_at,
    client: { id: row.client_id, name: row.client_name },
    partner: ref(row.partner_id, row.partner_name),
    orderType: { id: row.order_type_id, name: row.order_type_name },
    company: ref(row.company_id, row.company_name),
    shareCount,
    sharePrice: sharePrice === null ? null : toMoneyString(sharePrice),
    orderValue: sharePrice === null || shareCount === null ? null : toMoneyString(sharePrice * shareCount),
    fees: toMoneyString(Number(row.fees_paise)),
    baseCharges: toMoneyString(Number(row.base_charges_paise)),
    // Kept on the row by the order-money recompute, in the transaction of every change to its inputs.
    amountDue: toMoneyString(Number(row.amount_due_paise)),
    amountReceived: toMoneyString(Number(row.amount_received_paise)),
    balanceDue: toMoneyString(Number(row.amount_due_paise) - Number(row.amount_received_paise)),
    paymentStatus: row.payment_status,
    sharePercent: toMoneyString(Number(row.share_bp)),
    invoiceIds: options.canSeeMoney ? documents.map((d) => d.id) : [],
    invoices: options.canSeeMoney
      ? documents.map((d) => ({ id: d.id, number: d.number, type: d.type, status: d.status }))
      : [],
    assignee: ref(row.assignee_id, row.assignee_name),
    priority: priorityOf(row.priority),
    // Written only by this module as a JSON array of strings.
    tags: JSON.parse(row.tags) as string[],
    dueDate: row.due_date,
    isOverdue: row.due_date !== null && row.due_date < options.today && isOpenStage(stage),
    documents: completenessFromRow(row),
    createdBy: ref(row.created_by, row.creator_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type OrderFilters = Omit<BoardQuery, 'perStage' | 'sort' | 'closedWithinDays'> & { stage?: StageCode | undefined };

const TERMINAL = [...TERMINAL_STAGES];
const OPEN = STAGE_CODES.filter((code) => !TERMINAL_STAGES.includes(code));

/** Lower-cased number and title: the order's own searchable text. */
export function orderSearchText(number: string, title: string): string {
  return normalizeSearchText(`${number} ${title}`);
}

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

export function makeOrdersRepo(database: Database) {
  const { dialect } = database;

  /** Hands out the next sequence of a financial year, atomically, inside the creating transaction. */
  async function nextSequence(executor: Executor, financialYear: string): Promise<number> {
    const row = await executor
      .insertInto('order_number_counters')
      .values({ financial_year: financialYear, last_seq: 1 })
      .onConflict((oc) =>
        oc.column('financial_year').doUpdateSet({ last_seq: sql`order_number_counters.last_seq + 1` }),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(row.last_seq);
  }

  /** Moves an order between stage counts (from null on create), in the transaction that moves the order. */
  async function moveStageCount(executor: Executor, from: string | null, to: string): Promise<void> {
    if (from === to) return;
    if (from !== null) {
      await executor
        .updateTable('order_stage_counts')
        .set({ total: sql`total - 1` })
        .where('stage_code', '=', from)
        .execute();
    }
    await executor
      .insertInto('order_stage_counts')
      .values({ stage_code: to, total: 1 })
      .onConflict((oc) => oc.column('stage_code').doUpdateSet({ total: sql`order_stage_counts.total + 1` }))
      .execute();
  }

  /**
   * The total of a list filtered by stage alone (or by closed alone), from order_stage_counts; null when other
   * filters apply and the list must count its rows.
   */
  async function countedTotal(query: ListOrdersQuery, fc: FilterContext): Promise<number | null> {
    const { stage, closed, ...rest } = query;
    const stages = stage && closed === undefined ? [stage] : !stage && closed === 'true' ? [...TERMINAL] : null;
    if (!stages || orderTerms(rest, fc, 'count').length > 0) return null;
    const row = await database.db
      .selectFrom('order_stage_counts')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total'), eb.lit(0)).as('total'))
      .where('stage_code', 'in', stages)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** Keeps SQLite's FTS table in step with the order's search text; PostgreSQL indexes the column itself. */
  async function syncSearch(executor: Executor, id: number, searchText: string): Promise<void> {
    if (dialect === 'postgres') return;
    await sql`delete from orders_fts where rowid = ${id}`.execute(executor);
    await sql`insert into orders_fts (rowid, search_text) values (${id}, ${searchText})`.execute(executor);
  }

  /** Recounts an order's live documents onto its row (same transaction as the document change). */
  async function refreshCompleteness(executor: Executor, orderId: number, now: string) {
    const rows = await executor
      .selectFrom('order_documents')
      .select('status')
      .where('order_id', '=', orderId)
      .where('removed_at', 'is', null)
      .execute();
    // The CHECK constraint holds status to the enum.
    const c = completenessOf(rows.map((r) => r.status as DocumentStatus));
    await executor
      .updateTable('orders')
      .set({
        docs_required: c.required,
        docs_received: c.received,
        docs_submitted: c.submitted,
        docs_accepted: c.accepted,
        docs_rejected: c.rejected,
        docs_complete: isComplete(c),
        updated_at: now,
      })
      .where('id', '=', orderId)
      .execute();
    return c;
  }

  function findView(executor: Executor, id: number) {
    return selectOrders(executor).where('orders.id', '=', id).executeTakeFirst();
  }

  function findRow(executor: Executor, id: number) {
    return executor.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The order row, locked for the rest of the transaction on PostgreSQL (SQLite already has the write lock). */
  function findRowForUpdate(executor: Executor, id: number) {
    return forUpdate(dialect, executor.selectFrom('orders').selectAll().where('id', '=', id)).executeTakeFirst();
  }

  /**
   * Full rows for a page of ids, in the ids' order. Pages are chosen from `orders` alone first: with the joins in the
   * same statement, SQLite's planner (after ANALYZE) may start from parties and sort a million rows for 50.
   */
  async function viewsOf(ids: readonly number[]) {
    if (ids.length === 0) return [];
    const rows = await selectOrders(database.db).where('orders.id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function list(query: ListOrdersQuery, fc: FilterContext) {
    const total =
      (await countedTotal(query, fc)) ??
      Number(
        (
          await whereOrders(database.db.selectFrom('orders'), query, fc, 'count')
            .select((eb) => eb.fn.countAll<number>().as('total'))
            .executeTakeFirstOrThrow()
        ).total,
      );
    const page = await applyOrderSort(
      whereOrders(database.db.selectFrom('orders').select('orders.id'), query, fc),
      query.sort,
      query.order,
    )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { rows: await viewsOf(page.map((r) => r.id)), total };
  }

  async function board(query: BoardQuery, fc: FilterContext, stages: readonly StageCode[]) {
    // An unfiltered board reads the kept stage counts instead of grouping every order; the closed-within window is
    // applied per closed column below, so it never forces a GROUP BY over the whole history.
    const counts =
      orderTerms(query, fc, 'count').length === 0
        ? await database.db.selectFrom('order_stage_counts').select(['stage_code', 'total']).execute()
        : await whereOrders(database.db.selectFrom('orders'), query, fc, 'count')
            .select(['orders.stage_code', (eb) => eb.fn.countAll<number>().as('total')])
            .groupBy('orders.stage_code')
            .execute();
    const totals = new Map(counts.map((c) => [c.stage_code, Number(c.total)]));
    const direction = query.sort === 'createdAt' || query.sort === 'priority' ? 'desc' : 'asc';
    // Closed on or after the start of the local day N-1 days ago: "the last 30 days" includes today.
    const closedSince =
      query.closedWithinDays === undefined
        ? null
        : startOfLocalDay(addDays(fc.today, 1 - query.closedWithinDays), fc.timeZone);
    const columns = [];
    for (const stage of stages) {
      const windowed = closedSince !== null && TERMINAL.includes(stage);
      // stage_code = ? and closed_at >= ? is a range of orders_closed_report_idx (stage_code, closed_at).
      const inStage = <O>(qb: SelectQueryBuilder<DB, 'orders', O>) => {
        const q = whereOrders(qb, { ...query, stage }, fc);
        return windowed ? q.where('orders.closed_at', '>=', closedSince) : q;
      };
      const allTotal = totals.get(stage) ?? 0;
      const total =
        windowed && allTotal > 0
          ? Number(
              (
                await inStage(database.db.selectFrom('orders'))
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            )
          : allTotal;
      const ids =
        total === 0
          ? []
          : await applyOrderSort(inStage(database.db.selectFrom('orders').select('orders.id')), query.sort, direction)
              .limit(query.perStage)
              .execute();
      columns.push({ stage, total, hiddenClosed: allTotal - total, rows: await viewsOf(ids.map((r) => r.id)) });
    }
    return columns;
  }

  return {
    nextSequence,
    moveStageCount,
    syncSearch,
    refreshCompleteness,
    findView,
    findRow,
    findRowForUpdate,
    list,
    board,
  };
}

export type OrdersRepo = ReturnType<typeof makeOrdersRepo>;
