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

/** `n` characters of readable text (words and spaces), for fields filled to their contract maximum. */
export function textOfLength(n: number, seed: string): string {
  let out = '';
  for (let i = 0; out.length < n; i++) out += `${seed}${i} `;
  return out
    .slice(0, n - 1)
    .trimEnd()
    .padEnd(n, 'X');
}

/**
 * Every printed party field at its contract maximum (parties: name, legal name, address lines 200, city 100, PIN
 * 10, phone 30, email 200; business settings likewise; the line description 500): the Rule 46 test document.
 */
export function maximalPartyDocument(): InvoiceDocument {
  const doc = sampleInvoiceDocument({ lineCount: 3, regime: 'IGST' });
  const address = (seed: string) => ({
    line1: textOfLength(200, `${seed}L1w`),
    line2: textOfLength(200, `${seed}L2w`),
    city: textOfLength(100, `${seed}City`),
    pin: '3942301234',
    stateCode: '24',
  });
  doc.supplier = {
    ...doc.supplier,
    name: textOfLength(200, 'SupTrade'),
    legalName: textOfLength(200, 'SupLegal'),
    address: { ...address('Sup'), stateCode: '27' },
    phone: '+91 20 4000 1234 ext 98765 01',
    email: `${'s'.repeat(180)}@raocorp.example`.slice(0, 200),
  };
  doc.recipient = {
    name: textOfLength(200, 'RecTrade'),
    legalName: textOfLength(200, 'RecLegal'),
    address: address('Rec'),
    gstin: '24AANFA2641L1ZF',
    pan: null,
    phone: '+91 261 400 1234 ext 98765 0',
    email: `${'r'.repeat(180)}@sundaram.example`.slice(0, 200),
  };
  doc.shipTo = { ...doc.recipient, name: textOfLength(200, 'ShipName'), legalName: null, address: address('Ship') };
  doc.lines[0] = { ...doc.lines[0]!, description: textOfLength(500, 'Desc') };
  doc.notes = textOfLength(2000, 'Note');
  return doc;
}

/**
 * An export of goods under LUT (EXPWOP) billed in US dollars to a party in the United States, with a shipping bill,
 * port and the business's LUT; the supplier has a UPI ID, which an export must not print.
 */
export function exportInvoiceDocument(supplyKind: 'EXPWOP' | 'EXPWP' = 'EXPWOP'): InvoiceDocument {
  const regime = supplyKind === 'EXPWOP' ? 'IGST_ZERO_RATED_LUT' : 'IGST';
  const doc = sampleInvoiceDocument({ lineCount: 2, regime });
  return {
    ...doc,
    supplyKind,
    placeOfSupply: '96',
    recipient: {
      name: 'Acme Trading Inc',
      legalName: 'Acme Trading Incorporated',
      address: {
        line1: '500 Market Street',
        line2: 'Suite 210',
        city: 'San Francisco',
        pin: '94105',
        stateCode: '96',
        countryCode: 'US',
      },
      gstin: null,
      pan: null,
      phone: null,
      email: 'ap@acme.example',
    },
    export: {
      shippingBillNo: '4567890',
      shippingBillDate: '2026-11-22',
      portCode: 'INNSA1',
      countryCode: 'US',
      currency: 'USD',
    },
    lut: { number: 'AD270326000123X', date: '2026-04-02' },
  };
}

/**
 * One line of cigarettes: 2 thousand sticks (UQC THD) at ₹17,880 per thousand, GST 28 %, cess 5 % plus ₹2,076 per
 * thousand (amounts computed by the domain engine, never here).
 */
export function cessPerUnitDocument(): InvoiceDocument {
  const doc = sampleInvoiceDocument({ lineCount: 1, regime: 'IGST' });
  const input = {
    quantityMilli: 2000,
    unitPrice: 17_880_00,
    discount: null,
    gstRateBp: 2800,
    cessRateBp: 500,
    cessPerUnit: 2_076_00,
  };
  const computed = computeInvoice({ regime: 'IGST', reverseCharge: false, roundToRupee: true, lines: [input] });
  const a = computed.lines[0];
  if (!a) throw new Error('line missing');
  return {
    ...doc,
    lines: [
      {
        description: 'Cigarettes, filter, length 65-70 mm',
        hsn: '24022020',
        isService: false,
        quantity: '2',
        quantityMilli: 2000,
        unit: 'THD',
        unitPrice: input.unitPrice,
        gross: a.gross,
        discount: a.discount,
        taxableValue: a.taxableValue,
        gstRateBp: input.gstRateBp,
        cgst: a.cgst,
        sgst: a.sgst,
        igst: a.igst,
        cessRateBp: input.cessRateBp,
        cess: a.cess,
        cessNonAdValorem: a.cessNonAdValorem,
        cessPerUnit: input.cessPerUnit,
        lineTotal: a.lineTotal,
      },
    ],
    totals: computed.totals,
  };
}
