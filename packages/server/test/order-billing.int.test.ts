import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSummaries } from '../src/contexts/analytics/metric-summaries/summaries';
import { up as billOrdersThroughInvoices } from '../src/migrations/202612050900-bill-orders-through-invoices';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { createOrder, createOrderWorld, get, post, type OrderWorld } from './orders-factories';
import { addReceipt, closeAs } from './order-money-support';

/**
 * Issue 14, "orders are billed through invoices": an order's amount due is what the client is billed (GST
 * included), its invoice stays linked through edits and issue, and every receipt is a customer payment in the one
 * book, allocated to the order's invoice or kept as an advance that the invoice takes when it is issued.
 */

interface InvoiceJson {
  id: number;
  number: string | null;
  status: string;
  orderId: number | null;
  balanceDue: string;
  paymentStatus: string | null;
  totals: { taxableValue: string; grandTotal: string };
  lines: { description: string; hsnSac: string; gstRate: string; taxableValue: string }[];
}

interface OrderJson {
  amountDue: string;
  amountReceived: string;
  balanceDue: string;
  paymentStatus: string;
  invoiceIds: number[];
  invoices: { id: number; number: string | null }[];
}

interface PaymentJson {
  amount: string;
  unallocatedAmount: string;
  allocations: { invoiceId: number; amount: string }[];
}

describe(`orders billed through invoices (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  let token: string;

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
    token = w.owner.token;
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/order-types/${w.orderType.id}`,
      token,
      body: { sacCode: '998311', gstRate: '18' },
    });
    expect(patched.statusCode).toBe(200);
  });
  afterEach(async () => t.close());

  const order = (id: number) => get<OrderJson>(t, token, `/api/v1/orders/${id}`);
  const invoiceOf = (id: number) => get<InvoiceJson>(t, token, `/api/v1/invoices/${id}`);

  async function draftInvoice(orderId: number): Promise<InvoiceJson> {
    const res = await t.call({ method: 'POST', url: `/api/v1/orders/${orderId}/invoice`, token });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<InvoiceJson>();
  }

  async function issue(id: number): Promise<InvoiceJson> {
    const res = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<InvoiceJson>();
  }

  async function receiptPayment(orderId: number, receiptId: number): Promise<PaymentJson> {
    const list = await get<{ items: { id: number; appliedPaymentId: number | null }[] }>(
      t,
      token,
      `/api/v1/orders/${orderId}/receipts`,
    );
    const paymentId = list.items.find((r) => r.id === receiptId)?.appliedPaymentId;
    expect(paymentId).toBeGreaterThan(0);
    return get<PaymentJson>(t, token, `/api/v1/payments/${paymentId}`);
  }

  it('bills ₹10,000 of fees as ₹11,800, keeps the link through an edit, and one receipt pays order and invoice', async () => {
    const created = await createOrder(t, w, { fees: '10000', baseCharges: '2000' });
    // Before any invoice the amount due is what the client will be billed: fees + 18% GST.
    expect(await order(created.id)).toMatchObject({ amountDue: '11800.00', paymentStatus: 'unpaid', invoiceIds: [] });
    await closeAs(t, token, created.id, 'completed');

    const draft = await draftInvoice(created.id);
    expect(draft.lines.map((l) => [l.hsnSac, l.gstRate, l.taxableValue])).toEqual([['998311', '18', '10000.00']]);
    // The editor saves the whole draft; a body without orderId keeps the link (null would unlink on purpose).
    const saved = await t.call({
      method: 'PUT',
      url: `/api/v1/invoices/${draft.id}`,
      token,
      body: {
        partyId: w.client.id,
        date: '2026-11-23',
        notes: 'Checked by the accountant',
        lines: [{ description: 'Share transfer fees', hsnSac: '998311', quantity: '1', rate: '10000', gstRate: '18' }],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<InvoiceJson>().orderId).toBe(created.id);

    const issued = await issue(draft.id);
    expect(issued).toMatchObject({ status: 'issued', orderId: created.id, totals: { grandTotal: '11800.00' } });
    const billed = await order(created.id);
    expect(billed).toMatchObject({ amountDue: '11800.00', invoiceIds: [issued.id] });
    expect(billed.invoices).toEqual([{ id: issued.id, number: issued.number, type: 'sales', status: 'issued' }]);

    const receipt = await addReceipt(t, token, created.id, '11800.00', { date: '2026-11-24' });
    expect(await order(created.id)).toMatchObject({
      amountReceived: '11800.00',
      balanceDue: '0.00',
      paymentStatus: 'paid',
    });
    expect(await invoiceOf(issued.id)).toMatchObject({ paymentStatus: 'paid', balanceDue: '0.00' });
    const payment = await receiptPayment(created.id, receipt.id);
    expect(payment).toMatchObject({ amount: '11800.00', unallocatedAmount: '0.00' });
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: issued.id, amount: '11800.00' })]);

    // Collected is every payment received in the month however recorded: the receipt and a payment entered on the
    // Payments page (an unallocated advance of ₹1,000), but not a payment made to a supplier.
    await post(t, token, '/api/v1/payments', {
      direction: 'received',
      partyId: w.client.id,
      date: '2026-11-25',
      mode: 'upi',
      amount: '1000.00',
      tdsAmount: '100.00',
      allocations: [],
    });
    const dashboard = await get<{ kpis: { key: string; value: string | null }[] }>(
      t,
      token,
      '/api/v1/dashboard?from=2026-11-01&to=2026-11-30',
    );
    const payments = await get<{ items: { amount: string; date: string }[] }>(
      t,
      token,
      '/api/v1/payments?direction=received&from=2026-11-01&to=2026-11-30',
    );
    const received = payments.items.reduce((s, p) => s + Math.round(Number(p.amount) * 100), 0);
    expect(received).toBe(1_280_000);
    expect(dashboard.kpis.find((k) => k.key === 'collected')?.value).toBe('12800.00');
    // The advance is the client's, not this order's: the order stays paid, not overpaid.
    expect((await order(created.id)).paymentStatus).toBe('paid');
  });

  it('keeps a receipt before the invoice as an advance and applies it when the invoice is issued', async () => {
    const created = await createOrder(t, w, { fees: '10000' });
    const advance = await addReceipt(t, token, created.id, '5000.00');
    expect(await receiptPayment(created.id, advance.id)).toMatchObject({
      amount: '5000.00',
      unallocatedAmount: '5000.00',
      allocations: [],
    });
    expect(await order(created.id)).toMatchObject({ amountDue: '11800.00', paymentStatus: 'partial' });

    const draft = await draftInvoice(created.id);
    // A draft is listed on the order but takes nothing.
    expect((await order(created.id)).invoiceIds).toEqual([draft.id]);
    expect((await receiptPayment(created.id, advance.id)).unallocatedAmount).toBe('5000.00');
    const issued = await issue(draft.id);
    expect(issued).toMatchObject({ paymentStatus: 'partial', balanceDue: '6800.00' });
    const applied = await receiptPayment(created.id, advance.id);
    expect(applied.unallocatedAmount).toBe('0.00');
    expect(applied.allocations).toEqual([expect.objectContaining({ invoiceId: issued.id, amount: '5000.00' })]);
    expect(await order(created.id)).toMatchObject({
      amountDue: '11800.00',
      amountReceived: '5000.00',
      balanceDue: '6800.00',
      paymentStatus: 'partial',
    });

    await addReceipt(t, token, created.id, '6800.00');
    expect((await order(created.id)).paymentStatus).toBe('paid');
    expect((await invoiceOf(issued.id)).paymentStatus).toBe('paid');
  });

  it('bills base charges only on a failed order, and its amount due is base charges plus GST', async () => {
    const created = await createOrder(t, w, { fees: '10000', baseCharges: '2000' });
    await closeAs(t, token, created.id, 'failed');
    expect((await order(created.id)).amountDue).toBe('2360.00');
    const draft = await draftInvoice(created.id);
    expect(draft.lines).toHaveLength(1);
    expect(draft.lines[0]?.description).toContain('base charges');
    expect(draft.totals).toMatchObject({ taxableValue: '2000.00', grandTotal: '2360.00' });
    const issued = await issue(draft.id);
    expect(await order(created.id)).toMatchObject({ amountDue: '2360.00', invoiceIds: [issued.id] });
  });

  it('follows credit notes and cancellation: the amount due is the issued total less credit notes', async () => {
    const created = await createOrder(t, w, { fees: '10000' });
    const issued = await issue((await draftInvoice(created.id)).id);
    const full = await invoiceOf(issued.id);
    const note = await post<{ id: number }>(t, token, '/api/v1/invoices', {
      type: 'credit_note',
      originalInvoiceId: issued.id,
      date: '2026-11-23',
      noteReason: 'Fee reduced',
      lines: [
        {
          description: 'Fee reduced',
          hsnSac: '998311',
          quantity: '1',
          rate: '1000',
          gstRate: '18',
          originalLineId: (full as unknown as { lines: { id: number }[] }).lines[0]?.id,
        },
      ],
    });
    await issue(note.id);
    const credited = await order(created.id);
    expect(credited.amountDue).toBe('10620.00');
    expect(credited.invoiceIds).toEqual([issued.id, note.id]);
    // Cancelling the note and then the invoice returns the order to its estimate.
    const cancel = (id: number) =>
      t.call({ method: 'POST', url: `/api/v1/invoices/${id}/cancel`, token, body: { reason: 'Raised in error' } });
    expect((await cancel(note.id)).statusCode).toBe(200);
    expect((await order(created.id)).amountDue).toBe('11800.00');
    expect((await cancel(issued.id)).statusCode).toBe(200);
    expect((await order(created.id)).amountDue).toBe('11800.00');
  });

  it('the migration gives a receipt recorded before issue 14 its payment, allocated to the issued invoice', async () => {
    const created = await createOrder(t, w, { fees: '10000' });
    const issued = await issue((await draftInvoice(created.id)).id);
    const receipt = await addReceipt(t, token, created.id, '12000.00');
    // Make it a receipt as the old code left it: no payment, the invoice unpaid, the order's old figures.
    const db = t.services.database.db;
    const legacy = await db
      .selectFrom('order_receipts')
      .select('payment_id')
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    await db.updateTable('order_receipts').set({ payment_id: null }).where('id', '=', receipt.id).execute();
    await db.deleteFrom('payment_allocations').where('payment_id', '=', Number(legacy.payment_id)).execute();
    await db.deleteFrom('payments').where('id', '=', Number(legacy.payment_id)).execute();
    await db
      .updateTable('invoices')
      .set({ amount_paid_paise: 0, balance_due_paise: 1_180_000, payment_status: 'unpaid' })
      .where('id', '=', issued.id)
      .execute();
    await db
      .updateTable('orders')
      .set({ amount_due_paise: 1_000_000, payment_status: 'overpaid' })
      .where('id', '=', created.id)
      .execute();

    await billOrdersThroughInvoices(db);

    const payment = await receiptPayment(created.id, receipt.id);
    expect(payment).toMatchObject({ amount: '12000.00', unallocatedAmount: '200.00' });
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: issued.id, amount: '11800.00' })]);
    expect(await invoiceOf(issued.id)).toMatchObject({ paymentStatus: 'paid', balanceDue: '0.00' });
    expect(await order(created.id)).toMatchObject({
      amountDue: '11800.00',
      amountReceived: '12000.00',
      paymentStatus: 'overpaid',
    });
    // An order without an invoice gets its estimate with GST; the summaries agree with their sources.
    const open = await createOrder(t, w, { fees: '2500.50' });
    await db.updateTable('orders').set({ amount_due_paise: 250_050 }).where('id', '=', open.id).execute();
    await billOrdersThroughInvoices(db);
    expect((await order(open.id)).amountDue).toBe('2951.00');
    expect(await checkSummaries(db, t.services.database.dialect)).toEqual([]);
  });
});
