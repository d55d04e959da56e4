import type { Executor } from '../../../platform/db/database';

/** SQL of a partner's statement: the partner, approved entries and payouts in a period. */

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
