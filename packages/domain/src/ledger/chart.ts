/**
 * The chart of accounts BizDash creates at setup: the accounts an Indian accountant expects to see in Tally, with
 * stable codes. Posting rules name accounts by their `key` (never by code or name), so a business may rename an
 * account or renumber nothing and every rule still finds it.
 *
 * `group` places the account in the Schedule III statements (Companies Act 2013, Division I), the order in which an
 * Indian accountant reads a balance sheet and a profit and loss statement. `tallyParent` is the Tally Prime
 * predefined group the ledger is created under when exported.
 */

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

/** Schedule III lines, in the order they are printed. */
export type StatementGroup =
  // Balance sheet: equity and liabilities
  | 'share_capital'
  | 'reserves_and_surplus'
  | 'trade_payables'
  | 'other_current_liabilities'
  | 'duties_and_taxes'
  // Balance sheet: assets
  | 'trade_receivables'
  | 'cash_and_cash_equivalents'
  | 'short_term_loans_and_advances'
  | 'other_current_assets'
  // Profit and loss
  | 'revenue_from_operations'
  | 'other_income'
  | 'purchases_of_stock_in_trade'
  | 'other_expenses';

export type AccountKey =
  | 'cash'
  | 'bank'
  | 'upi_clearing'
  | 'sundry_debtors'
  | 'supplier_advances'
  | 'input_cgst'
  | 'input_sgst'
  | 'input_utgst'
  | 'input_igst'
  | 'input_cess'
  | 'tds_receivable'
  | 'sundry_creditors'
  | 'customer_advances'
  | 'output_cgst'
  | 'output_sgst'
  | 'output_utgst'
  | 'output_igst'
  | 'output_cess'
  | 'rcm_payable'
  | 'tds_payable'
  | 'partner_payable'
  | 'capital'
  | 'opening_balance_equity'
  | 'sales_services'
  | 'sales_goods'
  | 'other_charges_income'
  | 'round_off'
  | 'purchases_goods'
  | 'purchases_services'
  | 'purchase_charges'
  | 'ineligible_itc'
  | 'partner_commission'
  | 'expense_stamp_duty'
  | 'expense_courier'
  | 'expense_notary'
  | 'expense_government_fee'
  | 'expense_travel'
  | 'expense_other';

export interface ChartAccount {
  key: AccountKey;
  code: string;
  name: string;
  type: AccountType;
  group: StatementGroup;
  /** Lines on this account name a party: its balance per party is a sub-ledger (debtors, creditors, advances). */
  partyLedger: boolean;
  tallyParent: string;
}

const a = (
  key: AccountKey,
  code: string,
  name: string,
  type: AccountType,
  group: StatementGroup,
  tallyParent: string,
  partyLedger = false,
): ChartAccount => ({ key, code, name, type, group, partyLedger, tallyParent });

export const CHART_OF_ACCOUNTS: readonly ChartAccount[] = [
  a('cash', '1100', 'Cash', 'asset', 'cash_and_cash_equivalents', 'Cash-in-Hand'),
  a('bank', '1200', 'Bank account', 'asset', 'cash_and_cash_equivalents', 'Bank Accounts'),
  a('upi_clearing', '1250', 'UPI and cards clearing', 'asset', 'cash_and_cash_equivalents', 'Bank Accounts'),
  a('sundry_debtors', '1300', 'Sundry Debtors', 'asset', 'trade_receivables', 'Sundry Debtors', true),
  a(
    'supplier_advances',
    '1350',
    'Advances to suppliers',
    'asset',
    'short_term_loans_and_advances',
    'Loans & Advances (Asset)',
    true,
  ),
  a('input_cgst', '1400', 'Input CGST', 'asset', 'short_term_loans_and_advances', 'Duties & Taxes'),
  a('input_sgst', '1401', 'Input SGST', 'asset', 'short_term_loans_and_advances', 'Duties & Taxes'),
  a('input_utgst', '1402', 'Input UTGST', 'asset', 'short_term_loans_and_advances', 'Duties & Taxes'),
  a('input_igst', '1403', 'Input IGST', 'asset', 'short_term_loans_and_advances', 'Duties & Taxes'),
  a('input_cess', '1404', 'Input Cess', 'asset', 'short_term_loans_and_advances', 'Duties & Taxes'),
  a('tds_receivable', '1500', 'TDS Receivable', 'asset', 'other_current_assets', 'Loans & Advances (Asset)'),
  a('sundry_creditors', '2100', 'Sundry Creditors', 'liability', 'trade_payables', 'Sundry Creditors', true),
  a(
    'customer_advances',
    '2200',
    'Customer advances',
    'liability',
    'other_current_liabilities',
    'Current Liabilities',
    true,
  ),
  a('output_cgst', '2300', 'Output CGST', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a('output_sgst', '2301', 'Output SGST', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a('output_utgst', '2302', 'Output UTGST', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a('output_igst', '2303', 'Output IGST', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a('output_cess', '2304', 'Output Cess', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a('rcm_payable', '2350', 'RCM tax payable', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a('tds_payable', '2400', 'TDS Payable', 'liability', 'duties_and_taxes', 'Duties & Taxes'),
  a(
    'partner_payable',
    '2500',
    'Partner payable',
    'liability',
    'other_current_liabilities',
    'Current Liabilities',
    true,
  ),
  a('capital', '3100', 'Capital account', 'equity', 'share_capital', 'Capital Account'),
  a('opening_balance_equity', '3900', 'Opening balance equity', 'equity', 'reserves_and_surplus', 'Capital Account'),
  a('sales_services', '4100', 'Sales – Services', 'income', 'revenue_from_operations', 'Sales Accounts'),
  a('sales_goods', '4200', 'Sales – Goods', 'income', 'revenue_from_operations', 'Sales Accounts'),
  a('other_charges_income', '4300', 'Other charges recovered', 'income', 'other_income', 'Indirect Incomes'),
  a('round_off', '4900', 'Round-off', 'income', 'other_income', 'Indirect Incomes'),
  a('purchases_goods', '5100', 'Purchases – Goods', 'expense', 'purchases_of_stock_in_trade', 'Purchase Accounts'),
  a('purchases_services', '5150', 'Purchases – Services', 'expense', 'other_expenses', 'Indirect Expenses'),
  a('purchase_charges', '5160', 'Freight and other purchase charges', 'expense', 'other_expenses', 'Direct Expenses'),
  a('ineligible_itc', '5300', 'GST input not eligible for credit', 'expense', 'other_expenses', 'Indirect Expenses'),
  a('partner_commission', '5400', 'Partner commission', 'expense', 'other_expenses', 'Indirect Expenses'),
  a('expense_stamp_duty', '5510', 'Order expenses – Stamp duty', 'expense', 'other_expenses', 'Direct Expenses'),
  a('expense_courier', '5520', 'Order expenses – Courier', 'expense', 'other_expenses', 'Direct Expenses'),
  a('expense_notary', '5530', 'Order expenses – Notary', 'expense', 'other_expenses', 'Direct Expenses'),
  a(
    'expense_government_fee',
    '5540',
    'Order expenses – Government fees',
    'expense',
    'other_expenses',
    'Direct Expenses',
  ),
  a('expense_travel', '5550', 'Order expenses – Travel', 'expense', 'other_expenses', 'Direct Expenses'),
  a('expense_other', '5590', 'Order expenses – Other', 'expense', 'other_expenses', 'Direct Expenses'),
];

export function chartAccount(key: AccountKey): ChartAccount {
  const found = CHART_OF_ACCOUNTS.find((x) => x.key === key);
  if (!found) throw new Error(`No account ${key} in the chart`);
  return found;
}

/** Debit-natured accounts show a positive balance when debits exceed credits. */
export function isDebitNature(type: AccountType): boolean {
  return type === 'asset' || type === 'expense';
}

/** Schedule III headings in print order, with the side of the statement each belongs to. */
export const STATEMENT_GROUPS: readonly { group: StatementGroup; label: string; statement: 'bs' | 'pl' }[] = [
  { group: 'share_capital', label: "Shareholders' funds – Capital", statement: 'bs' },
  { group: 'reserves_and_surplus', label: 'Reserves and surplus', statement: 'bs' },
  { group: 'trade_payables', label: 'Trade payables', statement: 'bs' },
  { group: 'other_current_liabilities', label: 'Other current liabilities', statement: 'bs' },
  { group: 'duties_and_taxes', label: 'Duties and taxes', statement: 'bs' },
  { group: 'trade_receivables', label: 'Trade receivables', statement: 'bs' },
  { group: 'cash_and_cash_equivalents', label: 'Cash and cash equivalents', statement: 'bs' },
  { group: 'short_term_loans_and_advances', label: 'Short-term loans and advances', statement: 'bs' },
  { group: 'other_current_assets', label: 'Other current assets', statement: 'bs' },
  { group: 'revenue_from_operations', label: 'Revenue from operations', statement: 'pl' },
  { group: 'other_income', label: 'Other income', statement: 'pl' },
  { group: 'purchases_of_stock_in_trade', label: 'Purchases of stock-in-trade', statement: 'pl' },
  { group: 'other_expenses', label: 'Other expenses', statement: 'pl' },
];
