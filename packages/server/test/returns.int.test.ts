import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gstr1Return } from '@bizdash/contracts/returns';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { OFFLINE_TOOL_VERSION } from '../src/contexts/invoicing/returns/gstr1-builder';
import { Gstr1PortalSchema } from '../src/contexts/invoicing/returns/gstr1-schema';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Clock: 2026-11-23. We are in Maharashtra (27). Expected figures are worked by hand from the lines below with the
// gst-rules.md 5.3 arithmetic (several are the GST-INV-02 / GST-CN-13 / GST-INV-04 vectors).
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const GJ_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');

interface InvoiceJson {
  id: number;
  number: string | null;
  lines: { id: number }[];
}

describe(`GST returns (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  const parties: Record<string, number> = {};
  const numbers: Record<string, string> = {};

  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { roles: ['client'], ...body } });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }

  async function issued(body: Record<string, unknown>): Promise<InvoiceJson> {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', date: '2026-11-10', ...body },
    });
    if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${created.json<InvoiceJson>().id}/issue`,
      token,
      // The fixtures are written by section, not by date: issue them whatever their order.
      body: { allowBackdated: true },
    });
    if (res.statusCode !== 200) throw new Error(`issue failed: ${res.statusCode} ${res.body}`);
    return res.json<InvoiceJson>();
  }

  async function gstr1(query = 'period=2026-11'): Promise<Gstr1Return> {
    const res = await t.call({ method: 'GET', url: `/api/v1/returns/gstr1?${query}`, token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Gstr1Return>();
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: { gstin: OUR_GSTIN, address: { line1: '4 FC Road', city: 'Pune', pin: '411004' } },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    parties.gujarat = await createParty({
      name: 'Gujarat Mills',
      kind: 'company',
      gstin: GJ_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
    });
    parties.pune = await createParty({
      name: 'Acme Pune',
      kind: 'company',
      gstin: MH_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    parties.bengaluru = await createParty({
      name: 'Meera Iyer',
      kind: 'individual',
      gstRegistrationType: 'consumer',
      billingAddress: { line1: '5 Church Street', city: 'Bengaluru', stateCode: '29', pin: '560001' },
    });
    parties.mumbai = await createParty({
      name: 'Ravi Kumar',
      kind: 'individual',
      gstRegistrationType: 'consumer',
      billingAddress: { line1: '9 Park Street', city: 'Mumbai', stateCode: '27', pin: '400001' },
    });
    parties.overseas = await createParty({ name: 'Acme Inc (USA)', kind: 'company', gstRegistrationType: 'overseas' });

    // B2B inter-state (GST-INV-02's lines 1 and 2 without the discount): 12500.00 @18 + 1046.50 @5
    const gj = await issued({
      partyId: parties.gujarat,
      lines: [
        { description: 'Server', hsnSac: '84713010', quantity: '10', unit: 'NOS', rate: '1250.00', gstRate: '18' },
        { description: 'Notebook A4', hsnSac: '48202000', quantity: '7', unit: 'NOS', rate: '149.50', gstRate: '5' },
      ],
    });
    numbers.gj = gj.number ?? '';
    // B2B intra-state: 45000.00 @18 -> CGST 4050.00 + SGST 4050.00
    numbers.pune =
      (
        await issued({
          partyId: parties.pune,
          lines: [
            { description: 'Audit', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '45000.00', gstRate: '18' },
          ],
        })
      ).number ?? '';
    // B2CL: unregistered, inter-state, 2 × 60000.00 @18 = 120000.00 + 21600.00 = 141600.00 (> 1,00,000)
    const b2cl = await issued({
      partyId: parties.bengaluru,
      lines: [{ description: 'Sofa', hsnSac: '94013000', quantity: '2', unit: 'NOS', rate: '60000.00', gstRate: '18' }],
    });
    numbers.b2cl = b2cl.number ?? '';
    // B2CS: unregistered, intra-state, 1000.00 @18 -> 90.00 + 90.00
    numbers.b2cs =
      (
        await issued({
          partyId: parties.mumbai,
          lines: [
            { description: 'Consulting', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' },
          ],
        })
      ).number ?? '';
    // Export under LUT (GST-INV-04): 500 × 84.25 @5 = 42125.00, no tax
    numbers.exp =
      (
        await issued({
          partyId: parties.overseas,
          kind: 'export_invoice',
          supplyKind: 'EXPWOP',
          placeOfSupply: '96',
          exportDetails: {
            portCode: 'INBOM1',
            shippingBillNumber: '7654321',
            shippingBillDate: '2026-11-12',
            countryCode: 'US',
          },
          lines: [
            { description: 'T-shirts', hsnSac: '61149090', quantity: '500', unit: 'NOS', rate: '84.25', gstRate: '5' },
          ],
        })
      ).number ?? '';
    // Registered credit note (GST-CN-13): 2 notebooks returned, 299.00 @5 -> IGST 14.95, value 314.00
    numbers.cnr =
      (
        await issued({
          type: 'credit_note',
          originalInvoiceId: gj.id,
          date: '2026-11-20',
          noteReason: 'Goods returned',
          lines: [
            {
              description: 'Notebook A4',
              hsnSac: '48202000',
              quantity: '2',
              unit: 'NOS',
              rate: '149.50',
              gstRate: '5',
              originalLineId: gj.lines[1]?.id,
            },
          ],
        })
      ).number ?? '';
    // Unregistered credit note against the B2CL invoice: 1 sofa, 60000.00 + 10800.00 = 70800.00
    numbers.cnu =
      (
        await issued({
          type: 'credit_note',
          originalInvoiceId: b2cl.id,
          date: '2026-11-21',
          noteReason: 'Goods returned',
          lines: [
            {
              description: 'Sofa',
              hsnSac: '94013000',
              quantity: '1',
              unit: 'NOS',
              rate: '60000.00',
              gstRate: '18',
              originalLineId: b2cl.lines[0]?.id,
            },
          ],
        })
      ).number ?? '';
    // A cancelled invoice: counted in Table 13, nowhere else.
    const cancelled = await issued({
      partyId: parties.mumbai,
      lines: [
        { description: 'Consulting', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '5000.00', gstRate: '18' },
      ],
    });
    const cancel = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${cancelled.id}/cancel`,
      token,
      body: { reason: 'Duplicate' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // Outside the period: ignored.
    await issued({
      partyId: parties.mumbai,
      date: '2026-10-31',
      lines: [
        { description: 'Consulting', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '700.00', gstRate: '18' },
      ],
    });
  });
  afterEach(async () => t.close());

  it('builds GSTR-1 with every section in the portal structure', async () => {
    const ret = await gstr1();
    const check = Gstr1PortalSchema.safeParse(ret);
    expect(check.error?.issues ?? []).toEqual([]);
    expect(ret.gstin).toBe(OUR_GSTIN);
    expect(ret.fp).toBe('112026');

    expect(ret.b2b).toEqual([
      {
        ctin: GJ_GSTIN,
        inv: [
          {
            inum: numbers.gj,
            idt: '10-11-2026',
            val: 15849, // 12500 + 2250 + 1046.50 + 52.33 = 15848.83, rounded to the rupee
            pos: '24',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [
              { num: 501, itm_det: { txval: 1046.5, rt: 5, iamt: 52.33, csamt: 0 } },
              { num: 1801, itm_det: { txval: 12500, rt: 18, iamt: 2250, csamt: 0 } },
            ],
          },
        ],
      },
      {
        ctin: MH_GSTIN,
        inv: [
          {
            inum: numbers.pune,
            idt: '10-11-2026',
            val: 53100,
            pos: '27',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [{ num: 1801, itm_det: { txval: 45000, rt: 18, camt: 4050, samt: 4050, csamt: 0 } }],
          },
        ],
      },
    ]);
    expect(ret.b2cl).toEqual([
      {
        pos: '29',
        inv: [
          {
            inum: numbers.b2cl,
            idt: '10-11-2026',
            val: 141600,
            itms: [{ num: 1801, itm_det: { txval: 120000, rt: 18, iamt: 21600, csamt: 0 } }],
          },
        ],
      },
    ]);
    expect(ret.b2cs).toEqual([
      { sply_ty: 'INTRA', pos: '27', typ: 'OE', rt: 18, txval: 1000, camt: 90, samt: 90, csamt: 0 },
    ]);
    expect(ret.exp).toEqual([
      {
        exp_typ: 'WOPAY',
        inv: [
          {
            inum: numbers.exp,
            idt: '10-11-2026',
            val: 42125,
            sbpcode: 'INBOM1',
            sbnum: '7654321',
            sbdt: '12-11-2026',
            itms: [{ txval: 42125, rt: 5, iamt: 0, csamt: 0 }],
          },
        ],
      },
    ]);
    expect(ret.cdnr).toEqual([
      {
        ctin: GJ_GSTIN,
        nt: [
          {
            ntty: 'C',
            nt_num: numbers.cnr,
            nt_dt: '20-11-2026',
            val: 314,
            pos: '24',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [{ num: 501, itm_det: { txval: 299, rt: 5, iamt: 14.95, csamt: 0 } }],
          },
        ],
      },
    ]);
    expect(ret.cdnur).toEqual([
      {
        typ: 'B2CL',
        ntty: 'C',
        nt_num: numbers.cnu,
        nt_dt: '21-11-2026',
        val: 70800,
        pos: '29',
        itms: [{ num: 1801, itm_det: { txval: 60000, rt: 18, iamt: 10800, csamt: 0 } }],
      },
    ]);
  });

  it('reports nil-rated, exempt and non-GST values in Table 8 and keeps them out of b2b and b2cs', async () => {
    // Intra-state B2B with one line of each treatment: only the 18 % line is a taxable supply.
    const mixed = await issued({
      partyId: parties.pune,
      date: '2026-11-15',
      lines: [
        { description: 'Audit', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' },
        { description: 'Fresh milk', hsnSac: '04011000', quantity: '10', unit: 'LTR', rate: '50.00', gstRate: '0' },
        {
          description: 'Tuition',
          hsnSac: '999293',
          quantity: '1',
          unit: 'OTH',
          rate: '300.00',
          gstRate: '0',
          taxability: 'exempt',
        },
        {
          description: 'Petrol',
          hsnSac: '27101241',
          quantity: '2',
          unit: 'LTR',
          rate: '100.00',
          gstRate: '0',
          taxability: 'non_gst',
        },
      ],
    });
    // A bill of supply to a Mumbai consumer (intra, unregistered): exempt, 250.00; a credit note takes 50.00 back.
    const bos = await issued({
      partyId: parties.mumbai,
      kind: 'bill_of_supply',
      lines: [{ description: 'Books', hsnSac: '49011010', quantity: '5', unit: 'NOS', rate: '50.00', gstRate: '0' }],
    });
    const bosLine = (await t.call({ method: 'GET', url: `/api/v1/invoices/${bos.id}`, token })).json<{
      lines: { id: number; taxability: string }[];
    }>().lines[0];
    expect(bosLine?.taxability).toBe('taxable');
    await issued({
      type: 'credit_note',
      originalInvoiceId: bos.id,
      date: '2026-11-22',
      noteReason: 'Goods returned',
      lines: [
        {
          description: 'Books',
          hsnSac: '49011010',
          quantity: '1',
          unit: 'NOS',
          rate: '50.00',
          gstRate: '0',
          originalLineId: bosLine?.id,
        },
      ],
    });
    // Inter-state to a Bengaluru consumer at 0 %: nil-rated, 100.00.
    await issued({
      partyId: parties.bengaluru,
      lines: [{ description: 'Rice', hsnSac: '10063010', quantity: '4', unit: 'KGS', rate: '25.00', gstRate: '0' }],
    });

    const ret = await gstr1();
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
    expect(ret.nil).toEqual({
      inv: [
        { sply_ty: 'INTRAB2B', nil_amt: 500, expt_amt: 300, ngsup_amt: 200 },
        { sply_ty: 'INTRB2C', nil_amt: 100, expt_amt: 0, ngsup_amt: 0 },
        { sply_ty: 'INTRAB2C', nil_amt: 0, expt_amt: 200, ngsup_amt: 0 },
      ],
    });
    // The mixed invoice keeps its full value but reports only its taxable 18 % line.
    const mh = ret.b2b?.find((p) => p.ctin === MH_GSTIN)?.inv.find((i) => i.inum === mixed.number);
    expect(mh).toMatchObject({
      val: 2180, // 1000 + 180 + 500 + 300 + 200
      itms: [{ num: 1801, itm_det: { txval: 1000, rt: 18, camt: 90, samt: 90, csamt: 0 } }],
    });
    // B2CS is unchanged by the nil-rated and exempt supplies to consumers.
    expect(ret.b2cs).toEqual([
      { sply_ty: 'INTRA', pos: '27', typ: 'OE', rt: 18, txval: 1000, camt: 90, samt: 90, csamt: 0 },
    ]);
    // Non-GST supplies are outside the HSN summary; nil-rated and exempt ones are in it at rate 0.
    const hsn = ret.hsn && 'hsn_b2b' in ret.hsn ? ret.hsn : null;
    expect(hsn?.hsn_b2b.find((r) => r.hsn_sc === '27101241')).toBeUndefined();
    expect(hsn?.hsn_b2b.find((r) => r.hsn_sc === '04011000')).toMatchObject({ rt: 0, txval: 500 });
    expect(hsn?.hsn_b2c.find((r) => r.hsn_sc === '49011010')).toMatchObject({ rt: 0, txval: 200, qty: 4 });

    const res = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-11&format=xlsx', token });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer); // `as`: exceljs types want an ArrayBuffer
    const exemp = wb.getWorksheet('exemp');
    expect(exemp?.getRow(1).values).toEqual([
      undefined,
      'Description',
      'Nil Rated Supplies',
      'Exempted(other than nil rated/non GST supply)',
      'Non-GST Supplies',
    ]);
    expect(exemp?.getRow(3).values).toEqual([undefined, 'Intra-State supplies to registered persons', 500, 300, 200]);
    expect(exemp?.getRow(2).values).toEqual([undefined, 'Inter-State supplies to registered persons', 0, 0, 0]);
  });

  it('refuses GST on a nil-rated, exempt or non-GST line, and on such an item, naming the field', async () => {
    const line = { description: 'Tuition', hsnSac: '999293', quantity: '1', unit: 'OTH', rate: '300.00' };
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        date: '2026-11-10',
        partyId: parties.mumbai,
        lines: [{ ...line, gstRate: '18', taxability: 'exempt' }],
      },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'lines.0.gstRate' }] });
    const item = { name: 'Tuition', kind: 'services', hsnSac: '999293', unit: 'OTH', taxability: 'exempt' };
    const badItem = await t.call({ method: 'POST', url: '/api/v1/items', token, body: { ...item, gstRate: '18' } });
    expect(badItem.statusCode, badItem.body).toBe(400);
    expect(badItem.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'taxability' }] });
    const ok = await t.call({ method: 'POST', url: '/api/v1/items', token, body: { ...item, gstRate: '0' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<{ taxability: string }>().taxability).toBe('exempt');
    const created = await t.call({ method: 'GET', url: '/api/v1/items/' + ok.json<{ id: number }>().id, token });
    expect(created.json<{ taxability: string }>().taxability).toBe('exempt');
  });

  it('nets credit notes in the HSN summary, split B2B / B2C', async () => {
    const ret = await gstr1();
    expect(ret.hsn).toEqual({
      hsn_b2b: [
        // 1046.50 - 299.00 = 747.50; IGST 52.33 - 14.95 = 37.38; 7 - 2 = 5 notebooks
        {
          num: 1,
          hsn_sc: '48202000',
          desc: 'Notebook A4',
          user_desc: 'Notebook A4',
          uqc: 'NOS',
          qty: 5,
          rt: 5,
          txval: 747.5,
          iamt: 37.38,
          camt: 0,
          samt: 0,
          csamt: 0,
        },
        {
          num: 2,
          hsn_sc: '84713010',
          desc: 'Server',
          user_desc: 'Server',
          uqc: 'NOS',
          qty: 10,
          rt: 18,
          txval: 12500,
          iamt: 2250,
          camt: 0,
          samt: 0,
          csamt: 0,
        },
        {
          num: 3,
          hsn_sc: '998311',
          desc: 'Audit',
          user_desc: 'Audit',
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
      hsn_b2c: [
        {
          num: 1,
          hsn_sc: '61149090',
          desc: 'T-shirts',
          user_desc: 'T-shirts',
          uqc: 'NOS',
          qty: 500,
          rt: 5,
          txval: 42125,
          iamt: 0,
          camt: 0,
          samt: 0,
          csamt: 0,
        },
        // 2 sofas less 1 credited
        {
          num: 2,
          hsn_sc: '94013000',
          desc: 'Sofa',
          user_desc: 'Sofa',
          uqc: 'NOS',
          qty: 1,
          rt: 18,
          txval: 60000,
          iamt: 10800,
          camt: 0,
          samt: 0,
          csamt: 0,
        },
        {
          num: 3,
          hsn_sc: '998311',
          desc: 'Consulting',
          user_desc: 'Consulting',
          uqc: 'NA',
          qty: 0,
          rt: 18,
          txval: 1000,
          iamt: 0,
          camt: 90,
          samt: 90,
          csamt: 0,
        },
      ],
    });
  });

  it('summarises documents issued with the cancelled one (Table 13)', async () => {
    const ret = await gstr1();
    // Six invoices dated in November (0001..0006; October's is numbered 0007), one cancelled; two credit notes.
    expect(ret.doc_issue).toEqual({
      doc_det: [
        {
          doc_num: 1,
          doc_typ: 'Invoices for outward supply',
          docs: [{ num: 1, from: 'INV/2026-27/0001', to: 'INV/2026-27/0006', totnum: 6, cancel: 1, net_issue: 5 }],
        },
        {
          doc_num: 5,
          doc_typ: 'Credit Note',
          docs: [{ num: 1, from: 'CN/2026-27/0001', to: 'CN/2026-27/0002', totnum: 2, cancel: 0, net_issue: 2 }],
        },
      ],
    });
  });

  it('reports a numbering template change within the month as two Table 13 ranges with true counts', async () => {
    // November so far: INV/2026-27/0001..0006 (one cancelled). The template changes and the counter jumps.
    const set = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token,
      body: { documentType: 'invoice', template: 'B/{FY}/{SEQ:5}', nextSequence: 10003 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const line = { description: 'Audit', hsnSac: '998222', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' };
    const first = await issued({ partyId: parties.mumbai, date: '2026-11-25', lines: [line] });
    await issued({ partyId: parties.mumbai, date: '2026-11-26', lines: [line] });
    expect(first.number).toBe('B/2026-27/10003');
    const ret = await gstr1();
    expect(ret.doc_issue?.doc_det[0]?.docs).toEqual([
      { num: 1, from: 'B/2026-27/10003', to: 'B/2026-27/10004', totnum: 2, cancel: 0, net_issue: 2 },
      { num: 2, from: 'INV/2026-27/0001', to: 'INV/2026-27/0006', totnum: 6, cancel: 1, net_issue: 5 },
    ]);
    expect(Gstr1PortalSchema.safeParse(ret).error?.issues ?? []).toEqual([]);
  });

  it('returns an empty return for a month without documents, and refuses a bad period naming the field', async () => {
    expect(await gstr1('period=2026-09')).toEqual({
      gstin: OUR_GSTIN,
      fp: '092026',
      version: OFFLINE_TOOL_VERSION,
      hash: 'hash',
    });
    const bad = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-13', token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'period' }] });
    const other = await t.call({ method: 'GET', url: `/api/v1/returns/gstr1?period=2026-11&gstin=${GJ_GSTIN}`, token });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ errors: [{ field: 'gstin' }] });
  });

  it('exports GSTR-1 as a workbook with the offline tool sheets and headings', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-11&format=xlsx', token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer); // `as`: exceljs types want an ArrayBuffer; a Buffer works
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'b2b',
      'b2cl',
      'b2cs',
      'exp',
      'cdnr',
      'cdnur',
      'exemp',
      'hsn(b2b)',
      'hsn(b2c)',
      'docs',
    ]);
    const b2b = wb.getWorksheet('b2b');
    expect(b2b?.getRow(1).getCell(1).value).toBe('GSTIN/UIN of Recipient');
    expect(b2b?.getRow(2).getCell(1).value).toBe(GJ_GSTIN);
    expect(b2b?.getRow(2).getCell(2).value).toBe('Gujarat Mills');
    expect(b2b?.getRow(2).getCell(4).value).toBe('10-Nov-2026');
    expect(b2b?.getRow(2).getCell(6).value).toBe('24-Gujarat');
    expect(b2b?.rowCount).toBe(4); // heading + 2 rates of GJ + 1 of MH
    const docs = wb.getWorksheet('docs');
    expect(docs?.getRow(2).values).toEqual([
      undefined,
      'Invoices for outward supply',
      'INV/2026-27/0001',
      'INV/2026-27/0006',
      6,
      1,
    ]);
  });

  it('exports the sales register with credit notes netted in the totals', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/v1/returns/registers?type=sales&from=2026-11-01&to=2026-11-30',
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer); // `as`: see above
    const ws = wb.worksheets[0];
    expect(ws?.name).toBe('Sales register');
    // heading + 6 invoices + 2 credit notes + total
    expect(ws?.rowCount).toBe(10);
    const headings = (ws?.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => headings.indexOf(name) + 1;
    // Dates are date cells shown dd-mm-yyyy (issue 18), not text.
    const date = ws?.getRow(2).getCell(col('Date'));
    expect(date?.value).toBeInstanceOf(Date);
    expect((date?.value as Date).toISOString()).toMatch(/^2026-11-\d\dT00:00:00\.000Z$/);
    expect(date?.numFmt).toBe('dd-mm-yyyy');
    const total = ws?.getRow(10);
    expect(total?.getCell(1).value).toBe('Total');
    // Taxable: 13546.50 + 45000 + 120000 + 1000 + 42125 (cancelled 5000 counts 0) - 299 - 60000 = 161372.50
    expect(total?.getCell(col('Taxable value')).value).toBe(161372.5);
    const purchase = await t.call({
      method: 'GET',
      url: '/api/v1/returns/registers?type=purchase&from=2026-11-01&to=2026-11-30',
      token,
    });
    expect(purchase.statusCode).toBe(200);
  });
});
