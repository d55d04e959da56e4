import type { PortalOrderQuery, SettlementListQuery } from '@bizdash/contracts/order-money';
import { TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import type { Dialect, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';
import { sumPayouts, type Sum } from './payouts.repo';

/** SQL of the partner portal: the partner's orders, settlement entries and summary figures. */

/** Settlement entries joined with what their JSON shows (order number, partner and approver names). */
export function selectEntries(executor: Executor) {
  return executor
    .selectFrom('settlement_entries')
    .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
    .leftJoin('parties', 'parties.id', 'settlement_entries.partner_id')
    .leftJoin('users', 'users.id', 'settlement_entries.approved_by')
    .selectAll('settlement_entries')
    .select(['orders.number as order_number', 'parties.name as partner_name', 'users.name as approver_name']);
}

/** The partner party a login is linked to, if any. */
export async function partnerPartyOf(executor: Executor, userId: number): Promise<number | null> {
  const row = await executor.selectFrom('users').select('partner_party_id').where('id', '=', userId).executeTakeFirst();
  return row?.partner_party_id ?? null;
}

const PORTAL_ORDER_COLUMNS = [
  'orders.id',
  'orders.number',
  'orders.title',
  'client.name as client_name',
  'orders.stage_code',
  'orders.docs_required',
  'orders.docs_received',
  'orders.docs_accepted',
  'orders.fees_paise',
  'orders.base_charges_paise',
  'orders.amount_received_paise',
  'orders.expenses_paise',
  'orders.share_bp',
  'orders.created_at',
] as const;

function partnerOrders(executor: Executor, partnerId: number) {
  return executor
    .selectFrom('orders')
    .innerJoin('parties as client', 'client.id', 'orders.client_id')
    .where('orders.partner_id', '=', partnerId);
}

/** An order as the portal lists it. */
export interface PortalOrderRow {
  id: number;
  number: string;
  title: string;
  client_name: string;
  stage_code: string;
  docs_required: number;
  docs_received: number;
  docs_accepted: number;
  fees_paise: number;
  base_charges_paise: number;
  amount_received_paise: number;
  expenses_paise: number;
  share_bp: number;
  created_at: string;
}

/** A page of the partner's orders, newest first. */
export async function listPartnerOrders(
  executor: Executor,
  dialect: Dialect,
  partnerId: number,
  query: PortalOrderQuery,
): Promise<{ rows: PortalOrderRow[]; total: number }> {
  let base = partnerOrders(executor, partnerId);
  if (query.q) base = base.where(containsText(dialect, 'orders.search_text', query.q.toLowerCase()));
  if (query.stage) base = base.where('orders.stage_code', '=', query.stage);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select(PORTAL_ORDER_COLUMNS)
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(count.total) };
}

export function findPartnerOrder(executor: Executor, partnerId: number, id: number) {
  return partnerOrders(executor, partnerId).select(PORTAL_ORDER_COLUMNS).where('orders.id', '=', id).executeTakeFirst();
}

/** Per order: the partner's stored share and how many of its entries are still drafts. */
export function sharesByOrder(executor: Executor, partnerId: number, orderIds: number[]) {
  return executor
    .selectFrom('settlement_entries')
    .select((eb) => [
      'order_id',
      eb.fn.sum<number | string>('partner_share_paise').as('share'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'draft').then(1).else(0).end()).as('drafts'),
    ])
    .where('partner_id', '=', partnerId)
    .where('order_id', 'in', orderIds)
    .groupBy('order_id')
    .execute();
}

/** A page of the partner's settlement entries, newest first. */
export async function listPartnerEntries(executor: Executor, partnerId: number, query: SettlementListQuery) {
  let base = executor.selectFrom('settlement_entries').where('settlement_entries.partner_id', '=', partnerId);
  if (query.status) base = base.where('settlement_entries.status', '=', query.status);
  if (query.kind) base = base.where('settlement_entries.kind', '=', query.kind);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let rows = selectEntries(executor).where('settlement_entries.partner_id', '=', partnerId);
  if (query.status) rows = rows.where('settlement_entries.status', '=', query.status);
  if (query.kind) rows = rows.where('settlement_entries.kind', '=', query.kind);
  const items = await rows
    .orderBy('settlement_entries.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows: items, total: Number(count.total) };
}

/** The portal's summary figures: orders open and closed, approved and pending shares, paid out. */
export async function partnerSummaryFigures(executor: Executor, partnerId: number) {
  const [orders, entries, paid] = await Promise.all([
    executor
      .selectFrom('orders')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn
          .sum<Sum>(
            eb
              .case()
              .when('stage_code', 'in', [...TERMINAL_STAGES])
              .then(1)
              .else(0)
              .end(),
          )
          .as('closed'),
      ])
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow(),
    executor
      .selectFrom('settlement_entries')
      .select((eb) => [
        eb.fn
          .sum<Sum>(eb.case().when('status', '=', 'approved').then(eb.ref('partner_share_paise')).else(0).end())
          .as('approved'),
        eb.fn
          .sum<Sum>(eb.case().when('status', '=', 'draft').then(eb.ref('partner_share_paise')).else(0).end())
          .as('pending'),
      ])
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow(),
    sumPayouts(executor, partnerId),
  ]);
  const closed = Number(orders.closed ?? 0);
  return {
    openOrders: Number(orders.total) - closed,
    closedOrders: closed,
    approved: Number(entries.approved ?? 0),
    pending: Number(entries.pending ?? 0),
    paidOut: paid,
  };
}
