import type {
  PartnerBalanceQuery,
  PayoutListQuery,
  PortalOrderQuery,
  SettlementListQuery,
} from '@bizdash/contracts/order-money';
import { TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import { containsText, forUpdate } from '../../../platform/db/dialect-sql';
import type { DB } from '../../../db-schema';
import type { PayoutsTable } from './partners.tables';

/** Every query of the partners context: settlement entries as partners see them, payouts, balances, the portal. */

type Sum = number | string | null;

// ---- settlement entries

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

/** Σ approved partner shares of a partner, optionally only those approved before `before`. */
export async function sumApprovedShares(executor: Executor, partnerId: number, before?: string): Promise<number> {
  let query = executor
    .selectFrom('settlement_entries')
    .select((eb) => eb.fn.sum<Sum>('partner_share_paise').as('total'))
    .where('partner_id', '=', partnerId)
    .where('status', '=', 'approved');
  if (before !== undefined) query = query.where('approved_on', '<', before);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.total ?? 0);
}

/** Σ payouts to a partner, optionally only those dated before `before`. */
export async function sumPayouts(executor: Executor, partnerId: number, before?: string): Promise<number> {
  let query = executor
    .selectFrom('payouts')
    .select((eb) => eb.fn.sum<Sum>('amount_paise').as('total'))
    .where('partner_id', '=', partnerId);
  if (before !== undefined) query = query.where('date', '<', before);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.total ?? 0);
}

/** Locks one settlement entry for allocation. */
export function lockEntry(tx: Transaction<DB>, dialect: Dialect, entryId: number) {
  return forUpdate(
    dialect,
    tx
      .selectFrom('settlement_entries')
      .select(['id', 'partner_id', 'status', 'partner_share_paise', 'allocated_paise'])
      .where('id', '=', entryId),
  ).executeTakeFirst();
}

/** Locks a partner's approved entries with something outstanding: oldest approval first, same day in id order. */
export function lockOutstandingEntries(tx: Transaction<DB>, dialect: Dialect, partnerId: number) {
  return forUpdate(
    dialect,
    tx
      .selectFrom('settlement_entries')
      .select(['id', 'partner_share_paise', 'allocated_paise'])
      .where('partner_id', '=', partnerId)
      .where('status', '=', 'approved')
      .where((eb) => eb('partner_share_paise', '>', eb.ref('allocated_paise')))
      .orderBy('approved_on')
      .orderBy('approved_at')
      .orderBy('id'),
  ).execute();
}

export async function setAllocated(tx: Transaction<DB>, entryId: number, allocatedPaise: number): Promise<void> {
  await tx
    .updateTable('settlement_entries')
    .set({ allocated_paise: allocatedPaise })
    .where('id', '=', entryId)
    .execute();
}

// ---- payouts

export function insertPayout(tx: Transaction<DB>, values: Insertable<PayoutsTable>) {
  return tx.insertInto('payouts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertAllocation(
  tx: Transaction<DB>,
  payoutId: number,
  entryId: number,
  amountPaise: number,
  now: string,
): Promise<void> {
  await tx
    .insertInto('payout_allocations')
    .values({ payout_id: payoutId, entry_id: entryId, amount_paise: amountPaise, created_at: now })
    .execute();
}

/** Locks the partner's party row: payouts to one partner are serialised so two cannot spend the same balance. */
export function lockParty(tx: Transaction<DB>, dialect: Dialect, partyId: number) {
  return forUpdate(
    dialect,
    tx.selectFrom('parties').select(['id', 'name', 'is_partner']).where('id', '=', partyId),
  ).executeTakeFirst();
}

function selectPayouts(executor: Executor) {
  return executor
    .selectFrom('payouts')
    .innerJoin('parties', 'parties.id', 'payouts.partner_id')
    .selectAll('payouts')
    .select('parties.name as partner_name');
}

export type PayoutViewRow = Awaited<ReturnType<ReturnType<typeof selectPayouts>['executeTakeFirstOrThrow']>>;

/** One payout with its partner's name; with `partnerId`, only when it was paid to that partner. */
export function findPayout(executor: Executor, id: number, partnerId?: number): Promise<PayoutViewRow | undefined> {
  let query = selectPayouts(executor).where('payouts.id', '=', id);
  if (partnerId !== undefined) query = query.where('payouts.partner_id', '=', partnerId);
  return query.executeTakeFirst();
}

/** A page of payouts, newest first, and the total that match. */
export async function listPayouts(
  executor: Executor,
  query: PayoutListQuery,
): Promise<{ rows: PayoutViewRow[]; total: number }> {
  let base = executor.selectFrom('payouts');
  if (query.partnerId) base = base.where('payouts.partner_id', '=', query.partnerId);
  if (query.from) base = base.where('payouts.date', '>=', query.from);
  if (query.to) base = base.where('payouts.date', '<=', query.to);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const ids = await base
    .select('payouts.id')
    .orderBy('payouts.date', 'desc')
    .orderBy('payouts.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const rows = ids.length
    ? await selectPayouts(executor)
        .where(
          'payouts.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('payouts.date', 'desc')
        .orderBy('payouts.id', 'desc')
        .execute()
    : [];
  return { rows, total: Number(count.total) };
}

/** The allocations of these payouts with their orders' numbers, in the order auto-allocation follows. */
export function allocationsOf(executor: Executor, payoutIds: number[]) {
  return executor
    .selectFrom('payout_allocations')
    .innerJoin('settlement_entries', 'settlement_entries.id', 'payout_allocations.entry_id')
    .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
    .select([
      'payout_allocations.payout_id',
      'payout_allocations.entry_id',
      'payout_allocations.amount_paise',
      'orders.number',
    ])
    .where('payout_allocations.payout_id', 'in', payoutIds)
    .orderBy('settlement_entries.approved_on')
    .orderBy('settlement_entries.approved_at')
    .orderBy('payout_allocations.entry_id')
    .execute();
}

export function userNames(executor: Executor, ids: number[]) {
  return ids.length ? executor.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute() : [];
}

/**
 * Balance owed per partner, aggregated in SQL: every partner party plus any party that still has entries or
 * payouts (a former partner can be owed money). Largest balance first.
 */
export async function partnerBalances(executor: Executor, dialect: Dialect, query: PartnerBalanceQuery) {
  const totals = executor
    .selectFrom('settlement_entries')
    .select((eb) => [
      'settlement_entries.partner_id',
      eb.fn
        .sum<number | string>(
          sql`case when settlement_entries.status = 'approved' then settlement_entries.partner_share_paise else 0 end`,
        )
        .as('approved'),
      eb.fn
        .sum<number | string>(
          sql`case when settlement_entries.status = 'draft' then settlement_entries.partner_share_paise else 0 end`,
        )
        .as('pending'),
    ])
    .where('settlement_entries.partner_id', 'is not', null)
    .groupBy('settlement_entries.partner_id')
    .as('t');
  const paid = executor
    .selectFrom('payouts')
    .select((eb) => ['payouts.partner_id', eb.fn.sum<number | string>('payouts.amount_paise').as('paid')])
    .groupBy('payouts.partner_id')
    .as('p');
  let base = executor
    .selectFrom('parties')
    .leftJoin(totals, 't.partner_id', 'parties.id')
    .leftJoin(paid, 'p.partner_id', 'parties.id')
    .where((eb) =>
      eb.or([
        eb('parties.is_partner', '=', true),
        eb('t.partner_id', 'is not', null),
        eb('p.partner_id', 'is not', null),
      ]),
    );
  if (query.q) base = base.where(containsText(dialect, 'parties.name', query.q));
  const owedExpr = sql<number>`(coalesce(t.approved, 0) - coalesce(p.paid, 0))`;
  if (query.owed === 'true') base = base.where(sql<boolean>`${owedExpr} <> 0`);
  if (query.owed === 'false') base = base.where(sql<boolean>`${owedExpr} = 0`);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'parties.id',
      'parties.name',
      sql<Sum>`t.approved`.as('approved'),
      sql<Sum>`t.pending`.as('pending'),
      sql<Sum>`p.paid`.as('paid'),
    ])
    .orderBy(owedExpr, 'desc')
    .orderBy('parties.name')
    .orderBy('parties.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(count.total) };
}

// ---- statements

export function findParty(executor: Executor, id: number) {
  return executor.selectFrom('parties').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** A partner's approved entries by approval date in [from, to], with their orders. */
export function approvedEntriesBetween(executor: Executor, partnerId: number, from: string, to: string) {
  return executor
    .selectFrom('settlement_entries')
    .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
    .select([
      'settlement_entries.id',
      'settlement_entries.kind',
      'settlement_entries.outcome',
      'settlement_entries.partner_share_paise',
      'settlement_entries.approved_on',
      'orders.id as order_id',
      'orders.number',
      'orders.title',
    ])
    .where('settlement_entries.partner_id', '=', partnerId)
    .where('settlement_entries.status', '=', 'approved')
    .where('settlement_entries.approved_on', '>=', from)
    .where('settlement_entries.approved_on', '<=', to)
    .orderBy('settlement_entries.approved_on')
    .orderBy('settlement_entries.id')
    .execute();
}

/** A partner's payouts dated in [from, to]. */
export function payoutsBetween(executor: Executor, partnerId: number, from: string, to: string) {
  return executor
    .selectFrom('payouts')
    .select(['id', 'date', 'amount_paise', 'mode', 'reference'])
    .where('partner_id', '=', partnerId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

// ---- the portal

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
