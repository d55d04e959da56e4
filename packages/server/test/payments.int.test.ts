import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const SUPPLIER_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const LINE = { description: 'Service', hsnSac: '998314', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' };

interface InvoiceJson {
  id: number;
  number: string;
  grandTotal?: string;
  totals: { grandTotal: string };
  amountPaid: string;
  amountCredited: string;
  balanceDue: string;
  paymentStatus: string | null;
  isOverdue: boolean;
  lines: { id: number }[];
}
interface PaymentJson {
  id: number;
  allocatedAmount: string;
  unallocatedAmount: string;
  allocations: { invoiceId: number; amount: string; invoiceNumber: string | null }[];
}

describe(`payments (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let supplierId: number;

  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { kind: 'company', gstRegistrationType: 'regular', ...body },
    });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }

  /** Factory: an issued sales invoice of 1180.00 (1000 + 18 % GST) unless the lines say otherwise. */
  async function issuedInvoice(body: Record<string, unknown> = {}): Promise<InvoiceJson> {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', partyId: clientId, date: '2026-11-01', lines: [LINE], ...body },
    });
    if (created.statusCode !== 201) throw new Error(`create invoice failed: ${created.body}`);
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${created.json<{ id: number }>().id}/issue`,
      token,
    });
    if (res.statusCode !== 200) throw new Error(`issue failed: ${res.body}`);
    return res.json<InvoiceJson>();
  }

  async function invoice(id: number): Promise<InvoiceJson> {
    return (await t.call({ method: 'GET', url: `/api/v1/invoices/${id}`, token })).json<InvoiceJson>();
  }

  async function pay(body: Record<string, unknown>) {
    return t.call({
      method: 'POST',
      url: '/api/v1/payments',
      token,
      body: { direction: 'received', partyId: clientId, date: '2026-11-20', mode: 'upi', ...body },
    });
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    clientId = await createParty({
      name: 'Acme Pune',
      roles: ['client'],
      gstin: MH_GSTIN,
      billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
      paymentTermsDays: 30,
    });
    supplierId = await createParty({
      name: 'Gujarat Steel',
      roles: ['supplier'],
      gstin: SUPPLIER_GSTIN,
      billingAddress: { line1: '9 GIDC', city: 'Vapi', stateCode: '24', pin: '396195' },
    });
  });
  afterEach(async () => t.close());

  it('refuses an allocation over the balance, and changes nothing', async () => {
    const inv = await issuedInvoice();
    const res = await pay({ amount: '2000.00', allocations: [{ invoiceId: inv.id, amount: '1180.01' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'OVER_ALLOCATION', errors: [{ field: 'allocations.0.amount' }] });
    const count = await t.services.database.db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    expect(await invoice(inv.id)).toMatchObject({ amountPaid: '0.00', balanceDue: '1180.00', paymentStatus: 'unpaid' });

    // Allocations beyond the payment itself (amount + TDS) are refused too.
    const second = await issuedInvoice();
    const overPayment = await pay({
      amount: '1000.00',
      allocations: [
        { invoiceId: inv.id, amount: '800.00' },
        { invoiceId: second.id, amount: '300.00' },
      ],
    });
    expect(overPayment.json()).toMatchObject({ code: 'OVER_ALLOCATION', errors: [{ field: 'allocations' }] });
    expect((await invoice(inv.id)).balanceDue).toBe('1180.00');
  });

  it('balance and status follow allocate, deallocate, payment delete and credit notes', async () => {
    const inv = await issuedInvoice();
    const second = await issuedInvoice();
    expect(inv.paymentStatus).toBe('unpaid');

    // A payment with TDS, partly allocated: the rest is an advance.
    const created = await pay({
      amount: '900.00',
      tdsAmount: '100.00',
      reference: 'UTR123',
      allocations: [{ invoiceId: inv.id, amount: '500.00' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const payment = created.json<PaymentJson>();
    expect(payment).toMatchObject({ allocatedAmount: '500.00', unallocatedAmount: '500.00' });
    expect(payment.allocations[0]).toMatchObject({ invoiceId: inv.id, amount: '500.00', invoiceNumber: inv.number });
    expect(await invoice(inv.id)).toMatchObject({
      amountPaid: '500.00',
      balanceDue: '680.00',
      paymentStatus: 'partial',
    });

    // Allocate the advance later, across two invoices; more than the balance of one is refused.
    const over = await t.call({
      method: 'POST',
      url: `/api/v1/payments/${payment.id}/allocations`,
      token,
      body: { allocations: [{ invoiceId: inv.id, amount: '700.00' }] },
    });
    expect(over.json()).toMatchObject({ code: 'OVER_ALLOCATION' });
    const more = await t.call({
      method: 'POST',
      url: `/api/v1/payments/${payment.id}/allocations`,
      token,
      body: {
        allocations: [
          { invoiceId: inv.id, amount: '300.00' },
          { invoiceId: second.id, amount: '200.00' },
        ],
      },
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json<PaymentJson>()).toMatchObject({ allocatedAmount: '1000.00', unallocatedAmount: '0.00' });
    expect(await invoice(inv.id)).toMatchObject({
      amountPaid: '800.00',
      balanceDue: '380.00',
      paymentStatus: 'partial',
    });
    expect(await invoice(second.id)).toMatchObject({ amountPaid: '200.00', paymentStatus: 'partial' });

    // A second payment clears the first invoice.
    const full = (
      await pay({ amount: '380.00', allocations: [{ invoiceId: inv.id, amount: '380.00' }] })
    ).json<PaymentJson>();
    expect(await invoice(inv.id)).toMatchObject({ balanceDue: '0.00', paymentStatus: 'paid' });

    // Deallocate: back to partial.
    const dealloc = await t.call({ method: 'DELETE', url: `/api/v1/payments/${full.id}/allocations/${inv.id}`, token });
    expect(dealloc.statusCode).toBe(200);
    expect(dealloc.json<PaymentJson>()).toMatchObject({ allocatedAmount: '0.00', unallocatedAmount: '380.00' });
    expect(await invoice(inv.id)).toMatchObject({
      amountPaid: '800.00',
      balanceDue: '380.00',
      paymentStatus: 'partial',
    });

    // Delete the first payment: both invoices are unpaid again.
    const del = await t.call({ method: 'DELETE', url: `/api/v1/payments/${payment.id}`, token });
    expect(del.statusCode).toBe(200);
    expect(await invoice(inv.id)).toMatchObject({ amountPaid: '0.00', balanceDue: '1180.00', paymentStatus: 'unpaid' });
    expect(await invoice(second.id)).toMatchObject({ amountPaid: '0.00', paymentStatus: 'unpaid' });

    // A credit note reduces the balance; paying the rest makes it paid.
    const cn = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'credit_note',
        originalInvoiceId: inv.id,
        date: '2026-11-21',
        lines: [{ ...LINE, rate: '500.00', originalLineId: inv.lines[0]?.id }],
      },
    });
    expect(cn.statusCode, cn.body).toBe(201);
    await t.call({ method: 'POST', url: `/api/v1/invoices/${cn.json<{ id: number }>().id}/issue`, token });
    expect(await invoice(inv.id)).toMatchObject({
      amountCredited: '590.00',
      balanceDue: '590.00',
      paymentStatus: 'partial',
    });
    await pay({ amount: '590.00', allocations: [{ invoiceId: inv.id, amount: '590.00' }] });
    expect(await invoice(inv.id)).toMatchObject({ balanceDue: '0.00', paymentStatus: 'paid' });
    // Paid documents cannot be cancelled until their payments are deallocated.
    const cancel = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${inv.id}/cancel`,
      token,
      body: { reason: 'x' },
    });
    expect(cancel.json()).toMatchObject({ code: 'INVALID_STATE' });

    // No route sets a balance: the invoice write input has no such fields, and extra fields are ignored.
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'payment')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'payment.created',
      'payment.allocated',
      'payment.created',
      'payment.deallocated',
      'payment.deleted',
      'payment.created',
    ]);
  });

  it('marks an unpaid document overdue after its due date in business time', async () => {
    const inv = await issuedInvoice({ date: '2026-10-01' }); // due 2026-10-31 (30-day terms)
    expect(inv).toMatchObject({ paymentStatus: 'overdue', isOverdue: true });
    const current = await issuedInvoice({ date: '2026-11-20' });
    expect(current).toMatchObject({ paymentStatus: 'unpaid', isOverdue: false });
    // 2026-12-20 20:00 UTC is already 21 December in Kolkata: the second invoice (due 2026-12-20) is overdue.
    t.clock.set(new Date('2026-12-20T18:00:00Z')); // 23:30 on 20 December in Kolkata: due today, not overdue
    ({ token } = await t.login());
    expect(await invoice(current.id)).toMatchObject({ paymentStatus: 'unpaid', isOverdue: false });
    t.clock.set(new Date('2026-12-20T20:00:00Z'));
    ({ token } = await t.login());
    expect(await invoice(current.id)).toMatchObject({ paymentStatus: 'overdue', isOverdue: true });
  });

  it('refuses payments against the wrong party or direction, and bad amounts', async () => {
    const inv = await issuedInvoice();
    const wrongDirection = await pay({
      direction: 'made',
      amount: '10.00',
      allocations: [{ invoiceId: inv.id, amount: '10.00' }],
    });
    expect(wrongDirection.statusCode).toBe(400);
    expect(wrongDirection.json()).toMatchObject({ errors: [{ field: 'allocations.0.invoiceId' }] });
    const wrongParty = await pay({
      partyId: supplierId,
      amount: '10.00',
      allocations: [{ invoiceId: inv.id, amount: '10.00' }],
    });
    expect(wrongParty.json()).toMatchObject({ errors: [{ field: 'allocations.0.invoiceId' }] });
    const zero = await pay({ amount: '0' });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ errors: [{ field: 'amount' }] });
    const mode = await pay({ amount: '1', mode: 'barter' });
    expect(mode.json()).toMatchObject({ errors: [{ field: 'mode' }] });
  });

  it('pays supplier bills and ages receivables and payables in due-date buckets', async () => {
    // Receivables: due 2026-11-23 (not due), 2026-11-10 (13 days), 2026-09-30 (54 days), 2026-08-01 (114 days).
    // Issued in date order: numbers follow dates.
    await issuedInvoice({ date: '2026-07-01', dueDate: '2026-08-01' });
    const sept = await issuedInvoice({ date: '2026-09-01', dueDate: '2026-09-30' });
    await issuedInvoice({ date: '2026-11-01', dueDate: '2026-11-10' });
    await issuedInvoice({ date: '2026-11-20', dueDate: '2026-11-23' });
    await pay({ amount: '180.00', date: '2026-10-05', allocations: [{ invoiceId: sept.id, amount: '180.00' }] });

    const res = await t.call({ method: 'GET', url: '/api/v1/reports/ageing?direction=receivable', token });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{ asOf: string; rows: Record<string, unknown>[]; totals: Record<string, string> }>();
    expect(report.asOf).toBe('2026-11-23');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      party: { id: clientId, name: 'Acme Pune' },
      documents: 4,
      notDue: '1180.00',
      days0to30: '1180.00',
      days31to60: '1000.00',
      days61to90: '0.00',
      over90: '1180.00',
      total: '4540.00',
    });
    // As of an earlier date the later payment and invoices do not count yet.
    const earlier = await t.call({
      method: 'GET',
      url: '/api/v1/reports/ageing?direction=receivable&asOf=2026-10-01',
      token,
    });
    expect(earlier.json<{ totals: Record<string, string> }>().totals).toMatchObject({
      days0to30: '1180.00',
      days61to90: '1180.00',
      total: '2360.00',
    });

    // Payables: a purchase bill paid in part.
    const bill = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'purchase',
        partyId: supplierId,
        date: '2026-10-01',
        dueDate: '2026-10-15',
        supplierNumber: 'GS-77',
        supplierDate: '2026-10-01',
        lines: [LINE],
      },
    });
    expect(bill.statusCode, bill.body).toBe(201);
    const billId = bill.json<{ id: number }>().id;
    await t.call({ method: 'POST', url: `/api/v1/invoices/${billId}/issue`, token });
    const made = await t.call({
      method: 'POST',
      url: '/api/v1/payments',
      token,
      body: {
        direction: 'made',
        partyId: supplierId,
        date: '2026-11-01',
        amount: '1000.00',
        mode: 'bank_transfer',
        allocations: [{ invoiceId: billId, amount: '1000.00' }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const payables = await t.call({ method: 'GET', url: '/api/v1/reports/ageing?direction=payable', token });
    expect(payables.json<{ rows: Record<string, unknown>[] }>().rows).toEqual([
      expect.objectContaining({
        party: { id: supplierId, name: 'Gujarat Steel' },
        days31to60: '180.00',
        total: '180.00',
      }),
    ]);
  });

  it('builds a party ledger with opening balance, running balance and closing balance', async () => {
    const before = await issuedInvoice({ date: '2026-09-10' }); // 1180 before the period
    await pay({ amount: '180.00', date: '2026-09-20', allocations: [{ invoiceId: before.id, amount: '180.00' }] });
    const inv = await issuedInvoice({ date: '2026-11-05' });
    await pay({
      amount: '900.00',
      tdsAmount: '100.00',
      date: '2026-11-06',
      reference: 'UTR9',
      allocations: [{ invoiceId: inv.id, amount: '1000.00' }],
    });
    const cnRes = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'credit_note',
        originalInvoiceId: inv.id,
        date: '2026-11-07',
        lines: [{ ...LINE, rate: '100.00', originalLineId: inv.lines[0]?.id }],
      },
    });
    await t.call({ method: 'POST', url: `/api/v1/invoices/${cnRes.json<{ id: number }>().id}/issue`, token });

    const res = await t.call({
      method: 'GET',
      url: `/api/v1/parties/${clientId}/ledger?from=2026-11-01&to=2026-11-30`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    const ledger = res.json<{
      openingBalance: string;
      closingBalance: string;
      totalDebit: string;
      totalCredit: string;
      entries: { kind: string; debit: string; credit: string; balance: string; description: string }[];
    }>();
    expect(ledger.openingBalance).toBe('1000.00');
    expect(ledger.entries.map((e) => [e.kind, e.debit, e.credit, e.balance])).toEqual([
      ['sales_invoice', '1180.00', '0.00', '2180.00'],
      ['payment_received', '0.00', '900.00', '1280.00'],
      ['tds', '0.00', '100.00', '1180.00'],
      ['credit_note', '0.00', '118.00', '1062.00'],
    ]);
    expect(ledger.entries[1]?.description).toBe('Payment received (upi) UTR9');
    expect(ledger).toMatchObject({ totalDebit: '1180.00', totalCredit: '1118.00', closingBalance: '1062.00' });
    // The closing balance equals what the documents still show as due.
    expect(Number((await invoice(before.id)).balanceDue) + Number((await invoice(inv.id)).balanceDue)).toBe(1062);
  });

  it('lists payments with filters and pagination, and edits a payment within its allocations', async () => {
    const inv = await issuedInvoice();
    const p1 = (
      await pay({
        amount: '500.00',
        reference: 'CHQ-1',
        mode: 'cheque',
        allocations: [{ invoiceId: inv.id, amount: '500.00' }],
      })
    ).json<PaymentJson>();
    await pay({ amount: '50.00', date: '2026-11-21' });
    const list = await t.call({ method: 'GET', url: '/api/v1/payments?unallocated=true', token });
    expect(list.json<{ total: number }>().total).toBe(1);
    const byRef = await t.call({ method: 'GET', url: '/api/v1/payments?q=CHQ-1', token });
    expect(byRef.json<{ items: { id: number }[] }>().items.map((p) => p.id)).toEqual([p1.id]);
    // A search by the party's name finds its payments (and counts them); another party's name finds none.
    const byName = await t.call({ method: 'GET', url: '/api/v1/payments?q=acme', token });
    expect(byName.json<{ total: number; items: { party: { name: string } }[] }>()).toMatchObject({
      total: 2,
      items: [{ party: { name: 'Acme Pune' } }, { party: { name: 'Acme Pune' } }],
    });
    const byOther = await t.call({ method: 'GET', url: '/api/v1/payments?q=gujarat', token });
    expect(byOther.json<{ total: number }>().total).toBe(0);
    const ofInvoice = await t.call({ method: 'GET', url: `/api/v1/payments?invoiceId=${inv.id}`, token });
    expect(ofInvoice.json<{ items: { id: number }[] }>().items.map((p) => p.id)).toEqual([p1.id]);
    const shrink = await t.call({
      method: 'PATCH',
      url: `/api/v1/payments/${p1.id}`,
      token,
      body: { amount: '400.00' },
    });
    expect(shrink.json()).toMatchObject({ code: 'OVER_ALLOCATION' });
    const grow = await t.call({ method: 'PATCH', url: `/api/v1/payments/${p1.id}`, token, body: { amount: '600.00' } });
    expect(grow.json()).toMatchObject({ amount: '600.00', unallocatedAmount: '100.00' });
  });
});
