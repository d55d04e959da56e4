import { describe, expect, it } from 'vitest';
import { Gstr1Builder, HSN_DESC_PATTERN, OFFLINE_TOOL_VERSION, portalHsnDescription } from './gstr1-builder';
import { Gstr1PortalSchema } from './gstr1-schema';

/** GSTR-1 Tables 12 (HSN summary) and 13 (documents issued), and the offline tool's header, through the builder. */

const SELLER = '29AABCT1332L1ZA';

describe('GSTR-1 builder: HSN summary and documents issued', () => {
  it('splits the HSN summary into B2B and B2C from May 2025, with services as NA and quantity 0', () => {
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
          user_desc: 'Office chair',
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
          desc: 'IT design and development',
          user_desc: 'IT design and development',
          uqc: 'NA',
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

  it('summarises documents issued per nature and series prefix, counting the documents themselves', () => {
    const b = new Gstr1Builder();
    // INV/0001..INV/0010 with INV/0007 never issued (a gap is not a document) and INV/0004 cancelled.
    for (const n of [1, 2, 3, 4, 5, 6, 8, 9, 10]) {
      b.addDocumentNumber({ nature: 1, number: `INV/${String(n).padStart(4, '0')}`, cancelled: n === 4 });
    }
    b.addDocumentNumber({ nature: 5, number: 'CN/0002', cancelled: false });
    b.addDocumentNumber({ nature: 5, number: 'CN/0001', cancelled: false });
    const ret = b.build(SELLER, '2025-10');
    expect(ret.doc_issue).toEqual({
      doc_det: [
        {
          doc_num: 1,
          doc_typ: 'Invoices for outward supply',
          docs: [{ num: 1, from: 'INV/0001', to: 'INV/0010', totnum: 9, cancel: 1, net_issue: 8 }],
        },
        {
          doc_num: 5,
          doc_typ: 'Credit Note',
          docs: [{ num: 1, from: 'CN/0001', to: 'CN/0002', totnum: 2, cancel: 0, net_issue: 2 }],
        },
      ],
    });
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
  });

  it('gives a numbering template change within the year two Table 13 ranges with true counts', () => {
    const b = new Gstr1Builder();
    // INV/2026-27/0002..0021 (20 documents, 3 cancelled), then the template became B/2026-27/<5 digits>, whose
    // counter continued at 10003: B/2026-27/10003..10007 (5 documents, 1 cancelled). Rows arrive in any order.
    const rows = [
      ...Array.from({ length: 20 }, (_, i) => ({
        nature: 1 as const,
        number: `INV/2026-27/${String(i + 2).padStart(4, '0')}`,
        cancelled: i === 0 || i === 5 || i === 19,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        nature: 1 as const,
        number: `B/2026-27/${10003 + i}`,
        cancelled: i === 2,
      })),
    ].reverse();
    rows.forEach((r) => b.addDocumentNumber(r));
    const ret = b.build(SELLER, '2026-11');
    expect(ret.doc_issue?.doc_det).toEqual([
      {
        doc_num: 1,
        doc_typ: 'Invoices for outward supply',
        docs: [
          { num: 1, from: 'B/2026-27/10003', to: 'B/2026-27/10007', totnum: 5, cancel: 1, net_issue: 4 },
          { num: 2, from: 'INV/2026-27/0002', to: 'INV/2026-27/0021', totnum: 20, cancel: 3, net_issue: 17 },
        ],
      },
    ]);
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
    // The old single range across both templates is what the tool's rules refuse.
    const merged = {
      ...ret,
      doc_issue: {
        doc_det: [
          {
            doc_num: 1,
            doc_typ: 'Invoices for outward supply',
            docs: [
              { num: 1, from: 'INV/2026-27/0002', to: 'B/2026-27/10003', totnum: 10002, cancel: 9981, net_issue: 21 },
            ],
          },
        ],
      },
    };
    expect(Gstr1PortalSchema.safeParse(merged).success).toBe(false);
  });

  it('writes the offline tool header and cleans Table 12 descriptions to the tool pattern', () => {
    const ret = new Gstr1Builder().build(SELLER, '2026-11');
    expect(ret.version).toBe(OFFLINE_TOOL_VERSION);
    expect(ret.version).toMatch(/^GST3\.\d+\.\d+$/);
    expect(ret.hash).toBe('hash');
    expect(portalHsnDescription('Chairs, tables (wood) – café')).toBe('Chairs tables wood cafe');
    expect(portalHsnDescription('Plastic: 50% off!!!')).toBe('Plastic 50 off');
    expect(portalHsnDescription('Consultancy & advisory services for statutory audit')).toBe('Consultancy & advisory');
    expect(portalHsnDescription('₹₹₹')).toBe('');
    for (const text of [
      'a'.repeat(45),
      `${'Word '.repeat(12)}`,
      'x,y;z:(1)[2]{3}"4"\'5\'',
      'Ünïcödé ünïcödé ñoño 日本',
    ]) {
      const out = portalHsnDescription(text);
      expect(out, text).toMatch(HSN_DESC_PATTERN);
      expect(out.length).toBeLessThanOrEqual(30);
    }
  });

  it('takes desc from the HSN master when one is given, keeping the user text in user_desc', () => {
    const b = new Gstr1Builder({ hsnMaster: (hsn) => (hsn === '94013000' ? 'Swivel seats, height adjustable' : null) });
    b.addHsn({
      isB2b: true,
      hsn: '94013000',
      uqc: 'NOS',
      rateBp: 1800,
      quantityMilli: 1000,
      description: 'Office chair (mesh)',
      taxable: 100,
      igst: 18,
      cgst: 0,
      sgst: 0,
      cess: 0,
    });
    const hsn = b.build(SELLER, '2025-06').hsn;
    expect(hsn && 'hsn_b2b' in hsn ? hsn.hsn_b2b[0] : null).toMatchObject({
      desc: 'Swivel seats height adjustable',
      user_desc: 'Office chair mesh',
    });
  });
});
