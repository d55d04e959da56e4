import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { makeEwayBillValidator } from '../src/contexts/invoicing/invoices/ewaybill/schema/nic-schema';
import { pdfPageTexts } from '../src/platform/pdf/pdf-text';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Clock: 2026-11-23 (FY 2026-27). The business is in Maharashtra (27), Pune.
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const GUJARAT_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const MUMBAI_GSTIN = '27AAACM1234F1Z' + gstinCheckChar('27AAACM1234F1Z');

const validateNic = makeEwayBillValidator();
function expectValidForNic(json: unknown): void {
  const ok = validateNic(json);
  expect(ok ? [] : validateNic.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

interface Bill {
  fromStateCode: number;
  toStateCode: number;
  cgstValue: number;
  igstValue: number;
  totalValue: number;
  totInvValue: number;
  vehicleNo?: string;
  itemList: { hsnCode: number }[];
}

const PART_B = { mode: 'road', distanceKm: 560, vehicleNo: 'MH 12 AB 1234', transporterName: 'Shree Roadways' };

describe(`e-way bills (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let gujaratId: number;
  let mumbaiId: number;

  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { roles: ['client'], ...body } });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }

  /** An issued invoice: `rate` rupees of goods (HSN 8471) at 18 %, plus one service line of ₹10,000. */
  async function issuedInvoice(partyId: number, rate: string): Promise<number> {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId,
        date: '2026-11-20',
        lines: [
          { description: 'Laptop computers', hsnSac: '84713010', quantity: '1', unit: 'NOS', rate, gstRate: '18' },
          {
            description: 'Installation',
            hsnSac: '998713',
            quantity: '1',
            unit: 'OTH',
            rate: '10000.00',
            gstRate: '18',
          },
        ],
      },
    });
    if (created.statusCode !== 201) throw new Error(`create invoice failed: ${created.statusCode} ${created.body}`);
    const id = created.json<{ id: number }>().id;
    const issued = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    if (issued.statusCode !== 200) throw new Error(`issue failed: ${issued.statusCode} ${issued.body}`);
    return id;
  }

  const generate = (id: number, body: Record<string, unknown>) =>
    t.call({ method: 'POST', url: `/api/v1/invoices/${id}/ewaybill`, token, body });

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: {
        legalName: 'Rao Traders Private Limited',
        gstin: OUR_GSTIN,
        address: { line1: '4 Shreeji Chambers, FC Road', city: 'Pune', pin: '411004' },
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json<{ ewayBillThreshold: string }>().ewayBillThreshold).toBe('50000.00');
    gujaratId = await createParty({
      name: 'Gujarat Mills',
      kind: 'company',
      gstin: GUJARAT_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
    });
    mumbaiId = await createParty({
      name: 'Mumbai Traders',
      kind: 'company',
      gstin: MUMBAI_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '12 Linking Road', city: 'Mumbai', stateCode: '27', pin: '400050' },
    });
  });
  afterEach(async () => t.close());

  it('makes JSON that passes the vendored NIC schema, inter-state and intra-state, with goods lines only', async () => {
    const inter = await generate(await issuedInvoice(gujaratId, '60000.00'), { partB: PART_B });
    expect(inter.statusCode, inter.body).toBe(200);
    expectValidForNic(inter.json());
    const interBill = inter.json<{ billLists: Bill[] }>().billLists[0]!;
    expect(interBill).toMatchObject({ fromStateCode: 27, toStateCode: 24, cgstValue: 0, igstValue: 10800 });
    expect(interBill).toMatchObject({ totalValue: 60000, totInvValue: 82600, vehicleNo: 'MH12AB1234' });
    expect(interBill.itemList.map((i) => i.hsnCode)).toEqual([84713010]);

    const intra = await generate(await issuedInvoice(mumbaiId, '60000.00'), { partB: PART_B });
    expect(intra.statusCode, intra.body).toBe(200);
    expectValidForNic(intra.json());
    expect(intra.json<{ billLists: Bill[] }>().billLists[0]).toMatchObject({
      fromStateCode: 27,
      toStateCode: 27,
      cgstValue: 5400,
      igstValue: 0,
    });
  });

  it('refuses below the threshold with 409 naming it, unless forced; the threshold is a setting', async () => {
    // Goods ₹40,000 + 18 % = ₹47,200 (the ₹11,800 of services do not count).
    const id = await issuedInvoice(gujaratId, '40000.00');
    const below = await generate(id, { partB: PART_B });
    expect(below.statusCode).toBe(409);
    expect(below.json<{ detail: string }>().detail).toContain('₹50,000.00');
    expect(below.json<{ detail: string }>().detail).toContain('₹47,200.00');
    const forced = await generate(id, { partB: PART_B, force: true });
    expect(forced.statusCode, forced.body).toBe(200);
    expectValidForNic(forced.json());

    const lowered = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: { ewayBillThreshold: '25000.00' },
    });
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect((await generate(id, { partB: PART_B })).statusCode).toBe(200);
    await t.call({ method: 'PATCH', url: '/api/v1/settings/business', token, body: { ewayBillThreshold: '100000' } });
    const raised = await generate(await issuedInvoice(gujaratId, '60000.00'), { partB: PART_B });
    expect(raised.statusCode).toBe(409);
    expect(raised.json<{ detail: string }>().detail).toContain('₹1,00,000.00');
  });

  it('refuses a services-only invoice with 409 even when forced', async () => {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId: gujaratId,
        date: '2026-11-20',
        lines: [
          { description: 'Audit', hsnSac: '998221', quantity: '1', unit: 'OTH', rate: '90000.00', gstRate: '18' },
        ],
      },
    });
    const id = created.json<{ id: number }>().id;
    await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    const res = await generate(id, { partB: PART_B, force: true });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/only services/);
  });

  it('validates Part B: a malformed vehicle number is a 400 naming the field', async () => {
    const id = await issuedInvoice(gujaratId, '60000.00');
    const bad = await generate(id, { partB: { ...PART_B, vehicleNo: '12-XYZ' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(bad.json<{ errors: unknown[] }>().errors)).toContain('vehicleNo');
    const rail = await generate(id, { partB: { mode: 'rail', distanceKm: 900 } });
    expect(rail.statusCode).toBe(400);
    expect(JSON.stringify(rail.json<{ errors: unknown[] }>().errors)).toContain('transportDocNo');
  });

  it('stores the imported e-way bill, audits it once and prints it on the PDF', async () => {
    const id = await issuedInvoice(gujaratId, '60000.00');
    const wrong = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${id}/ewaybill/import`,
      token,
      body: { number: '1234 5678', date: '2026-11-20', validUntil: '2026-11-23' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json<{ errors: unknown[] }>().errors)).toContain('number');

    const body = { number: '1234 5678 9012', date: '2026-11-20', validUntil: '2026-11-23' };
    const imported = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/ewaybill/import`, token, body });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json<{ ewayBill: unknown }>().ewayBill).toEqual({
      number: '123456789012',
      date: '2026-11-20',
      validUntil: '2026-11-23',
      partB: null,
    });
    const again = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/ewaybill/import`, token, body });
    expect(again.statusCode).toBe(200);
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'invoice')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['invoice.created', 'invoice.issued', 'invoice.ewaybill_imported']);

    // The Part B used for the JSON is kept on the invoice, so the dialog opens with it next time.
    expect((await generate(id, { partB: PART_B })).statusCode).toBe(200);
    const fetched = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}`, token });
    expect(fetched.json<{ ewayBill: unknown }>().ewayBill).toMatchObject({
      number: '123456789012',
      partB: { mode: 'road', distanceKm: 560, vehicleNo: 'MH12AB1234', transporterName: 'Shree Roadways' },
    });
    const pdf = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, token });
    expect(pdf.statusCode).toBe(200);
    const text = pdfPageTexts(pdf.rawPayload).join('\n');
    expect(text).toContain('E-way bill 1234 5678 9012, valid until 23-11-2026');
  });

  describe('delivery challans', () => {
    async function salesDocument(kind: string, body: Record<string, unknown> = {}): Promise<number> {
      const created = await t.call({
        method: 'POST',
        url: '/api/v1/sales-documents',
        token,
        body: {
          kind,
          partyId: gujaratId,
          date: '2026-11-20',
          lines: [
            {
              description: 'Laptop computers',
              hsnSac: '84713010',
              quantity: '1',
              unit: 'NOS',
              rate: '60000.00',
              gstRate: '18',
            },
          ],
          ...body,
        },
      });
      if (created.statusCode !== 201) throw new Error(`create failed: ${created.statusCode} ${created.body}`);
      return created.json<{ id: number }>().id;
    }
    const challanEwb = (id: number, body: Record<string, unknown>) =>
      t.call({ method: 'POST', url: `/api/v1/sales-documents/${id}/ewaybill`, token, body });

    it('makes CHL JSON that passes the vendored NIC schema, sub-supply from the challan purpose', async () => {
      const jobWork = await challanEwb(await salesDocument('delivery_challan', { challanReason: 'job_work' }), {
        partB: PART_B,
      });
      expect(jobWork.statusCode, jobWork.body).toBe(200);
      expectValidForNic(jobWork.json());
      const bill = jobWork.json<{ billLists: (Bill & Record<string, unknown>)[] }>().billLists[0]!;
      expect(bill).toMatchObject({ supplyType: 'O', docType: 'CHL', subSupplyType: '4', fromStateCode: 27 });
      expect(bill).toMatchObject({ toStateCode: 24, totalValue: 60000, igstValue: 10800, vehicleNo: 'MH12AB1234' });
      expect(bill.subSupplyDesc).toBeUndefined();

      const approval = await challanEwb(
        await salesDocument('delivery_challan', { challanReason: 'supply_on_approval' }),
        { partB: PART_B },
      );
      expect(approval.statusCode, approval.body).toBe(200);
      expectValidForNic(approval.json());
      expect(approval.json<{ billLists: unknown[] }>().billLists[0]).toMatchObject({
        docType: 'CHL',
        subSupplyType: '8',
        subSupplyDesc: 'Supply on approval',
      });
    });

    it('applies the same threshold and force rules, and refuses a quotation', async () => {
      const small = await salesDocument('delivery_challan', {
        challanReason: 'job_work',
        lines: [
          { description: 'Dies', hsnSac: '84801000', quantity: '1', unit: 'NOS', rate: '1000.00', gstRate: '18' },
        ],
      });
      const below = await challanEwb(small, { partB: PART_B });
      expect(below.statusCode).toBe(409);
      expect(below.json<{ detail: string }>().detail).toContain('₹50,000.00');
      expect((await challanEwb(small, { partB: PART_B, force: true })).statusCode).toBe(200);
      const badPartB = await challanEwb(small, { partB: { mode: 'rail', distanceKm: 900 }, force: true });
      expect(badPartB.statusCode).toBe(400);

      const quotation = await salesDocument('quotation');
      const refused = await challanEwb(quotation, { partB: PART_B, force: true });
      expect(refused.statusCode).toBe(409);
      const importRefused = await t.call({
        method: 'POST',
        url: `/api/v1/sales-documents/${quotation}/ewaybill/import`,
        token,
        body: { number: '123456789012', date: '2026-11-20', validUntil: '2026-11-23' },
      });
      expect(importRefused.statusCode).toBe(409);
    });

    it('stores the imported e-way bill on the challan, audits it once and prints it on the challan PDF', async () => {
      const id = await salesDocument('delivery_challan', { challanReason: 'job_work' });
      const url = `/api/v1/sales-documents/${id}/ewaybill/import`;
      const body = { number: '1234 5678 9012', date: '2026-11-20', validUntil: '2026-11-23' };
      const imported = await t.call({ method: 'POST', url, token, body });
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json<{ ewayBill: unknown }>().ewayBill).toEqual({
        number: '123456789012',
        date: '2026-11-20',
        validUntil: '2026-11-23',
        partB: null,
      });
      expect((await t.call({ method: 'POST', url, token, body })).statusCode).toBe(200);
      const audit = await t.services.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'sales_document')
        .where('entity_id', '=', String(id))
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['sales_document.created', 'sales_document.ewaybill_imported']);

      expect((await challanEwb(id, { partB: PART_B })).statusCode).toBe(200);
      const fetched = await t.call({ method: 'GET', url: `/api/v1/sales-documents/${id}`, token });
      expect(fetched.json<{ ewayBill: unknown }>().ewayBill).toMatchObject({
        number: '123456789012',
        partB: { mode: 'road', vehicleNo: 'MH12AB1234' },
      });
      const pdf = await t.call({ method: 'GET', url: `/api/v1/sales-documents/${id}/pdf`, token });
      expect(pdf.statusCode).toBe(200);
      expect(pdfPageTexts(pdf.rawPayload).join('\n')).toContain('E-way bill 1234 5678 9012, valid until 23-11-2026');
    });
  });
});
