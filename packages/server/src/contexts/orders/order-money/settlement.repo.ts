import type { SettlementListQuery } from '@bizdash/contracts/order-money';
import type { SettlementBasis } from '@bizdash/domain/settlements/settlement';
import type { Executor } from '../../../platform/db/database';
import { selectEntries } from './order-money.repo';

/** The queries of settlement.service.ts: settlement entries (declared by the partners context) and their approval. */

/** The order's row with its partner's name. */
export function findOrderWithPartner(executor: Executor, orderId: number) {
  return executor
    .selectFrom('orders')
    .leftJoin('parties as partner', 'partner.id', 'orders.partner_id')
    .selectAll('orders')
    .select('partner.name as partner_name')
    .where('orders.id', '=', orderId)
    .executeTakeFirst();
}

/** The order's entries as shown, oldest first. */
export function entryViewsOfOrder(executor: Executor, orderId: number) {
  return selectEntries(executor)
    .where('settlement_entries.order_id', '=', orderId)
    .orderBy('settlement_entries.id')
    .execute();
}

export function entryViewById(executor: Executor, entryId: number) {
  return selectEntries(executor).where('settlement_entries.id', '=', entryId).executeTakeFirstOrThrow();
}

export function entryViewsByIds(executor: Executor, entryIds: readonly number[]) {
  return selectEntries(executor)
    .where('settlement_entries.id', 'in', [...entryIds])
    .execute();
}

export function findEntry(executor: Executor, entryId: number) {
  return executor.selectFrom('settlement_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
}

export async function markEntryApproved(
  executor: Executor,
  entryId: number,
  values: { approved_at: string; approved_on: string; approved_by: number | null; updated_at: string },
): Promise<void> {
  await executor
    .updateTable('settlement_entries')
    .set({ status: 'approved', ...values })
    .where('id', '=', entryId)
    .execute();
}

/** Ids of the order's draft entries, oldest first. */
export function draftEntryIdsOfOrder(executor: Executor, orderId: number) {
  return executor
    .selectFrom('settlement_entries')
    .select('id')
    .where('order_id', '=', orderId)
    .where('status', '=', 'draft')
    .orderBy('id')
    .execute();
}

export function findEntryOrder(executor: Executor, entryId: number) {
  return executor.selectFrom('settlement_entries').select('order_id').where('id', '=', entryId).executeTakeFirst();
}

export function entryOrders(executor: Executor, entryIds: readonly number[]) {
  return executor
    .selectFrom('settlement_entries')
    .select(['id', 'order_id'])
    .where('id', 'in', [...entryIds])
    .execute();
}

export async function setOrderShare(executor: Executor, orderId: number, shareBp: number, now: string): Promise<void> {
  await executor.updateTable('orders').set({ share_bp: shareBp, updated_at: now }).where('id', '=', orderId).execute();
}

/** One page of entries as shown, newest first, with the count of all that match. */
export async function listEntryViews(executor: Executor, query: SettlementListQuery) {
  let base = executor.selectFrom('settlement_entries');
  if (query.status) base = base.where('settlement_entries.status', '=', query.status);
  // Nothing waits for approval on an order without a partner: the business keeps its whole net (issue 18).
  if (query.status === 'draft') base = base.where('settlement_entries.partner_id', 'is not', null);
  if (query.partnerId) base = base.where('settlement_entries.partner_id', '=', query.partnerId);
  if (query.kind) base = base.where('settlement_entries.kind', '=', query.kind);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await base
    .select('settlement_entries.id')
    .orderBy('settlement_entries.created_at', 'desc')
    .orderBy('settlement_entries.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const rows =
    ids.length === 0
      ? []
      : await selectEntries(executor)
          .where(
            'settlement_entries.id',
            'in',
            ids.map((r) => r.id),
          )
          .orderBy('settlement_entries.created_at', 'desc')
          .orderBy('settlement_entries.id', 'desc')
          .execute();
  return { rows, total: Number(countRow.total) };
}

export async function setSettlementBasis(executor: Executor, basis: SettlementBasis, now: string): Promise<void> {
  await executor
    .updateTable('business')
    .set({ settlement_basis: basis, updated_at: now })
    .where('id', '=', 1)
    .execute();
}

/** Orders with a pending draft entry, by id. */
export function ordersWithDraftEntries(executor: Executor) {
  return executor
    .selectFrom('settlement_entries')
    .select('order_id')
    .distinct()
    .where('status', '=', 'draft')
    .orderBy('order_id')
    .execute();
}
