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
  partyBlockLayout,
  stateWithCode,
  SUBTOTAL_ROW_HEIGHT,
  TABLE_HEADER_HEIGHT,
  type Cell,
  type Column,
  type PartyBlockInput,
  type PartyBlockLayout,
} from '../../../../platform/pdf/blocks';
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
} from '../../../../platform/pdf/pdf-document';
import { FONT } from '../../../../platform/pdf/fonts';
import { ROWS_PER_PAGE, type Sums } from '../../../../platform/pdf/table-pages';
import { DOCUMENT_TITLES, type DocumentLine, type DocumentParty, type InvoiceDocument } from './invoice-document';
import {
  HSN_ROWS_ON_LAST_PAGE,
  hsnSummary,
  layoutInvoice,
  type HsnSummaryRow,
  type LineSumKey,
} from './invoice-layout';
import { upiPaymentLink } from './upi';

/*
 * Geometry (points from the top of an A4 page). Every page of a document has the table in the same place and the
 * same 10 rows tall, so a printed multi-page invoice reads like a pre-printed form. The party blocks start at
 * PARTY_TOP (lower when the letterhead needs it) and are PARTY_MIN_HEIGHT tall unless a long address needs more:
 * Rule 46 fields are never dropped, so the table then moves down for the whole document (see documentGeometry).
 */
const LETTERHEAD_TOP = PAGE.margin;
const PARTY_TOP = 132;
const PARTY_MIN_HEIGHT = 86;
const IRN_STRIP = 14;
/** A further line in the IRN strip (the e-way bill under the IRN). */
const STRIP_LINE = 9;
const ROW_HEIGHT = 24;
const tableHeight = (rows: number) => TABLE_HEADER_HEIGHT + 2 * SUBTOTAL_ROW_HEIGHT + rows * ROW_HEIGHT;
const BOTTOM_BAND_TOP = 688;
/** Lowest y the closing block's left column (words, endorsements, HSN summary) may reach above the bottom band. */
const CLOSING_LIMIT = BOTTOM_BAND_TOP - 10;
const HSN_HEADER_HEIGHT = 12.5;
const HSN_ROW_HEIGHT = 10.5;

/** Where the blocks of every page of one document go; measured once so all pages (and copies) agree. */
interface Geometry {
  /** Line rows per page: ROWS_PER_PAGE, fewer only when a very long letterhead or address leaves no room. */
  rowsPerPage: number;
  partyTop: number;
  party: PartyBlockLayout;
  irnTop: number;
  tableTop: number;
  tableBottom: number;
  closingTop: number;
}

/** Rule 48: the copies of a tax invoice, each marked with whom it is for. */
export const INVOICE_COPIES = ['original', 'duplicate', 'triplicate'] as const;
export type InvoiceCopy = (typeof INVOICE_COPIES)[number];

/**
 * The marking of a copy. Rule 48(1) (goods): original for recipient, duplicate for transporter, triplicate for
 * supplier. Rule 48(2) (services) has no transporter: its duplicate is the supplier's.
 */
export function copyLabel(copy: InvoiceCopy, servicesOnly: boolean): string {
  switch (copy) {
    case 'original':
      return 'Original for recipient';
    case 'duplicate':
      return servicesOnly ? 'Duplicate for supplier' : 'Duplicate for transporter';
    case 'triplicate':
      return 'Triplicate for supplier';
  }
}

export interface RenderInvoiceOptions {
  /** Copies to print, one after the other, each with all its pages; default the original only. */
  copies?: readonly InvoiceCopy[];
}

const money = (paise: Paise) => formatMoney(paise, { symbol: false });
const rupees = (paise: Paise) => formatMoney(paise);

/** Which tax columns the table shows, from the regime and whether any line carries cess. */
function taxColumns(doc: InvoiceDocument): { intra: boolean; cess: boolean } {
  const intra = doc.regime === 'CGST_SGST' || doc.regime === 'CGST_UTGST';
  return { intra, cess: doc.totals.cess > 0 || doc.lines.some((l) => l.cessRateBp > 0) };
}

function hasCessPerUnit(doc: InvoiceDocument): boolean {
  return doc.lines.some((l) => (l.cessPerUnit ?? 0) > 0 || (l.cessNonAdValorem > 0 && l.cessRateBp === 0));
}

/** Rupees without paise when whole (₹2,076), else with them (₹0.45): per-unit cess rates are mostly whole rupees. */
function unitRate(paise: Paise): string {
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

function lineCells(doc: InvoiceDocument, line: DocumentLine, serial: number): Cell[] {
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

/** "United States (US)", from the runtime's ICU data; the bare code when the runtime does not know it. */
export function countryName(code: string): string {
  const upper = code.toUpperCase();
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(upper);
    return name && name !== upper ? `${name} (${upper})` : upper;
  } catch {
    return upper;
  }
}

/**
 * Address lines as printed. A party abroad prints its own address lines, postal code and the country's name; an
 * Indian-shaped address outside India (state 96, saved before foreign addresses) prints the country's name instead
 * of "Other Countries (96)".
 */
function printedAddress(address: DocumentParty['address'], foreign?: DocumentParty['foreignAddress']): string[] {
  if (foreign) {
    const country = foreign.countryName
      ? `${foreign.countryName} (${foreign.countryCode})`
      : countryName(foreign.countryCode);
    return [...foreign.lines, ...(foreign.postalCode ? [foreign.postalCode] : []), country].filter((l) => l.trim());
  }
  if (!address) return [];
  const abroad = address.countryCode && address.countryCode.toUpperCase() !== 'IN';
  if (!abroad) return addressLines(address);
  return [...addressLines({ ...address, stateCode: null }), countryName(address.countryCode ?? '')];
}

function partyLines(party: DocumentParty, registeredLabel = 'GSTIN'): string[] {
  const lines = printedAddress(party.address, party.foreignAddress);
  lines.push(party.gstin ? `${registeredLabel}: ${party.gstin}` : 'Unregistered (no GSTIN)');
  const contact = [party.phone, party.email].filter(Boolean).join(' · ');
  if (contact) lines.push(contact);
  return lines;
}

const isExport = (doc: InvoiceDocument) => doc.supplyKind === 'EXPWP' || doc.supplyKind === 'EXPWOP';
const isWithoutPayment = (doc: InvoiceDocument) => doc.supplyKind === 'EXPWOP' || doc.supplyKind === 'SEZWOP';

/** A short name of the supply kind, under "Ship to" when the goods go to the billing address. */
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

/**
 * The endorsement the first proviso to Rule 46 requires on an export or SEZ invoice, in the rule's own words.
 */
export function exportEndorsement(doc: InvoiceDocument): string | null {
  const base = 'Supply meant for export/supply to SEZ unit or SEZ developer for authorised operations';
  switch (doc.supplyKind) {
    case 'EXPWOP':
    case 'SEZWOP':
      return `${base} under bond or letter of undertaking without payment of integrated tax`;
    case 'EXPWP':
    case 'SEZWP':
      return `${base} on payment of integrated tax`;
    default:
      return null;
  }
}

/** First day of the financial year (April–March) a date falls in. */
function fyStart(date: string): string {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? `${year}-04-01` : `${year - 1}-04-01`;
}

/**
 * "LUT ARN AD270326000123X dated 01-04-2026" for a supply without payment of IGST. A LUT is furnished for one
 * financial year (Rule 96A), so one dated in another year than the invoice is not printed: re-rendering last year's
 * invoice after this year's LUT was entered must not show the new one. No LUT on file: the gap is said in words.
 */
export function lutLine(doc: InvoiceDocument): string | null {
  // Undefined: the caller did not look the LUT up (only the PDF route does); say nothing rather than "none".
  if (!isWithoutPayment(doc) || doc.lut === undefined) return null;
  const lut = doc.lut;
  if (!lut?.number) return 'LUT/bond reference: not entered in business settings';
  if (lut.date && fyStart(lut.date) !== fyStart(doc.date)) {
    return 'LUT/bond reference: none on file for this financial year';
  }
  return `LUT ARN ${lut.number}${lut.date ? ` dated ${displayDate(lut.date)}` : ''}`;
}

/** The destination line of an export (e-invoice ExpDtls): port, country by name, currency. */
function exportLine(doc: InvoiceDocument): string {
  return [
    doc.export?.portCode ? `Port: ${doc.export.portCode}` : null,
    doc.export?.countryCode ? `Country of destination: ${countryName(doc.export.countryCode)}` : null,
    doc.export?.currency ? `Currency: ${doc.export.currency}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function partyBlocks(doc: InvoiceDocument): PartyBlockInput[] {
  const billTo = {
    heading: doc.variant?.recipientHeading ?? 'Bill to (recipient)',
    name: doc.recipient.legalName ?? doc.recipient.name,
    lines: partyLines(doc.recipient),
  };
  const destination = exportLine(doc);
  const shipTo = doc.shipTo
    ? {
        heading: 'Ship to (delivery address)',
        name: doc.shipTo.name,
        lines: [...printedAddress(doc.shipTo.address), destination].filter(Boolean),
      }
    : {
        heading: 'Ship to (delivery address)',
        name: 'Same as billing address',
        lines: [supplyLabel(doc) ?? '', destination].filter(Boolean),
      };
  return [billTo, shipTo];
}

function letterheadInput(doc: InvoiceDocument, copy: string | null) {
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
    [doc.variant ? doc.variant.numberLabel : `${kindLabel} no.`, doc.number],
    ['Date', displayDate(doc.date)],
  ];
  if (doc.dueDate) meta.push(['Due date', displayDate(doc.dueDate)]);
  meta.push(['Place of supply', doc.placeOfSupply === '96' ? 'Outside India (96)' : stateWithCode(doc.placeOfSupply)]);
  meta.push(['Reverse charge', doc.reverseCharge ? 'Yes' : 'No']);
  if (doc.variant) meta.push(...doc.variant.meta);
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
  return {
    name: supplier.name,
    legalName: supplier.legalName,
    lines: supplierLines,
    title: doc.variant?.title ?? DOCUMENT_TITLES[doc.kind],
    meta,
    logo: doc.logo ?? null,
    copyLabel: copy,
    wrap: true,
  };
}

/**
 * Measures the letterhead and the party blocks on a throw-away page, so every page of every copy puts the table in
 * the same place, below a letterhead or an address that needed more room than usual.
 */
async function documentGeometry(doc: InvoiceDocument): Promise<Geometry> {
  const probe = await createPdf({ title: 'measure', author: 'BizDash', creationDate: doc.issuedAt });
  addPage(probe);
  const letterheadBottom = drawLetterhead(probe, letterheadInput(doc, copyLabel('original', false)), LETTERHEAD_TOP);
  const partyTop = Math.max(PARTY_TOP, letterheadBottom);
  const party = partyBlockLayout(probe, partyBlocks(doc), PARTY_MIN_HEIGHT, 'grow');
  const irnTop = partyTop + party.height + 4;
  // The IRN strip only when there is an IRN or an e-way bill: otherwise the lines start right under the party blocks.
  // With both an IRN and an e-way bill the strip takes a second line (the IRN line leaves no room beside it).
  const strip = (doc.irn ? 1 : 0) + (doc.ewayBill ? 1 : 0);
  const tableTop = strip > 0 ? irnTop + IRN_STRIP + (strip - 1) * STRIP_LINE : irnTop + 2;
  // The closing block needs its totals and texts (the HSN summary can move to a page of its own); the table gives up
  // rows when it must, never the closing block its room.
  const closingNeed = Math.max(totalsHeight(doc), closingTextsHeight(probe, doc) + 16) + 8;
  const free = CLOSING_LIMIT - closingNeed - tableHeight(0) - tableTop;
  const rowsPerPage = Math.max(1, Math.min(ROWS_PER_PAGE, Math.floor(free / ROW_HEIGHT)));
  const tableBottom = tableTop + tableHeight(rowsPerPage);
  return { rowsPerPage, partyTop, party, irnTop, tableTop, tableBottom, closingTop: tableBottom + 8 };
}

/** "E-way bill 1234 5678 9012, valid until dd-mm-yyyy": the number in groups of four, as the portal prints it. */
export function ewayBillLine(ewb: { number: string; validUntil: string }): string {
  const grouped = ewb.number.replace(/(\d{4})(?=\d)/g, '$1 ');
  return `E-way bill ${grouped}, valid until ${ewb.validUntil.split('-').reverse().join('-')}`;
}

function drawPageFrame(
  pdf: Pdf,
  doc: InvoiceDocument,
  geometry: Geometry,
  copy: string | null,
  pageNumber: number,
  pageCount: number,
): void {
  addPage(pdf);
  if (doc.isCancelled) watermark(pdf, 'CANCELLED');
  else if (doc.isDraft) watermark(pdf, 'DRAFT', COLORS.muted);
  drawLetterhead(pdf, letterheadInput(doc, copy), LETTERHEAD_TOP);
  drawPartyBlocks(pdf, partyBlocks(doc), geometry.partyTop, PARTY_MIN_HEIGHT, geometry.party);

  // The strip under the party blocks: the IRN line, then the e-way bill line, whichever the document has.
  const strip = [
    doc.irn ? `IRN: ${doc.irn.irn}    Ack No: ${doc.irn.ackNo}    Ack Date: ${doc.irn.ackDate}` : null,
    doc.ewayBill ? ewayBillLine(doc.ewayBill) : null,
  ].filter((s): s is string => s !== null);
  strip.forEach((line, i) => {
    textBox(pdf, line, PAGE.margin, geometry.irnTop + 1 + i * STRIP_LINE, CONTENT_WIDTH, { size: 6.8 });
  });
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

type TotalsRow = { label: string; value: string; emphasis?: boolean };

/** The totals list right of the closing block, grand total last. */
function totalsRows(doc: InvoiceDocument): TotalsRow[] {
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
function totalsHeight(doc: InvoiceDocument): number {
  return totalsRows(doc).reduce((h, r) => h + (r.emphasis ? 16 : 11.5), 0);
}

interface ClosingText {
  text: string;
  size: number;
  bold?: boolean;
  color?: string;
  maxLines: number;
  gapAfter: number;
}

/** The left column of the closing block above the HSN summary, in order: words, RCM, endorsements, notes. */
function closingTexts(doc: InvoiceDocument): ClosingText[] {
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
function closingTextHeight(pdf: Pdf, item: ClosingText, width: number): number {
  pdf.font(item.bold ? FONT.bold : FONT.regular).fontSize(item.size);
  const lineHeight = pdf.currentLineHeight(true) + 1;
  const lines = Math.max(1, Math.ceil(pdf.heightOfString(item.text, { width, lineGap: 1 }) / lineHeight - 0.01));
  return Math.min(lines, item.maxLines) * lineHeight;
}

const CLOSING_RIGHT_WIDTH = 200;
const closingLeftWidth = () => CONTENT_WIDTH - CLOSING_RIGHT_WIDTH - 12;

/**
 * HSN summary rows that fit under the closing texts above the bottom band (at most HSN_ROWS_ON_LAST_PAGE); a longer
 * address or export endorsement leaves fewer, and the rest of the summary goes to a page of its own.
 */
function closingTextsHeight(pdf: Pdf, doc: InvoiceDocument): number {
  const width = closingLeftWidth();
  return closingTexts(doc).reduce((h, item) => h + closingTextHeight(pdf, item, width) + item.gapAfter, 0) + 3;
}

function hsnRowsThatFit(pdf: Pdf, doc: InvoiceDocument, geometry: Geometry, hsnRowCount: number): number {
  const y = geometry.closingTop + closingTextsHeight(pdf, doc);
  const totalRow = hsnRowCount > 1 ? HSN_ROW_HEIGHT : 0;
  const room = Math.floor((CLOSING_LIMIT - y - HSN_HEADER_HEIGHT - totalRow - 4) / HSN_ROW_HEIGHT);
  return Math.max(0, Math.min(HSN_ROWS_ON_LAST_PAGE, room));
}

/** A UPI ID under its QR code: shrunk to the QR's width, split over lines only when even the smallest size is wider. */
function drawUpiId(pdf: Pdf, upiId: string, x: number, y: number, width: number): void {
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
function showsUpiQr(doc: InvoiceDocument): boolean {
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

function drawClosing(
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

interface AnnexItem {
  label: string;
  text: string;
}

const ANNEX_SIZE = 7.5;

/**
 * Texts the fixed rows cut short, printed in full on pages of their own: a line description (Rule 46(h), up to 500
 * characters) that needs more than its row's two lines, and notes longer than the closing block shows.
 */
function annexItems(pdf: Pdf, doc: InvoiceDocument, columns: readonly Column[]): AnnexItem[] {
  const items: AnnexItem[] = [];
  const descWidth = (columns[1]?.width ?? 100) - 5;
  pdf.font(FONT.regular).fontSize(7.5);
  const rowLines = Math.max(1, Math.floor((ROW_HEIGHT - 4) / 9.3));
  const lineHeight = pdf.currentLineHeight(true) + 1;
  doc.lines.forEach((line, i) => {
    pdf.font(FONT.regular).fontSize(7.5);
    if (pdf.heightOfString(line.description, { width: descWidth, lineGap: 1 }) > rowLines * lineHeight + 0.5) {
      items.push({ label: `Line ${i + 1} (HSN/SAC ${line.hsn})`, text: line.description });
    }
  });
  if (doc.notes) {
    const note: ClosingText = { text: `Note: ${doc.notes}`, size: 7, maxLines: 2, gapAfter: 0 };
    pdf.font(FONT.regular).fontSize(7);
    const full = pdf.heightOfString(note.text, { width: closingLeftWidth(), lineGap: 1 });
    if (full > closingTextHeight(pdf, note, closingLeftWidth()) + 0.5) items.push({ label: 'Note', text: doc.notes });
  }
  return items;
}

/** The annex items on each page below the table top, measured so the page count is known before drawing. */
function paginateAnnex(pdf: Pdf, items: readonly AnnexItem[], geometry: Geometry): AnnexItem[][] {
  const pages: AnnexItem[][] = [];
  const bottom = PAGE.height - PAGE.margin - 12;
  let current: AnnexItem[] = [];
  let y = geometry.tableTop + 16;
  for (const item of items) {
    const height = annexItemHeight(pdf, item);
    if (current.length > 0 && y + height > bottom) {
      pages.push(current);
      current = [];
      y = geometry.tableTop + 16;
    }
    current.push(item);
    y += height;
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

function annexItemHeight(pdf: Pdf, item: AnnexItem): number {
  pdf.font(FONT.bold).fontSize(ANNEX_SIZE);
  const label = pdf.currentLineHeight(true) + 1;
  pdf.font(FONT.regular).fontSize(ANNEX_SIZE);
  return label + pdf.heightOfString(item.text, { width: CONTENT_WIDTH, lineGap: 1 }) + 6;
}

function drawAnnex(pdf: Pdf, items: readonly AnnexItem[], geometry: Geometry): void {
  textBox(pdf, 'Descriptions in full (continued from the table)', PAGE.margin, geometry.tableTop, CONTENT_WIDTH, {
    size: 9,
    bold: true,
  });
  let y = geometry.tableTop + 16;
  for (const item of items) {
    const height = annexItemHeight(pdf, item);
    pdf.font(FONT.bold).fontSize(ANNEX_SIZE).fillColor(COLORS.text);
    pdf.text(item.label, PAGE.margin, y, { width: CONTENT_WIDTH, lineBreak: false });
    pdf.font(FONT.regular).fontSize(ANNEX_SIZE);
    pdf.text(item.text, PAGE.margin, y + pdf.currentLineHeight(true) + 1, { width: CONTENT_WIDTH, lineGap: 1 });
    y += height;
  }
}

/**
 * Renders a tax invoice, credit note or debit note to PDF bytes: each copy asked for (default the original), every
 * copy with all its pages and its Rule 48 marking. Same document and options in, same bytes out.
 */
export async function renderInvoicePdf(doc: InvoiceDocument, options: RenderInvoiceOptions = {}): Promise<Buffer> {
  const title = `${doc.variant?.title ?? DOCUMENT_TITLES[doc.kind]} ${doc.number}`;
  const pdf = await createPdf({ title, author: doc.supplier.name, creationDate: doc.issuedAt });
  const geometry = await documentGeometry(doc);
  const hsnCount = hsnSummary(doc.lines).length;
  const layout = layoutInvoice(doc.lines, geometry.rowsPerPage, hsnRowsThatFit(pdf, doc, geometry, hsnCount));
  const columns = buildColumns(doc);
  const firstHsnPage = layout.hsnPages.length > 0 ? layout.linePages.length + 1 : null;
  const annexPages = paginateAnnex(pdf, annexItems(pdf, doc, columns), geometry);
  const pageCount = layout.pageCount + annexPages.length;
  const servicesOnly = doc.lines.length > 0 && doc.lines.every((l) => l.isService);
  const copies = options.copies && options.copies.length > 0 ? options.copies : (['original'] as const);

  for (const copy of copies) {
    const label = copyLabel(copy, servicesOnly);
    for (const page of layout.linePages) {
      drawPageFrame(pdf, doc, geometry, label, page.pageNumber, pageCount);
      let y = drawTableHeader(pdf, columns, geometry.tableTop);
      // The brought-forward row exists only on continuation pages; page 1 starts its lines under the header.
      if (page.broughtForward) {
        drawTableRow(pdf, columns, sumCells(doc, 'Brought forward', page.broughtForward), y, SUBTOTAL_ROW_HEIGHT, true);
        y += SUBTOTAL_ROW_HEIGHT;
      }
      page.rows.forEach((line, i) => {
        drawTableRow(pdf, columns, lineCells(doc, line, page.firstRowIndex + i + 1), y + i * ROW_HEIGHT, ROW_HEIGHT);
      });
      const closing = page.carriedForward
        ? sumCells(doc, 'Carried forward', page.carriedForward)
        : sumCells(doc, 'Total', page.runningTotals);
      drawTableRow(pdf, columns, closing, geometry.tableBottom - SUBTOTAL_ROW_HEIGHT, SUBTOTAL_ROW_HEIGHT, true);
      drawTableFrame(pdf, columns, geometry.tableTop, geometry.tableBottom);
      if (page.isLast) {
        drawClosing(pdf, doc, geometry, layout.hsnOnLastPage, firstHsnPage);
      } else {
        textBox(pdf, `Continued on page ${page.pageNumber + 1}`, PAGE.margin, geometry.closingTop + 4, CONTENT_WIDTH, {
          size: 8,
          align: 'center',
          color: COLORS.muted,
        });
      }
    }
    layout.hsnPages.forEach((rows, i) => {
      const pageNumber = layout.linePages.length + i + 1;
      drawPageFrame(pdf, doc, geometry, label, pageNumber, pageCount);
      textBox(pdf, 'HSN/SAC summary', PAGE.margin, geometry.tableTop, CONTENT_WIDTH, { size: 9, bold: true });
      drawHsnTable(
        pdf,
        doc,
        rows,
        PAGE.margin,
        geometry.tableTop + 14,
        CONTENT_WIDTH,
        i === layout.hsnPages.length - 1 ? hsnTotal(doc) : null,
      );
    });
    annexPages.forEach((items, i) => {
      drawPageFrame(pdf, doc, geometry, label, layout.pageCount + i + 1, pageCount);
      drawAnnex(pdf, items, geometry);
    });
  }
  return finishPdf(pdf);
}
