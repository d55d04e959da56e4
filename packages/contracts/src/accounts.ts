import { z } from 'zod';
import { IsoDate, MoneyString, PageQuery, Timestamp, Id } from './common';

/**
 * The one money book: chart of accounts, trial balance, ledgers, day book, journal entries, party statements.
 * Amounts are decimal strings; a "balance" is signed with debit positive (an asset or a party that owes the
 * business is positive, a liability, income or a party the business owes is negative).
 */

export const AccountType = z.enum(['asset', 'liability', 'equity', 'income', 'expense']);
export type AccountType = z.infer<typeof AccountType>;

export const StatementGroup = z.enum([
  'share_capital',
  'reserves_and_surplus',
  'trade_payables',
  'other_current_liabilities',
  'duties_and_taxes',
  'trade_receivables',
  'cash_and_cash_equivalents',
  'short_term_loans_and_advances',
  'other_current_assets',
  'revenue_from_operations',
  'other_income',
  'purchases_of_stock_in_trade',
  'other_expenses',
]);
export type StatementGroup = z.infer<typeof StatementGroup>;

const AccountCode = z.string().regex(/^[0-9]{3,6}$/, 'must be 3 to 6 digits');
const AccountName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'must not contain control characters');

export const Account = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  type: AccountType,
  group: StatementGroup,
  /** Posting rules find system accounts by this key; null for accounts the business added. */
  systemKey: z.string().nullable(),
  partyLedger: z.boolean(),
  isActive: z.boolean(),
});
export type Account = z.infer<typeof Account>;

export const AccountList = z.object({ items: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;

export const CreateAccountInput = z.strictObject({
  code: AccountCode,
  name: AccountName,
  type: AccountType,
  group: StatementGroup,
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const UpdateAccountInput = z.strictObject({
  name: AccountName.optional(),
  isActive: z.boolean().optional(),
});
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>;

export const PeriodQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type PeriodQuery = z.infer<typeof PeriodQuery>;

export const TrialBalanceRow = z.object({
  code: z.string(),
  name: z.string(),
  type: AccountType,
  group: StatementGroup,
  /** Balance before `from` (income and expense accounts: since the start of that financial year). */
  opening: MoneyString,
  periodDebit: MoneyString,
  periodCredit: MoneyString,
  /** The closing balance on its side: one of debit and credit is "0.00". */
  debit: MoneyString,
  credit: MoneyString,
});
export type TrialBalanceRow = z.infer<typeof TrialBalanceRow>;

export const TrialBalance = z.object({
  from: IsoDate,
  to: IsoDate,
  accounts: z.array(TrialBalanceRow),
  totalDebit: MoneyString,
  totalCredit: MoneyString,
});
export type TrialBalance = z.infer<typeof TrialBalance>;

export const SourceType = z.enum(['invoice', 'payment', 'expense', 'settlement', 'payout', 'opening']);
export type SourceType = z.infer<typeof SourceType>;

export const VoucherType = z.enum(['sales', 'purchase', 'credit_note', 'debit_note', 'receipt', 'payment', 'journal']);
export type VoucherType = z.infer<typeof VoucherType>;

/** One posting on one account, with the entry it belongs to and the document that posted it. */
export const LedgerLine = z.object({
  entryId: z.number().int(),
  date: IsoDate,
  voucherType: VoucherType,
  reference: z.string().nullable(),
  narration: z.string(),
  partyId: z.number().int().nullable(),
  partyName: z.string().nullable(),
  sourceType: SourceType,
  sourceId: z.number().int(),
  /** True on the entry that undoes an earlier one (a cancellation or a correction). */
  isReversal: z.boolean(),
  debit: MoneyString,
  credit: MoneyString,
  /** Running balance after this line, debit positive. */
  balance: MoneyString,
});
export type LedgerLine = z.infer<typeof LedgerLine>;

export const LedgerQuery = PeriodQuery.extend(PageQuery.shape).extend({
  partyId: Id.optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const AccountLedger = z.object({
  account: Account,
  from: IsoDate,
  to: IsoDate,
  opening: MoneyString,
  periodDebit: MoneyString,
  periodCredit: MoneyString,
  closing: MoneyString,
  items: z.array(LedgerLine),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AccountLedger = z.infer<typeof AccountLedger>;

export const LedgerCodeParams = z.object({ code: AccountCode });

export const JournalEntryLine = z.object({
  accountCode: z.string(),
  accountName: z.string(),
  partyId: z.number().int().nullable(),
  partyName: z.string().nullable(),
  debit: MoneyString,
  credit: MoneyString,
});

export const JournalEntry = z.object({
  id: z.number().int(),
  date: IsoDate,
  voucherType: VoucherType,
  reference: z.string().nullable(),
  narration: z.string(),
  sourceType: SourceType,
  sourceId: z.number().int(),
  /** The entry this one reverses, when it is a reversal. */
  reversesId: z.number().int().nullable(),
  /** The entry that reversed this one, if any. */
  reversedById: z.number().int().nullable(),
  createdAt: Timestamp,
  lines: z.array(JournalEntryLine),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const DayBookQuery = PeriodQuery.extend(PageQuery.shape).extend({
  voucherType: VoucherType.optional(),
});
export type DayBookQuery = z.infer<typeof DayBookQuery>;

export const DayBook = z.object({
  from: IsoDate,
  to: IsoDate,
  items: z.array(JournalEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DayBook = z.infer<typeof DayBook>;

export const StatementFormat = z.enum(['json', 'pdf', 'xlsx']);

export const StatementQuery = PeriodQuery.extend({ format: StatementFormat.default('json') });
export type StatementQuery = z.infer<typeof StatementQuery>;

/** One document or payment on a party's statement: invoices, notes, payments, settlements, payouts alike. */
export const StatementLine = z.object({
  entryId: z.number().int(),
  date: IsoDate,
  voucherType: VoucherType,
  reference: z.string().nullable(),
  narration: z.string(),
  sourceType: SourceType,
  sourceId: z.number().int(),
  isReversal: z.boolean(),
  debit: MoneyString,
  credit: MoneyString,
  /** Running balance, positive when the party owes the business. */
  balance: MoneyString,
});
export type StatementLine = z.infer<typeof StatementLine>;

export const PartyStatement = z.object({
  party: z.object({ id: z.number().int(), name: z.string(), gstin: z.string().nullable() }),
  from: IsoDate,
  to: IsoDate,
  opening: MoneyString,
  totalDebit: MoneyString,
  totalCredit: MoneyString,
  closing: MoneyString,
  lines: z.array(StatementLine),
});
export type PartyStatement = z.infer<typeof PartyStatement>;

export const SendStatementInput = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Defaults to the party's email. */
  email: z.email().max(254).optional(),
});
export type SendStatementInput = z.infer<typeof SendStatementInput>;

export const LedgerCheckProblem = z.object({
  kind: z.enum(['unbalanced_entry', 'party_ledger', 'gst_account', 'daily_balance', 'document']),
  message: z.string(),
});

export const LedgerCheck = z.object({
  ok: z.boolean(),
  checkedEntries: z.number().int(),
  problems: z.array(LedgerCheckProblem),
});
export type LedgerCheck = z.infer<typeof LedgerCheck>;
