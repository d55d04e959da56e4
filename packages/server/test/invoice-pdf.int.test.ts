import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { pdfPageTexts } from '../src/platform/pdf/pdf-text';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Clock: 2026-11-23 (FY 2026-27). The business is in Maharashtra (27).
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const LINE = {
  description: 'Brass valves',
  hsnSac: '84818030',
  quantity: '10',
  unit: 'NOS',
  rate: '1250.00',
  gstRate: '18',
};

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe(`invoice PDF route (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const res = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: {
        gstin: OUR_GSTIN,
        address: { line1: '4 FC Road', city: 'Pune', pin: '411004' },
        upiId: 'raotraders@hdfcbank',
        lut: { number: 'AD270426000777K', date: '2026-04-03' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ lut: { number: 'AD270426000777K', date: '2026-04-03' } });
  });
  afterEach(async () => t.close());

  async function exportInvoice(): Promise<number> {
    const party = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { roles: ['client'], name: 'Acme Inc (USA)', gstRegistrationType: 'overseas' },
    });
    expect(party.statusCode, party.body).toBe(201);
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId: party.json<{ id: number }>().id,
        date: '2026-11-10',
        kind: 'export_invoice',
        supplyKind: 'EXPWOP',
        exportDetails: { shippingBillNumber: '7654321', portCode: 'INBOM1', countryCode: 'US', currency: 'USD' },
        lines: [LINE],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const issued = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    expect(issued.statusCode, issued.body).toBe(200);
    return id;
  }

  it('prints the copies asked for, the LUT from settings and the export endorsement, with no UPI QR', async () => {
    const id = await exportInvoice();
    const res = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf?copies=original,triplicate`, token });
    expect(res.statusCode, res.body).toBe(200);
    const pages = pdfPageTexts(res.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('ORIGINAL FOR RECIPIENT');
    expect(pages[1]).toContain('TRIPLICATE FOR SUPPLIER');
    const text = flat(pages[0] ?? '');
    expect(text).toContain('LUT ARN AD270426000777K dated 03-04-2026');
    expect(text).toContain('UNDER BOND OR LETTER OF UNDERTAKING WITHOUT PAYMENT OF INTEGRATED TAX');
    expect(text).toContain('Country of destination: United States (US)');
    expect(text).not.toContain('Scan to pay with UPI');

    const original = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, token });
    expect(pdfPageTexts(original.rawPayload).map((p) => p.includes('ORIGINAL FOR RECIPIENT'))).toEqual([true]);
  });

  it('refuses an unknown copy, naming the field', async () => {
    const id = await exportInvoice();
    const res = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf?copies=original,quadruplicate`, token });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'copies' }] });
  });
});
