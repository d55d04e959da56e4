import type { PartnerStatement, StatementLine } from '@bizdash/contracts/order-money';
import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../platform/db/database';
import { isoDate, m } from './partner-money';

const MODE_LABELS: Record<string, string> = {
  cash: 'cash',
  upi: 'UPI',
  bank_transfer: 'bank transfer',
  cheque: 'cheque',
  card: 'card',
  other: 'other',
};

/**
 * A partner's statement over [from, to]: the balance owed before `from` (approved shares approved before it minus
 * payouts dated before it), then every approved settlement or adjustment by its approval date (a credit; a negative
 * adjustment is a negative credit) and every payout by its date (a debit), with a running balance. Same-day lines:
 * entries before payouts, then by id, so a payout made the day of its approval never shows a dip below zero.
 */
export async function buildStatement(
  executor: Executor,
  partnerId: number,
  from: string,
  to: string,
): Promise<PartnerStatement> {
  if (from > to) throw new AppError('VALIDATION_FAILED', 'from: is after to', { field: 'from' });
  const partner = await executor
    .selectFrom('parties')
    .select(['id', 'name'])
    .where('id', '=', partnerId)
    .executeTakeFirst();
  if (!partner) throw new AppError('NOT_FOUND', `Partner ${partnerId} not found`);

  const [openingCredit, openingDebit, entries, payouts] = await Promise.all([
    executor
      .selectFrom('settlement_entries')
      .select((eb) => eb.fn.sum<number | string | null>('partner_share_paise').as('total'))
      .where('partner_id', '=', partnerId)
      .where('status', '=', 'approved')
      .where('approved_on', '<', from)
      .executeTakeFirstOrThrow(),
    executor
      .selectFrom('payouts')
      .select((eb) => eb.fn.sum<number | string | null>('amount_paise').as('total'))
      .where('partner_id', '=', partnerId)
      .where('date', '<', from)
      .executeTakeFirstOrThrow(),
    executor
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
      .execute(),
    executor
      .selectFrom('payouts')
      .select(['id', 'date', 'amount_paise', 'mode', 'reference'])
      .where('partner_id', '=', partnerId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('id')
      .execute(),
  ]);

  const opening = Number(openingCredit.total ?? 0) - Number(openingDebit.total ?? 0);
  let balance = opening;
  let totalCredit = 0;
  let totalDebit = 0;
  const lines: StatementLine[] = [];
  const pushEntry = (e: (typeof entries)[number]) => {
    const credit = Number(e.partner_share_paise);
    balance += credit;
    totalCredit += credit;
    const what =
      e.kind === 'settlement' ? (e.outcome === 'failed' ? 'Settlement (failed order)' : 'Settlement') : 'Adjustment';
    lines.push({
      date: isoDate(e.approved_on),
      kind: e.kind,
      id: e.id,
      order: { id: e.order_id, number: e.number, title: e.title },
      // The order's title travels in `order`; the description says what kind of line this is.
      description: what,
      credit: m(credit),
      debit: '0.00',
      balance: m(balance),
    });
  };
  const pushPayout = (p: (typeof payouts)[number]) => {
    const debit = Number(p.amount_paise);
    balance -= debit;
    totalDebit += debit;
    lines.push({
      date: isoDate(p.date),
      kind: 'payout',
      id: p.id,
      order: null,
      description: [`Payout (${MODE_LABELS[p.mode] ?? p.mode})`, p.reference].filter(Boolean).join(' '),
      credit: '0.00',
      debit: m(debit),
      balance: m(balance),
    });
  };
  // Merge two date-sorted lists.
  let i = 0;
  let j = 0;
  while (i < entries.length || j < payouts.length) {
    const e = entries[i];
    const p = payouts[j];
    if (e && (!p || isoDate(e.approved_on) <= isoDate(p.date))) {
      pushEntry(e);
      i++;
    } else if (p) {
      pushPayout(p);
      j++;
    }
  }
  return {
    partner: { id: partner.id, name: partner.name },
    from,
    to,
    openingBalance: m(opening),
    lines,
    totalCredit: m(totalCredit),
    totalDebit: m(totalDebit),
    closingBalance: m(balance),
  };
}
