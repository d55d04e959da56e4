/**
 * The reports dataset, shared by dashboard.int.test.ts and reports.int.test.ts: a small business across
 * September–November 2026 seeded through the API (orders closed and failed in different months with partial
 * receipts, expenses and settlements; sales, purchases and a credit note crossing a month), and the raw rows read
 * back as the domain metric functions take them.
 */
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import type * as M from '@bizdash/domain/metrics/definitions';
import { localDateOf } from '@bizdash/domain/orders/calendar';
import { createOrder, createOrderWorld, post, transition, type OrderWorld } from './orders-factories';
import type { TestApp } from './support/test-app';

const TZ = 'Asia/Kolkata';
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const SUPPLIER_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const LINE = { description: 'Service', hsnSac: '998314', quantity: '10', unit: 'OTH', rate: '1000.00', gstRate: '18' };

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const day = (v: unknown) => (v instanceof Date ? localDateOf(v, 'UTC') : String(v).slice(0, 10));
const at = (localDateTime: string) => new Date(`${localDateTime}+05:30`);

export interface Seeded {
  world: OrderWorld;
  token: string;
}

/** Seeds the dataset through the API (clock moved to each event's time); returns the owner's token. */
export async function seedBusiness(t: TestApp): Promise<Seeded> {
  t.clock.set(at('2026-09-01T10:00:00'));
  const world = await createOrderWorld(t);
  let token = world.owner.token;
  const party = async (body: Record<string, unknown>) =>
    (
      await post<{ id: number }>(t, token, '/api/v1/parties', {
        kind: 'company',
        gstRegistrationType: 'regular',
        ...body,
      })
    ).id;
  const buyer = await party({
    name: 'Acme Pune',
    roles: ['client'],
    gstin: MH_GSTIN,
    billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
    paymentTermsDays: 30,
  });
  const supplier = await party({
    name: 'Gujarat Steel',
    roles: ['supplier'],
    gstin: SUPPLIER_GSTIN,
    billingAddress: { line1: '9 GIDC', city: 'Vapi', stateCode: '24', pin: '396195' },
  });

  // Access tokens expire as the clock jumps days ahead: log in again at each step.
  const step = async <T>(when: string, fn: () => Promise<T>): Promise<T> => {
    t.clock.set(at(when));
    token = (await t.login()).token;
    return fn();
  };
  const move = async (id: number, to: string) => {
    const res = await transition(t, token, id, to);
    if (res.statusCode !== 200) throw new Error(`transition ${id} → ${to}: ${res.statusCode} ${res.body}`);
  };
  const receipt = (id: number, date: string, amount: string) =>
    post(t, token, `/api/v1/orders/${id}/receipts`, { date, amount, mode: 'upi' });
  const expense = (id: number, date: string, amount: string) =>
    post(t, token, `/api/v1/orders/${id}/expenses`, { date, amount, category: 'courier' });

  // O1: with the partner (40 %), ₹15,000, partial receipts across Oct/Nov, an expense, completed 20 Oct.
  const o1 = (await step('2026-10-05T11:00:00', () =>
    createOrder(t, world, { partnerId: world.partner.id, fees: '15000', dueDate: '2026-10-25' }, token),
  )) as { id: number };
  await step('2026-10-06T09:00:00', () => move(o1.id, 'in_progress'));
  await step('2026-10-10T12:00:00', () => receipt(o1.id, '2026-10-10', '5000'));
  await step('2026-10-15T12:00:00', () => expense(o1.id, '2026-10-15', '1000'));
  await step('2026-10-20T16:30:00', () => move(o1.id, 'completed'));
  await step('2026-11-02T12:00:00', () => receipt(o1.id, '2026-11-02', '3000'));

  // O2: failed 3 Nov at base charges ₹2,500.50 with ₹1,000 received in October.
  const o2 = (await step('2026-10-06T10:00:00', () =>
    createOrder(t, world, { partnerId: world.partner.id, dueDate: '2026-10-30' }, token),
  )) as { id: number };
  await step('2026-10-07T10:00:00', () => receipt(o2.id, '2026-10-07', '1000'));
  await step('2026-11-03T10:00:00', () => move(o2.id, 'failed'));

  // O3: open since 5 Nov, overdue by the test date.
  const o3 = (await step('2026-11-05T10:00:00', () =>
    createOrder(t, world, { fees: '8000', dueDate: '2026-11-15' }, token),
  )) as { id: number };
  await step('2026-11-06T10:00:00', () => move(o3.id, 'in_progress'));

  // O4: created 1 Nov, completed late on 12 Nov (due 10 Nov), paid in full; no partner.
  const o4 = (await step('2026-11-01T09:00:00', () =>
    createOrder(t, world, { fees: '4000', dueDate: '2026-11-10' }, token),
  )) as { id: number };
  await step('2026-11-02T09:00:00', () => move(o4.id, 'in_progress'));
  await step('2026-11-12T21:00:00', () => move(o4.id, 'completed'));
  await step('2026-11-12T21:10:00', () => receipt(o4.id, '2026-11-12', '4000'));

  // O5: created in September, completed 2 Oct at 00:30 IST (still 1 Oct in UTC: the local day must win).
  const o5 = (await step('2026-09-20T10:00:00', () =>
    createOrder(t, world, { fees: '6000', dueDate: '2026-10-05' }, token),
  )) as { id: number };
  await step('2026-09-21T10:00:00', () => move(o5.id, 'in_progress'));
  await step('2026-10-02T00:30:00', () => move(o5.id, 'completed'));

  // Trading: an October sale of ₹10,000 + 18 %, a November credit note for 2 of its 10 units, a November 5 % sale,
  // an October purchase bill, a receipt against the first sale.
  const issue = async (body: Record<string, unknown>) => {
    const draft = await post<{ id: number; lines: { id: number }[] }>(t, token, '/api/v1/invoices', body);
    const res = await t.call({ method: 'POST', url: `/api/v1/invoices/${draft.id}/issue`, token });
    if (res.statusCode !== 200) throw new Error(`issue: ${res.body}`);
    return res.json<{ id: number; lines: { id: number }[] }>();
  };
  const sale = await step('2026-10-12T10:00:00', () =>
    issue({ type: 'sales', partyId: buyer, date: '2026-10-12', lines: [LINE] }),
  );
  await step('2026-11-04T10:00:00', () =>
    issue({
      type: 'credit_note',
      originalInvoiceId: sale.id,
      date: '2026-11-04',
      noteReason: 'Goods returned',
      lines: [{ ...LINE, originalLineId: sale.lines[0]?.id, quantity: '2' }],
    }),
  );
  await step('2026-11-08T10:00:00', () =>
    issue({ type: 'sales', partyId: buyer, date: '2026-11-08', lines: [{ ...LINE, quantity: '3', gstRate: '5' }] }),
  );
  await step('2026-10-14T10:00:00', () =>
    issue({
      type: 'purchase',
      partyId: supplier,
      date: '2026-10-14',
      dueDate: '2026-10-30',
      supplierNumber: 'GS-77',
      supplierDate: '2026-10-14',
      lines: [{ ...LINE, quantity: '4' }],
    }),
  );
  await step('2026-11-09T10:00:00', () =>
    post(t, token, '/api/v1/payments', {
      direction: 'received',
      partyId: buyer,
      date: '2026-11-09',
      mode: 'upi',
      amount: '5000.00',
      allocations: [{ invoiceId: sale.id, amount: '5000.00' }],
    }),
  );
  t.clock.set(new Date('2026-11-23T04:30:00.000Z'));
  token = (await t.login()).token;
  return { world, token };
}

/** The raw rows of the database as the domain functions take them. */
export async function rawRows(t: TestApp) {
  const db = t.services.database.db;
  const orders: M.MetricOrder[] = (await db.selectFrom('orders').selectAll().execute()).map((o) => ({
    id: Number(o.id),
    stage: o.stage_code,
    feesPaise: Number(o.fees_paise),
    baseChargesPaise: Number(o.base_charges_paise),
    receivedPaise: 0,
    // Stored by the order-money recompute (fees or base charges plus GST); its rule is tested in order-billing.
    amountDuePaise: Number(o.amount_due_paise),
    createdOn: localDateOf(new Date(iso(o.created_at)), TZ),
    closedOn: o.closed_at ? localDateOf(new Date(iso(o.closed_at)), TZ) : null,
    dueDate: o.due_date === null ? null : day(o.due_date),
  }));
  // Collected counts every payment received; an order's own receipts are among them (order_receipts.payment_id).
  const receipts: M.MetricReceipt[] = (
    await db
      .selectFrom('payments')
      .leftJoin('order_receipts', 'order_receipts.payment_id', 'payments.id')
      .select(['order_receipts.order_id', 'payments.date', 'payments.amount_paise'])
      .where('payments.direction', '=', 'received')
      .execute()
  ).map((r) => ({
    orderId: r.order_id === null ? null : Number(r.order_id),
    date: day(r.date),
    amountPaise: Number(r.amount_paise),
  }));
  // No payment of the seed outside an order's receipts is allocated to an order's invoice: received = Σ receipts.
  for (const o of orders) {
    o.receivedPaise = receipts.filter((r) => r.orderId === o.id).reduce((s, r) => s + r.amountPaise, 0);
  }
  const entries: M.MetricSettlementEntry[] = (await db.selectFrom('settlement_entries').selectAll().execute()).map(
    (e) => ({
      orderId: Number(e.order_id),
      partnerId: e.partner_id === null ? null : Number(e.partner_id),
      revenuePaise: Number(e.revenue_paise),
      expensesPaise: Number(e.expenses_paise),
      partnerSharePaise: Number(e.partner_share_paise),
      businessSharePaise: Number(e.business_share_paise),
    }),
  );
  const history: M.StageChange[] = (await db.selectFrom('order_status_history').selectAll().execute()).map((h) => ({
    orderId: Number(h.order_id),
    toStage: h.to_stage,
    at: iso(h.at),
  }));
  const invoices: M.MetricInvoice[] = (await db.selectFrom('invoices').selectAll().execute()).map((i) => ({
    id: Number(i.id),
    type: i.type,
    direction: i.direction,
    status: i.status,
    date: day(i.date),
    taxablePaise: Number(i.taxable_paise),
    taxPaise: Number(i.cgst_paise) + Number(i.sgst_paise) + Number(i.igst_paise) + Number(i.cess_paise),
    balanceDuePaise: Number(i.balance_due_paise),
    itcEligibility: i.itc_eligibility,
    otherChargesPaise: Number(i.other_charges_paise),
    roundOffPaise: Number(i.round_off_paise),
    orderId: i.order_id === null ? null : Number(i.order_id),
  }));
  const lines: M.MetricLine[] = (await db.selectFrom('invoice_lines').selectAll().execute()).map((l) => ({
    invoiceId: Number(l.invoice_id),
    gstRateBp: Number(l.gst_rate_bp),
    taxablePaise: Number(l.taxable_paise),
    taxPaise: Number(l.cgst_paise) + Number(l.sgst_paise) + Number(l.igst_paise) + Number(l.cess_paise),
  }));
  const expenses: M.MetricExpense[] = (await db.selectFrom('order_expenses').selectAll().execute()).map((e) => ({
    date: day(e.date),
    amountPaise: Number(e.amount_paise),
  }));
  const shares: M.MetricApprovedShare[] = (await db.selectFrom('settlement_entries').selectAll().execute()).map(
    (e) => ({
      status: e.status,
      approvedOn: e.approved_on === null ? null : day(e.approved_on),
      partnerId: e.partner_id === null ? null : Number(e.partner_id),
      partnerSharePaise: Number(e.partner_share_paise),
    }),
  );
  return { orders, receipts, entries, history, invoices, lines, expenses, shares };
}
