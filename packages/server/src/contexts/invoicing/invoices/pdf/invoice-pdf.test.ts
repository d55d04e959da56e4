import { describe, expect, it } from 'vitest';
import { pdfPageLines, pdfPageTexts, pdfText } from '../../../../platform/pdf/pdf-text';
import type { InvoiceDocument } from './invoice-document';
import { cessRateText, renderInvoicePdf } from './invoice-pdf';
import {
  cessPerUnitDocument,
  exportInvoiceDocument,
  maximalPartyDocument,
  sampleInvoiceDocument,
} from './sample-document';

/** Pages in a pdfkit file: each page object says `/Type /Page` (the page tree says `/Pages`). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** Text with every run of white space (line wraps included) as one space, so wrapped fields read whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Short descriptions: one line each, so only the line count decides the pages. */
function shortLines(doc: InvoiceDocument): InvoiceDocument {
  return { ...doc, lines: doc.lines.map((l, i) => ({ ...l, description: `Item ${i + 1}` })) };
}

/** Every Rule 46 field of a document, as the PDF must print it (whole, not cut with "…"). */
function rule46Fields(doc: InvoiceDocument): string[] {
  const address = (a: InvoiceDocument['recipient']['address']) =>
    a ? [a.line1, a.line2, `${a.city} - ${a.pin}`].filter((x): x is string => !!x) : [];
  return [
    // (a) supplier's name, address and GSTIN
    doc.supplier.name,
    ...(doc.supplier.legalName ? [doc.supplier.legalName] : []),
    ...address(doc.supplier.address),
    `GSTIN: ${doc.supplier.gstin}`,
    // (b) number, (c) date
    doc.number,
    '23-11-2026',
    // (d) recipient's name, address, GSTIN
    doc.recipient.legalName ?? doc.recipient.name,
    ...address(doc.recipient.address),
    ...(doc.recipient.gstin ? [`GSTIN: ${doc.recipient.gstin}`] : []),
    // (g) HSN, (h) description, (i) quantity and unit, (k) taxable value, (l) rate, (m) tax
    ...doc.lines.flatMap((l) => [l.hsn, l.description, l.unit]),
    'Taxable value',
    // (n) place of supply with its State, (p) reverse charge, (q) signature
    'Place of supply',
    'Tax is payable on reverse charge',
    'Authorised signatory',
  ];
}

describe('invoice PDF', () => {
  it('renders the same bytes for the same document (an issued invoice never changes)', async () => {
    const doc = sampleInvoiceDocument({ lineCount: 12 });
    const [a, b] = await Promise.all([renderInvoicePdf(doc), renderInvoicePdf(structuredClone(doc))]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('changes only when the document does (IRN added)', async () => {
    const doc = sampleInvoiceDocument({ lineCount: 3 });
    const before = await renderInvoicePdf(doc);
    const after = await renderInvoicePdf({
      ...doc,
      irn: { irn: 'f'.repeat(64), ackNo: '1', ackDate: '2026-11-23 10:00:00', signedQrCode: 'a.b.c' },
    });
    expect(Buffer.compare(before, after)).not.toBe(0);
  });

  it('uses one page per 10 lines', async () => {
    const pages = async (lineCount: number, regime?: 'IGST') =>
      pageCount(
        await renderInvoicePdf(shortLines(sampleInvoiceDocument({ lineCount, ...(regime ? { regime } : {}) }))),
      );
    expect(await pages(1)).toBe(1);
    expect(await pages(10)).toBe(1);
    expect(await pages(11)).toBe(2);
    expect(await pages(30, 'IGST')).toBe(3);
  });

  it('prints every Rule 46 field in full for a party with every field at its maximum length', async () => {
    const doc = maximalPartyDocument();
    const pdf = await renderInvoicePdf(doc);
    const text = flat(pdfText(pdf));
    for (const field of rule46Fields(doc)) expect(text, field.slice(0, 40)).toContain(flat(field));
    // The State with its code, for the supplier, the recipient and the place of supply (Rule 46(e), (n)).
    expect(text).toContain('Maharashtra (27)');
    expect(text.match(/Gujarat \(24\)/g)?.length).toBeGreaterThanOrEqual(2);
    // The recipient's GSTIN sits on page 1 inside the party block: above the table header, not clipped below the box.
    const page1 = pdfPageLines(pdf)[0] ?? [];
    const gstin = page1.find((l) => l.text === `GSTIN: ${doc.recipient.gstin}`);
    const header = page1.find((l) => l.text === 'Description');
    expect(gstin?.y).toBeGreaterThan((header?.y ?? Infinity) + 8);
    // A 500-character description does not fit its row: it is printed in full on the annex.
    expect(text).toContain('Descriptions in full');
  });

  it('prints the page total of every page (Page x of y) including annex and HSN pages', async () => {
    const pdf = await renderInvoicePdf(maximalPartyDocument());
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('prints the export endorsement, LUT, shipping bill and country, and no UPI QR', async () => {
    const doc = exportInvoiceDocument('EXPWOP');
    const text = flat(pdfText(await renderInvoicePdf(doc)));
    expect(text).toContain(
      'SUPPLY MEANT FOR EXPORT/SUPPLY TO SEZ UNIT OR SEZ DEVELOPER FOR AUTHORISED OPERATIONS UNDER BOND OR LETTER ' +
        'OF UNDERTAKING WITHOUT PAYMENT OF INTEGRATED TAX',
    );
    expect(text).toContain('LUT ARN AD270326000123X dated 02-04-2026');
    expect(text).toContain('4567890 dt. 22-11-2026');
    expect(text).toContain('Country of destination: United States (US)');
    expect(text).toContain('500 Market Street');
    expect(text).toContain('San Francisco - 94105 United States (US)');
    expect(text).not.toContain('Other Countries');
    expect(text).toContain('Outside India (96)');
    for (const field of rule46Fields(doc)) expect(text, field).toContain(flat(field));
    expect(text).not.toContain('Scan to pay with UPI');
    // The same supplier at home does offer the QR.
    expect(flat(pdfText(await renderInvoicePdf(sampleInvoiceDocument({ lineCount: 1 }))))).toContain(
      'Scan to pay with UPI',
    );
  });

  it("prints a party abroad by its own address lines, postal code and country's name", async () => {
    const base = exportInvoiceDocument();
    const doc: InvoiceDocument = {
      ...base,
      recipient: {
        ...base.recipient,
        address: null,
        foreignAddress: {
          lines: ['Office 1204, Al Moosa Tower 2', 'Sheikh Zayed Road, Dubai'],
          postalCode: '17000',
          countryCode: 'AE',
          countryName: 'United Arab Emirates',
        },
      },
    };
    const text = flat(pdfText(await renderInvoicePdf(doc)));
    expect(text).toContain('Office 1204, Al Moosa Tower 2 Sheikh Zayed Road, Dubai 17000 United Arab Emirates (AE)');
  });

  it('words the endorsement "on payment of integrated tax" for an export with IGST, and prints no LUT', async () => {
    const text = flat(pdfText(await renderInvoicePdf(exportInvoiceDocument('EXPWP'))));
    expect(text).toContain('FOR AUTHORISED OPERATIONS ON PAYMENT OF INTEGRATED TAX');
    expect(text).not.toContain('LUT ARN');
  });

  it('prints no LUT from another financial year, and says when none is on file', async () => {
    const old = { ...exportInvoiceDocument(), lut: { number: 'AD270325000999Z', date: '2025-04-01' } };
    const oldText = flat(pdfText(await renderInvoicePdf(old)));
    expect(oldText).not.toContain('AD270325000999Z');
    expect(oldText).toContain('none on file for this financial year');
    const none = flat(pdfText(await renderInvoicePdf({ ...exportInvoiceDocument(), lut: null })));
    expect(none).toContain('not entered in business settings');
  });

  it('prints both parts of a cess of 5 % plus ₹2,076 per thousand, so its amount reconciles', async () => {
    const doc = cessPerUnitDocument();
    const line = doc.lines[0];
    if (!line) throw new Error('no line');
    // 5 % of the taxable value plus 2 thousand × ₹2,076 (the engine's figure, checked here against the rates).
    expect(line.cess).toBe(Math.round((line.taxableValue * 5) / 100) + 2 * 2_076_00);
    expect(cessRateText(line)).toBe('@ 5% + ₹2,076/THD');
    const text = flat(pdfText(await renderInvoicePdf(doc)));
    expect(text).toContain('@ 5% + ₹2,076/THD');
    expect(text).not.toMatch(/@ 5% \+ ₹2,0…/);
  });

  it('marks each copy asked for (Rule 48), every copy with all its pages', async () => {
    const doc = shortLines(sampleInvoiceDocument({ lineCount: 11 }));
    const single = pdfPageTexts(await renderInvoicePdf(doc));
    expect(single).toHaveLength(2);
    expect(single.every((p) => p.includes('ORIGINAL FOR RECIPIENT'))).toBe(true);

    const pages = pdfPageTexts(await renderInvoicePdf(doc, { copies: ['original', 'duplicate', 'triplicate'] }));
    expect(pages).toHaveLength(6);
    const marks = pages.map((p) => /(ORIGINAL|DUPLICATE|TRIPLICATE) FOR (RECIPIENT|TRANSPORTER|SUPPLIER)/.exec(p)?.[0]);
    expect(marks).toEqual([
      'ORIGINAL FOR RECIPIENT',
      'ORIGINAL FOR RECIPIENT',
      'DUPLICATE FOR TRANSPORTER',
      'DUPLICATE FOR TRANSPORTER',
      'TRIPLICATE FOR SUPPLIER',
      'TRIPLICATE FOR SUPPLIER',
    ]);
    expect(pages[3]).toContain('Page 2 of 2');
  });

  it('marks the duplicate of a services-only invoice for the supplier (Rule 48(2))', async () => {
    const doc = sampleInvoiceDocument({ lineCount: 2 }); // lines 1 and 2 are SAC 998311
    const text = pdfText(await renderInvoicePdf(doc, { copies: ['duplicate'] }));
    expect(text).toContain('DUPLICATE FOR SUPPLIER');
  });

  it('prints a long UPI ID under the QR in full', async () => {
    const upiId = 'rao.corporate.services.accounts.receivable@hdfcbank';
    const text = pdfText(await renderInvoicePdf({ ...sampleInvoiceDocument({ lineCount: 1 }), upiId }));
    expect(text.replace(/\n/g, '')).toContain(upiId);
  });
});
