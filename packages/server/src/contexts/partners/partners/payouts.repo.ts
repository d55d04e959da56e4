import type { PartnerBalanceQuery, PayoutListQuery } from '@bizdash/contracts/order-money';
import { sql, type Insertable, type Transaction } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import { containsText, forUpdate } from '../../../platform/db/dialect-sql';
import type { DB } from '../../../db-schema';
import type { PayoutsTable } from './partners.tables';

/** SQL of payouts: partner balances, payouts and their allocations to settlement entries. */

export type Sum = number | string | null;

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
