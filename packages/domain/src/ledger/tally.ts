/**
 * How the book reads in Tally Prime: voucher type names, the ledger group of an account, GST registration types,
 * and Tally's sign convention for amounts. Pure values in, values out; the server builds the XML from these.
 */
import { toMoneyString, type Paise } from '../money';
import type { StatementGroup } from './chart';
import type { VoucherType } from './posting';

/** Tally Prime's predefined voucher types, by the book's voucher type. */
export const TALLY_VOUCHER_TYPES: Readonly<Record<VoucherType, string>> = {
  sales: 'Sales',
  purchase: 'Purchase',
  receipt: 'Receipt',
  payment: 'Payment',
  credit_note: 'Credit Note',
  debit_note: 'Debit Note',
  journal: 'Journal',
};

/**
 * The Tally predefined group for an account the business added itself (system accounts carry their own
 * `tallyParent` in the chart), from the Schedule III line it is shown under.
 */
export const TALLY_GROUP_OF_STATEMENT_GROUP: Readonly<Record<StatementGroup, string>> = {
  share_capital: 'Capital Account',
  reserves_and_surplus: 'Reserves & Surplus',
  trade_payables: 'Sundry Creditors',
  other_current_liabilities: 'Current Liabilities',
  duties_and_taxes: 'Duties & Taxes',
  trade_receivables: 'Sundry Debtors',
  cash_and_cash_equivalents: 'Bank Accounts',
  short_term_loans_and_advances: 'Loans & Advances (Asset)',
  other_current_assets: 'Current Assets',
  revenue_from_operations: 'Sales Accounts',
  other_income: 'Indirect Incomes',
  purchases_of_stock_in_trade: 'Purchase Accounts',
  other_expenses: 'Indirect Expenses',
};

/**
 * Tally's "Registration type" of a party ledger. Tally has no separate SEZ, overseas or UIN types: an SEZ unit and a
 * UIN holder have a GSTIN and are Regular; an overseas party has none and is Unregistered.
 */
export function tallyRegistrationType(type: string): string {
  switch (type) {
    case 'regular':
    case 'sez':
    case 'uin':
      return 'Regular';
    case 'composition':
      return 'Composition';
    case 'consumer':
      return 'Consumer';
    case 'unregistered':
    case 'overseas':
      return 'Unregistered';
    default:
      return 'Unknown';
  }
}

/** yyyy-mm-dd → yyyymmdd, the date form Tally's XML reads. */
export function tallyDate(iso: string): string {
  return iso.slice(0, 10).replaceAll('-', '');
}

/**
 * One ledger entry of a voucher in Tally's convention: a debit is "deemed positive" and its AMOUNT is negative, a
 * credit is positive. `net` is debit − credit in paise.
 */
export function tallyAmount(net: Paise): { isDeemedPositive: boolean; amount: string } {
  return { isDeemedPositive: net > 0, amount: toMoneyString(-net) };
}

/**
 * Ledger names must be unique in a Tally company. A party whose name is taken (by an account or by another party of
 * the same name) gets a qualifier: its GSTIN when it has one, otherwise its number in BizDash.
 */
export function uniqueLedgerName(name: string, taken: ReadonlySet<string>, qualifier: string): string {
  const plain = name.trim();
  if (!taken.has(plain.toLowerCase())) return plain;
  const qualified = `${plain} (${qualifier})`;
  if (!taken.has(qualified.toLowerCase())) return qualified;
  let n = 2;
  while (taken.has(`${qualified} ${n}`.toLowerCase())) n += 1;
  return `${qualified} ${n}`;
}
