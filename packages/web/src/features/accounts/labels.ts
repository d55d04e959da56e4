import type { AccountType, SourceType, StatementGroup, VoucherType } from '@bizdash/contracts/accounts';
import { PLACEHOLDER, formatAmount } from '../../lib/format';

export const TYPE_LABELS: Record<AccountType, string> = {
  asset: 'Assets',
  liability: 'Liabilities',
  equity: 'Equity',
  income: 'Income',
  expense: 'Expenses',
};

/** The order a chart of accounts is read in: balance sheet heads first, then the profit and loss heads. */
export const TYPE_ORDER: readonly AccountType[] = ['asset', 'liability', 'equity', 'income', 'expense'];

/** Schedule III line items, as the statements print them. */
export const GROUP_LABELS: Record<StatementGroup, string> = {
  share_capital: 'Share capital',
  reserves_and_surplus: 'Reserves and surplus',
  trade_payables: 'Trade payables',
  other_current_liabilities: 'Other current liabilities',
  duties_and_taxes: 'Duties and taxes',
  trade_receivables: 'Trade receivables',
  cash_and_cash_equivalents: 'Cash and cash equivalents',
  short_term_loans_and_advances: 'Short-term loans and advances',
  other_current_assets: 'Other current assets',
  revenue_from_operations: 'Revenue from operations',
  other_income: 'Other income',
  purchases_of_stock_in_trade: 'Purchases of stock-in-trade',
  other_expenses: 'Other expenses',
};

/** Which Schedule III groups fit an account type (the add-account form offers only these). */
export const GROUPS_BY_TYPE: Record<AccountType, readonly StatementGroup[]> = {
  asset: ['cash_and_cash_equivalents', 'trade_receivables', 'short_term_loans_and_advances', 'other_current_assets'],
  liability: ['trade_payables', 'other_current_liabilities', 'duties_and_taxes'],
  equity: ['share_capital', 'reserves_and_surplus'],
  income: ['revenue_from_operations', 'other_income'],
  expense: ['purchases_of_stock_in_trade', 'other_expenses'],
};

export const VOUCHER_LABELS: Record<VoucherType, string> = {
  sales: 'Sales',
  purchase: 'Purchase',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  receipt: 'Receipt',
  payment: 'Payment',
  journal: 'Journal',
};

export const SOURCE_LABELS: Record<SourceType, string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  expense: 'Order expense',
  settlement: 'Partner settlement',
  payout: 'Payout',
  opening: 'Opening balance',
};

/** The cash book and the bank book are the ledgers of these two system accounts. */
export const CASH_ACCOUNT_CODE = '1100';
export const BANK_ACCOUNT_CODE = '1200';

/**
 * A signed balance (debit positive) the way a ledger prints it: "₹1,200.00 Dr", "₹350.00 Cr", "₹0.00". The sign
 * is only stripped from the decimal string, never computed through a number.
 */
export function drCr(balance: string | null | undefined): string {
  if (typeof balance !== 'string') return PLACEHOLDER;
  const value = balance.trim();
  const isCredit = value.startsWith('-');
  const magnitude = isCredit ? value.slice(1) : value;
  const text = formatAmount(magnitude);
  if (text === PLACEHOLDER || isZeroAmount(magnitude)) return text;
  return `${text} ${isCredit ? 'Cr' : 'Dr'}`;
}

/** True for "0.00", "0", "-0.00". */
export function isZeroAmount(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value.trim());
}
