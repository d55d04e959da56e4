import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gstr3bReturn } from '@bizdash/contracts/returns';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Clock: 2026-11-23. We are in Maharashtra (27). Every expected figure below is worked by hand from the documents
// issued in beforeEach (per-line half-up rounding, gst-rules.md 5.3).
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const GJ_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const KA_COMPOSITION_GSTIN = '29AABCU9603R1Z' + gstinCheckChar('29AABCU9603R1Z');
const MH_SUPPLIER_GSTIN = '27AAGCB1286Q1Z' + gstinCheckChar('27AAGCB1286Q1Z');

interface InvoiceJson {
  id: number;
  number: string | null;
  lines: { id: number }[];
}

const zero = { iamt: 0, camt: 0, samt: 0, csamt: 0 };

describe(`GSTR-3B (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;

  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { roles: ['client'], ...body } });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }

  async function draft(body: Record<string, unknown>): Promise<InvoiceJson> {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', date: '2026-11-10', ...body },
    });
    if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
    return created.json<InvoiceJson>();
  }

  async function issued(body: Record<string, unknown>): Promise<InvoiceJson> {
    // The fixtures are written by table, not by date: issue them whatever their order.
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${(await draft(body)).id}/issue`,
      token,
      body: { allowBackdated: true },
    });
    if (res.statusCode !== 200) throw new Error(`issue failed: ${res.statusCode} ${res.body}`);
    return res.json<InvoiceJson>();
  }

  async function gstr3b(query = 'period=2026-11'): Promise<Gstr3bReturn> {
    const res = await t.call({ method: 'GET', url: `/api/v1/returns/gstr3b?${query}`, token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Gstr3bReturn>();
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
    const pune = await createParty({
      name: 'Acme Pune',
      kind: 'company',
      gstin: MH_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    const bengaluru = await createParty({
      name: 'Meera Iyer',
      kind: 'individual',
      gstRegistrationType: 'consumer',
      billingAddress: { line1: '5 Church Street', city: 'Bengaluru', stateCode: '29', pin: '560001' },
    });
    const composition = await createParty({
      name: 'Mysore Stores',
      kind: 'firm',
      gstin: KA_COMPOSITION_GSTIN,
      gstRegistrationType: 'composition',
      billingAddress: { line1: '2 Sayyaji Rao Road', city: 'Mysuru', stateCode: '29', pin: '570001' },
    });
    const overseas = await createParty({ name: 'Acme Inc (USA)', kind: 'company', gstRegistrationType: 'overseas' });
    const gujaratSupplier = await createParty({
      name: 'Gujarat Mills',
      roles: ['supplier'],
      kind: 'company',
      gstin: GJ_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
    });
    const puneSupplier = await createParty({
      name: 'Deccan Caterers',
      roles: ['supplier'],
      kind: 'company',
      gstin: MH_SUPPLIER_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '8 Camp', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    const advocate = await createParty({
      name: 'A. Deshpande, Advocate',
      roles: ['supplier'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      billingAddress: { line1: '3 Court Lane', city: 'Pune', stateCode: '27', pin: '411002' },
    });

    // Intra-state B2B: 10 × 1000.00 @18 -> CGST 900.00 + SGST 900.00; a nil-rated line of 10 × 50.00 = 500.00.
    await issued({
      partyId: pune,
      lines: [
        { description: 'Audit', hsnSac: '998311', quantity: '10', unit: 'OTH', rate: '1000.00', gstRate: '18' },
        {
          description: 'Fresh milk',
          hsnSac: '04011000',
          quantity: '10',
          unit: 'LTR',
          rate: '50.00',
          gstRate: '0',
          taxability: 'nil',
        },
      ],
    });
    // Inter-state B2C to Karnataka: 2 × 1500.00 @18 = 3000.00, IGST 540.00.
    const b2c = await issued({
      partyId: bengaluru,
      lines: [{ description: 'Chair', hsnSac: '94013000', quantity: '2', unit: 'NOS', rate: '1500.00', gstRate: '18' }],
    });
    // Inter-state to a composition dealer in Karnataka: 1000.00 @12, IGST 120.00 (3.2 comp_details).
    await issued({
      partyId: composition,
      lines: [{ description: 'Shelf', hsnSac: '94032090', quantity: '1', unit: 'NOS', rate: '1000.00', gstRate: '12' }],
    });
    // Export under LUT: 100 × 50.00 @5 = 5000.00, no tax.
    await issued({
      partyId: overseas,
      kind: 'export_invoice',
      supplyKind: 'EXPWOP',
      placeOfSupply: '96',
      exportDetails: { portCode: 'INBOM1', shippingBillNumber: '7654321', shippingBillDate: '2026-11-12' },
      lines: [
        { description: 'T-shirts', hsnSac: '61149090', quantity: '100', unit: 'NOS', rate: '50.00', gstRate: '5' },
      ],
    });
    // Credit note: one chair back, −1500.00 and IGST −270.00.
    await issued({
      type: 'credit_note',
      originalInvoiceId: b2c.id,
      date: '2026-11-20',
      noteReason: 'Goods returned',
      lines: [
        {
          description: 'Chair',
          hsnSac: '94013000',
          quantity: '1',
          unit: 'NOS',
          rate: '1500.00',
          gstRate: '18',
          originalLineId: b2c.lines[0]?.id,
        },
      ],
    });
    // Left out: a draft, a cancelled invoice and an invoice of October.
    await draft({
      partyId: pune,
      lines: [{ description: 'Audit', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '9999.00', gstRate: '18' }],
    });
    const cancelled = await issued({
      partyId: pune,
      lines: [{ description: 'Audit', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '7000.00', gstRate: '18' }],
    });
    const cancel = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${cancelled.id}/cancel`,
      token,
      body: { reason: 'Duplicate' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await issued({
      partyId: pune,
      date: '2026-10-31',
      lines: [{ description: 'Audit', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '700.00', gstRate: '18' }],
    });

    const purchase = { type: 'purchase', date: '2026-11-15', supplierDate: '2026-11-14' };
    // Reverse charge: legal services from an unregistered advocate, 5000.00 @18 intra -> 450.00 + 450.00 in cash.
    await issued({
      ...purchase,
      partyId: advocate,
      supplierNumber: 'ADV/17',
      reverseCharge: true,
      lines: [
        { description: 'Legal opinion', hsnSac: '998211', quantity: '1', unit: 'OTH', rate: '5000.00', gstRate: '18' },
      ],
    });
    // Eligible, inter-state: 10 × 400.00 @18 = 4000.00, IGST 720.00; plus an exempt line of 300.00.
    await issued({
      ...purchase,
      partyId: gujaratSupplier,
      supplierNumber: 'GM/552',
      lines: [
        { description: 'Yarn', hsnSac: '52051100', quantity: '10', unit: 'KGS', rate: '400.00', gstRate: '18' },
        {
          description: 'Raw cotton',
          hsnSac: '52010000',
          quantity: '1',
          unit: 'NOS',
          rate: '300.00',
          gstRate: '0',
          taxability: 'exempt',
        },
      ],
    });
    // Ineligible (s.17(5) food), intra-state: 2000.00 @18 -> 180.00 + 180.00.
    await issued({
      ...purchase,
      partyId: puneSupplier,
      supplierNumber: 'DC/88',
      itc: { eligibility: 'ineligible', reason: 'Staff lunch: blocked by s.17(5)' },
      lines: [
        { description: 'Catering', hsnSac: '996334', quantity: '1', unit: 'OTH', rate: '2000.00', gstRate: '18' },
      ],
    });
  });
  afterEach(async () => t.close());

  it('computes every table of the month from the issued documents', async () => {
    const ret = await gstr3b();
    expect(Gstr3bReturn.safeParse(ret).error?.issues ?? []).toEqual([]);
    expect(ret.gstin).toBe(OUR_GSTIN);
    expect(ret.ret_period).toBe('112026');
    expect(ret.sup_details).toEqual({
      // 10000 + 3000 + 1000 − 1500 = 12500; IGST 540 + 120 − 270 = 390; CGST and SGST 900 from the Pune invoice.
      osup_det: { txval: 12500, iamt: 390, camt: 900, samt: 900, csamt: 0 },
      osup_zero: { txval: 5000, iamt: 0, csamt: 0 },
      osup_nil_exmp: { txval: 500 },
      isup_rev: { txval: 5000, iamt: 0, camt: 450, samt: 450, csamt: 0 },
      osup_nongst: { txval: 0 },
    });
    expect(Object.keys(ret.sup_details.osup_det).sort()).toEqual(['camt', 'csamt', 'iamt', 'samt', 'txval']);
    expect(ret.inter_sup).toEqual({
      unreg_details: [{ pos: '29', txval: 1500, iamt: 270 }],
      comp_details: [{ pos: '29', txval: 1000, iamt: 120 }],
      uin_details: [],
    });
    expect(ret.itc_elg).toEqual({
      itc_avl: [
        { ty: 'IMPG', ...zero },
        { ty: 'IMPS', ...zero },
        { ty: 'ISRC', iamt: 0, camt: 450, samt: 450, csamt: 0 },
        { ty: 'ISD', ...zero },
        { ty: 'OTH', iamt: 720, camt: 0, samt: 0, csamt: 0 },
      ],
      itc_rev: [
        { ty: 'RUL', ...zero },
        { ty: 'OTH', ...zero },
      ],
      itc_net: { iamt: 720, camt: 450, samt: 450, csamt: 0 },
      itc_inelg: [
        { ty: 'RUL', ...zero },
        { ty: 'OTH', iamt: 0, camt: 180, samt: 180, csamt: 0 },
      ],
    });
    expect(ret.inward_sup).toEqual({
      isup_details: [
        { ty: 'GST', inter: 300, intra: 0 },
        { ty: 'NONGST', inter: 0, intra: 0 },
      ],
    });
    // 6.1: IGST credit 720 pays IGST 390, its last 330 goes to CGST (CGST's own 450 cannot cover 900); CGST credit
    // 450 leaves 120 of CGST in cash; SGST credit 450 of SGST 900, 450 in cash. Reverse charge 450 + 450 in cash.
    expect(ret.tax_pmt).toEqual({
      tx_py: [
        { ty: 'OTH', iamt: 390, camt: 900, samt: 900, csamt: 0 },
        { ty: 'RCM', iamt: 0, camt: 450, samt: 450, csamt: 0 },
      ],
      itc_avl: { iamt: 720, camt: 450, samt: 450, csamt: 0 },
      pditc: { i_pdi: 390, i_pdc: 330, i_pds: 0, c_pdc: 450, c_pdi: 0, s_pds: 450, s_pdi: 0, cs_pdcs: 0 },
      pdcash: [
        { ty: 'OTH', iamt: 0, camt: 120, samt: 450, csamt: 0 },
        { ty: 'RCM', iamt: 0, camt: 450, samt: 450, csamt: 0 },
        { ty: 'TOTAL', iamt: 0, camt: 570, samt: 900, csamt: 0 },
      ],
      itc_bal: zero,
    });
  });

  it('answers zeros for an empty month and refuses another business GSTIN or a bad period', async () => {
    const empty = await gstr3b('period=2026-09');
    expect(empty.sup_details.osup_det).toEqual({ txval: 0, iamt: 0, camt: 0, samt: 0, csamt: 0 });
    expect(empty.tax_pmt.pdcash).toContainEqual({ ty: 'TOTAL', ...zero });
    const other = await t.call({
      method: 'GET',
      url: `/api/v1/returns/gstr3b?period=2026-11&gstin=${GJ_GSTIN}`,
      token,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ errors: [{ field: 'gstin' }] });
    const bad = await t.call({ method: 'GET', url: '/api/v1/returns/gstr3b?period=2026-13', token });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'period' }] });
  });

  it('exports a workbook with a sheet per table', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/returns/gstr3b?period=2026-11&format=xlsx', token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('GSTR3B-2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer); // `as`: exceljs types want an ArrayBuffer
    expect(wb.worksheets.map((w) => w.name)).toEqual(['3.1', '3.2', '4', '5', '6.1']);
    const t31 = wb.getWorksheet('3.1');
    expect(t31?.getRow(4).values).toEqual([
      undefined,
      '(a) Outward taxable supplies (other than zero rated, nil rated and exempted)',
      12500,
      390,
      900,
      900,
      0,
    ]);
    expect(wb.getWorksheet('3.2')?.getRow(4).values).toEqual([
      undefined,
      'Unregistered persons',
      '29-Karnataka',
      1500,
      270,
    ]);
    expect(wb.getWorksheet('3.2')?.getRow(5).values).toEqual([
      undefined,
      'Composition taxable persons',
      '29-Karnataka',
      1000,
      120,
    ]);
    const t61 = wb.getWorksheet('6.1');
    // CGST row: payable 900, IGST credit 330, CGST credit 450, cash 120; SGST: 900, SGST credit 450, cash 450.
    expect(t61?.getRow(6).values).toEqual([undefined, 'Central tax', 900, 330, 450, 0, 0, 120]);
    expect(t61?.getRow(7).values).toEqual([undefined, 'State/UT tax', 900, 0, 0, 450, 0, 450]);
  });

  it('is readable by the roles that read GSTR-1 and refused to staff', async () => {
    const signIn = async (role: string) => {
      const email = `${role}@example.in`;
      await t.createUser(token, { name: `A ${role}`, email, role, password: 'staff password 123' });
      return (await t.login(email, 'staff password 123')).token;
    };
    const url = '/api/v1/returns/gstr3b?period=2026-11';
    expect((await t.call({ method: 'GET', url, token: await signIn('staff') })).statusCode).toBe(403);
    const ok = await t.call({ method: 'GET', url, token: await signIn('accountant') });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Gstr3bReturn>().sup_details.osup_det.txval).toBe(12500);
  });
});
