import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from './invoice-pdf';
import { sampleInvoiceDocument } from './sample-document';

/** Pages in a pdfkit file: each page object says `/Type /Page` (the page tree says `/Pages`). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
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
    expect(pageCount(await renderInvoicePdf(sampleInvoiceDocument({ lineCount: 1 })))).toBe(1);
    expect(pageCount(await renderInvoicePdf(sampleInvoiceDocument({ lineCount: 10 })))).toBe(1);
    expect(pageCount(await renderInvoicePdf(sampleInvoiceDocument({ lineCount: 11 })))).toBe(2);
    expect(pageCount(await renderInvoicePdf(sampleInvoiceDocument({ lineCount: 30, regime: 'IGST' })))).toBe(3);
  });
});
