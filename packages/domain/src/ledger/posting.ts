import type { Paise } from '../money';
import type { AccountKey } from './chart';

/**
 * Posting rules: each money document becomes one balanced journal entry. Pure functions of the document as it now
 * stands; the server compares the result with what the book already holds for the document and, when it differs,
 * posts a reversal of the old entry and the new one (entries are never edited).
 *
 * GST is never revenue: output tax is a liability, input tax an asset (or an expense when the credit is not
 * eligible), and reverse-charge tax is owed by the business on its purchases, not charged to its clients.
 */

export type VoucherType = 'sales' | 'purchase' | 'credit_note' | 'debit_note' | 'receipt' | 'payment' | 'journal';

export interface JournalLine {
  account: AccountKey;
  /** Set on party-ledger accounts (debtors, creditors, advances, partner payable). */
  partyId: number | null;
  debit: Paise;
  credit: Paise;
}

export interface JournalDraft {
  date: string;
  voucherType: VoucherType;
  partyId: number | null;
  /** The document's own number (invoice number, payment id), shown in the day book and sent to Tally. */
  reference: string | null;
  narration: string;
  lines: JournalLine[];
}

// ---- documents, as the rules need them

export type Regime = 'CGST_SGST' | 'CGST_UTGST' | 'IGST' | 'IGST_ZERO_RATED_LUT';

export interface InvoiceDocLine {
  hsnSac: string;
  taxable: Paise;
  cgst: Paise;
  /** SGST or UTGST, by the document's regime. */
  sgst: Paise;
  igst: Paise;
  cess: Paise;
}

export interface InvoiceDoc {
  type: 'sales' | 'purchase' | 'credit_note' | 'debit_note';
  direction: 'receivable' | 'payable';
  status: 'draft' | 'issued' | 'cancelled';
  number: string | null;
  date: string;
  partyId: number;
  partyName: string;
  regime: Regime;
  reverseCharge: boolean;
  /** Purchase side only: whether input tax may be taken as credit. 'partial' is taken in full here; the part to
   * reverse is declared in GSTR-3B table 4(B). */
  itcEligibility: 'eligible' | 'ineligible' | 'partial' | null;
  lines: InvoiceDocLine[];
  otherCharges: Paise;
  roundOff: Paise;
  grandTotal: Paise;
}

export type MoneyMode = 'cash' | 'bank_transfer' | 'upi' | 'cheque' | 'card' | 'other';

export interface PaymentDoc {
  id: number;
  direction: 'received' | 'made';
  date: string;
  partyId: number;
  partyName: string;
  amount: Paise;
  tds: Paise;
  mode: MoneyMode;
  /** Σ allocations to the party's documents; amount + tds − allocated is an advance. */
  allocated: Paise;
  reference: string | null;
}

export type ExpenseCategory = 'stamp_duty' | 'courier' | 'notary' | 'government_fee' | 'travel' | 'other';

export interface ExpenseDoc {
  id: number;
  date: string;
  amount: Paise;
  category: ExpenseCategory;
  orderNumber: string;
  paidTo: string | null;
}

export interface SettlementDoc {
  id: number;
  kind: 'settlement' | 'adjustment';
  status: 'draft' | 'approved';
  approvedOn: string | null;
  partnerId: number | null;
  /** May be negative for an adjustment that takes back part of an approved share. */
  partnerShare: Paise;
  orderNumber: string;
}

export interface PayoutDoc {
  id: number;
  date: string;
  partnerId: number;
  partnerName: string;
  amount: Paise;
  mode: MoneyMode;
  reference: string | null;
}

export interface OpeningBalanceDoc {
  date: string;
  partyId: number;
  partyName: string;
  /** Positive: the party owes the business (receivable); negative: the business owes the party (payable). */
  amount: Paise;
}

// ---- building blocks

/** A signed amount on one account: positive is a debit, negative a credit. Zero amounts leave no line. */
function signed(account: AccountKey, amount: Paise, partyId: number | null = null): JournalLine[] {
  if (amount === 0) return [];
  return [{ account, partyId, debit: amount > 0 ? amount : 0, credit: amount < 0 ? -amount : 0 }];
}

/** Where money moves for a payment mode: cash in hand, the bank, or the UPI/cards clearing account. */
export function moneyAccount(mode: MoneyMode): AccountKey {
  if (mode === 'cash') return 'cash';
  if (mode === 'upi' || mode === 'card') return 'upi_clearing';
  return 'bank';
}

const isService = (hsnSac: string) => hsnSac.startsWith('99');

/**
 * Merges lines on the same account and party, nets debit against credit, drops zeros and sorts them in a fixed
 * order, so that the same document always gives the same entry (the server compares entries by content).
 */
export function normaliseLines(lines: readonly JournalLine[]): JournalLine[] {
  const net = new Map<string, { account: AccountKey; partyId: number | null; amount: number }>();
  for (const line of lines) {
    const key = `${line.account}|${line.partyId ?? ''}`;
    const entry = net.get(key) ?? { account: line.account, partyId: line.partyId, amount: 0 };
    entry.amount += line.debit - line.credit;
    net.set(key, entry);
  }
  return [...net.values()]
    .filter((x) => x.amount !== 0)
    .sort((x, y) => (x.account === y.account ? (x.partyId ?? 0) - (y.partyId ?? 0) : x.account < y.account ? -1 : 1))
    .map((x) => ({
      account: x.account,
      partyId: x.partyId,
      debit: x.amount > 0 ? x.amount : 0,
      credit: x.amount < 0 ? -x.amount : 0,
    }));
}

export function entryTotals(lines: readonly JournalLine[]): { debit: Paise; credit: Paise } {
  let debit = 0;
  let credit = 0;
  for (const line of lines) {
    debit += line.debit;
    credit += line.credit;
  }
  return { debit, credit };
}

/** Throws when an entry does not balance to the paisa: a posting rule is wrong, and nothing may be written. */
export function assertBalanced(draft: JournalDraft): JournalDraft {
  const { debit, credit } = entryTotals(draft.lines);
  if (debit !== credit) {
    throw new Error(
      `Journal entry for ${draft.reference ?? draft.narration} does not balance: Dr ${debit} Cr ${credit}`,
    );
  }
  for (const line of draft.lines) {
    if (!Number.isSafeInteger(line.debit) || !Number.isSafeInteger(line.credit) || line.debit < 0 || line.credit < 0) {
      throw new Error(`Journal line on ${line.account} is not a whole non-negative paise amount`);
    }
  }
  return draft;
}

function finish(draft: Omit<JournalDraft, 'lines'> & { lines: JournalLine[] }): JournalDraft | null {
  const lines = normaliseLines(draft.lines);
  if (lines.length === 0) return null;
  return assertBalanced({ ...draft, lines });
}

// ---- the rules

const VOUCHER_OF_INVOICE: Record<InvoiceDoc['type'], VoucherType> = {
  sales: 'sales',
  purchase: 'purchase',
  credit_note: 'credit_note',
  debit_note: 'debit_note',
};

/**
 * A GST document. Sales side: Dr Sundry Debtors the grand total; Cr sales (services for SAC 99…, goods otherwise) the
 * taxable value; Cr output tax per head (none under reverse charge: the recipient pays it); Cr other charges; the
 * round-off to Round-off. Purchase side mirrors it on Sundry Creditors and purchases, with input tax (or an expense
 * when ineligible) and, under reverse charge, the tax owed credited to RCM tax payable. A credit note is the same
 * entry with every sign turned. Drafts and cancelled documents post nothing.
 */
export function postInvoice(doc: InvoiceDoc): JournalDraft | null {
  if (doc.status !== 'issued') return null;
  const sign = doc.type === 'credit_note' ? -1 : 1;
  const utgst = doc.regime === 'CGST_UTGST';
  const lines: JournalLine[] = [];
  let cgst = 0;
  let sgst = 0;
  let igst = 0;
  let cess = 0;
  for (const line of doc.lines) {
    cgst += line.cgst;
    sgst += line.sgst;
    igst += line.igst;
    cess += line.cess;
  }
  const tax = cgst + sgst + igst + cess;

  if (doc.direction === 'receivable') {
    // Signs as seen from the debtor: positive amounts are debits.
    lines.push(...signed('sundry_debtors', sign * doc.grandTotal, doc.partyId));
    for (const line of doc.lines) {
      lines.push(...signed(isService(line.hsnSac) ? 'sales_services' : 'sales_goods', -sign * line.taxable));
    }
    if (!doc.reverseCharge) {
      lines.push(...signed('output_cgst', -sign * cgst));
      lines.push(...signed(utgst ? 'output_utgst' : 'output_sgst', -sign * sgst));
      lines.push(...signed('output_igst', -sign * igst));
      lines.push(...signed('output_cess', -sign * cess));
    }
    lines.push(...signed('other_charges_income', -sign * doc.otherCharges));
    lines.push(...signed('round_off', -sign * doc.roundOff));
  } else {
    lines.push(...signed('sundry_creditors', -sign * doc.grandTotal, doc.partyId));
    for (const line of doc.lines) {
      lines.push(...signed(isService(line.hsnSac) ? 'purchases_services' : 'purchases_goods', sign * line.taxable));
    }
    if (doc.itcEligibility === 'ineligible') {
      lines.push(...signed('ineligible_itc', sign * tax));
    } else {
      lines.push(...signed('input_cgst', sign * cgst));
      lines.push(...signed(utgst ? 'input_utgst' : 'input_sgst', sign * sgst));
      lines.push(...signed('input_igst', sign * igst));
      lines.push(...signed('input_cess', sign * cess));
    }
    // Under reverse charge the supplier's bill carries no tax; the business owes it to the government.
    if (doc.reverseCharge) lines.push(...signed('rcm_payable', -sign * tax));
    lines.push(...signed('purchase_charges', sign * doc.otherCharges));
    lines.push(...signed('round_off', sign * doc.roundOff));
  }
  const what = doc.direction === 'receivable' ? 'to' : 'from';
  return finish({
    date: doc.date,
    voucherType: VOUCHER_OF_INVOICE[doc.type],
    partyId: doc.partyId,
    reference: doc.number,
    narration: `${label(doc)} ${doc.number ?? ''} ${what} ${doc.partyName}`.replace(/\s+/g, ' ').trim(),
    lines,
  });
}

function label(doc: InvoiceDoc): string {
  if (doc.type === 'credit_note') return 'Credit note';
  if (doc.type === 'debit_note') return 'Debit note';
  return doc.direction === 'receivable' ? 'Invoice' : 'Purchase bill';
}

/**
 * A payment and its allocations. Received: Dr the money account the amount and TDS Receivable the tax the client
 * deducted; Cr Sundry Debtors what is allocated to the client's documents and Customer advances the rest. Made:
 * the mirror, with TDS Payable and Advances to suppliers. Re-allocating a payment changes only the split between
 * the party's ledger and its advance, which is what the reversal and new entry record.
 */
export function postPayment(doc: PaymentDoc): JournalDraft | null {
  const settled = doc.amount + doc.tds;
  const advance = settled - doc.allocated;
  const money = moneyAccount(doc.mode);
  const lines: JournalLine[] =
    doc.direction === 'received'
      ? [
          ...signed(money, doc.amount),
          ...signed('tds_receivable', doc.tds),
          ...signed('sundry_debtors', -doc.allocated, doc.partyId),
          ...signed('customer_advances', -advance, doc.partyId),
        ]
      : [
          ...signed(money, -doc.amount),
          ...signed('tds_payable', -doc.tds),
          ...signed('sundry_creditors', doc.allocated, doc.partyId),
          ...signed('supplier_advances', advance, doc.partyId),
        ];
  return finish({
    date: doc.date,
    voucherType: doc.direction === 'received' ? 'receipt' : 'payment',
    partyId: doc.partyId,
    reference: doc.reference ?? `PAY-${doc.id}`,
    narration: `${doc.direction === 'received' ? 'Payment from' : 'Payment to'} ${doc.partyName}`,
    lines,
  });
}

const EXPENSE_ACCOUNT: Record<ExpenseCategory, AccountKey> = {
  stamp_duty: 'expense_stamp_duty',
  courier: 'expense_courier',
  notary: 'expense_notary',
  government_fee: 'expense_government_fee',
  travel: 'expense_travel',
  other: 'expense_other',
};

/** An order expense: Dr the category's expense account, Cr Cash (order expenses are paid out of petty cash). */
export function postExpense(doc: ExpenseDoc): JournalDraft | null {
  return finish({
    date: doc.date,
    voucherType: 'payment',
    partyId: null,
    reference: `EXP-${doc.id}`,
    narration: `Expense on ${doc.orderNumber}${doc.paidTo ? `, paid to ${doc.paidTo}` : ''}`,
    lines: [...signed(EXPENSE_ACCOUNT[doc.category], doc.amount), ...signed('cash', -doc.amount)],
  });
}

/**
 * An approved partner settlement or adjustment: Dr Partner commission, Cr Partner payable for the partner's share
 * (turned for a negative adjustment). Drafts and entries without a partner post nothing: until approval the share
 * is an estimate, not a liability.
 */
export function postSettlement(doc: SettlementDoc): JournalDraft | null {
  if (doc.status !== 'approved' || doc.partnerId === null || doc.approvedOn === null) return null;
  return finish({
    date: doc.approvedOn,
    voucherType: 'journal',
    partyId: doc.partnerId,
    reference: `SET-${doc.id}`,
    narration: `Partner ${doc.kind === 'adjustment' ? 'share adjustment' : 'share'} on ${doc.orderNumber}`,
    lines: [
      ...signed('partner_commission', doc.partnerShare),
      ...signed('partner_payable', -doc.partnerShare, doc.partnerId),
    ],
  });
}

/** A payout to a partner: Dr Partner payable, Cr the money account. */
export function postPayout(doc: PayoutDoc): JournalDraft | null {
  return finish({
    date: doc.date,
    voucherType: 'payment',
    partyId: doc.partnerId,
    reference: doc.reference ?? `PO-${doc.id}`,
    narration: `Payout to ${doc.partnerName}`,
    lines: [...signed('partner_payable', doc.amount, doc.partnerId), ...signed(moneyAccount(doc.mode), -doc.amount)],
  });
}

/** A party's opening balance, against Opening balance equity. */
export function postOpeningBalance(doc: OpeningBalanceDoc): JournalDraft | null {
  const account: AccountKey = doc.amount >= 0 ? 'sundry_debtors' : 'sundry_creditors';
  return finish({
    date: doc.date,
    voucherType: 'journal',
    partyId: doc.partyId,
    reference: null,
    narration: `Opening balance of ${doc.partyName}`,
    lines: [...signed(account, doc.amount, doc.partyId), ...signed('opening_balance_equity', -doc.amount)],
  });
}

/** The entry that undoes `draft`: every debit becomes a credit. */
export function reversalOf(lines: readonly JournalLine[]): JournalLine[] {
  return lines.map((l) => ({ ...l, debit: l.credit, credit: l.debit }));
}

/** A stable text of an entry's content, to tell whether a document's posting changed. */
export function fingerprint(draft: JournalDraft | null): string {
  if (!draft) return '';
  // Narration and reference are descriptive: a renamed party must not repost its whole history.
  return JSON.stringify([
    draft.date,
    draft.voucherType,
    draft.partyId,
    draft.lines.map((l) => [l.account, l.partyId, l.debit, l.credit]),
  ]);
}
