import { describe, expect, it } from 'vitest';
import { Gstr1Builder, filingPeriod, portalDate, type DocumentRateRow } from './gstr1-builder';
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

  it('splits the HSN summary into B2B and B2C from May 2025, with services as OTH and quantity 0', () => {
    const b = new Gstr1Builder();
    b.addHsn({
      isB2b: true,
      hsn: '94013000',
      uqc: 'NOS',
      rateBp: 1800,
      quantityMilli: 3000,
      description: 'Office chair',
      taxable: 269997,
      igst: 48599,
      cgst: 0,
      sgst: 0,
      cess: 0,
    });
    b.addHsn({
      isB2b: false,
      hsn: '998314',
      uqc: 'NOS',
      rateBp: 1800,
      quantityMilli: 1000,
      description: 'IT design and development services',
      taxable: 4500000,
      igst: 0,
      cgst: 405000,
      sgst: 405000,
      cess: 0,
    });
    const ret = b.build(SELLER, '2025-11');
    expect(ret.hsn).toEqual({
      hsn_b2b: [
        {
          num: 1,
          hsn_sc: '94013000',
          desc: 'Office chair',
          uqc: 'NOS',
          qty: 3,
          rt: 18,
          txval: 2699.97,
          iamt: 485.99,
          camt: 0,
          samt: 0,
          csamt: 0,
        },
      ],
      hsn_b2c: [
        {
          num: 1,
          hsn_sc: '998314',
          desc: 'IT design and development serv',
          uqc: 'OTH',
          qty: 0,
          rt: 18,
          txval: 45000,
          iamt: 0,
          camt: 4050,
          samt: 4050,
          csamt: 0,
        },
      ],
    });
    const april = new Gstr1Builder();
    april.addHsn({
      isB2b: true,
      hsn: '94013000',
      uqc: 'NOS',
      rateBp: 1800,
      quantityMilli: 1000,
      description: null,
      taxable: 100,
      igst: 18,
      cgst: 0,
      sgst: 0,
      cess: 0,
    });
    expect(april.build(SELLER, '2025-04').hsn).toEqual({
      data: [
        { num: 1, hsn_sc: '94013000', uqc: 'NOS', qty: 1, rt: 18, txval: 1, iamt: 0.18, camt: 0, samt: 0, csamt: 0 },
      ],
    });
  });

  it('summarises documents issued per nature with cancelled numbers and gaps', () => {
    const b = new Gstr1Builder();
    // INV/0001..INV/0010: 10 numbers, 1 cancelled and 1 never issued -> 8 net
    b.addSeries({ nature: 1, from: 'INV/0001', to: 'INV/0010', total: 10, cancelled: 2 });
    b.addSeries({ nature: 5, from: 'CN/0001', to: 'CN/0002', total: 2, cancelled: 0 });
    const ret = b.build(SELLER, '2025-10');
    expect(ret.doc_issue).toEqual({
      doc_det: [
        {
          doc_num: 1,
          doc_typ: 'Invoices for outward supply',
          docs: [{ num: 1, from: 'INV/0001', to: 'INV/0010', totnum: 10, cancel: 2, net_issue: 8 }],
        },
        {
          doc_num: 5,
          doc_typ: 'Credit Note',
          docs: [{ num: 1, from: 'CN/0001', to: 'CN/0002', totnum: 2, cancel: 0, net_issue: 2 }],
        },
      ],
    });
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
    const twice = { gstin: SELLER, fp: '102025', nil: { inv: [ret.nil!.inv[0], ret.nil!.inv[0]] } };
    expect(Gstr1PortalSchema.safeParse(twice).success).toBe(false);
    const threeDecimals = {
      gstin: SELLER,
      fp: '102025',
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
      b2cs: [
        { sply_ty: 'INTRA', pos: '29', typ: 'OE', rt: 18, txval: 1, iamt: 0.18, camt: 0.09, samt: 0.09, csamt: 0 },
      ],
    };
    expect(Gstr1PortalSchema.safeParse(mixed).success).toBe(false);
  });
});
