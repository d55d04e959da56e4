import { formatRateBp } from '@bizdash/domain/gst/units';
import { box, COLORS, hline, textBox, type Pdf } from '../../../../platform/pdf/pdf-document';
import type { InvoiceDocument } from './invoice-document';
import type { HsnSummaryRow } from './invoice-layout';
import { money, rupees, taxColumns } from './invoice-pdf-common';

/** The printed invoice's tax summary: the HSN/SAC table and the totals list. */

export function drawHsnTable(
  pdf: Pdf,
  doc: InvoiceDocument,
  rows: readonly HsnSummaryRow[],
  x: number,
  y: number,
  width: number,
  total: HsnSummaryRow | null,
): number {
  const { intra, cess } = taxColumns(doc);
  const stateLabel = doc.stateTaxLabel ?? 'SGST';
  const cols: { title: string; width: number; value: (r: HsnSummaryRow) => string }[] = [
    { title: 'HSN/SAC', width: 0.16, value: (r) => r.hsn },
    { title: 'Taxable value', width: 0.2, value: (r) => money(r.taxableValue) },
    { title: 'Rate', width: 0.1, value: (r) => `${formatRateBp(r.gstRateBp)}%` },
    ...(intra
      ? [
          { title: 'CGST', width: 0.16, value: (r: HsnSummaryRow) => money(r.cgst) },
          { title: stateLabel, width: 0.16, value: (r: HsnSummaryRow) => money(r.sgst) },
        ]
      : [{ title: 'IGST', width: 0.2, value: (r: HsnSummaryRow) => money(r.igst) }]),
    ...(cess ? [{ title: 'Cess', width: 0.12, value: (r: HsnSummaryRow) => money(r.cess) }] : []),
    {
      title: 'Total tax',
      width: 0.2,
      value: (r: HsnSummaryRow) => money(r.cgst + r.sgst + r.igst + r.cess),
    },
  ];
  const scale = width / cols.reduce((s, c) => s + c.width, 0);
  const rowHeight = 10.5;
  box(pdf, x, y, width, rowHeight + 1, COLORS.shade);
  let cx = x;
  for (const col of cols) {
    const w = col.width * scale;
    textBox(pdf, col.title, cx + 2, y + 2, w - 4, {
      size: 6.3,
      bold: true,
      align: col.title === 'HSN/SAC' ? 'left' : 'right',
    });
    cx += w;
  }
  let ry = y + rowHeight + 2;
  const all = total ? [...rows, total] : rows;
  for (const row of all) {
    cx = x;
    const isTotal = row === total;
    for (const col of cols) {
      const w = col.width * scale;
      const text = isTotal && col.title === 'Rate' ? '' : col.value(row);
      textBox(pdf, text, cx + 2, ry, w - 4, {
        size: 6.8,
        bold: isTotal,
        align: col.title === 'HSN/SAC' ? 'left' : 'right',
      });
      cx += w;
    }
    ry += rowHeight;
  }
  hline(pdf, x, x + width, ry + 1, COLORS.rule, 0.4);
  return ry + 4;
}

/** The summary's total row: the document totals, which equal the sum of every HSN row. */
export function hsnTotal(doc: InvoiceDocument): HsnSummaryRow {
  const t = doc.totals;
  return {
    hsn: 'Total',
    gstRateBp: 0,
    taxableValue: t.taxableValue,
    cgst: t.cgst,
    sgst: t.sgst,
    igst: t.igst,
    cess: t.cess,
  };
}

export type TotalsRow = { label: string; value: string; emphasis?: boolean };

/** The totals list right of the closing block, grand total last. */
export function totalsRows(doc: InvoiceDocument): TotalsRow[] {
  const t = doc.totals;
  const { intra } = taxColumns(doc);
  const stateLabel = doc.stateTaxLabel ?? 'SGST';
  const totals: TotalsRow[] = [{ label: 'Taxable value', value: rupees(t.taxableValue) }];
  if (intra) {
    totals.push({ label: 'CGST', value: rupees(t.cgst) }, { label: stateLabel, value: rupees(t.sgst) });
  } else {
    totals.push({ label: doc.regime === 'IGST_ZERO_RATED_LUT' ? 'IGST (zero-rated)' : 'IGST', value: rupees(t.igst) });
  }
  if (t.cess > 0) totals.push({ label: 'Cess', value: rupees(t.cess) });
  if (t.otherCharges > 0) totals.push({ label: 'Other charges', value: rupees(t.otherCharges) });
  if (doc.reverseCharge) totals.push({ label: 'Tax on reverse charge', value: `(${rupees(t.totalTax)})` });
  totals.push({ label: 'Round off', value: `${t.roundOff > 0 ? '+' : ''}${rupees(t.roundOff)}` });
  totals.push({
    label: doc.kind === 'credit_note' || doc.kind === 'debit_note' ? 'Note value' : 'Grand total',
    value: rupees(t.grandTotal),
    emphasis: true,
  });
  return totals;
}

/** drawTotals' row heights: 11.5 a row, 16 the boxed grand total. */
export function totalsHeight(doc: InvoiceDocument): number {
  return totalsRows(doc).reduce((h, r) => h + (r.emphasis ? 16 : 11.5), 0);
}
