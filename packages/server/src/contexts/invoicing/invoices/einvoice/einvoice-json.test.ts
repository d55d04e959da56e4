import { describe, expect, it } from 'vitest';
import { EInvoicePayload } from '@bizdash/contracts/einvoice';
import { isAppError } from '@bizdash/domain/errors';
import { sampleInvoiceDocument } from '../pdf/sample-document';
import type { DocumentLine, InvoiceDocument } from '../pdf/invoice-document';
import { buildEInvoice, irpDate, type ForeignBuyerAddress } from './einvoice-json';
import { makeEInvoiceValidator, repairedEInvoiceSchema } from './schema/nic-schema';

const validateNic = makeEInvoiceValidator();

/** Every generated e-invoice must pass the published NIC schema (vendored in ./schema). */
function expectValidForNic(json: unknown): void {
  const ok = validateNic(json);
  expect(ok ? [] : validateNic.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

/** A line with the values of invoice-vectors.json (amounts in paise as the vector states them in rupees). */
function vectorLine(
  desc: string,
  hsn: string,
  qtyMilli: number,
  unit: string,
  rate: number,
  gross: number,
  discount: number,
  taxable: number,
  igst: number,
  rateBp: number,
): DocumentLine {
  return {
    description: desc,
    hsn,
    isService: false,
    quantity: String(qtyMilli / 1000),
    quantityMilli: qtyMilli,
    unit,
    unitPrice: rate,
    gross,
    discount,
    taxableValue: taxable,
    gstRateBp: rateBp,
    cgst: 0,
    sgst: 0,
    igst,
    cessRateBp: 0,
    cess: 0,
    cessNonAdValorem: 0,
    lineTotal: taxable + igst,
  };
}

/** GST-INV-02 (gst-rules.md 8): 29 -> 24, IGST, three lines, round-off +0.21, grand total 5465.00. */
function inv02(): InvoiceDocument {
  const base = sampleInvoiceDocument({ lineCount: 1, regime: 'IGST' });
  return {
    ...base,
    number: 'INV/2025-26/0002',
    date: '2025-10-06',
    supplier: {
      ...base.supplier,
      gstin: '29AABCT1332L1ZA',
      address: { ...base.supplier.address!, stateCode: '29', pin: '560001', city: 'Bengaluru' },
    },
    recipient: { ...base.recipient, gstin: '24AANFA2641L1ZF' },
    placeOfSupply: '24',
    stateTaxLabel: null,
    lines: [
      vectorLine('Office chair', '94013000', 3000, 'NOS', 99999, 299997, 30000, 269997, 48599, 1800),
      vectorLine('Notebook A4', '48202000', 7000, 'NOS', 14950, 104650, 0, 104650, 5233, 500),
      vectorLine('Cable, per kg', '85444999', 2500, 'KGS', 41240, 103100, 3100, 100000, 18000, 1800),
    ],
    totals: {
      gross: 507747,
      discount: 33100,
      taxableValue: 474647,
      cgst: 0,
      sgst: 0,
      igst: 71832,
      cessAdValorem: 0,
      cessNonAdValorem: 0,
      cess: 0,
      otherCharges: 0,
      totalTax: 71832,
      totalBeforeRoundOff: 546479,
      roundOff: 21,
      grandTotal: 546500,
    },
  };
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('e-invoice JSON (schema 1.1)', () => {
  it('maps GST-INV-02 to the IRP fields with the vector amounts', () => {
    const json = buildEInvoice(inv02());
    expect(EInvoicePayload.parse(json)).toEqual(json);
    expectValidForNic(json);
    expect(json.Version).toBe('1.1');
    // No e-commerce operator: EcmGstin is left out, not sent as null (the schema types it as a string).
    expect(json.TranDtls).toEqual({ TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N', IgstOnIntra: 'N' });
    expect(json.DocDtls).toEqual({ Typ: 'INV', No: 'INV/2025-26/0002', Dt: '06/10/2025' });
    expect(json.SellerDtls).toMatchObject({ Gstin: '29AABCT1332L1ZA', Stcd: '29', Pin: 560001 });
    expect(json.BuyerDtls).toMatchObject({ Gstin: '24AANFA2641L1ZF', Pos: '24' });
    expect(json.ItemList[0]).toMatchObject({
      SlNo: '1',
      HsnCd: '94013000',
      Qty: 3,
      UnitPrice: 999.99,
      TotAmt: 2999.97,
      Discount: 300,
      AssAmt: 2699.97,
      GstRt: 18,
      IgstAmt: 485.99,
      TotItemVal: 3185.96,
    });
    expect(json.ItemList[1]).toMatchObject({ IgstAmt: 52.33, GstRt: 5 });
    expect(json.ItemList[2]).toMatchObject({ Qty: 2.5, Unit: 'KGS', AssAmt: 1000, IgstAmt: 180 });
    expect(json.ValDtls).toEqual({
      AssVal: 4746.47,
      CgstVal: 0,
      SgstVal: 0,
      IgstVal: 718.32,
      CesVal: 0,
      StCesVal: 0,
      Discount: 0,
      OthChrg: 0,
      RndOffAmt: 0.21,
      TotInvVal: 5465,
    });
  });

  it('keeps the IRP sum rule: ValDtls equal the sums of the item values', () => {
    const json = buildEInvoice(sampleInvoiceDocument({ lineCount: 25 }));
    const sumPaise = (pick: (i: (typeof json.ItemList)[number]) => number) =>
      json.ItemList.reduce((s, i) => s + Math.round(pick(i) * 100), 0);
    expect(sumPaise((i) => i.AssAmt)).toBe(Math.round(json.ValDtls.AssVal * 100));
    expect(sumPaise((i) => i.CgstAmt)).toBe(Math.round(json.ValDtls.CgstVal * 100));
    expect(sumPaise((i) => i.SgstAmt)).toBe(Math.round(json.ValDtls.SgstVal * 100));
    expect(sumPaise((i) => i.TotItemVal) + Math.round(json.ValDtls.RndOffAmt * 100)).toBe(
      Math.round(json.ValDtls.TotInvVal * 100),
    );
  });

  it('writes a credit note as CRN with the original invoice in RefDtls (GST-CN-13)', () => {
    const doc: InvoiceDocument = {
      ...inv02(),
      kind: 'credit_note',
      number: 'CN/2025-26/0001',
      date: '2025-10-20',
      originalInvoices: [{ number: 'INV/2025-26/0002', date: '2025-10-06' }],
    };
    const json = buildEInvoice(doc);
    expectValidForNic(json);
    expect(json.DocDtls.Typ).toBe('CRN');
    expect(json.RefDtls).toEqual({ PrecDocDtls: [{ InvNo: 'INV/2025-26/0002', InvDt: '06/10/2025' }] });
  });

  it('writes an export with URP, state 96 and PIN 999999', () => {
    const doc: InvoiceDocument = {
      ...inv02(),
      supplyKind: 'EXPWOP',
      regime: 'IGST_ZERO_RATED_LUT',
      placeOfSupply: '96',
      recipient: { ...inv02().recipient, gstin: null },
      export: {
        shippingBillNo: '1234567',
        shippingBillDate: '2025-10-10',
        portCode: 'INBOM1',
        countryCode: 'us',
        currency: 'usd',
      },
    };
    const json = buildEInvoice(doc);
    expect(json.TranDtls.SupTyp).toBe('EXPWOP');
    expect(json.BuyerDtls).toMatchObject({ Gstin: 'URP', Stcd: '96', Pin: 999999, Pos: '96' });
    expect(json.ExpDtls).toEqual({
      ShipBNo: '1234567',
      ShipBDt: '10/10/2025',
      Port: 'INBOM1',
      CntCode: 'US',
      ForCur: 'USD',
    });
    expect(EInvoicePayload.safeParse(json).success).toBe(true);
    expectValidForNic(json);
  });

  it('writes an export to a party abroad from its foreign address: URP, 96, 999999 and its country code', () => {
    const foreign: ForeignBuyerAddress = {
      lines: ['Unit 5, 200 Harbour Road', 'Wan Chai', 'Hong Kong Island'],
      postalCode: '999077',
      countryCode: 'HK',
      countryName: 'Hong Kong',
    };
    const doc: InvoiceDocument = {
      ...inv02(),
      supplyKind: 'EXPWOP',
      regime: 'IGST_ZERO_RATED_LUT',
      placeOfSupply: '96',
      // What the document mapper gives a foreign party: no Indian address, no GSTIN.
      recipient: { ...inv02().recipient, gstin: null, address: null, email: 'buying@harbour.example' },
      export: null,
    };
    const json = buildEInvoice(doc, { recipientForeignAddress: foreign });
    expectValidForNic(json);
    expect(json.BuyerDtls).toEqual({
      Gstin: 'URP',
      LglNm: inv02().recipient.legalName,
      TrdNm: inv02().recipient.name,
      Addr1: 'Unit 5, 200 Harbour Road',
      Addr2: 'Wan Chai',
      Loc: 'Hong Kong Island, 999077, Hong Kong',
      Pin: 999999,
      Stcd: '96',
      Em: 'buying@harbour.example',
      Pos: '96',
    });
    expect(json.ExpDtls).toEqual({ CntCode: 'HK' });
    // Without the foreign address there is nothing to put in BuyerDtls.Addr1.
    expect(errorCode(() => buildEInvoice(doc))).toBe('INVALID_STATE');
  });

  it('writes an SEZ supply with the SEZ unit as buyer and IGST', () => {
    const doc: InvoiceDocument = {
      ...inv02(),
      supplyKind: 'SEZWP',
      recipient: { ...inv02().recipient, gstin: '27AAJCS5738D1Z6' },
      placeOfSupply: '27',
    };
    const json = buildEInvoice(doc);
    expectValidForNic(json);
    expect(json.TranDtls.SupTyp).toBe('SEZWP');
    expect(json.BuyerDtls).toMatchObject({ Gstin: '27AAJCS5738D1Z6', Pos: '27' });
  });

  it('leaves out optional fields without a value instead of sending null', () => {
    const base = inv02();
    const doc: InvoiceDocument = {
      ...base,
      supplier: { ...base.supplier, phone: null, email: null, address: { ...base.supplier.address!, line2: null } },
      recipient: { ...base.recipient, phone: 'n/a', email: 'not an email' },
    };
    const json = buildEInvoice(doc);
    expectValidForNic(json);
    for (const key of ['Addr2', 'Ph', 'Em'] as const) {
      expect(json.SellerDtls).not.toHaveProperty(key);
    }
    expect(json.BuyerDtls).not.toHaveProperty('Ph');
    expect(json.BuyerDtls).not.toHaveProperty('Em');
    expect(JSON.stringify(json)).not.toContain('null');
  });

  it('puts nil-rated and exempt lines in OthChrg, not in ItemList (EXT-IC-03 approach)', () => {
    const base = inv02();
    const [chair, notebook, cable] = base.lines;
    // A nil-rated line worth 1,000.00 next to two taxable ones.
    const nil = { ...notebook!, gstRateBp: 0, igst: 0, lineTotal: notebook!.taxableValue };
    const doc: InvoiceDocument = {
      ...base,
      lines: [chair!, nil, cable!],
      totals: {
        ...base.totals,
        igst: chair!.igst + cable!.igst,
        totalTax: chair!.igst + cable!.igst,
        totalBeforeRoundOff: chair!.lineTotal + nil.lineTotal + cable!.lineTotal,
        roundOff: 0,
        grandTotal: chair!.lineTotal + nil.lineTotal + cable!.lineTotal,
      },
    };
    const json = buildEInvoice(doc, { lineTaxability: ['taxable', 'nil', 'taxable'] });
    expectValidForNic(json);
    expect(json.ItemList.map((i) => i.SlNo)).toEqual(['1', '3']);
    expect(json.ValDtls.AssVal).toBe(3699.97);
    expect(json.ValDtls.OthChrg).toBe(1046.5);
    const cents = (n: number) => Math.round(n * 100);
    const v = json.ValDtls;
    expect(cents(v.AssVal) + cents(v.IgstVal) + cents(v.OthChrg) + cents(v.RndOffAmt)).toBe(cents(v.TotInvVal));
    expect(errorCode(() => buildEInvoice(doc, { lineTaxability: ['exempt', 'nil', 'non_gst'] }))).toBe('INVALID_STATE');
  });

  it('the vendored schema refuses what the IRP refuses (null optional fields, a missing buyer)', () => {
    const json = buildEInvoice(inv02());
    expect(validateNic({ ...json, TranDtls: { ...json.TranDtls, EcmGstin: null } })).toBe(false);
    expect(validateNic({ ...json, SellerDtls: { ...json.SellerDtls, Addr2: null } })).toBe(false);
    const { BuyerDtls: _buyer, ...withoutBuyer } = json;
    expect(validateNic(withoutBuyer)).toBe(false);
    expect(validateNic({ ...json, ItemList: [{ ...json.ItemList[0], HsnCd: '0000' }] })).toBe(false);
    expect(repairedEInvoiceSchema()).toMatchObject({ type: 'object', properties: { ItemList: { type: 'array' } } });
  });

  it('refuses B2C, drafts and cancelled documents with INVALID_STATE', () => {
    expect(errorCode(() => buildEInvoice({ ...inv02(), supplyKind: 'B2C' }))).toBe('INVALID_STATE');
    expect(errorCode(() => buildEInvoice({ ...inv02(), isDraft: true }))).toBe('INVALID_STATE');
    expect(errorCode(() => buildEInvoice({ ...inv02(), isCancelled: true }))).toBe('INVALID_STATE');
    expect(errorCode(() => buildEInvoice({ ...inv02(), recipient: { ...inv02().recipient, gstin: null } }))).toBe(
      'INVALID_STATE',
    );
  });

  it('formats IRP dates as DD/MM/YYYY', () => {
    expect(irpDate('2026-04-01')).toBe('01/04/2026');
  });
});
