import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { buildPublicApp } from '../src/http/public-app';
import { createOrderWorld, get, post, type OrderWorld } from './orders-factories';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST: financial year 2026-27.
const OUR_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const GJ_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');

interface Line {
  id: number;
  description: string;
  hsnSac: string;
  quantity: string;
  rate: string;
  gstRate: string;
  taxableValue: string;
  cgst: string;
  sgst: string;
  igst: string;
  total: string;
  convertedQuantity?: string;
  remainingQuantity?: string;
}

interface Doc {
  id: number;
  kind: string;
  status: string;
  number: string;
  validUntil: string | null;
  party: { id: number; name: string };
  tax: { regime: string; placeOfSupply: { code: string } };
  lines: Line[];
  totals: Record<string, string>;
  conversions: { invoiceId: number; status: string }[];
  convertedOrderId: number | null;
  advanceTotal: string;
}

interface InvoiceJson {
  id: number;
  type: string;
  status: string;
  number: string | null;
  party: { id: number };
  tax: { regime: string; placeOfSupply: { code: string } };
  lines: Line[];
  totals: Record<string, string>;
  balanceDue: string;
  amountPaid: string;
}

const GOODS = {
  description: 'Steel rod 12mm',
  hsnSac: '72142090',
  quantity: '10',
  unit: 'NOS',
  rate: '1250.00',
  gstRate: '18',
};
const SERVICE = {
  description: 'Share transfer handling',
  hsnSac: '998399',
  quantity: '1',
  unit: 'OTH',
  rate: '15000',
  gstRate: '18',
};

/** What makes two documents "the same": per-line figures and the totals, without ids. */
const lineFigures = (lines: Line[]) =>
  lines.map(({ description, hsnSac, quantity, rate, gstRate, taxableValue, cgst, sgst, igst, total }) => ({
    description,
    hsnSac,
    quantity,
    rate,
    gstRate,
    taxableValue,
    cgst,
    sgst,
    igst,
    total,
  }));

describe(`quotations, proformas and delivery challans (${testDialect()})`, () => {
  let t: TestApp;
  let pub: FastifyInstance;
  let world: OrderWorld;
  let token: string;
  let clientId: number;

  beforeEach(async () => {
    t = await createTestApp();
    pub = await buildPublicApp({ services: t.services, contactRateLimit: { max: 3, timeWindowMs: 60_000 } });
    await pub.ready();
    world = await createOrderWorld(t);
    token = world.owner.token;
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: { gstin: OUR_GSTIN, address: { line1: '4 FC Road', city: 'Pune', pin: '411004' } },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    clientId = (
      await post<{ id: number }>(t, token, '/api/v1/parties', {
        name: 'Gujarat Mills',
        kind: 'company',
        roles: ['client'],
        gstin: GJ_GSTIN,
        gstRegistrationType: 'regular',
        billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
      })
    ).id;
  });
  afterEach(async () => {
    await pub?.close();
    await t.close();
  });

  const create = (body: Record<string, unknown>) =>
    post<Doc>(t, token, '/api/v1/sales-documents', { partyId: clientId, date: '2026-11-20', lines: [GOODS], ...body });

  async function journalCount(): Promise<number> {
    const row = await t.services.database.db
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function gstr1(): Promise<Record<string, unknown>> {
    const res = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-11', token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<string, unknown>>();
  }

  it('a quotation accepted through its public link converts into an invoice with the same lines and totals', async () => {
    const quote = await create({
      kind: 'quotation',
      validUntil: '2026-12-05',
      lines: [
        GOODS,
        { ...GOODS, description: 'Binding wire', hsnSac: '72171010', quantity: '2.5', rate: '80', gstRate: '12' },
      ],
      terms: 'Delivery in 7 days',
    });
    expect(quote.status).toBe('draft');
    expect(quote.number).toBe('QT/2026-27/0001');
    // Priced by the invoice engine: Maharashtra to Gujarat is IGST.
    expect(quote.tax.regime).toBe('IGST');
    expect(quote.totals.taxableValue).toBe('12700.00');
    expect(quote.totals.igst).toBe('2274.00');

    const link = await post<{ token: string; path: string }>(t, token, `/api/v1/sales-documents/${quote.id}/link`, {});
    expect(link.path).toBe(`/public/quotation/${link.token}`);
    expect((await get<Doc>(t, token, `/api/v1/sales-documents/${quote.id}`)).status).toBe('sent');

    const page = await pub.inject({ method: 'GET', url: link.path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(quote.number);
    expect(page.body).toContain('Accept quotation');
    const pdf = await pub.inject({ method: 'GET', url: `${link.path}/pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // The client accepts through the plain HTML form.
    const answer = await pub.inject({
      method: 'POST',
      url: `${link.path}/respond`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'response=accept&note=Go+ahead',
    });
    expect(answer.statusCode, answer.body).toBe(303);
    const accepted = await get<Doc & { responseNote: string }>(t, token, `/api/v1/sales-documents/${quote.id}`);
    expect(accepted.status).toBe('accepted');
    expect(accepted.responseNote).toBe('Go ahead');
    // A second answer is refused: the quotation is no longer open.
    const again = await pub.inject({ method: 'POST', url: `${link.path}/respond`, payload: { response: 'decline' } });
    expect(again.statusCode).toBe(409);

    const invoice = await post<InvoiceJson>(t, token, `/api/v1/sales-documents/${quote.id}/convert-to-invoice`, {});
    expect(invoice.type).toBe('sales');
    expect(invoice.status).toBe('draft');
    expect(invoice.party.id).toBe(clientId);
    expect(invoice.tax.placeOfSupply.code).toBe(quote.tax.placeOfSupply.code);
    expect(lineFigures(invoice.lines)).toEqual(lineFigures(quote.lines));
    expect(invoice.totals).toEqual(quote.totals);

    const converted = await get<Doc>(t, token, `/api/v1/sales-documents/${quote.id}`);
    expect(converted.status).toBe('converted');
    expect(converted.conversions.map((c) => c.invoiceId)).toEqual([invoice.id]);
    // Converted once: a second conversion is refused.
    const twice = await t.call({
      method: 'POST',
      url: `/api/v1/sales-documents/${quote.id}/convert-to-invoice`,
      token,
      body: {},
    });
    expect(twice.statusCode).toBe(409);
  });

  it('a service quotation converts into an order with its order type, fees and partner', async () => {
    const quote = await post<Doc>(t, token, '/api/v1/sales-documents', {
      kind: 'quotation',
      partyId: world.client.id,
      date: '2026-11-20',
      orderTypeId: world.orderType.id,
      partnerId: world.partner.id,
      lines: [SERVICE],
    });
    const accept = await post<Doc>(t, token, `/api/v1/sales-documents/${quote.id}/status`, { status: 'accepted' }, 200);
    expect(accept.status).toBe('accepted');
    const order = await post<{
      id: number;
      title: string;
      fees: string;
      client: { id: number };
      partner: { id: number } | null;
      orderType: { id: number };
    }>(t, token, `/api/v1/sales-documents/${quote.id}/convert-to-order`, {});
    expect(order.title).toBe(SERVICE.description);
    expect(order.client.id).toBe(world.client.id);
    expect(order.partner?.id).toBe(world.partner.id);
    expect(order.orderType.id).toBe(world.orderType.id);
    // The fee is the quotation's value before GST (the order's invoice adds the tax).
    expect(order.fees).toBe(quote.totals.taxableValue);
    expect(order.fees).toBe('15000.00');
    const after = await get<Doc>(t, token, `/api/v1/sales-documents/${quote.id}`);
    expect(after.status).toBe('converted');
    expect(after.convertedOrderId).toBe(order.id);
  });

  it('a proforma with an advance converts into an invoice, and the advance settles it as it is issued', async () => {
    const proforma = await create({ kind: 'proforma' });
    expect(proforma.number).toBe('PI/2026-27/0001');
    expect(proforma.totals.grandTotal).toBe('14750.00');
    const pdf = await t.call({ method: 'GET', url: `/api/v1/sales-documents/${proforma.id}/pdf`, token });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const withAdvance = await post<Doc>(t, token, `/api/v1/sales-documents/${proforma.id}/advances`, {
      date: '2026-11-21',
      amount: '5000',
      mode: 'upi',
      reference: 'UPI-77',
    });
    expect(withAdvance.advanceTotal).toBe('5000.00');

    const invoice = await post<InvoiceJson>(t, token, `/api/v1/sales-documents/${proforma.id}/convert-to-invoice`, {
      date: '2026-11-23',
    });
    expect(invoice.totals.grandTotal).toBe('14750.00');
    const issued = await post<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}/issue`, {}, 200);
    const settled = await get<InvoiceJson>(t, token, `/api/v1/invoices/${issued.id}`);
    expect(settled.amountPaid).toBe('5000.00');
    expect(settled.balanceDue).toBe('9750.00');

    // A further payment against the proforma after the invoice is issued settles that invoice at once.
    await post<Doc>(t, token, `/api/v1/sales-documents/${proforma.id}/advances`, {
      date: '2026-11-23',
      amount: '2000',
      mode: 'cash',
    });
    expect((await get<InvoiceJson>(t, token, `/api/v1/invoices/${issued.id}`)).balanceDue).toBe('7750.00');
  });

  it('a delivery challan converts in parts, never beyond its quantity', async () => {
    const challan = await create({
      kind: 'delivery_challan',
      challanReason: 'supply_on_approval',
      transport: 'MH12AB1234',
    });
    expect(challan.number).toBe('DC/2026-27/0001');
    expect(challan.validUntil).toBeNull();
    const lineId = challan.lines[0]!.id;
    // Rule 55 needs a reason.
    const noReason = await t.call({
      method: 'POST',
      url: '/api/v1/sales-documents',
      token,
      body: { kind: 'delivery_challan', partyId: clientId, date: '2026-11-20', lines: [GOODS] },
    });
    expect(noReason.statusCode).toBe(400);

    const first = await post<InvoiceJson>(t, token, `/api/v1/sales-documents/${challan.id}/convert-to-invoice`, {
      lines: [{ lineId, quantity: '4' }],
    });
    expect(first.lines[0]!.quantity).toBe('4');
    expect(first.totals.taxableValue).toBe('5000.00');
    const partly = await get<Doc>(t, token, `/api/v1/sales-documents/${challan.id}`);
    expect(partly.status).toBe('draft');
    expect(partly.lines[0]!.convertedQuantity).toBe('4');
    expect(partly.lines[0]!.remainingQuantity).toBe('6');

    const tooMuch = await t.call({
      method: 'POST',
      url: `/api/v1/sales-documents/${challan.id}/convert-to-invoice`,
      token,
      body: { lines: [{ lineId, quantity: '6.5' }] },
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json<{ code: string }>().code).toBe('LIMIT_EXCEEDED');

    const rest = await post<InvoiceJson>(t, token, `/api/v1/sales-documents/${challan.id}/convert-to-invoice`, {
      lines: [{ lineId, quantity: '6' }],
    });
    expect(rest.totals.taxableValue).toBe('7500.00');
    const done = await get<Doc>(t, token, `/api/v1/sales-documents/${challan.id}`);
    expect(done.status).toBe('converted');
    expect(done.conversions.map((c) => c.invoiceId)).toEqual([first.id, rest.id]);

    // Deleting the second draft invoice gives its quantity back: the challan is open again for the 6.
    const removed = await t.call({ method: 'DELETE', url: `/api/v1/invoices/${rest.id}`, token });
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    const reopened = await get<Doc>(t, token, `/api/v1/sales-documents/${challan.id}`);
    expect(reopened.status).toBe('draft');
    expect(reopened.lines[0]!.remainingQuantity).toBe('6');
    expect(reopened.conversions.map((c) => c.invoiceId)).toEqual([first.id]);
  });

  it('posts nothing to the ledger and reports nothing in GSTR-1', async () => {
    const journalBefore = await journalCount();
    const quote = await create({ kind: 'quotation' });
    const proforma = await create({ kind: 'proforma' });
    await create({ kind: 'delivery_challan', challanReason: 'job_work' });
    await post(t, token, `/api/v1/sales-documents/${quote.id}/status`, { status: 'accepted' }, 200);
    expect(await journalCount()).toBe(journalBefore);

    // Nothing but the header: no B2B, B2C, HSN or document-issue section for three documents of the month.
    const empty = await gstr1();
    expect(Object.keys(empty).sort()).toEqual(['fp', 'gstin', 'hash', 'version']);
    expect(await t.services.database.db.selectFrom('invoices').select('id').execute()).toEqual([]);

    // The control: once the proforma becomes an issued tax invoice, that invoice (and only it) is reported and posted.
    const invoice = await post<InvoiceJson>(t, token, `/api/v1/sales-documents/${proforma.id}/convert-to-invoice`, {});
    const issued = await post<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}/issue`, {}, 200);
    const ret = await gstr1();
    const b2b = (ret.b2b ?? []) as { inv: { inum: string }[] }[];
    expect(b2b.flatMap((p) => p.inv.map((i) => i.inum))).toEqual([issued.number]);
    expect(await journalCount()).toBe(journalBefore + 1);
  });

  it('expires a quotation past its validity date and lists by status in pages', async () => {
    await create({ kind: 'quotation', date: '2026-11-01', validUntil: '2026-11-10' });
    await create({ kind: 'quotation', date: '2026-11-20', validUntil: '2026-12-10' });
    await create({ kind: 'quotation', date: '2026-11-21', validUntil: '2026-12-10' });
    await create({ kind: 'proforma', date: '2026-11-21' });
    const expired = await get<{ items: Doc[]; total: number }>(
      t,
      token,
      '/api/v1/sales-documents?kind=quotation&status=expired',
    );
    expect(expired.items.map((d) => d.validUntil)).toEqual(['2026-11-10']);
    expect(expired.items[0]!.status).toBe('expired');
    const drafts = await get<{ items: Doc[]; total: number }>(
      t,
      token,
      '/api/v1/sales-documents?kind=quotation&status=draft&pageSize=1&page=2',
    );
    expect(drafts.total).toBe(2);
    expect(drafts.items.map((d) => d.number)).toEqual(['QT/2026-27/0002']);
    // An expired quotation cannot be converted.
    const id = expired.items[0]!.id;
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/sales-documents/${id}/convert-to-invoice`,
      token,
      body: {},
    });
    expect(res.statusCode).toBe(409);
  });
});
