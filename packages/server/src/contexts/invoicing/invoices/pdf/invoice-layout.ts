import { pageCountFor, paginateRows, ROWS_PER_PAGE, type TablePage } from '../../../../platform/pdf/table-pages';
import type { DocumentLine } from './invoice-document';

/**
 * Pure layout decisions for a printed GST document: line pages (10 lines each, totals carried forward), the HSN/SAC
 * summary, and how many pages the whole document has.
 */

/** HSN summary rows that fit in the closing block of the last line page; more go to summary pages of their own. */
export const HSN_ROWS_ON_LAST_PAGE = 5;
/** HSN summary rows on a page given over to the summary. */
export const HSN_ROWS_PER_SUMMARY_PAGE = 40;

export const LINE_SUM_KEYS = ['taxableValue', 'cgst', 'sgst', 'igst', 'cess', 'lineTotal'] as const;
export type LineSumKey = (typeof LINE_SUM_KEYS)[number];

export interface HsnSummaryRow {
  hsn: string;
  gstRateBp: number;
  taxableValue: number;
  cgst: number;
  sgst: number;
  igst: number;
  cess: number;
}

/** One row per HSN/SAC and rate, in first-seen order (the order lines were entered), summed exactly in paise. */
export function hsnSummary(lines: readonly DocumentLine[]): HsnSummaryRow[] {
  const rows = new Map<string, HsnSummaryRow>();
  for (const line of lines) {
    const key = `${line.hsn}|${line.gstRateBp}`;
    let row = rows.get(key);
    if (!row) {
      row = { hsn: line.hsn, gstRateBp: line.gstRateBp, taxableValue: 0, cgst: 0, sgst: 0, igst: 0, cess: 0 };
      rows.set(key, row);
    }
    row.taxableValue += line.taxableValue;
    row.cgst += line.cgst;
    row.sgst += line.sgst;
    row.igst += line.igst;
    row.cess += line.cess;
  }
  return [...rows.values()];
}

export interface InvoiceLayout {
  linePages: TablePage<DocumentLine, LineSumKey>[];
  /** HSN rows on the last line page (all of them when they fit). */
  hsnOnLastPage: HsnSummaryRow[];
  /** Further pages, each with its slice of the HSN summary; empty when the summary fits on the last line page. */
  hsnPages: HsnSummaryRow[][];
  pageCount: number;
}

/**
 * Splits a document into its pages. The page count covers line pages and any HSN summary pages. `hsnRowsOnLastPage`
 * is how many summary rows the renderer has room for under the last page's table (fewer when a long address or an
 * export endorsement takes space).
 */
export function layoutInvoice(
  lines: readonly DocumentLine[],
  rowsPerPage = ROWS_PER_PAGE,
  hsnRowsOnLastPage = HSN_ROWS_ON_LAST_PAGE,
): InvoiceLayout {
  const summary = hsnSummary(lines);
  const fits = summary.length <= hsnRowsOnLastPage;
  const hsnPages: HsnSummaryRow[][] = [];
  if (!fits) {
    for (let i = 0; i < summary.length; i += HSN_ROWS_PER_SUMMARY_PAGE)
      hsnPages.push(summary.slice(i, i + HSN_ROWS_PER_SUMMARY_PAGE));
  }
  const linePageCount = pageCountFor(lines.length, rowsPerPage);
  const pageCount = linePageCount + hsnPages.length;
  const linePages = paginateRows(
    lines,
    LINE_SUM_KEYS,
    (l) => ({
      taxableValue: l.taxableValue,
      cgst: l.cgst,
      sgst: l.sgst,
      igst: l.igst,
      cess: l.cess,
      lineTotal: l.lineTotal,
    }),
    rowsPerPage,
  ).map((page) => ({ ...page, pageCount }));
  return { linePages, hsnOnLastPage: fits ? summary : [], hsnPages, pageCount };
}
