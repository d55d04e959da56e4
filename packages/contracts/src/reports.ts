import { z } from 'zod';
import { IsoDate, PageQuery, Id, WholeNumber } from './common';

export const REPORT_NAMES = [
  'revenue',
  'partner-revenue',
  'sales-register',
  'purchase-register',
  'tax-liability',
  'profit-and-loss',
  'balance-sheet',
  // Not 'ageing': GET /api/v1/reports/ageing is the payments module's JSON ageing (its own contract).
  'party-ageing',
  'order-turnaround',
] as const;
export const ReportName = z.enum(REPORT_NAMES);
export type ReportName = z.infer<typeof ReportName>;
export const ReportParams = z.object({ name: ReportName });

export const ReportFormat = z.enum(['json', 'csv', 'xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/**
 * Filters every report accepts (each reads the ones that apply to it): the period (business-local dates,
 * inclusive; default the current financial year), revenue grouping, ageing direction, turnaround grouping,
 * a party.
 */
export const ReportQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  format: ReportFormat.default('json'),
  /** revenue: month (default) or quarter. */
  groupBy: z.enum(['month', 'quarter']).default('month'),
  /** party-ageing: receivable (default) or payable. */
  direction: z.enum(['receivable', 'payable']).default('receivable'),
  /** order-turnaround: orderType (default) or assignee. */
  by: z.enum(['orderType', 'assignee']).default('orderType'),
  partyId: Id.optional(),
  /** party-ageing on screen: how many parties (largest balances first) to list; default 100. */
  top: WholeNumber(1, 1000).optional(),
  /** balance-sheet: the date of the statement; default the end of the period, or today when that comes first. */
  asOf: IsoDate.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportColumn = z.object({
  key: z.string(),
  label: z.string(),
  /** money: decimal string; count: integer; days: decimal string; percent: "87.50"; text: as is. */
  kind: z.enum(['text', 'date', 'money', 'count', 'days', 'percent']),
});
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportCell = z.union([z.string(), z.number(), z.null()]);
export const ReportRow = z.object({
  /** What ?key= of the rows endpoint takes to list the records behind this row; null when there are none. */
  key: z.string().nullable(),
  cells: z.record(z.string(), ReportCell),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const Report = z.object({
  name: ReportName,
  title: z.string(),
  from: IsoDate,
  to: IsoDate,
  /** Basis or as-of note printed with the figures, e.g. "Settlement basis: contracted". */
  note: z.string().nullable(),
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  /**
   * Rows left out of the on-screen report (party ageing shows the 100 largest balances; totals still cover every
   * row, and the CSV/XLSX/PDF exports list them all). 0 when every row is shown.
   */
  moreRows: z.number().int(),
  totals: z.record(z.string(), ReportCell),
});
export type Report = z.infer<typeof Report>;

/** The records behind one row of a report (orders or documents), paginated. */
export const ReportRowsQuery = ReportQuery.omit({ format: true })
  .extend(PageQuery.shape)
  .extend({
    key: z.string().min(1).max(100).optional(),
  });
export type ReportRowsQuery = z.infer<typeof ReportRowsQuery>;

export const ReportRecords = z.object({
  /** 'order', 'invoice' or 'entry' (a journal entry, for the book's reports): what the rows link to. */
  entity: z.enum(['order', 'invoice', 'entry']),
  columns: z.array(ReportColumn),
  items: z.array(z.object({ id: z.number().int(), cells: z.record(z.string(), ReportCell) })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ReportRecords = z.infer<typeof ReportRecords>;
