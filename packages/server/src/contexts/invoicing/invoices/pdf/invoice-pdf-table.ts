import { formatHalfRateBp, formatRateBp } from '@bizdash/domain/gst/units';
import { formatMoney, type Paise } from '@bizdash/domain/money';
import { CONTENT_WIDTH } from '../../../../platform/pdf/pdf-document';
import type { Cell, Column } from '../../../../platform/pdf/blocks';
import type { Sums } from '../../../../platform/pdf/table-pages';
import type { DocumentLine, InvoiceDocument } from './invoice-document';
import type { LineSumKey } from './invoice-layout';
import { money, taxColumns } from './invoice-pdf-common';

/** The printed invoice's line table: its columns, a line's cells and the sum rows. */

export function hasCessPerUnit(doc: InvoiceDocument): boolean {
  return doc.lines.some((l) => (l.cessPerUnit ?? 0) > 0 || (l.cessNonAdValorem > 0 && l.cessRateBp === 0));
}

/** Rupees without paise when whole (₹2,076), else with them (₹0.45): per-unit cess rates are mostly whole rupees. */
export function unitRate(paise: Paise): string {
  return paise % 100 === 0 ? formatMoney(paise).replace(/\.00$/, '') : formatMoney(paise);
}

/**
 * The cess rate under a line's cess amount, both parts when the cess is ad valorem plus a specific amount per unit
 * (Compensation Cess on tobacco: "@ 5% + ₹2,076/THD"), so the amount reconciles with what is printed.
 */
export function cessRateText(line: DocumentLine): string {
  const parts: string[] = [];
  if (line.cessRateBp > 0) parts.push(`${formatRateBp(line.cessRateBp)}%`);
  const perUnit = line.cessPerUnit ?? 0;
  if (perUnit > 0) parts.push(`${unitRate(perUnit)}/${line.unit}`);
  else if (line.cessNonAdValorem > 0) parts.push('per unit');
  return parts.length > 0 ? `@ ${parts.join(' + ')}` : '';
}

export function buildColumns(doc: InvoiceDocument): Column[] {
  const { intra, cess } = taxColumns(doc);
  const stateLabel = doc.stateTaxLabel ?? 'SGST';
  const fixed: Column[] = [
    { title: 'HSN/SAC', width: 46, align: 'left' },
    { title: 'Qty', width: 36, align: 'right' },
    { title: 'Unit', width: 26, align: 'left' },
    { title: 'Rate', subtitle: '₹', width: 48, align: 'right' },
    { title: 'Disc.', subtitle: '₹', width: 36, align: 'right' },
    { title: 'Taxable', subtitle: 'value ₹', width: 56, align: 'right' },
    ...(intra
      ? [
          { title: 'CGST', subtitle: '₹ @ rate', width: 48, align: 'right' as const },
          { title: stateLabel, subtitle: '₹ @ rate', width: 48, align: 'right' as const },
        ]
      : [{ title: 'IGST', subtitle: '₹ @ rate', width: 54, align: 'right' as const }]),
    // Wider when a line has a per-unit cess: its rate reads "@ 5% + ₹2,076/THD" and must show in full.
    ...(cess
      ? [{ title: 'Cess', subtitle: '₹ @ rate', width: hasCessPerUnit(doc) ? 66 : 42, align: 'right' as const }]
      : []),
    { title: 'Total', subtitle: '₹', width: 58, align: 'right' },
  ];
  const serial: Column = { title: '#', width: 16, align: 'center' };
  const used = serial.width + fixed.reduce((s, c) => s + c.width, 0);
  return [serial, { title: 'Description', width: CONTENT_WIDTH - used, align: 'left' }, ...fixed];
}

export function lineCells(doc: InvoiceDocument, line: DocumentLine, serial: number): Cell[] {
  const { intra, cess } = taxColumns(doc);
  const cessSub = cessRateText(line);
  return [
    { text: String(serial) },
    { text: line.description },
    { text: line.hsn },
    { text: line.quantity },
    { text: line.unit },
    { text: money(line.unitPrice) },
    { text: line.discount > 0 ? money(line.discount) : '–' },
    { text: money(line.taxableValue) },
    ...(intra
      ? [
          { text: money(line.cgst), sub: `@ ${formatHalfRateBp(line.gstRateBp)}%` },
          { text: money(line.sgst), sub: `@ ${formatHalfRateBp(line.gstRateBp)}%` },
        ]
      : [{ text: money(line.igst), sub: `@ ${formatRateBp(line.gstRateBp)}%` }]),
    ...(cess ? [{ text: money(line.cess), sub: cessSub }] : []),
    { text: money(line.lineTotal) },
  ];
}

export function sumCells(doc: InvoiceDocument, label: string, sums: Sums<LineSumKey>): Cell[] {
  const { intra, cess } = taxColumns(doc);
  return [
    { text: '' },
    { text: label, bold: true },
    { text: '' },
    { text: '' },
    { text: '' },
    { text: '' },
    { text: '' },
    { text: money(sums.taxableValue), bold: true },
    ...(intra
      ? [
          { text: money(sums.cgst), bold: true },
          { text: money(sums.sgst), bold: true },
        ]
      : [{ text: money(sums.igst), bold: true }]),
    ...(cess ? [{ text: money(sums.cess), bold: true }] : []),
    { text: money(sums.lineTotal), bold: true },
  ];
}
