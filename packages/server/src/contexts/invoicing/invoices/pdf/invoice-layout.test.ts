import { describe, expect, it } from 'vitest';
import type { DocumentLine } from './invoice-document';
import { HSN_ROWS_ON_LAST_PAGE, hsnSummary, layoutInvoice } from './invoice-layout';

function line(hsn: string, gstRateBp: number, taxableValue: number, igst: number): DocumentLine {
  return {
    description: `Item ${hsn}`,
    hsn,
    isService: hsn.startsWith('99'),
    quantity: '1',
    quantityMilli: 1000,
    unit: 'NOS',
    unitPrice: taxableValue,
    gross: taxableValue,
    discount: 0,
    taxableValue,
    gstRateBp,
    cgst: 0,
    sgst: 0,
    igst,
    cessRateBp: 0,
    cess: 0,
    cessNonAdValorem: 0,
    lineTotal: taxableValue + igst,
  };
}

describe('invoice layout', () => {
  it('groups the HSN summary by code and rate, keeping entry order', () => {
    // GST-INV-02's lines: 2699.97 @18 (IGST 485.99), 1046.50 @5 (52.33), 1000.00 @18 (180.00), HSNs as entered.
    const rows = hsnSummary([
      line('8471', 1800, 269997, 48599),
      line('3004', 500, 104650, 5233),
      line('8471', 1800, 100000, 18000),
    ]);
    expect(rows).toEqual([
      { hsn: '8471', gstRateBp: 1800, taxableValue: 369997, cgst: 0, sgst: 0, igst: 66599, cess: 0 },
      { hsn: '3004', gstRateBp: 500, taxableValue: 104650, cgst: 0, sgst: 0, igst: 5233, cess: 0 },
    ]);
  });

  it('keeps one HSN code at two rates apart', () => {
    expect(hsnSummary([line('8471', 1800, 100, 18), line('8471', 500, 100, 5)])).toHaveLength(2);
  });

  it('prints a 12-line invoice on two pages with the first page carried forward', () => {
    const lines = Array.from({ length: 12 }, () => line('998314', 1800, 1000_00, 180_00));
    const layout = layoutInvoice(lines);
    expect(layout.pageCount).toBe(2);
    expect(layout.linePages.map((p) => p.rows.length)).toEqual([10, 2]);
    expect(layout.linePages[0]?.carriedForward?.taxableValue).toBe(10_000_00);
    expect(layout.linePages[1]?.broughtForward?.lineTotal).toBe(11_800_00);
    expect(layout.linePages[1]?.runningTotals.lineTotal).toBe(14_160_00);
    expect(layout.hsnOnLastPage).toHaveLength(1);
    expect(layout.hsnPages).toEqual([]);
  });

  it('moves a long HSN summary to its own page and counts it in "Page X of Y"', () => {
    const lines = Array.from({ length: 12 }, (_, i) => line(String(84710000 + i), 1800, 100_00, 18_00));
    const layout = layoutInvoice(lines);
    expect(12).toBeGreaterThan(HSN_ROWS_ON_LAST_PAGE);
    expect(layout.hsnOnLastPage).toEqual([]);
    expect(layout.hsnPages).toHaveLength(1);
    expect(layout.hsnPages[0]).toHaveLength(12);
    expect(layout.pageCount).toBe(3);
    expect(layout.linePages.every((p) => p.pageCount === 3)).toBe(true);
  });

  it('prints a one-line invoice on a single page', () => {
    const layout = layoutInvoice([line('9983', 1800, 45_000_00, 8_100_00)]);
    expect(layout.pageCount).toBe(1);
    expect(layout.linePages[0]?.isLast).toBe(true);
  });
});
