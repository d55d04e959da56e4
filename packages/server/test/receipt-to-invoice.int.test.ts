import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { createOrder, createOrderWorld, expectProblem, get, type OrderWorld } from './orders-factories';
import { addReceipt, orderOf } from './order-money-support';

interface InvoiceJson {
  id: number;
  number: string | null;
  balanceDue: string;
  paymentStatus: string | null;
  totals: { grandTotal: string };
}

interface ReceiptJson {
  id: number;
  amount: string;
  appliedPaymentId: number | null;
}

describe(`an order's receipts applied to its invoice (${testDialect()})`, () => {
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
      body: { sacCode: '998399', gstRate: '18' },
    });
    expect(patched.statusCode).toBe(200);
  });
  afterEach(async () => t.close());

  async function issuedInvoiceOf(orderId: number): Promise<InvoiceJson> {
    const draft = await t.call({ method: 'POST', url: `/api/v1/orders/${orderId}/invoice`, token });
    expect(draft.statusCode).toBe(201);
    const id = draft.json<{ id: number }>().id;
    const issued = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    expect(issued.statusCode).toBe(200);
    return issued.json<InvoiceJson>();
  }

  const apply = (orderId: number, receiptId: number, invoiceId: number) =>
    t.call({
      method: 'POST',
      url: `/api/v1/orders/${orderId}/receipts/${receiptId}/apply`,
      token,
      body: { invoiceId },
    });

  it('records a payment allocated to the invoice, links it, and keeps the order and invoice balances right', async () => {
    const order = await createOrder(t, w);
    const invoice = await issuedInvoiceOf(order.id);
    const total = invoice.totals.grandTotal;
    const receipt = await addReceipt(t, token, order.id, '5000.00', { reference: 'UTR 991' });

    const res = await apply(order.id, receipt.id, invoice.id);
    expect(res.statusCode).toBe(201);
    const applied = res.json<ReceiptJson>();
    expect(applied.appliedPaymentId).toBeGreaterThan(0);

    const payment = await get<{
      direction: string;
      party: { id: number };
      amount: string;
      reference: string | null;
      allocations: { invoiceId: number; amount: string }[];
    }>(t, token, `/api/v1/payments/${applied.appliedPaymentId}`);
    expect(payment).toMatchObject({ direction: 'received', party: { id: w.client.id }, amount: '5000.00' });
    expect(payment.reference).toBe('UTR 991');
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: '5000.00' })]);

    const after = await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`);
    const expectedBalance = (Math.round(Number(total) * 100) - 500_000) / 100;
    expect(Number(after.balanceDue)).toBe(expectedBalance);
    expect(after.paymentStatus).toBe('partial');
    // The receipt still counts once towards the order's own payment status.
    const money = await orderOf(t, token, order.id);
    expect(money.amountReceived).toBe('5000.00');

    // Applying twice is refused, and an applied receipt keeps its amount and cannot be deleted.
    expectProblem(await apply(order.id, receipt.id, invoice.id), 409, 'INVALID_STATE');
    expectProblem(
      await t.call({
        method: 'PATCH',
        url: `/api/v1/orders/${order.id}/receipts/${receipt.id}`,
        token,
        body: { amount: '4000.00' },
      }),
      409,
      'INVALID_STATE',
    );
    const noteOnly = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/receipts/${receipt.id}`,
      token,
      body: { note: 'Part payment' },
    });
    expect(noteOnly.statusCode).toBe(200);
    expectProblem(
      await t.call({ method: 'DELETE', url: `/api/v1/orders/${order.id}/receipts/${receipt.id}`, token }),
      409,
      'INVALID_STATE',
    );

    // Deleting the payment un-applies the receipt and restores the invoice's balance.
    const removed = await t.call({ method: 'DELETE', url: `/api/v1/payments/${applied.appliedPaymentId}`, token });
    expect(removed.statusCode).toBe(200);
    const receipts = await get<{ items: ReceiptJson[] }>(t, token, `/api/v1/orders/${order.id}/receipts`);
    expect(receipts.items[0]?.appliedPaymentId).toBeNull();
    expect((await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`)).balanceDue).toBe(total);
  });

  it('allocates at most the balance and keeps the rest as an advance; refuses other orders and drafts', async () => {
    const order = await createOrder(t, w);
    const invoice = await issuedInvoiceOf(order.id);
    const over = await addReceipt(t, token, order.id, '50000.00');
    const res = await apply(order.id, over.id, invoice.id);
    expect(res.statusCode).toBe(201);
    const paymentId = res.json<ReceiptJson>().appliedPaymentId;
    const payment = await get<{ amount: string; unallocatedAmount: string }>(t, token, `/api/v1/payments/${paymentId}`);
    expect(payment.amount).toBe('50000.00');
    expect(Number(payment.unallocatedAmount)).toBe(50000 - Number(invoice.totals.grandTotal));
    expect((await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`)).paymentStatus).toBe('paid');

    // A paid invoice has nothing left; another order's invoice and a draft are refused naming the field.
    const second = await addReceipt(t, token, order.id, '100.00');
    const paid = await apply(order.id, second.id, invoice.id);
    expectProblem(paid, 400, 'VALIDATION_FAILED');
    const other = await createOrder(t, w, { title: 'Another order' });
    const otherInvoice = await issuedInvoiceOf(other.id);
    const wrong = await apply(order.id, second.id, otherInvoice.id);
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('invoiceId');
    const third = await createOrder(t, w, { title: 'Draft only' });
    const draft = await t.call({ method: 'POST', url: `/api/v1/orders/${third.id}/invoice`, token });
    const thirdReceipt = await addReceipt(t, token, third.id, '100.00');
    expectProblem(await apply(third.id, thirdReceipt.id, draft.json<{ id: number }>().id), 400, 'VALIDATION_FAILED');
    const unapplied = await get<{ items: ReceiptJson[] }>(t, token, `/api/v1/orders/${order.id}/receipts`);
    expect(unapplied.items.find((r) => r.id === second.id)?.appliedPaymentId).toBeNull();
  });
});
