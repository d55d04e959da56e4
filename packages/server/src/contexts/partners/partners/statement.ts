import type { PartnerStatement, StatementLine } from '@bizdash/contracts/order-money';
import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import { isoDate, m } from './partner-money';
import { sumApprovedShares, sumPayouts } from './payouts.repo';
import * as repo from './statement.repo';

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
  const partner = await repo.findParty(executor, partnerId);
  if (!partner) throw new AppError('NOT_FOUND', `Partner ${partnerId} not found`);

  const [openingCredit, openingDebit, entries, payouts] = await Promise.all([
    sumApprovedShares(executor, partnerId, from),
    sumPayouts(executor, partnerId, from),
    repo.approvedEntriesBetween(executor, partnerId, from, to),
    repo.payoutsBetween(executor, partnerId, from, to),
  ]);

  const opening = openingCredit - openingDebit;
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
