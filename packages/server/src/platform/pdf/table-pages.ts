/**
 * Pure page maths for documents with a fixed-height line table (invoices, notes, ledgers): which rows go on which
 * page, and the running totals carried from one page to the next. No pdfkit here, so it is unit-tested alone.
 */

/** Rows in the fixed table area of one page. A printed invoice keeps the same geometry on every page. */
export const ROWS_PER_PAGE = 10;

/** Named integer sums (paise, or any other integer) accumulated over the rows. */
export type Sums<K extends string> = Record<K, number>;

export interface TablePage<Row, K extends string> {
  /** 1-based page number. */
  pageNumber: number;
  pageCount: number;
  /** Index of the first row on this page within the whole table (so rows can show their serial number). */
  firstRowIndex: number;
  rows: Row[];
  /** Totals of all rows on earlier pages ("Brought forward"); null on the first page. */
  broughtForward: Sums<K> | null;
  /** Totals of all rows up to and including this page ("Carried forward"); null on the last page. */
  carriedForward: Sums<K> | null;
  /** Totals of the whole table so far: equals the grand totals on the last page. */
  runningTotals: Sums<K>;
  isLast: boolean;
}

/** Number of pages a table of `rowCount` rows needs: at least one, so an empty document still prints. */
export function pageCountFor(rowCount: number, rowsPerPage = ROWS_PER_PAGE): number {
  if (!Number.isSafeInteger(rowCount) || rowCount < 0) throw new RangeError(`bad row count ${rowCount}`);
  if (!Number.isSafeInteger(rowsPerPage) || rowsPerPage < 1) throw new RangeError(`bad rows per page ${rowsPerPage}`);
  return Math.max(1, Math.ceil(rowCount / rowsPerPage));
}

/**
 * Splits rows into pages of `rowsPerPage` and works out the carried and brought forward totals of the `keys`
 * columns. Sums are exact integer additions, so the last page's running totals equal the sum of every row.
 */
export function paginateRows<Row, K extends string>(
  rows: readonly Row[],
  keys: readonly K[],
  valuesOf: (row: Row) => Sums<K>,
  rowsPerPage = ROWS_PER_PAGE,
): TablePage<Row, K>[] {
  const pageCount = pageCountFor(rows.length, rowsPerPage);
  const running = zeroSums(keys);
  const pages: TablePage<Row, K>[] = [];
  for (let p = 0; p < pageCount; p++) {
    const firstRowIndex = p * rowsPerPage;
    const pageRows = rows.slice(firstRowIndex, firstRowIndex + rowsPerPage);
    const broughtForward = p === 0 ? null : { ...running };
    for (const row of pageRows) {
      const values = valuesOf(row);
      for (const key of keys) {
        const value = values[key];
        if (!Number.isSafeInteger(value)) throw new RangeError(`column ${key} is not an integer: ${value}`);
        running[key] += value;
      }
    }
    const isLast = p === pageCount - 1;
    pages.push({
      pageNumber: p + 1,
      pageCount,
      firstRowIndex,
      rows: pageRows,
      broughtForward,
      carriedForward: isLast ? null : { ...running },
      runningTotals: { ...running },
      isLast,
    });
  }
  return pages;
}

function zeroSums<K extends string>(keys: readonly K[]): Sums<K> {
  const sums = {} as Sums<K>; // `as`: filled for every key on the next line
  for (const key of keys) sums[key] = 0;
  return sums;
}

/** "Page 2 of 3": the footer label every multi-page document prints. */
export function pageLabel(pageNumber: number, pageCount: number): string {
  return `Page ${pageNumber} of ${pageCount}`;
}
