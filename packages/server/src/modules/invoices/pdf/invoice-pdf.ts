import { formatHalfRateBp, formatRateBp } from '@bizdash/domain/gst/units';
import { formatMoney, type Paise } from '@bizdash/domain/money';
import { amountInWords } from '@bizdash/domain/words';
import {
  addressLines,
  displayDate,
  drawFooter,
  drawLetterhead,
  drawPartyBlocks,
  drawTableFrame,
  drawTableHeader,
  drawTableRow,
  drawTotals,
  stateWithCode,
  SUBTOTAL_ROW_HEIGHT,
  TABLE_HEADER_HEIGHT,
  type Cell,
  type Column,
} from '../../../platform/pdf/blocks';
import {
  addPage,
  box,
  COLORS,
  CONTENT_WIDTH,
  createPdf,
  drawQr,
  finishPdf,
  hline,
  PAGE,
  textBox,
  watermark,
  type Pdf,
} from '../../../platform/pdf/pdf-document';
import { ROWS_PER_PAGE, type Sums } from '../../../platform/pdf/table-pages';
import { DOCUMENT_TITLES, type DocumentLine, type DocumentParty, type InvoiceDocument } from './invoice-document';
import { layoutInvoice, type HsnSummaryRow, type LineSumKey } from './invoice-layout';
import { upiPaymentLink } from './upi';

/*
 * Fixed geometry (points from the top of an A4 page). Every page of a document has the table in the same place
 * and the same 10 rows tall, so a printed multi-page invoice reads like a pre-printed form.
 */
const LETTERHEAD_TOP = PAGE.margin;
const PARTY_TOP = 132;
const PARTY_HEIGHT = 74;
const IRN_TOP = PARTY_TOP + PARTY_HEIGHT + 4;
const TABLE_TOP = IRN_TOP + 14;
const ROW_HEIGHT = 24;
const TABLE_BOTTOM = TABLE_TOP + TABLE_HEADER_HEIGHT + 2 * SUBTOTAL_ROW_HEIGHT + ROWS_PER_PAGE * ROW_HEIGHT;
const CLOSING_TOP = TABLE_BOTTOM + 8;
const BOTTOM_BAND_TOP = 688;

const money = (paise: Paise) => formatMoney(paise, { symbol: false });
const rupees = (paise: Paise) => formatMoney(paise);

/** Which tax columns the table shows, from the regime and whether any line carries cess. */
function taxColumns(doc: InvoiceDocument): { intra: boolean; cess: boolean } {
  const intra = doc.regime === 'CGST_SGST' || doc.regime === 'CGST_UTGST';
  return { intra, cess: doc.totals.cess > 0 || doc.lines.some((l) => l.cessRateBp > 0) };
}

function buildColumns(doc: InvoiceDocument): Column[] {
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
    ...(cess ? [{ title: 'Cess', subtitle: '₹ @ rate', width: 42, align: 'right' as const }] : []),
    { title: 'Total', subtitle: '₹', width: 58, align: 'right' },
  ];
  const serial: Column = { title: '#', width: 16, align: 'center' };
  const used = serial.width + fixed.reduce((s, c) => s + c.width, 0);
  return [serial, { title: 'Description', width: CONTENT_WIDTH - used, align: 'left' }, ...fixed];
}

function lineCells(doc: InvoiceDocument, line: DocumentLine, serial: number): Cell[] {
  const { intra, cess } = taxColumns(doc);
  const cessSub = line.cessRateBp > 0 ? `@ ${formatRateBp(line.cessRateBp)}%` : line.cess > 0 ? 'per unit' : '';
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

function sumCells(doc: InvoiceDocument, label: string, sums: Sums<LineSumKey>): Cell[] {
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

function partyLines(party: DocumentParty, registeredLabel = 'GSTIN'): string[] {
  const lines = addressLines(party.address);
  lines.push(party.gstin ? `${registeredLabel}: ${party.gstin}` : 'Unregistered (no GSTIN)');
  const contact = [party.phone, party.email].filter(Boolean).join(' · ');
  if (contact) lines.push(contact);
  return lines;
}

function supplyLabel(doc: InvoiceDocument): string | null {
  switch (doc.supplyKind) {
    case 'EXPWOP':
      return 'Export under LUT/bond without payment of IGST';
    case 'EXPWP':
      return 'Export with payment of IGST';
    case 'SEZWOP':
      return 'Supply to SEZ under LUT without payment of IGST';
    case 'SEZWP':
      return 'Supply to SEZ with payment of IGST';
    case 'DEXP':
      return 'Deemed export';
    case 'B2B':
    case 'B2C':
      return null;
  }
}

function drawPageFrame(pdf: Pdf, doc: InvoiceDocument, pageNumber: number, pageCount: number): void {
  addPage(pdf);
  if (doc.isCancelled) watermark(pdf, 'CANCELLED');
  else if (doc.isDraft) watermark(pdf, 'DRAFT', COLORS.muted);
  const supplier = doc.supplier;
  const supplierLines = addressLines(supplier.address);
  supplierLines.push(
    [supplier.gstin ? `GSTIN: ${supplier.gstin}` : null, supplier.pan ? `PAN: ${supplier.pan}` : null]
      .filter(Boolean)
      .join('   '),
  );
  const contact = [supplier.phone, supplier.email].filter(Boolean).join(' · ');
  if (contact) supplierLines.push(contact);
  const kindLabel = {
    invoice: 'Invoice',
    bill_of_supply: 'Bill',
    credit_note: 'Credit note',
    debit_note: 'Debit note',
  }[doc.kind];
  const meta: [string, string][] = [
    [`${kindLabel} no.`, doc.number],
    ['Date', displayDate(doc.date)],
  ];
  if (doc.dueDate) meta.push(['Due date', displayDate(doc.dueDate)]);
  meta.push(['Place of supply', doc.placeOfSupply === '96' ? 'Outside India (96)' : stateWithCode(doc.placeOfSupply)]);
  meta.push(['Reverse charge', doc.reverseCharge ? 'Yes' : 'No']);
  if (doc.export?.shippingBillNo) {
    const date = doc.export.shippingBillDate ? ` dt. ${displayDate(doc.export.shippingBillDate)}` : '';
    meta.push(['Shipping bill', `${doc.export.shippingBillNo}${date}`]);
  }
  // Said in words as well as by the watermark, so a copy or a text extract cannot miss it.
  if (doc.isCancelled) meta.push(['Status', 'CANCELLED']);
  if (doc.originalInvoices.length > 0) {
    meta.push([
      'Against invoice',
      doc.originalInvoices.map((o) => `${o.number} dt. ${displayDate(o.date)}`).join(', '),
    ]);
  }
  // The header area is fixed; drawLetterhead never reaches PARTY_TOP with the lines a business has.
  pdf
    .save()
    .rect(0, 0, PAGE.width, PARTY_TOP - 2)
    .clip();
  drawLetterhead(
    pdf,
    {
      name: supplier.name,
      legalName: supplier.legalName,
      lines: supplierLines,
      title: DOCUMENT_TITLES[doc.kind],
      meta,
      logo: doc.logo ?? null,
    },
    LETTERHEAD_TOP,
  );
  pdf.restore();

  const billTo = {
    heading: 'Bill to (recipient)',
    name: doc.recipient.legalName ?? doc.recipient.name,
    lines: partyLines(doc.recipient),
  };
  // Export invoices name the port, destination and currency (e-invoice ExpDtls) with the delivery.
  const exportLine = [
    doc.export?.portCode ? `Port: ${doc.export.portCode}` : null,
    doc.export?.countryCode ? `Country: ${doc.export.countryCode}` : null,
    doc.export?.currency ? `Currency: ${doc.export.currency}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const shipTo = doc.shipTo
    ? {
        heading: 'Ship to (delivery address)',
        name: doc.shipTo.name,
        lines: [...addressLines(doc.shipTo.address), exportLine].filter(Boolean),
      }
    : {
        heading: 'Ship to (delivery address)',
        name: 'Same as billing address',
        lines: [supplyLabel(doc) ?? '', exportLine].filter(Boolean),
      };
  drawPartyBlocks(pdf, [billTo, shipTo], PARTY_TOP, PARTY_HEIGHT);

  if (doc.irn) {
    textBox(
      pdf,
      `IRN: ${doc.irn.irn}    Ack No: ${doc.irn.ackNo}    Ack Date: ${doc.irn.ackDate}`,
      PAGE.margin,
      IRN_TOP + 1,
      CONTENT_WIDTH,
      { size: 6.8 },
    );
  }
  const note =
    doc.irn !== null
      ? 'This is a computer generated e-invoice; the IRN and signed QR code are issued by the Invoice Registration Portal.'
      : 'This is a computer generated document.';
  drawFooter(pdf, pageNumber, pageCount, note);
}

function drawHsnTable(
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
function hsnTotal(doc: InvoiceDocument): HsnSummaryRow {
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

function drawClosing(
  pdf: Pdf,
  doc: InvoiceDocument,
  hsnRows: readonly HsnSummaryRow[],
  hsnPageNumber: number | null,
): void {
  const t = doc.totals;
  const { intra } = taxColumns(doc);
  const rightWidth = 200;
  const rightX = PAGE.width - PAGE.margin - rightWidth;
  const leftWidth = CONTENT_WIDTH - rightWidth - 12;
  const stateLabel = doc.stateTaxLabel ?? 'SGST';

  const totals: { label: string; value: string; emphasis?: boolean }[] = [
    { label: 'Taxable value', value: rupees(t.taxableValue) },
  ];
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
  drawTotals(pdf, totals, rightX, CLOSING_TOP, rightWidth);

  let ly = CLOSING_TOP;
  textBox(pdf, 'Amount in words', PAGE.margin, ly, leftWidth, { size: 6.5, color: COLORS.muted });
  ly += 9;
  ly +=
    textBox(pdf, amountInWords(t.grandTotal), PAGE.margin, ly, leftWidth, { size: 8.5, bold: true, maxLines: 2 }) + 3;
  const rcm = doc.reverseCharge
    ? 'Tax is payable on reverse charge: Yes. The recipient pays the tax shown to the government.'
    : 'Tax is payable on reverse charge: No';
  ly += textBox(pdf, rcm, PAGE.margin, ly, leftWidth, { size: 7, maxLines: 2 }) + 2;
  const supply = supplyLabel(doc);
  if (supply) ly += textBox(pdf, supply, PAGE.margin, ly, leftWidth, { size: 7, bold: true }) + 2;
  if (doc.notes) ly += textBox(pdf, `Note: ${doc.notes}`, PAGE.margin, ly, leftWidth, { size: 7, maxLines: 2 }) + 2;
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
  if (doc.upiId && !doc.isCancelled && !doc.isDraft && doc.kind !== 'credit_note' && t.grandTotal > 0) {
    drawQr(
      pdf,
      upiPaymentLink({ upiId: doc.upiId, payeeName: doc.supplier.name, amount: t.grandTotal, note: doc.number }),
      x,
      band,
      qrSize,
    );
    textBox(pdf, 'Scan to pay with UPI', x, band + qrSize + 2, qrSize, { size: 6.3, align: 'center' });
    textBox(pdf, doc.upiId, x, band + qrSize + 10, qrSize, { size: 6, align: 'center', color: COLORS.muted });
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

/** Renders a tax invoice, credit note or debit note to PDF bytes. Same document in, same bytes out. */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  const title = `${DOCUMENT_TITLES[doc.kind]} ${doc.number}`;
  const pdf = createPdf({ title, author: doc.supplier.name, creationDate: doc.issuedAt });
  const layout = layoutInvoice(doc.lines);
  const columns = buildColumns(doc);
  const firstHsnPage = layout.hsnPages.length > 0 ? layout.linePages.length + 1 : null;

  for (const page of layout.linePages) {
    drawPageFrame(pdf, doc, page.pageNumber, layout.pageCount);
    let y = drawTableHeader(pdf, columns, TABLE_TOP);
    if (page.broughtForward)
      drawTableRow(pdf, columns, sumCells(doc, 'Brought forward', page.broughtForward), y, SUBTOTAL_ROW_HEIGHT, true);
    y += SUBTOTAL_ROW_HEIGHT;
    page.rows.forEach((line, i) => {
      drawTableRow(pdf, columns, lineCells(doc, line, page.firstRowIndex + i + 1), y + i * ROW_HEIGHT, ROW_HEIGHT);
    });
    y += ROWS_PER_PAGE * ROW_HEIGHT;
    const closing = page.carriedForward
      ? sumCells(doc, 'Carried forward', page.carriedForward)
      : sumCells(doc, 'Total', page.runningTotals);
    drawTableRow(pdf, columns, closing, y, SUBTOTAL_ROW_HEIGHT, true);
    drawTableFrame(pdf, columns, TABLE_TOP, TABLE_BOTTOM);
    if (page.isLast) {
      drawClosing(pdf, doc, layout.hsnOnLastPage, firstHsnPage);
    } else {
      textBox(pdf, `Continued on page ${page.pageNumber + 1}`, PAGE.margin, CLOSING_TOP + 4, CONTENT_WIDTH, {
        size: 8,
        align: 'center',
        color: COLORS.muted,
      });
    }
  }
  layout.hsnPages.forEach((rows, i) => {
    const pageNumber = layout.linePages.length + i + 1;
    drawPageFrame(pdf, doc, pageNumber, layout.pageCount);
    textBox(pdf, 'HSN/SAC summary', PAGE.margin, TABLE_TOP, CONTENT_WIDTH, { size: 9, bold: true });
    drawHsnTable(
      pdf,
      doc,
      rows,
      PAGE.margin,
      TABLE_TOP + 14,
      CONTENT_WIDTH,
      i === layout.hsnPages.length - 1 ? hsnTotal(doc) : null,
    );
  });
  return finishPdf(pdf);
}
