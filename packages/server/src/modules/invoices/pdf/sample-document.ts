import { computeInvoice, type InvoiceLineInput } from '@bizdash/domain/gst/compute-invoice';
import type { TaxRegime } from '@bizdash/domain/gst/regime';
import { formatQuantity } from '@bizdash/domain/gst/units';
import type { DocumentLine, InvoiceDocument } from './invoice-document';

const DESCRIPTIONS = [
  'Annual compliance retainer: ROC filings, board minutes and statutory registers for FY 2026-27',
  'Share transfer processing',
  'Demat conversion of physical share certificates (per folio), including courier and registrar fees',
  'Consulting hours',
  'Stamp duty reimbursement',
  'Printed stationery, A4 letterheads, 500 sheets',
];

/**
 * A realistic document for previews, the render benchmark and PDF tests: `lineCount` lines computed by the domain
 * engine (so totals are the engine's, never made up here), a supplier with bank and UPI details.
 */
export function sampleInvoiceDocument(
  options: { lineCount?: number; regime?: TaxRegime; cancelled?: boolean } = {},
): InvoiceDocument {
  const lineCount = options.lineCount ?? 12;
  const regime = options.regime ?? 'CGST_SGST';
  const inputs: (InvoiceLineInput & { hsn: string; unit: string; description: string })[] = Array.from(
    { length: lineCount },
    (_, i) => ({
      description: DESCRIPTIONS[i % DESCRIPTIONS.length] ?? 'Item',
      hsn: i % 3 === 2 ? '48025690' : '998311',
      unit: i % 3 === 2 ? 'PAC' : 'OTH',
      quantityMilli: ((i % 4) + 1) * 1000 + (i % 3 === 2 ? 500 : 0),
      unitPrice: 1_250_00 + i * 101_37,
      discount: i % 5 === 1 ? { type: 'percent', rateBp: 1000 } : null,
      gstRateBp: i % 3 === 2 ? 500 : 1800,
    }),
  );
  const computed = computeInvoice({ regime, reverseCharge: false, roundToRupee: true, lines: inputs });
  const lines: DocumentLine[] = inputs.map((input, i) => {
    const a = computed.lines[i];
    if (!a) throw new Error('line missing');
    return {
      description: input.description,
      hsn: input.hsn,
      isService: input.hsn.startsWith('99'),
      quantity: formatQuantity(input.quantityMilli),
      quantityMilli: input.quantityMilli,
      unit: input.unit,
      unitPrice: input.unitPrice,
      gross: a.gross,
      discount: a.discount,
      taxableValue: a.taxableValue,
      gstRateBp: input.gstRateBp,
      cgst: a.cgst,
      sgst: a.sgst,
      igst: a.igst,
      cessRateBp: 0,
      cess: a.cess,
      cessNonAdValorem: a.cessNonAdValorem,
      lineTotal: a.lineTotal,
    };
  });
  const intra = regime === 'CGST_SGST' || regime === 'CGST_UTGST';
  return {
    kind: 'invoice',
    number: 'INV/2026-27/0042',
    date: '2026-11-23',
    dueDate: '2026-12-08',
    isCancelled: options.cancelled ?? false,
    isDraft: false,
    supplyKind: 'B2B',
    regime,
    stateTaxLabel: computed.stateTaxLabel,
    reverseCharge: false,
    isIgstOnIntra: false,
    supplier: {
      name: 'Rao Corporate Services',
      legalName: 'Rao Corporate Services Private Limited',
      address: {
        line1: '4th Floor, Shreeji Chambers',
        line2: 'Senapati Bapat Road',
        city: 'Pune',
        pin: '411016',
        stateCode: '27',
      },
      gstin: '27AAPFU0939F1ZV',
      pan: 'AAPFU0939F',
      phone: '+91 20 4000 1234',
      email: 'accounts@raocorp.example',
    },
    recipient: {
      name: 'Sundaram Textiles',
      legalName: 'Sundaram Textiles LLP',
      address: {
        line1: 'Plot 17, GIDC Industrial Estate, Phase II',
        line2: 'Near Sachin Railway Crossing',
        city: intra ? 'Mumbai' : 'Surat',
        pin: intra ? '400001' : '394230',
        stateCode: intra ? '27' : '24',
      },
      gstin: intra ? '27AAJCS5738D1Z6' : '24AANFA2641L1ZF',
      pan: null,
      phone: null,
      email: null,
    },
    shipTo: null,
    placeOfSupply: intra ? '27' : '24',
    lines,
    totals: computed.totals,
    originalInvoices: [],
    notes: null,
    terms:
      'Payment due within 15 days. Interest at 18% p.a. is charged on overdue amounts. Subject to Pune jurisdiction. ' +
      'Goods once sold will not be taken back.',
    signatoryName: 'Asha Rao',
    bank: {
      accountName: 'Rao Corporate Services Pvt Ltd',
      accountNumber: '50200012345678',
      ifsc: 'HDFC0000123',
      bankName: 'HDFC Bank',
      branch: 'Baner, Pune',
    },
    upiId: 'raocorp@hdfcbank',
    irn: null,
    export: null,
    issuedAt: new Date('2026-11-23T05:00:00.000Z'),
  };
}
