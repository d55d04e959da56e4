import {
  addressLines,
  displayDate,
  drawFooter,
  drawLetterhead,
  drawPartyBlocks,
  stateWithCode,
  type PartyBlockInput,
} from '../../../../platform/pdf/blocks';
import {
  addPage,
  COLORS,
  CONTENT_WIDTH,
  PAGE,
  textBox,
  watermark,
  type Pdf,
} from '../../../../platform/pdf/pdf-document';
import { DOCUMENT_TITLES, type DocumentParty, type InvoiceDocument } from './invoice-document';
import { LETTERHEAD_TOP, PARTY_MIN_HEIGHT, STRIP_LINE, type Geometry } from './invoice-pdf-common';

/** The printed invoice's page frame: letterhead, parties, IRN and e-way bill strip, export and LUT wording, footer. */

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
export function printedAddress(address: DocumentParty['address'], foreign?: DocumentParty['foreignAddress']): string[] {
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

export function partyLines(party: DocumentParty, registeredLabel = 'GSTIN'): string[] {
  const lines = printedAddress(party.address, party.foreignAddress);
  lines.push(party.gstin ? `${registeredLabel}: ${party.gstin}` : 'Unregistered (no GSTIN)');
  const contact = [party.phone, party.email].filter(Boolean).join(' · ');
  if (contact) lines.push(contact);
  return lines;
}

export const isExport = (doc: InvoiceDocument) => doc.supplyKind === 'EXPWP' || doc.supplyKind === 'EXPWOP';
export const isWithoutPayment = (doc: InvoiceDocument) => doc.supplyKind === 'EXPWOP' || doc.supplyKind === 'SEZWOP';

/** A short name of the supply kind, under "Ship to" when the goods go to the billing address. */
export function supplyLabel(doc: InvoiceDocument): string | null {
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
export function fyStart(date: string): string {
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
export function exportLine(doc: InvoiceDocument): string {
  return [
    doc.export?.portCode ? `Port: ${doc.export.portCode}` : null,
    doc.export?.countryCode ? `Country of destination: ${countryName(doc.export.countryCode)}` : null,
    doc.export?.currency ? `Currency: ${doc.export.currency}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function partyBlocks(doc: InvoiceDocument): PartyBlockInput[] {
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

export function letterheadInput(doc: InvoiceDocument, copy: string | null) {
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

/** "E-way bill 1234 5678 9012, valid until dd-mm-yyyy": the number in groups of four, as the portal prints it. */
export function ewayBillLine(ewb: { number: string; validUntil: string }): string {
  const grouped = ewb.number.replace(/(\d{4})(?=\d)/g, '$1 ');
  return `E-way bill ${grouped}, valid until ${ewb.validUntil.split('-').reverse().join('-')}`;
}

export function drawPageFrame(
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
