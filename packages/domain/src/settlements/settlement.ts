import { mulDivRound } from '../gst/exact-math';
import { roundDiv, type Paise } from '../money';

/**
 * The partner's revenue share of one order: the one formula every screen, statement and report uses.
 * Fixes the predecessor's case D: a loss is the business's alone, and a partner never owes money.
 */

export type SettlementBasis = 'contracted' | 'collected';
export type OrderOutcome = 'completed' | 'failed';
export type PaymentStatus = 'unpaid' | 'partial' | 'paid' | 'overpaid';

/**
 * The order's revenue before GST: the fees, or the base charges once the order has failed. What the client owes is
 * this plus GST (orders/order-bill.ts); settlements are computed on this, as GST is never revenue.
 */
export function amountDue(input: { feesPaise: Paise; baseChargesPaise: Paise; failed: boolean }): Paise {
  return input.failed ? input.baseChargesPaise : input.feesPaise;
}

/**
 * unpaid: nothing received (and something due); paid: received equals the amount due (a zero amount due with
 * nothing received is paid, as nothing is owed); partial: some but less; overpaid: more than due.
 */
export function paymentStatusOf(amountDuePaise: Paise, receivedPaise: Paise): PaymentStatus {
  if (receivedPaise > amountDuePaise) return 'overpaid';
  if (receivedPaise === amountDuePaise) return 'paid';
  if (receivedPaise <= 0) return 'unpaid';
  return 'partial';
}

/**
 * The GST-exclusive part of what was collected on an order, for the collected basis: receipts include GST, revenue
 * does not, so the revenue collected is received × revenue ÷ amount billed (proportional, half-up to the paisa),
 * never more than the revenue. Nothing billed (or nothing received) means nothing collected.
 */
export function gstExclusiveCollected(input: { receivedPaise: Paise; billedPaise: Paise; revenuePaise: Paise }): Paise {
  const { receivedPaise, billedPaise, revenuePaise } = input;
  if (receivedPaise <= 0 || billedPaise <= 0 || revenuePaise <= 0) return 0;
  return Math.min(revenuePaise, mulDivRound(receivedPaise, revenuePaise, billedPaise, 'received'));
}

export interface SettlementInput {
  basis: SettlementBasis;
  /** The terminal outcome; an open order is projected as if it completed. */
  outcome: OrderOutcome;
  feesPaise: Paise;
  baseChargesPaise: Paise;
  /** What was collected on the order, excluding GST (gstExclusiveCollected; used by the collected basis). */
  receivedPaise: Paise;
  /** Σ expenses of the order. */
  expensesPaise: Paise;
  /** The partner's share in basis points (40% = 4000); ignored without a partner. */
  shareBp: number;
  hasPartner: boolean;
}

export interface SettlementFigures {
  revenuePaise: Paise;
  expensesPaise: Paise;
  netPaise: Paise;
  /** Share actually applied: 0 without a partner. */
  shareBp: number;
  partnerSharePaise: Paise;
  businessSharePaise: Paise;
}

/**
 * revenue = fees (completed) or base charges (failed) on the contracted basis; receipts capped at that amount due
 * on the collected basis. net = revenue − expenses. partner = max(0, net) × r / 100, half-up to the paisa;
 * business = net − partner.
 */
export function computeSettlement(input: SettlementInput): SettlementFigures {
  if (!Number.isInteger(input.shareBp) || input.shareBp < 0 || input.shareBp > 10_000) {
    throw new RangeError(`share must be 0 to 10000 basis points, got ${input.shareBp}`);
  }
  const due = amountDue({
    feesPaise: input.feesPaise,
    baseChargesPaise: input.baseChargesPaise,
    failed: input.outcome === 'failed',
  });
  const revenue = input.basis === 'contracted' ? due : Math.min(Math.max(input.receivedPaise, 0), due);
  const net = revenue - input.expensesPaise;
  const shareBp = input.hasPartner ? input.shareBp : 0;
  const partner = net > 0 ? roundDiv(net * shareBp, 10_000) : 0;
  return {
    revenuePaise: revenue,
    expensesPaise: input.expensesPaise,
    netPaise: net,
    shareBp,
    partnerSharePaise: partner,
    businessSharePaise: net - partner,
  };
}
