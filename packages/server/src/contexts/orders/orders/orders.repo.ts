import type { BoardQuery, ListOrdersQuery, StageCode, TimelineQuery } from '@bizdash/contracts/orders';
import { completenessOf, isComplete, type DocumentStatus } from '@bizdash/domain/orders/lifecycle';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import { normalizeSearchText } from '../../../platform/db/trigram-search';
import { boardOrders } from './orders-board.repo';
import { listOrders } from './orders-list.repo';
import { selectOrders, type FilterContext } from './orders-query.repo';
import type { OrdersTable, OrderStatusHistoryTable } from './orders.tables';

/*
 * The queries of orders. The list and the board live in orders-list.repo.ts and orders-board.repo.ts, their shared
 * filter in orders-query.repo.ts, and the answer shape in order-view.ts; their names stay exported from here.
 */
export {
  applyOrderSort,
  orderTerms,
  selectOrders,
  whereOrders,
  type FilterContext,
  type OrderViewRow,
} from './orders-query.repo';
export { completenessFromRow, isOpenStage, toOrder, type OrderDocumentRef, type ViewOptions } from './order-view';

/** Lower-cased number and title: the order's own searchable text. */
export function orderSearchText(number: string, title: string): string {
  return normalizeSearchText(`${number} ${title}`);
}

export function insertOrder(executor: Executor, values: Insertable<OrdersTable>) {
  return executor.insertInto('orders').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateOrder(executor: Executor, id: number, changes: Updateable<OrdersTable>) {
  return executor.updateTable('orders').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Moves an order to a stage (closed_at as the caller decides). */
export async function setOrderStage(
  executor: Executor,
  id: number,
  changes: { stage_code: string; stage_changed_at: string; closed_at: string | null; updated_at: string },
): Promise<void> {
  await executor.updateTable('orders').set(changes).where('id', '=', id).execute();
}

export async function insertStageHistory(
  executor: Executor,
  values: Insertable<OrderStatusHistoryTable>,
): Promise<void> {
  await executor.insertInto('order_status_history').values(values).execute();
}

/** A page of an order's timeline, of one kind (and its sub-kinds) when asked, and how many entries match. */
export async function pageOfOrderEvents(executor: Executor, orderId: number, query: TimelineQuery) {
  let base = executor.selectFrom('order_events').where('order_id', '=', orderId);
  if (query.kind) {
    const kind = query.kind;
    base = base.where((eb) => eb.or([eb('kind', '=', kind), eb('kind', 'like', `${kind.replace(/[\\%_]/g, '')}.%`)]));
  }
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('at', query.order)
    .orderBy('id', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(countRow.total) };
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

  function list(query: ListOrdersQuery, fc: FilterContext) {
    return listOrders(database.db, query, fc);
  }

  function board(query: BoardQuery, fc: FilterContext, stages: readonly StageCode[]) {
    return boardOrders(database.db, query, fc, stages);
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
