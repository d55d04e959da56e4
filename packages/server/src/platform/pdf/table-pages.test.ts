import { describe, expect, it } from 'vitest';
import { pageCountFor, pageLabel, paginateRows, ROWS_PER_PAGE } from './table-pages';

interface Line {
  n: number;
  taxable: number;
  tax: number;
}

/** Line i (1-based) has taxable value i × 100 paise and tax i paise, so page sums are easy to work out by hand. */
function lines(count: number): Line[] {
  return Array.from({ length: count }, (_, i) => ({ n: i + 1, taxable: (i + 1) * 100, tax: i + 1 }));
}
const KEYS = ['taxable', 'tax'] as const;
const valuesOf = (l: Line) => ({ taxable: l.taxable, tax: l.tax });

describe('table page maths', () => {
  it('puts ten lines on a page', () => {
    expect(ROWS_PER_PAGE).toBe(10);
  });

  it('counts pages: at least one, then one per ten rows', () => {
    expect(pageCountFor(0)).toBe(1);
    expect(pageCountFor(1)).toBe(1);
    expect(pageCountFor(10)).toBe(1);
    expect(pageCountFor(11)).toBe(2);
    expect(pageCountFor(12)).toBe(2);
    expect(pageCountFor(20)).toBe(2);
    expect(pageCountFor(21)).toBe(3);
    expect(pageCountFor(100)).toBe(10);
    expect(() => pageCountFor(-1)).toThrow(RangeError);
  });

  it('prints an empty table on one page with zero totals and nothing carried', () => {
    const pages = paginateRows([], KEYS, valuesOf);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      pageNumber: 1,
      pageCount: 1,
      rows: [],
      broughtForward: null,
      carriedForward: null,
      runningTotals: { taxable: 0, tax: 0 },
      isLast: true,
    });
  });

  it('keeps a ten-line table on one page without carried totals', () => {
    const pages = paginateRows(lines(10), KEYS, valuesOf);
    expect(pages).toHaveLength(1);
    // 1+2+…+10 = 55
    expect(pages[0]?.runningTotals).toEqual({ taxable: 5500, tax: 55 });
    expect(pages[0]?.carriedForward).toBeNull();
    expect(pages[0]?.broughtForward).toBeNull();
  });

  it('splits twelve lines 10 + 2 and carries the first page totals forward', () => {
    const pages = paginateRows(lines(12), KEYS, valuesOf);
    expect(pages.map((p) => p.rows.length)).toEqual([10, 2]);
    expect(pages.map((p) => p.firstRowIndex)).toEqual([0, 10]);
    expect(pages[0]?.carriedForward).toEqual({ taxable: 5500, tax: 55 });
    expect(pages[1]?.broughtForward).toEqual({ taxable: 5500, tax: 55 });
    expect(pages[1]?.carriedForward).toBeNull();
    // 55 + 11 + 12 = 78
    expect(pages[1]?.runningTotals).toEqual({ taxable: 7800, tax: 78 });
    expect(pages.map((p) => pageLabel(p.pageNumber, p.pageCount))).toEqual(['Page 1 of 2', 'Page 2 of 2']);
  });

  it('chains carried and brought forward totals over three pages', () => {
    const pages = paginateRows(lines(25), KEYS, valuesOf);
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 5]);
    // rows 1-10 sum 55; rows 1-20 sum 210; rows 1-25 sum 325
    expect(pages[0]?.carriedForward).toEqual({ taxable: 5500, tax: 55 });
    expect(pages[1]?.broughtForward).toEqual({ taxable: 5500, tax: 55 });
    expect(pages[1]?.carriedForward).toEqual({ taxable: 21000, tax: 210 });
    expect(pages[2]?.broughtForward).toEqual({ taxable: 21000, tax: 210 });
    expect(pages[2]?.runningTotals).toEqual({ taxable: 32500, tax: 325 });
    expect(pages.map((p) => p.isLast)).toEqual([false, false, true]);
  });

  it('sums negative values exactly (a ledger credit) and refuses fractions', () => {
    const rows = [{ v: 1000 }, { v: -250 }, { v: 3 }];
    const pages = paginateRows(rows, ['v'] as const, (r) => ({ v: r.v }), 2);
    expect(pages[0]?.carriedForward).toEqual({ v: 750 });
    expect(pages[1]?.runningTotals).toEqual({ v: 753 });
    expect(() => paginateRows([{ v: 0.5 }], ['v'] as const, (r) => ({ v: r.v }))).toThrow(RangeError);
  });
});
