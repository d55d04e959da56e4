import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { createOrder, createOrderWorld, get, type OrderWorld } from './orders-factories';

interface InvoiceJson {
  id: number;
  type: string;
  status: string;
  orderId: number | null;
  party: { id: number };
  totals: { taxableValue: string; cgst: string; sgst: string; grandTotal: string };
  lines: { description: string; hsnSac: string; gstRate: string; taxableValue: string }[];
}

describe(`invoice from an order (${testDialect()})`, () => {
  let t: TestApp;
  let world: OrderWorld;

  beforeEach(async () => {
    t = await createTestApp();
    world = await createOrderWorld(t);
  });
  afterEach(async () => t.close());

  it("drafts a tax invoice for the fees with the order type's SAC and rate, linked and on the timeline", async () => {
    const token = world.owner.token;
    const order = await createOrder(t, world);
    const noSac = await t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/invoice`, token });
    expect(noSac.statusCode).toBe(409);
    expect(noSac.json()).toMatchObject({ code: 'INVALID_STATE', detail: expect.stringContaining('SAC') });

    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/order-types/${world.orderType.id}`,
      token,
      body: { sacCode: '998399', gstRate: '18' },
    });
    expect(patched.statusCode).toBe(200);
    const res = await t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/invoice`, token });
    expect(res.statusCode).toBe(201);
    const invoice = res.json<InvoiceJson>();
    // The order type's defaults: ₹15,000 fee and ₹2,500.50 base charge. An open order bills its fees only: base
    // charges are owed only once an order fails (issue 14), never both.
    expect(invoice).toMatchObject({
      type: 'sales',
      status: 'draft',
      orderId: order.id,
      party: { id: world.client.id },
      // Intra-state (no party state: our own): 9% + 9%.
      totals: { taxableValue: '15000.00', cgst: '1350.00', sgst: '1350.00', grandTotal: '17700.00' },
    });
    expect(invoice.lines.map((l) => [l.hsnSac, l.gstRate, l.taxableValue])).toEqual([['998399', '18', '15000.00']]);
    expect(invoice.lines[0]?.description).toContain(order.number);

    const linked = await get<{ items: { id: number }[] }>(t, token, `/api/v1/invoices?orderId=${order.id}`);
    expect(linked.items.map((i) => i.id)).toEqual([invoice.id]);
    const timeline = await get<{ items: { kind: string; summary: string }[] }>(
      t,
      token,
      `/api/v1/orders/${order.id}/history`,
    );
    expect(timeline.items.map((e) => e.kind)).toContain('invoice.drafted');
  });

  it("refuses to link an invoice to another client's order", async () => {
    const token = world.owner.token;
    const order = await createOrder(t, world);
    const other = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { name: 'Someone Else', roles: ['client'], gstRegistrationType: 'unregistered' },
    });
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId: other.json<{ id: number }>().id,
        date: '2026-11-23',
        orderId: order.id,
        lines: [{ description: 'Fees', hsnSac: '998399', quantity: '1', rate: '100', gstRate: '18' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'orderId' }] });
  });
});
