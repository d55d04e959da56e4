import { AppError } from '../errors';
import { roundDiv, type Paise } from '../money';
import { addDays } from '../orders/calendar';
import { amountDue } from '../settlements/settlement';

/**
 * Every figure the dashboard and the reports show, defined once over plain rows (docs/metrics.md has a worked
 * example of each). The server computes the same figures in SQL for speed; its integration test recomputes them
 * with these functions from the raw rows, so the SQL can never drift from the definition.
 *
 * Dates are business-local calendar dates (yyyy-mm-dd, Asia/Kolkata): the caller converts instants (closed_at,
 * history timestamps) to local dates before asking. Periods are inclusive on both ends.
 */

export interface Period {
  from: string;
  to: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function inPeriod(date: string | null | undefined, period: Period): boolean {
  return date != null && date >= period.from && date <= period.to;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Checks a period (field names from / to in the error) and returns it. */
export function assertPeriod(period: Period): Period {
  for (const field of ['from', 'to'] as const) {
    const m = DATE_RE.exec(period[field]);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1) {
      throw new AppError('VALIDATION_FAILED', `${field} must be a date YYYY-MM-DD`, { field });
    }
    if (Number(m[3]) > lastDayOfMonth(Number(m[1]), Number(m[2]))) {
      throw new AppError('VALIDATION_FAILED', `${field} must be a calendar date`, { field });
    }
  }
  if (period.from > period.to) throw new AppError('VALIDATION_FAILED', 'from is after to', { field: 'from' });
  return period;
}

/**
 * The period a KPI is compared with. Whole calendar months (this month, a quarter, a financial year) compare with
 * the same number of whole months just before; any other range with the same number of days just before.
 */
export function previousPeriod(period: Period): Period {
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  if (fd === 1 && td === lastDayOfMonth(ty, tm)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const start = new Date(Date.UTC(fy, fm - 1 - months, 1));
    const end = new Date(Date.UTC(fy, fm - 1, 0));
    return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
  }
  const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** The months (yyyy-mm) a period touches, in order: the x axis of the monthly charts. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/**
 * How a period maps onto the per-party summaries (kept by month and by financial year): one whole financial year
 * (its starting calendar year), a run of whole calendar months, or neither (a custom range of days).
 */
export type PeriodGrain = { grain: 'fy'; year: string } | { grain: 'months'; months: string[] } | { grain: 'days' };

export function periodGrain(period: Period, fyStartMonth: number): PeriodGrain {
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = period.to.split('-').map(Number) as [number, number, number];
  if (fd !== 1 || td !== lastDayOfMonth(ty, tm)) return { grain: 'days' };
  const months = monthsOf(period);
  if (fm === fyStartMonth && months.length === 12) return { grain: 'fy', year: String(fy) };
  return { grain: 'months', months };
}

// ---------------------------------------------------------------------------------------------------------------
// Service side (orders)

export interface MetricOrder {
  id: number;
  stage: string;
  feesPaise: Paise;
  baseChargesPaise: Paise;
  /** Σ receipts of the order, plus other payments allocated to its invoices (whatever their dates). */
  receivedPaise: Paise;
  /**
   * What the client is billed, GST included (the order's stored amount due: fees or base charges plus GST, or its
   * issued invoices' totals). Absent: the revenue before GST (orderAmountDue), as before issue 14.
   */
  amountDuePaise?: Paise;
  createdOn: string;
  /** Local date the order reached completed/failed; null while open. */
  closedOn: string | null;
  dueDate: string | null;
}

const isClosed = (o: MetricOrder) => o.stage === 'completed' || o.stage === 'failed';

/** The order's revenue before GST: fees, or base charges once it failed (what booked revenue counts). */
export function orderAmountDue(o: MetricOrder): Paise {
  return amountDue({ feesPaise: o.feesPaise, baseChargesPaise: o.baseChargesPaise, failed: o.stage === 'failed' });
}

/** Orders completed or failed in the period. */
export function ordersClosedIn(orders: readonly MetricOrder[], period: Period): MetricOrder[] {
  return orders.filter((o) => isClosed(o) && inPeriod(o.closedOn, period));
}

/** Booked revenue: the revenue (before GST) of orders completed or failed in the period (failed at base charges). */
export function bookedRevenue(orders: readonly MetricOrder[], period: Period): Paise {
  return ordersClosedIn(orders, period).reduce((s, o) => s + orderAmountDue(o), 0);
}

/** Average order value: booked revenue over the number of orders closed in the period; null when none closed. */
export function averageOrderValue(orders: readonly MetricOrder[], period: Period): Paise | null {
  const closed = ordersClosedIn(orders, period);
  if (closed.length === 0) return null;
  return roundDiv(
    closed.reduce((s, o) => s + orderAmountDue(o), 0),
    closed.length,
  );
}

/**
 * Unrealized revenue: what clients still owe on the orders created in the period, open or closed, as of now:
 * Σ max(0, amount due − received), the amount due GST included (receipts include it). Failed orders count at base
 * charges; an overpaid order counts 0 (its excess does not cancel another order's debt).
 */
export function unrealizedRevenue(orders: readonly MetricOrder[], period: Period): Paise {
  return orders
    .filter((o) => inPeriod(o.createdOn, period))
    .reduce((s, o) => s + Math.max(0, (o.amountDuePaise ?? orderAmountDue(o)) - o.receivedPaise), 0);
}

/** Pipeline: the fees of the orders created in the period that are still open. */
export function pipeline(orders: readonly MetricOrder[], period: Period): Paise {
  return orders.filter((o) => !isClosed(o) && inPeriod(o.createdOn, period)).reduce((s, o) => s + o.feesPaise, 0);
}

/** Money received from a customer: a payment received (an order receipt is one too). */
export interface MetricReceipt {
  /** The order it was recorded on, if it was recorded as an order receipt. */
  orderId?: number | null;
  date: string;
  /** Amount received, excluding TDS (deducted by the client, not received). */
  amountPaise: Paise;
}

/**
 * Collected: all money received from customers dated in the period however it was recorded (payments received,
 * order receipts among them), whichever order or invoice it settles.
 */
export function collected(receipts: readonly MetricReceipt[], period: Period): Paise {
  return receipts.filter((r) => inPeriod(r.date, period)).reduce((s, r) => s + r.amountPaise, 0);
}

export interface MetricSettlementEntry {
  orderId: number;
  partnerId: number | null;
  /** Draft and approved entries both count: their sum per order is the order's current settlement. */
  revenuePaise: Paise;
  expensesPaise: Paise;
  partnerSharePaise: Paise;
  businessSharePaise: Paise;
}

export interface SettlementTotals {
  revenuePaise: Paise;
  expensesPaise: Paise;
  partnerSharePaise: Paise;
  businessSharePaise: Paise;
}

/**
 * The settlements of orders closed in the period: Σ of every entry (the settlement, its adjustments, approved or
 * draft) of those orders. Realized revenue is its business share; partner share its partner share.
 */
export function settlementTotals(
  entries: readonly MetricSettlementEntry[],
  orders: readonly MetricOrder[],
  period: Period,
): SettlementTotals {
  const closed = new Set(ordersClosedIn(orders, period).map((o) => o.id));
  const t = { revenuePaise: 0, expensesPaise: 0, partnerSharePaise: 0, businessSharePaise: 0 };
  for (const e of entries) {
    if (!closed.has(e.orderId)) continue;
    t.revenuePaise += e.revenuePaise;
    t.expensesPaise += e.expensesPaise;
    t.partnerSharePaise += e.partnerSharePaise;
    t.businessSharePaise += e.businessSharePaise;
  }
  return t;
}

/** Realized revenue: the business's share of the settlements of orders closed in the period. */
export function realizedRevenue(
  entries: readonly MetricSettlementEntry[],
  orders: readonly MetricOrder[],
  period: Period,
): Paise {
  return settlementTotals(entries, orders, period).businessSharePaise;
}

/** Partner share: the partners' share of the settlements of orders closed in the period. */
export function partnerShare(
  entries: readonly MetricSettlementEntry[],
  orders: readonly MetricOrder[],
  period: Period,
): Paise {
  return settlementTotals(entries, orders, period).partnerSharePaise;
}

export interface StageChange {
  orderId: number;
  toStage: string;
  /** Instant (ISO) of the change. */
  at: string;
}

const DAY_MS = 86_400_000;
/** Days with two decimals, from milliseconds: turnaround figures are shown like "4.25 days". */
const days2 = (ms: number) => Math.round((ms / DAY_MS) * 100) / 100;

/**
 * Completion time of each order completed in the period: from its first `received` to its last `completed` in the
 * status history, in days. Orders without a `received` entry are left out.
 */
export function completionDays(
  orders: readonly MetricOrder[],
  history: readonly StageChange[],
  period: Period,
): Map<number, number> {
  const completed = new Set(
    orders.filter((o) => o.stage === 'completed' && inPeriod(o.closedOn, period)).map((o) => o.id),
  );
  const first = new Map<number, string>();
  const last = new Map<number, string>();
  for (const h of history) {
    if (!completed.has(h.orderId)) continue;
    if (h.toStage === 'received' && (!first.has(h.orderId) || h.at < first.get(h.orderId)!)) first.set(h.orderId, h.at);
    if (h.toStage === 'completed' && (!last.has(h.orderId) || h.at > last.get(h.orderId)!)) last.set(h.orderId, h.at);
  }
  const out = new Map<number, number>();
  for (const [id, start] of first) {
    const end = last.get(id);
    if (end) out.set(id, (Date.parse(end) - Date.parse(start)) / DAY_MS);
  }
  return out;
}

/** Average completion time in days (two decimals) over orders completed in the period; null when none. */
export function averageCompletionDays(
  orders: readonly MetricOrder[],
  history: readonly StageChange[],
  period: Period,
): number | null {
  const d = [...completionDays(orders, history, period).values()];
  if (d.length === 0) return null;
  return days2((d.reduce((s, x) => s + x, 0) / d.length) * DAY_MS);
}

export interface Ratio {
  count: number;
  total: number;
  /** count / total in basis points (half up); null when total is 0. */
  bp: number | null;
}

export function ratio(count: number, total: number): Ratio {
  return { count, total, bp: total === 0 ? null : roundDiv(count * 10_000, total) };
}

/**
 * On-time rate: of the orders completed in the period that had a due date, the share completed on or before it
 * (local dates). Failed orders and orders without a due date are not counted either way.
 */
export function onTimeRate(orders: readonly MetricOrder[], period: Period): Ratio {
  const due = orders.filter((o) => o.stage === 'completed' && inPeriod(o.closedOn, period) && o.dueDate != null);
  return ratio(due.filter((o) => o.closedOn! <= o.dueDate!).length, due.length);
}

export interface MetricDocument {
  receivedAt: string | null;
  acceptedAt: string | null;
  /** Local date of acceptance. */
  acceptedOn: string | null;
}

/** Document turnaround: average days from received to accepted, over documents accepted in the period. */
export function documentTurnaroundDays(docs: readonly MetricDocument[], period: Period): number | null {
  const d = docs.filter((x) => x.receivedAt && x.acceptedAt && inPeriod(x.acceptedOn, period));
  if (d.length === 0) return null;
  const ms = d.reduce((s, x) => s + (Date.parse(x.acceptedAt!) - Date.parse(x.receivedAt!)), 0) / d.length;
  return days2(ms);
}

// ---------------------------------------------------------------------------------------------------------------
// Trading side (GST documents)

export interface MetricInvoice {
  id: number;
  type: 'sales' | 'purchase' | 'credit_note' | 'debit_note';
  direction: 'receivable' | 'payable';
  status: 'draft' | 'issued' | 'cancelled';
  date: string;
  taxablePaise: Paise;
  /** CGST + SGST/UTGST + IGST + cess. */
  taxPaise: Paise;
  balanceDuePaise: Paise;
  itcEligibility: 'eligible' | 'ineligible' | 'partial' | null;
  orderId: number | null;
  /** Untaxed charges billed (e-invoice OthChrg); absent is 0. */
  otherChargesPaise?: Paise;
  /** Round-off to the rupee; absent is 0. */
  roundOffPaise?: Paise;
}

/**
 * A credit note reduces, a debit note adds to, the side it belongs to (sales for receivable documents, purchases
 * for payable ones), in the month of the note's own date: a note in May against an April invoice changes May.
 */
export function noteSign(type: MetricInvoice['type']): 1 | -1 {
  return type === 'credit_note' ? -1 : 1;
}

const counted = (i: MetricInvoice, direction: MetricInvoice['direction'], period: Period) =>
  i.status === 'issued' && i.direction === direction && inPeriod(i.date, period);

/** Sales: taxable value of issued receivable documents dated in the period, net of credit and debit notes. */
export function sales(invoices: readonly MetricInvoice[], period: Period): Paise {
  return invoices
    .filter((i) => counted(i, 'receivable', period))
    .reduce((s, i) => s + noteSign(i.type) * i.taxablePaise, 0);
}

/** Purchases: taxable value of issued payable documents dated in the period, net of notes. */
export function purchases(invoices: readonly MetricInvoice[], period: Period): Paise {
  return invoices
    .filter((i) => counted(i, 'payable', period))
    .reduce((s, i) => s + noteSign(i.type) * i.taxablePaise, 0);
}

/** Output tax: GST on issued receivable documents in the period, net of notes. */
export function outputTax(invoices: readonly MetricInvoice[], period: Period): Paise {
  return invoices
    .filter((i) => counted(i, 'receivable', period))
    .reduce((s, i) => s + noteSign(i.type) * i.taxPaise, 0);
}

/**
 * Input tax credit: GST on issued payable documents in the period whose ITC is not marked ineligible, net of
 * notes. (A 'partial' document counts in full: the split is the accountant's call at filing.)
 */
export function inputTaxCredit(invoices: readonly MetricInvoice[], period: Period): Paise {
  return invoices
    .filter((i) => counted(i, 'payable', period) && i.itcEligibility !== 'ineligible')
    .reduce((s, i) => s + noteSign(i.type) * i.taxPaise, 0);
}

/** Net GST payable: output tax − input tax credit (negative = credit carried forward). */
export function netGstPayable(invoices: readonly MetricInvoice[], period: Period): Paise {
  return outputTax(invoices, period) - inputTaxCredit(invoices, period);
}

/**
 * Receivables (or payables): Σ positive balance due of issued sales and debit notes (or purchases and their debit notes)
 * as they stand now; credit notes already reduce their original's balance.
 */
export function outstanding(invoices: readonly MetricInvoice[], direction: MetricInvoice['direction']): Paise {
  return invoices
    .filter((i) => i.status === 'issued' && i.direction === direction && i.type !== 'credit_note')
    .reduce((s, i) => s + Math.max(0, i.balanceDuePaise), 0);
}

export interface MetricLine {
  invoiceId: number;
  gstRateBp: number;
  taxablePaise: Paise;
  taxPaise: Paise;
}

export interface RateRow {
  gstRateBp: number;
  outputTaxablePaise: Paise;
  outputTaxPaise: Paise;
  inputTaxablePaise: Paise;
  inputTaxPaise: Paise;
}

/** Tax liability by GST rate: output and input (ITC-eligible) taxable value and tax per rate, net of notes. */
export function taxByRate(invoices: readonly MetricInvoice[], lines: readonly MetricLine[], period: Period): RateRow[] {
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const rows = new Map<number, RateRow>();
  for (const l of lines) {
    const i = byId.get(l.invoiceId);
    if (!i || i.status !== 'issued' || !inPeriod(i.date, period)) continue;
    const input = i.direction === 'payable';
    if (input && i.itcEligibility === 'ineligible') continue;
    const row = rows.get(l.gstRateBp) ?? {
      gstRateBp: l.gstRateBp,
      outputTaxablePaise: 0,
      outputTaxPaise: 0,
      inputTaxablePaise: 0,
      inputTaxPaise: 0,
    };
    const sign = noteSign(i.type);
    if (input) {
      row.inputTaxablePaise += sign * l.taxablePaise;
      row.inputTaxPaise += sign * l.taxPaise;
    } else {
      row.outputTaxablePaise += sign * l.taxablePaise;
      row.outputTaxPaise += sign * l.taxPaise;
    }
    rows.set(l.gstRateBp, row);
  }
  return [...rows.values()].sort((a, b) => a.gstRateBp - b.gstRateBp);
}

/** An order expense, on the day it was spent. */
export interface MetricExpense {
  date: string;
  amountPaise: Paise;
}

/** A settlement entry as the book sees it: a partner's share becomes an expense when it is approved. */
export interface MetricApprovedShare {
  status: 'draft' | 'approved';
  approvedOn: string | null;
  partnerId: number | null;
  partnerSharePaise: Paise;
}

export interface ProfitAndLoss {
  /** Revenue from operations: taxable value of issued sales documents, net of notes (services and goods). */
  revenuePaise: Paise;
  /** Other charges billed and round-off (net of round-off on purchase bills). */
  otherIncomePaise: Paise;
  /** Taxable value and other charges of issued purchase documents, net of notes. */
  purchasesPaise: Paise;
  /** GST on purchases that is not eligible for credit, order expenses, approved partner shares. */
  otherExpensesPaise: Paise;
  profitPaise: Paise;
}

/**
 * Profit and loss, as the book posts it (ADR 016): revenue is recognised once, when a document is issued, whether
 * or not it came from an order; GST is never revenue (only ineligible input tax is a cost); order expenses count on
 * the day they are spent, partner shares on the day they are approved. Profit = revenue + other income − purchases
 * − other expenses.
 */
export function profitAndLoss(
  input: {
    invoices: readonly MetricInvoice[];
    expenses: readonly MetricExpense[];
    shares: readonly MetricApprovedShare[];
  },
  period: Period,
): ProfitAndLoss {
  let revenuePaise = 0;
  let otherIncomePaise = 0;
  let purchasesPaise = 0;
  let otherExpensesPaise = 0;
  for (const i of input.invoices) {
    if (i.status !== 'issued' || !inPeriod(i.date, period)) continue;
    const sign = noteSign(i.type);
    const other = i.otherChargesPaise ?? 0;
    const roundOff = i.roundOffPaise ?? 0;
    if (i.direction === 'receivable') {
      revenuePaise += sign * i.taxablePaise;
      otherIncomePaise += sign * (other + roundOff);
    } else {
      purchasesPaise += sign * (i.taxablePaise + other);
      otherIncomePaise -= sign * roundOff;
      if (i.itcEligibility === 'ineligible') otherExpensesPaise += sign * i.taxPaise;
    }
  }
  for (const e of input.expenses) if (inPeriod(e.date, period)) otherExpensesPaise += e.amountPaise;
  for (const s of input.shares) {
    if (s.status === 'approved' && s.partnerId !== null && inPeriod(s.approvedOn, period)) {
      otherExpensesPaise += s.partnerSharePaise;
    }
  }
  return {
    revenuePaise,
    otherIncomePaise,
    purchasesPaise,
    otherExpensesPaise,
    profitPaise: revenuePaise + otherIncomePaise - purchasesPaise - otherExpensesPaise,
  };
}
