import { amountInWords } from '@bizdash/domain/words';
import { drawTotals } from '../../../../platform/pdf/blocks';
import {
  box,
  COLORS,
  CONTENT_WIDTH,
  drawQr,
  hline,
  PAGE,
  textBox,
  type Pdf,
} from '../../../../platform/pdf/pdf-document';
import { FONT } from '../../../../platform/pdf/fonts';
import type { InvoiceDocument } from './invoice-document';
import { HSN_ROWS_ON_LAST_PAGE, type HsnSummaryRow } from './invoice-layout';
import { BOTTOM_BAND_TOP, CLOSING_LIMIT, HSN_HEADER_HEIGHT, HSN_ROW_HEIGHT, type Geometry } from './invoice-pdf-common';
import { exportEndorsement, isExport, lutLine, supplyLabel } from './invoice-pdf-parties';
import { drawHsnTable, hsnTotal, totalsRows } from './invoice-pdf-tax';
import { upiPaymentLink } from './upi';

/** The printed invoice's closing block and footer band: words, endorsements, HSN summary, totals, QR codes, bank, signature. */

export interface ClosingText {
  text: string;
  size: number;
  bold?: boolean;
  color?: string;
  maxLines: number;
  gapAfter: number;
}

/** The left column of the closing block above the HSN summary, in order: words, RCM, endorsements, notes. */
export function closingTexts(doc: InvoiceDocument): ClosingText[] {
  const t = doc.totals;
  const items: ClosingText[] = [
    { text: 'Amount in words', size: 6.5, color: COLORS.muted, maxLines: 1, gapAfter: 0 },
    { text: amountInWords(t.grandTotal), size: 8.5, bold: true, maxLines: 2, gapAfter: 3 },
    {
      text: doc.reverseCharge
        ? 'Tax is payable on reverse charge: Yes. The recipient pays the tax shown to the government.'
        : 'Tax is payable on reverse charge: No',
      size: 7,
      maxLines: 2,
      gapAfter: 2,
    },
  ];
  const endorsement = exportEndorsement(doc);
  if (endorsement) items.push({ text: endorsement.toUpperCase(), size: 7, bold: true, maxLines: 4, gapAfter: 2 });
  else {
    const supply = supplyLabel(doc);
    if (supply) items.push({ text: supply, size: 7, bold: true, maxLines: 2, gapAfter: 2 });
  }
  const lut = lutLine(doc);
  if (lut) items.push({ text: lut, size: 7, maxLines: 2, gapAfter: 2 });
  if (doc.variant?.statement) {
    items.push({ text: doc.variant.statement, size: 7, bold: true, maxLines: 3, gapAfter: 2 });
  }
  if (doc.notes) items.push({ text: `Note: ${doc.notes}`, size: 7, maxLines: 2, gapAfter: 2 });
  return items;
}

/** Height textBox gives a ClosingText: its wrapped lines, at most maxLines. */
export function closingTextHeight(pdf: Pdf, item: ClosingText, width: number): number {
  pdf.font(item.bold ? FONT.bold : FONT.regular).fontSize(item.size);
  const lineHeight = pdf.currentLineHeight(true) + 1;
  const lines = Math.max(1, Math.ceil(pdf.heightOfString(item.text, { width, lineGap: 1 }) / lineHeight - 0.01));
  return Math.min(lines, item.maxLines) * lineHeight;
}

export const CLOSING_RIGHT_WIDTH = 200;
export const closingLeftWidth = () => CONTENT_WIDTH - CLOSING_RIGHT_WIDTH - 12;

/**
 * HSN summary rows that fit under the closing texts above the bottom band (at most HSN_ROWS_ON_LAST_PAGE); a longer
 * address or export endorsement leaves fewer, and the rest of the summary goes to a page of its own.
 */
export function closingTextsHeight(pdf: Pdf, doc: InvoiceDocument): number {
  const width = closingLeftWidth();
  return closingTexts(doc).reduce((h, item) => h + closingTextHeight(pdf, item, width) + item.gapAfter, 0) + 3;
}

export function hsnRowsThatFit(pdf: Pdf, doc: InvoiceDocument, geometry: Geometry, hsnRowCount: number): number {
  const y = geometry.closingTop + closingTextsHeight(pdf, doc);
  const totalRow = hsnRowCount > 1 ? HSN_ROW_HEIGHT : 0;
  const room = Math.floor((CLOSING_LIMIT - y - HSN_HEADER_HEIGHT - totalRow - 4) / HSN_ROW_HEIGHT);
  return Math.max(0, Math.min(HSN_ROWS_ON_LAST_PAGE, room));
}

/** A UPI ID under its QR code: shrunk to the QR's width, split over lines only when even the smallest size is wider. */
export function drawUpiId(pdf: Pdf, upiId: string, x: number, y: number, width: number): void {
  pdf.font(FONT.regular);
  let size = 6.5;
  while (size > 4.5 && pdf.fontSize(size).widthOfString(upiId) > width) size -= 0.25;
  const lines: string[] = [];
  let rest = upiId;
  while (rest.length > 0) {
    let n = rest.length;
    while (n > 1 && pdf.widthOfString(rest.slice(0, n)) > width) n--;
    lines.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  pdf.fillColor(COLORS.muted);
  lines.slice(0, 3).forEach((line, i) => {
    pdf.text(line, x, y + i * (size + 1.5), { width, align: 'center', lineBreak: false });
  });
  pdf.fillColor(COLORS.text);
}

/** UPI asks for rupees: no payment QR for an export or an invoice in another currency. */
export function showsUpiQr(doc: InvoiceDocument): boolean {
  const foreignCurrency = !!doc.export?.currency && doc.export.currency.toUpperCase() !== 'INR';
  return (
    !!doc.upiId &&
    !doc.isCancelled &&
    !doc.isDraft &&
    doc.kind !== 'credit_note' &&
    doc.totals.grandTotal > 0 &&
    !isExport(doc) &&
    !foreignCurrency
  );
}

export function drawClosing(
  pdf: Pdf,
  doc: InvoiceDocument,
  geometry: Geometry,
  hsnRows: readonly HsnSummaryRow[],
  hsnPageNumber: number | null,
): void {
  const t = doc.totals;
  const rightWidth = CLOSING_RIGHT_WIDTH;
  const rightX = PAGE.width - PAGE.margin - rightWidth;
  const leftWidth = closingLeftWidth();
  const closingTop = geometry.closingTop;
  drawTotals(pdf, totalsRows(doc), rightX, closingTop, rightWidth);

  let ly = closingTop;
  for (const item of closingTexts(doc)) {
    textBox(pdf, item.text, PAGE.margin, ly, leftWidth, {
      size: item.size,
      bold: item.bold ?? false,
      maxLines: item.maxLines,
      ...(item.color ? { color: item.color } : {}),
    });
    ly += closingTextHeight(pdf, item, leftWidth) + item.gapAfter;
  }
  ly += 3;
  if (hsnPageNumber !== null) {
    textBox(pdf, `HSN/SAC summary: see page ${hsnPageNumber}`, PAGE.margin, ly, leftWidth, { size: 7.5, bold: true });
  } else {
    drawHsnTable(pdf, doc, hsnRows, PAGE.margin, ly, leftWidth, hsnRows.length > 1 ? hsnTotal(doc) : null);
  }

  // Bottom band: payment QR, e-invoice QR, bank details and terms, signature.
  const band = BOTTOM_BAND_TOP;
  hline(pdf, PAGE.margin, PAGE.width - PAGE.margin, band - 6, COLORS.rule, 0.5);
  const qrSize = 78;
  let x = PAGE.margin;
  if (doc.upiId && showsUpiQr(doc)) {
    drawQr(
      pdf,
      upiPaymentLink({ upiId: doc.upiId, payeeName: doc.supplier.name, amount: t.grandTotal, note: doc.number }),
      x,
      band,
      qrSize,
    );
    textBox(pdf, 'Scan to pay with UPI', x, band + qrSize + 1, qrSize, { size: 6.3, align: 'center' });
    drawUpiId(pdf, doc.upiId, x, band + qrSize + 9, qrSize);
    x += qrSize + 8;
  }
  if (doc.irn) {
    drawQr(pdf, doc.irn.signedQrCode, x, band, qrSize + 18, 'L');
    textBox(pdf, 'e-Invoice QR', x, band + qrSize + 20, qrSize + 18, { size: 6, align: 'center' });
    x += qrSize + 26;
  }
  const signWidth = 150;
  const signX = PAGE.width - PAGE.margin - signWidth;
  const midWidth = signX - x - 10;
  let my = band;
  const bank = doc.bank;
  if (bank && (bank.accountNumber || bank.ifsc)) {
    textBox(pdf, 'Bank details', x, my, midWidth, { size: 7, bold: true });
    my += 10;
    const bankLines = [
      bank.accountName ? `A/c name: ${bank.accountName}` : null,
      bank.accountNumber ? `A/c no.: ${bank.accountNumber}` : null,
      [bank.ifsc ? `IFSC: ${bank.ifsc}` : null, bank.bankName, bank.branch].filter(Boolean).join(', ') || null,
    ].filter((l): l is string => l !== null);
    for (const line of bankLines) my += textBox(pdf, line, x, my, midWidth, { size: 7 }) + 1;
    my += 4;
  }
  if (doc.terms) {
    textBox(pdf, 'Terms and conditions', x, my, midWidth, { size: 7, bold: true });
    my += 10;
    const room = Math.max(1, Math.floor((PAGE.height - PAGE.margin - 8 - my) / 9));
    textBox(pdf, doc.terms, x, my, midWidth, { size: 6.8, maxLines: room });
  }
  box(pdf, signX, band, signWidth, 104);
  textBox(pdf, `For ${doc.supplier.name}`, signX + 6, band + 5, signWidth - 12, { size: 7.5, bold: true, maxLines: 2 });
  textBox(pdf, doc.signatoryName ?? '', signX + 6, band + 74, signWidth - 12, { size: 7.5, align: 'center' });
  hline(pdf, signX + 14, signX + signWidth - 14, band + 86, COLORS.rule, 0.5);
  textBox(pdf, 'Authorised signatory', signX + 6, band + 89, signWidth - 12, {
    size: 7,
    align: 'center',
    color: COLORS.muted,
  });
}
