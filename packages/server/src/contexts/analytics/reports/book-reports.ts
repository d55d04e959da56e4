import type { ReportColumn, ReportRecords, ReportRow } from '@bizdash/contracts/reports';
import { AppError } from '@bizdash/domain/errors';
import { toMoneyString } from '@bizdash/domain/money';
import type { AccountsService, StatementSection } from '../../ledger/index';

/**
 * Profit and loss and the balance sheet, read from the book in the Schedule III order (Companies Act 2013,
 * Division I). Each account row drills down to its ledger lines, each of which names the document that posted it.
 */

const col = (key: string, label: string, kind: ReportColumn['kind'] = 'money'): ReportColumn => ({ key, label, kind });
const money = toMoneyString;

export interface BookReport {
  columns: ReportColumn[];
  rows: ReportRow[];
  totals: Record<string, string | number | null>;
  note: string;
  period?: { from: string; to: string };
}

const COLUMNS = [col('line', 'Particulars', 'text'), col('code', 'Account', 'text'), col('amount', 'Amount')];

function heading(label: string, amount: number | null): ReportRow {
  return { key: null, cells: { line: label, code: null, amount: amount === null ? null : money(amount) } };
}

// Account lines are indented with em spaces, which HTML, CSV and PDF all keep (plain spaces collapse on screen).
function section(s: StatementSection | undefined, label: string, sign = 1): ReportRow[] {
  if (!s) return [];
  return [
    heading(label, sign * s.amount),
    ...s.accounts.map((a) => ({
      key: a.code === 'P&L' ? null : `account:${a.code}`,
      cells: { line: `\u2003\u2003${a.name}`, code: a.code === 'P&L' ? null : a.code, amount: money(sign * a.amount) },
    })),
  ];
}

export async function profitAndLossReport(
  accounts: AccountsService,
  period: { from: string; to: string },
): Promise<BookReport> {
  const pl = await accounts.profitAndLoss(period);
  const s = (g: Parameters<typeof pl.sections.get>[0]) => pl.sections.get(g);
  const rows: ReportRow[] = [
    ...section(s('revenue_from_operations'), 'I. Revenue from operations'),
    ...section(s('other_income'), 'II. Other income'),
    heading('III. Total income (I + II)', pl.income),
    ...section(s('purchases_of_stock_in_trade'), 'IV. Expenses: purchases of stock-in-trade'),
    ...section(s('other_expenses'), 'IV. Expenses: other expenses'),
    heading('Total expenses (IV)', pl.expenses),
  ];
  return {
    columns: COLUMNS,
    rows,
    totals: {
      line: pl.profit >= 0 ? 'V. Profit before tax (III − IV)' : 'V. Loss before tax (III − IV)',
      code: null,
      amount: money(pl.profit),
    },
    note: 'From the book: each rupee of revenue once, when invoiced; GST is never revenue. Taxable values, net of credit and debit notes',
  };
}

export async function balanceSheetReport(accounts: AccountsService, asOf: string): Promise<BookReport> {
  const bs = await accounts.balanceSheet(asOf);
  const rows: ReportRow[] = [heading('I. EQUITY AND LIABILITIES', null)];
  for (const s of bs.equityAndLiabilities) rows.push(...section(s, s.label));
  rows.push(heading('Total equity and liabilities', bs.totalEquityAndLiabilities));
  rows.push(heading('II. ASSETS', null));
  for (const s of bs.assets) rows.push(...section(s, s.label));
  return {
    columns: COLUMNS,
    rows,
    totals: { line: 'Total assets', code: null, amount: money(bs.totalAssets) },
    note: `As of ${bs.asOf}; profit not yet closed to capital is shown under reserves and surplus`,
    period: { from: bs.from, to: bs.asOf },
  };
}

/** The ledger lines behind an account row of either statement. */
export async function accountRecords(
  accounts: AccountsService,
  key: string | undefined,
  period: { from: string; to: string },
  page: { page: number; pageSize: number },
): Promise<ReportRecords> {
  const code = key?.startsWith('account:') ? key.slice('account:'.length) : null;
  if (!code || !/^[0-9]{3,6}$/.test(code)) {
    throw new AppError('VALIDATION_FAILED', 'key must name an account, as account:4100', { field: 'key' });
  }
  const ledger = await accounts.ledger(code, { from: period.from, to: period.to, ...page });
  return {
    entity: 'entry',
    columns: [
      col('date', 'Date', 'date'),
      col('reference', 'Voucher', 'text'),
      col('narration', 'Narration', 'text'),
      col('debit', 'Debit'),
      col('credit', 'Credit'),
      col('balance', 'Balance'),
    ],
    items: ledger.items.map((l) => ({
      id: l.entryId,
      cells: {
        date: l.date,
        reference: l.reference,
        narration: l.narration,
        debit: l.debit,
        credit: l.credit,
        balance: l.balance,
      },
    })),
    total: ledger.total,
    page: ledger.page,
    pageSize: ledger.pageSize,
  };
}
