import { describe, expect, it } from 'vitest';
import { Gstr1Builder, OFFLINE_TOOL_VERSION, filingPeriod, portalDate, type DocumentRateRow } from './gstr1-builder';
import { Gstr1PortalSchema } from './gstr1-schema';

/**
 * Rows as the SQL would hand them over, with the amounts of the worked vectors in gst-rules.md 8 (paise). Expected
 * JSON figures are the vectors' rupee amounts, never this builder's own output.
 */
function doc(
  partial: Partial<DocumentRateRow> & Pick<DocumentRateRow, 'id' | 'section' | 'number' | 'rateBp'>,
): DocumentRateRow {
  return {
    type: 'sales',
    date: '2025-10-06',
    grandTotal: 0,
    placeOfSupply: '24',
    reverseCharge: false,
    supplyKind: 'B2B',
    isIgst: true,
    partyGstin: '24AANFA2641L1ZF',
    partyName: 'Customer',
    originalSupplyKind: null,
    shippingBillNumber: null,
    shippingBillDate: null,
    portCode: null,
    taxable: 0,
    igst: 0,
    cgst: 0,
    sgst: 0,
    cess: 0,
    ...partial,
  };
}

const SELLER = '29AABCT1332L1ZA';

function october(): Gstr1Builder {
  const b = new Gstr1Builder();
  // GST-INV-01: intra-state B2B, 12500.00 @18 -> CGST 1125.00 + SGST 1125.00, value 14750.00
  b.addDocumentRate(
    doc({
      id: 1,
      section: 'b2b',
      number: 'INV-01',
      rateBp: 1800,
      isIgst: false,
      placeOfSupply: '24',
      grandTotal: 1475000,
      taxable: 1250000,
      cgst: 112500,
      sgst: 112500,
    }),
  );
  // GST-INV-02: IGST B2B, two rates: 18% (2699.97 + 1000.00 = 3699.97; IGST 485.99 + 180.00 = 665.99), 5% (1046.50, 52.33)
  b.addDocumentRate(
    doc({ id: 2, section: 'b2b', number: 'INV-02', rateBp: 500, grandTotal: 546500, taxable: 104650, igst: 5233 }),
  );
  b.addDocumentRate(
    doc({ id: 2, section: 'b2b', number: 'INV-02', rateBp: 1800, grandTotal: 546500, taxable: 369997, igst: 66599 }),
  );
  // GST-INV-05: SEZ with payment, 49996.00 @18 -> IGST 8999.28, value 58995.00
  b.addDocumentRate(
    doc({
      id: 5,
      section: 'b2b',
      number: 'INV-05',
      date: '2025-10-20',
      rateBp: 1800,
      supplyKind: 'SEZWP',
      partyGstin: '27AAJCS5738D1Z6',
      placeOfSupply: '27',
      grandTotal: 5899500,
      taxable: 4999600,
      igst: 899928,
    }),
  );
  // GST-INV-04: export under LUT, 42125.00 @5, no tax
  b.addDocumentRate(
    doc({
      id: 4,
      section: 'exp',
      number: 'INV-04',
      date: '2025-10-15',
      rateBp: 500,
      supplyKind: 'EXPWOP',
      partyGstin: null,
      placeOfSupply: '96',
      grandTotal: 4212500,
      taxable: 4212500,
      portCode: 'INBOM1',
      shippingBillNumber: '7654321',
      shippingBillDate: '2025-10-16',
    }),
  );
  // GST-INV-07: B2CL, 106200.00 @40 -> IGST 42480.00, value 148680.00, POS 29
  b.addDocumentRate(
    doc({
      id: 7,
      section: 'b2cl',
      number: 'INV-07',
      date: '2025-10-01',
      rateBp: 4000,
      supplyKind: 'B2C',
      partyGstin: null,
      placeOfSupply: '29',
      grandTotal: 14868000,
      taxable: 10620000,
      igst: 4248000,
    }),
  );
  // GST-CN-13: credit note to the INV-02 buyer, 299.00 @5 -> IGST 14.95, value 314.00
  b.addDocumentRate(
    doc({
      id: 13,
      section: 'cdnr',
      type: 'credit_note',
      number: 'CN-13',
      date: '2025-10-20',
      rateBp: 500,
      grandTotal: 31400,
      taxable: 29900,
      igst: 1495,
    }),
  );
  // GST-INV-08 and 09A: intra-state B2CS in 27 (105.50 @18 -> 9.50 + 9.50; 10.10 @5 -> 0.25 + 0.25)
  b.addB2cs({
    isInterState: false,
    placeOfSupply: '27',
    rateBp: 1800,
    taxable: 10550,
    igst: 0,
    cgst: 950,
    sgst: 950,
    cess: 0,
  });
  b.addB2cs({
    isInterState: false,
    placeOfSupply: '27',
    rateBp: 500,
    taxable: 1010,
    igst: 0,
    cgst: 25,
    sgst: 25,
    cess: 0,
  });
  // GST-INV-09B: inter-state B2CS to 24 (10.10 @5 -> IGST 0.51)
  b.addB2cs({
    isInterState: true,
    placeOfSupply: '24',
    rateBp: 500,
    taxable: 1010,
    igst: 51,
    cgst: 0,
    sgst: 0,
    cess: 0,
  });
  return b;
}

describe('GSTR-1 builder', () => {
  it('formats the period and dates the portal way', () => {
    expect(filingPeriod('2025-10')).toBe('102025');
    expect(portalDate('2025-10-06')).toBe('06-10-2025');
  });

  it('puts each vector in its GSTR-1 section with the vector amounts', () => {
    const ret = october().build(SELLER, '2025-10');
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
    expect(ret.gstin).toBe(SELLER);
    expect(ret.fp).toBe('102025');

    // b2b grouped by recipient GSTIN: 24… (INV-01, INV-02) then 27… (INV-05)
    expect(ret.b2b?.map((p) => p.ctin)).toEqual(['24AANFA2641L1ZF', '27AAJCS5738D1Z6']);
    const [inv01, inv02] = ret.b2b?.[0]?.inv ?? [];
    expect(inv01).toEqual({
      inum: 'INV-01',
      idt: '06-10-2025',
      val: 14750,
      pos: '24',
      rchrg: 'N',
      inv_typ: 'R',
      itms: [{ num: 1801, itm_det: { txval: 12500, rt: 18, camt: 1125, samt: 1125, csamt: 0 } }],
    });
    expect(inv02?.val).toBe(5465);
    expect(inv02?.itms).toEqual([
      { num: 501, itm_det: { txval: 1046.5, rt: 5, iamt: 52.33, csamt: 0 } },
      { num: 1801, itm_det: { txval: 3699.97, rt: 18, iamt: 665.99, csamt: 0 } },
    ]);
    expect(ret.b2b?.[1]?.inv[0]).toMatchObject({ inum: 'INV-05', inv_typ: 'SEWP', val: 58995, pos: '27' });
    expect(ret.b2b?.[1]?.inv[0]?.itms[0]?.itm_det).toEqual({ txval: 49996, rt: 18, iamt: 8999.28, csamt: 0 });

    expect(ret.b2cl).toEqual([
      {
        pos: '29',
        inv: [
          {
            inum: 'INV-07',
            idt: '01-10-2025',
            val: 148680,
            itms: [{ num: 4001, itm_det: { txval: 106200, rt: 40, iamt: 42480, csamt: 0 } }],
          },
        ],
      },
    ]);

    expect(ret.exp).toEqual([
      {
        exp_typ: 'WOPAY',
        inv: [
          {
            inum: 'INV-04',
            idt: '15-10-2025',
            val: 42125,
            sbpcode: 'INBOM1',
            sbnum: '7654321',
            sbdt: '16-10-2025',
            itms: [{ txval: 42125, rt: 5, iamt: 0, csamt: 0 }],
          },
        ],
      },
    ]);

    expect(ret.cdnr).toEqual([
      {
        ctin: '24AANFA2641L1ZF',
        nt: [
          {
            ntty: 'C',
            nt_num: 'CN-13',
            nt_dt: '20-10-2025',
            val: 314,
            pos: '24',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [{ num: 501, itm_det: { txval: 299, rt: 5, iamt: 14.95, csamt: 0 } }],
          },
        ],
      },
    ]);

    expect(ret.b2cs).toEqual([
      { sply_ty: 'INTRA', pos: '27', typ: 'OE', rt: 5, txval: 10.1, camt: 0.25, samt: 0.25, csamt: 0 },
      { sply_ty: 'INTRA', pos: '27', typ: 'OE', rt: 18, txval: 105.5, camt: 9.5, samt: 9.5, csamt: 0 },
      { sply_ty: 'INTER', pos: '24', typ: 'OE', rt: 5, txval: 10.1, iamt: 0.51, csamt: 0 },
    ]);
  });

  it('writes a note against a B2CL or export invoice to cdnur with the original type', () => {
    const b = new Gstr1Builder();
    b.addDocumentRate(
      doc({
        id: 20,
        section: 'cdnur',
        type: 'credit_note',
        number: 'CN-20',
        date: '2025-10-25',
        rateBp: 4000,
        supplyKind: 'B2C',
        originalSupplyKind: 'B2C',
        partyGstin: null,
        placeOfSupply: '29',
        grandTotal: 1400000,
        taxable: 1000000,
        igst: 400000,
      }),
    );
    b.addDocumentRate(
      doc({
        id: 21,
        section: 'cdnur',
        type: 'credit_note',
        number: 'CN-21',
        date: '2025-10-25',
        rateBp: 500,
        supplyKind: 'EXPWOP',
        originalSupplyKind: 'EXPWOP',
        partyGstin: null,
        placeOfSupply: '96',
        grandTotal: 100000,
        taxable: 100000,
      }),
    );
    const ret = b.build(SELLER, '2025-10');
    expect(Gstr1PortalSchema.safeParse(ret).success).toBe(true);
    expect(ret.cdnur).toEqual([
      {
        typ: 'B2CL',
        ntty: 'C',
        nt_num: 'CN-20',
        nt_dt: '25-10-2025',
        val: 14000,
        pos: '29',
        itms: [{ num: 4001, itm_det: { txval: 10000, rt: 40, iamt: 4000, csamt: 0 } }],
      },
      {
        typ: 'EXPWOP',
        ntty: 'C',
        nt_num: 'CN-21',
        nt_dt: '25-10-2025',
        val: 1000,
        itms: [{ num: 501, itm_det: { txval: 1000, rt: 5, iamt: 0, csamt: 0 } }],
      },
    ]);
  });

  it('reports a reverse-charge B2B invoice with its tax and the value the supplier collects', () => {
    const b = new Gstr1Builder();
    // GTA service under RCM: 10000.00 @ 5 % IGST; the invoice total is the taxable value (tax paid by the recipient).
    b.addDocumentRate(
      doc({
        id: 9,
        section: 'b2b',
        number: 'GTA/0001',
        date: '2026-11-05',
        rateBp: 500,
        reverseCharge: true,
        grandTotal: 1000000,
        taxable: 1000000,
        igst: 50000,
      }),
    );
    const ret = b.build(SELLER, '2026-11');
    expect(ret.b2b?.[0]?.inv[0]).toEqual({
      inum: 'GTA/0001',
      idt: '05-11-2026',
      val: 10000,
      pos: '24',
      rchrg: 'Y',
      inv_typ: 'R',
      itms: [{ num: 501, itm_det: { txval: 10000, rt: 5, iamt: 500, csamt: 0 } }],
    });
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
    // Zero tax on a 5 % RCM row is refused by the tool's rule (tax = value × rate).
    const zeroed = structuredClone(ret);
    zeroed.b2b![0]!.inv[0]!.itms[0]!.itm_det.iamt = 0;
    expect(Gstr1PortalSchema.safeParse(zeroed).success).toBe(false);
  });

  it('writes Table 8 per supply type with nil, exempt and non-GST columns, in the portal structure', () => {
    const b = new Gstr1Builder();
    // Intra-state to a registered person: 1200.00 nil-rated + 350.50 exempt (two rows of the same type add up).
    b.addNil({ isInterState: false, isRegistered: true, kind: 'nil', amount: 100000 });
    b.addNil({ isInterState: false, isRegistered: true, kind: 'nil', amount: 20000 });
    b.addNil({ isInterState: false, isRegistered: true, kind: 'exempt', amount: 35050 });
    // Inter-state to an unregistered person: 99.99 non-GST.
    b.addNil({ isInterState: true, isRegistered: false, kind: 'non_gst', amount: 9999 });
    const ret = b.build(SELLER, '2025-10');
    expect(ret.nil).toEqual({
      inv: [
        { sply_ty: 'INTRAB2B', nil_amt: 1200, expt_amt: 350.5, ngsup_amt: 0 },
        { sply_ty: 'INTRB2C', nil_amt: 0, expt_amt: 0, ngsup_amt: 99.99 },
      ],
    });
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
    const twice = { ...ret, nil: { inv: [ret.nil!.inv[0], ret.nil!.inv[0]] } };
    expect(Gstr1PortalSchema.safeParse(twice).success).toBe(false);
    const threeDecimals = {
      ...ret,
      nil: { inv: [{ sply_ty: 'INTRB2C', nil_amt: 1.005, expt_amt: 0, ngsup_amt: 0 }] },
    };
    expect(Gstr1PortalSchema.safeParse(threeDecimals).success).toBe(false);
    expect(new Gstr1Builder().build(SELLER, '2025-10').nil).toBeUndefined();
  });

  it('portal schema rejects a B2CL invoice at or under the limit and mixed IGST and CGST', () => {
    const b = new Gstr1Builder();
    b.addDocumentRate(
      doc({
        id: 1,
        section: 'b2cl',
        number: 'X1',
        rateBp: 1800,
        partyGstin: null,
        placeOfSupply: '29',
        grandTotal: 10000000,
        taxable: 8474576,
        igst: 1525424,
      }),
    );
    const bad = b.build(SELLER, '2025-10');
    expect(Gstr1PortalSchema.safeParse(bad).success).toBe(false);
    const mixed = {
      gstin: SELLER,
      fp: '102025',
      version: OFFLINE_TOOL_VERSION,
      hash: 'hash',
      b2cs: [
        { sply_ty: 'INTRA', pos: '29', typ: 'OE', rt: 18, txval: 1, iamt: 0.18, camt: 0.09, samt: 0.09, csamt: 0 },
      ],
    };
    expect(Gstr1PortalSchema.safeParse(mixed).success).toBe(false);
  });
});
