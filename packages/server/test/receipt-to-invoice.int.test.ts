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

  interface PaymentJson {
    direction: string;
    party: { id: number };
    amount: string;
    reference: string | null;
    unallocatedAmount: string;
    allocations: { invoiceId: number; amount: string }[];
  }

  it('records every receipt as a payment allocated to the issued invoice; edits and deletes move it', async () => {
    const order = await createOrder(t, w);
    const invoice = await issuedInvoiceOf(order.id);
    const total = invoice.totals.grandTotal;
    const receipt = await addReceipt(t, token, order.id, '5000.00', { reference: 'UTR 991' });

    // Issue 14: the receipt is a customer payment from the start, allocated to the order's issued invoice.
    const linked = await get<{ items: ReceiptJson[] }>(t, token, `/api/v1/orders/${order.id}/receipts`);
    const paymentId = linked.items[0]?.appliedPaymentId;
    expect(paymentId).toBeGreaterThan(0);
    const payment = await get<PaymentJson>(t, token, `/api/v1/payments/${paymentId}`);
    expect(payment).toMatchObject({ direction: 'received', party: { id: w.client.id }, amount: '5000.00' });
    expect(payment.reference).toBe('UTR 991');
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: '5000.00' })]);

    const after = await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`);
    const balanceAfter = (paid: number) => (Math.round(Number(total) * 100) - paid * 100) / 100;
    expect(Number(after.balanceDue)).toBe(balanceAfter(5000));
    expect(after.paymentStatus).toBe('partial');
    // The receipt counts once on the order, whose amount due is now exactly the invoice's total.
    const money = await orderOf(t, token, order.id);
    expect(money).toMatchObject({ amountReceived: '5000.00', amountDue: total, paymentStatus: 'partial' });

    // "Apply" has nothing left to allocate: refused as a state, not a server error.
    expectProblem(await apply(order.id, receipt.id, invoice.id), 409, 'INVALID_STATE');
    // Deallocated on the Payments page, the receipt's payment can be applied to the invoice again.
    const freed = await t.call({
      method: 'DELETE',
      url: `/api/v1/payments/${paymentId}/allocations/${invoice.id}`,
      token,
    });
    expect(freed.statusCode).toBe(200);
    expect((await orderOf(t, token, order.id)).amountReceived).toBe('5000.00');
    const reapplied = await apply(order.id, receipt.id, invoice.id);
    expect(reapplied.statusCode).toBe(201);
    expect(reapplied.json<ReceiptJson>().appliedPaymentId).toBe(paymentId);
    // The audit trail names the payment the receipt was applied to, as the app does, never a bare id.
    const trail = await get<{ items: { action: string; refNames: Record<string, string> }[] }>(
      t,
      token,
      `/api/v1/audit?entity=receipt&entityId=${receipt.id}`,
    );
    const applied = trail.items.find((e) => e.action === 'receipt.applied')!;
    expect(applied.refNames[`paymentId:${paymentId}`]).toMatch(new RegExp(`^Payment #${paymentId} · \\S`));
    expect(Number((await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`)).balanceDue)).toBe(
      balanceAfter(5000),
    );
    // Changing the receipt's amount changes its payment and re-allocates it.
    const changed = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/receipts/${receipt.id}`,
      token,
      body: { amount: '4000.00' },
    });
    expect(changed.statusCode).toBe(200);
    const repaid = await get<PaymentJson>(t, token, `/api/v1/payments/${paymentId}`);
    expect(repaid.amount).toBe('4000.00');
    expect(repaid.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: '4000.00' })]);
    expect(Number((await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`)).balanceDue)).toBe(
      balanceAfter(4000),
    );
    const noteOnly = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/receipts/${receipt.id}`,
      token,
      body: { note: 'Part payment' },
    });
    expect(noteOnly.statusCode).toBe(200);

    // The payment follows its receipt: the Payments page cannot delete it or change its amount.
    expectProblem(
      await t.call({ method: 'DELETE', url: `/api/v1/payments/${paymentId}`, token }),
      409,
      'INVALID_STATE',
    );
    expectProblem(
      await t.call({ method: 'PATCH', url: `/api/v1/payments/${paymentId}`, token, body: { amount: '1.00' } }),
      409,
      'INVALID_STATE',
    );

    // Deleting the receipt deletes its payment and gives the invoice its balance back.
    const removed = await t.call({ method: 'DELETE', url: `/api/v1/orders/${order.id}/receipts/${receipt.id}`, token });
    expect(removed.statusCode).toBeLessThan(300);
    expect((await t.call({ method: 'GET', url: `/api/v1/payments/${paymentId}`, token })).statusCode).toBe(404);
    const restored = await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`);
    expect(restored).toMatchObject({ balanceDue: total, paymentStatus: 'unpaid' });
    expect(await orderOf(t, token, order.id)).toMatchObject({ amountReceived: '0.00', paymentStatus: 'unpaid' });
  });

  it('allocates at most the balance and keeps the rest as an advance; refuses other orders and drafts', async () => {
    const order = await createOrder(t, w);
    const invoice = await issuedInvoiceOf(order.id);
    const over = await addReceipt(t, token, order.id, '50000.00');
    const receipts = await get<{ items: ReceiptJson[] }>(t, token, `/api/v1/orders/${order.id}/receipts`);
    const paymentId = receipts.items.find((r) => r.id === over.id)?.appliedPaymentId;
    const payment = await get<{ amount: string; unallocatedAmount: string }>(t, token, `/api/v1/payments/${paymentId}`);
    expect(payment.amount).toBe('50000.00');
    expect(Number(payment.unallocatedAmount)).toBe(50000 - Number(invoice.totals.grandTotal));
    expect((await get<InvoiceJson>(t, token, `/api/v1/invoices/${invoice.id}`)).paymentStatus).toBe('paid');
    expect((await orderOf(t, token, order.id)).paymentStatus).toBe('overpaid');

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
    // The second receipt stays an unallocated advance of the client.
    const unapplied = await get<{ items: ReceiptJson[] }>(t, token, `/api/v1/orders/${order.id}/receipts`);
    const secondPayment = unapplied.items.find((r) => r.id === second.id)?.appliedPaymentId;
    expect(
      (await get<{ unallocatedAmount: string }>(t, token, `/api/v1/payments/${secondPayment}`)).unallocatedAmount,
    ).toBe('100.00');
  });
});
