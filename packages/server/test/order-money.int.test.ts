import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { createOrder, createOrderWorld, get, post, transition, type OrderWorld } from './orders-factories';
import {
  addExpense,
  addReceipt,
  closeAs,
  del,
  figures,
  orderOf,
  settlementOf,
  sumPaise,
  type EntryJson,
  type SettlementJson,
} from './order-money-support';

describe(`order money (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  let owner: string;

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
    owner = w.owner.token;
  });
  afterEach(async () => t.close());

  async function patch(orderId: number, body: object) {
    const res = await t.call({ method: 'PATCH', url: `/api/v1/orders/${orderId}`, token: owner, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ sharePercent: string; amountDue: string; paymentStatus: string }>();
  }

  async function entryCount(orderId: number) {
    const row = await t.services.database.db
      .selectFrom('settlement_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('recomputes amount due, payment status and the settlement on every change of its inputs', async () => {
    const order = await createOrder(t, w, { partnerId: w.partner.id, fees: '10000', baseCharges: '2000' });
    // The partner's default share (40%) is copied onto the order; the amount due is the fees plus GST at the order
    // type's 18% (issue 14: what the client will be billed), while the settlement stays on the fees.
    expect(order).toMatchObject({ sharePercent: '40.00', amountDue: '11800.00', paymentStatus: 'unpaid' });

    // Open: projected as if completed, nothing stored.
    let s = await settlementOf(t, owner, order.id);
    expect(s.status).toBe('projected');
    expect(figures(s)).toBe('10000.00/0.00/10000.00/4000.00/6000.00');
    expect(await entryCount(order.id)).toBe(0);

    // Fees and expenses while open.
    await patch(order.id, { fees: '12000' });
    expect((await orderOf(t, owner, order.id)).amountDue).toBe('14160.00');
    const courier = await addExpense(t, owner, order.id, '1000', { category: 'courier' });
    expect(figures(await settlementOf(t, owner, order.id))).toBe('12000.00/1000.00/11000.00/4400.00/6600.00');

    // Partner change copies the new partner's share; the caller's sharePercent wins over it.
    const other = await post<{ id: number }>(t, owner, '/api/v1/parties', {
      name: 'Mehta & Co',
      roles: ['partner'],
      revenueShare: '25',
    });
    expect((await patch(order.id, { partnerId: other.id })).sharePercent).toBe('25.00');
    expect((await settlementOf(t, owner, order.id)).partnerShare).toBe('2750.00');
    expect((await patch(order.id, { partnerId: w.partner.id, sharePercent: '30' })).sharePercent).toBe('30.00');
    expect((await settlementOf(t, owner, order.id)).partnerShare).toBe('3300.00');
    await patch(order.id, { partnerId: null });
    s = await settlementOf(t, owner, order.id);
    expect(s.partner).toBeNull();
    expect(figures(s)).toBe('12000.00/1000.00/11000.00/0.00/11000.00');
    await patch(order.id, { partnerId: w.partner.id, sharePercent: '40' });

    // Completing drafts the settlement.
    await closeAs(t, owner, order.id, 'completed');
    s = await settlementOf(t, owner, order.id);
    expect(s.status).toBe('draft');
    expect(s.canApprove).toBe(true);
    expect(s.entries).toHaveLength(1);
    const draftId = s.entries[0]?.id;
    expect(s.entries[0]).toMatchObject({ kind: 'settlement', status: 'draft', partnerShare: '4400.00' });

    // Expenses (add, change, delete) and the share move the draft in place.
    const stamp = await addExpense(t, owner, order.id, '500');
    expect(figures(await settlementOf(t, owner, order.id))).toBe('12000.00/1500.00/10500.00/4200.00/6300.00');
    const changed = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/expenses/${stamp.id}`,
      token: owner,
      body: { amount: '1500' },
    });
    expect(changed.statusCode).toBe(200);
    expect(figures(await settlementOf(t, owner, order.id))).toBe('12000.00/2500.00/9500.00/3800.00/5700.00');
    await del(t, owner, `/api/v1/orders/${order.id}/expenses/${courier.id}`);
    const share = await t.call({
      method: 'PUT',
      url: `/api/v1/orders/${order.id}/settlement/share`,
      token: owner,
      body: { sharePercent: '50' },
    });
    expect(share.statusCode).toBe(200);
    s = share.json<SettlementJson>();
    expect(figures(s)).toBe('12000.00/1500.00/10500.00/5250.00/5250.00');
    expect(s.entries.map((e) => [e.id, e.partnerShare])).toEqual([[draftId, '5250.00']]);

    // Collected basis: revenue is the GST-exclusive share of the receipts (received × 12,000 ÷ 14,160), capped at
    // the fees; receipts now move the draft. ₹4,720 received is ₹4,000 of revenue.
    const basis = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/settlement',
      token: owner,
      body: { basis: 'collected' },
    });
    expect(basis.json()).toEqual({ basis: 'collected' });
    expect(figures(await settlementOf(t, owner, order.id))).toBe('0.00/1500.00/-1500.00/0.00/-1500.00');
    await addReceipt(t, owner, order.id, '4720');
    expect(figures(await settlementOf(t, owner, order.id))).toBe('4000.00/1500.00/2500.00/1250.00/1250.00');
    await addReceipt(t, owner, order.id, '9440');
    expect((await settlementOf(t, owner, order.id)).revenue).toBe('12000.00');
    await t.call({ method: 'PUT', url: '/api/v1/settings/settlement', token: owner, body: { basis: 'contracted' } });

    // Outcome: reopening drops the draft; failing makes the base charges (plus GST) due and the revenue.
    expect((await transition(t, owner, order.id, 'in_progress', 'client withdrew')).statusCode).toBe(200);
    expect(await entryCount(order.id)).toBe(0);
    expect((await settlementOf(t, owner, order.id)).status).toBe('projected');
    expect((await transition(t, owner, order.id, 'failed')).statusCode).toBe(200);
    const failed = await orderOf(t, owner, order.id);
    expect(failed).toMatchObject({ amountDue: '2360.00', amountReceived: '14160.00', paymentStatus: 'overpaid' });
    expect(failed.balanceDue).toBe('-11800.00');
    s = await settlementOf(t, owner, order.id);
    expect(s).toMatchObject({ status: 'draft', outcome: 'failed' });
    expect(figures(s)).toBe('2000.00/1500.00/500.00/250.00/250.00');
    // And back to completed.
    await closeAs(t, owner, order.id, 'completed');
    expect(figures(await settlementOf(t, owner, order.id))).toBe('12000.00/1500.00/10500.00/5250.00/5250.00');
    expect(await entryCount(order.id)).toBe(1);

    // The timeline names the money events without amounts.
    const timeline = await get<{ items: { kind: string; summary: string }[] }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/history?pageSize=200`,
    );
    const kinds = timeline.items.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['receipt.created', 'expense.created', 'expense.deleted']));
    expect(kinds).toContain('order.share_changed');
    for (const item of timeline.items.filter((i) => /^(receipt|expense)\./.test(i.kind))) {
      expect(item.summary).not.toMatch(/\d{3}/);
    }
  });

  it('after approval, records an adjustment for the difference instead of rewriting, which itself needs approval', async () => {
    const order = await createOrder(t, w, { partnerId: w.partner.id, fees: '10000' });
    await addExpense(t, owner, order.id, '1000');
    await closeAs(t, owner, order.id, 'completed');
    const approve = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/settlement/approve`,
      token: owner,
    });
    expect(approve.statusCode, approve.body).toBe(200);
    let s = approve.json<SettlementJson>();
    expect(s).toMatchObject({ status: 'approved', canApprove: false });
    const original = s.entries[0] as EntryJson;
    expect(original).toMatchObject({ kind: 'settlement', status: 'approved', partnerShare: '3600.00' });
    // Nothing left to approve.
    const again = await t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/settlement/approve`, token: owner });
    expect(again.statusCode).toBe(409);

    // A new expense: the approved row stays; a draft adjustment holds the difference.
    const extra = await addExpense(t, owner, order.id, '500');
    s = await settlementOf(t, owner, order.id);
    expect(s.status).toBe('draft');
    expect(figures(s)).toBe('10000.00/1500.00/8500.00/3400.00/5100.00');
    expect(s.entries[0]).toEqual(original);
    expect(s.adjustments).toHaveLength(1);
    const adjustment = s.adjustments[0] as EntryJson;
    expect(adjustment).toMatchObject({ kind: 'adjustment', status: 'draft' });
    expect(figures(adjustment)).toBe('0.00/500.00/-500.00/-200.00/-300.00');

    // It waits in the pending-approvals list.
    const pending = await get<{ items: EntryJson[]; total: number }>(t, owner, '/api/v1/settlements?status=draft');
    expect(pending.items.map((e) => e.id)).toEqual([adjustment.id]);
    expect(pending.total).toBe(1);

    // Approving it makes the approved totals equal the new target.
    const ok = await t.call({ method: 'POST', url: `/api/v1/settlements/${adjustment.id}/approve`, token: owner });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<EntryJson>().status).toBe('approved');
    s = await settlementOf(t, owner, order.id);
    expect(s.status).toBe('approved');
    expect(sumPaise(s.entries, 'partnerShare', 'approved')).toBe(340_000);
    expect(sumPaise(s.entries, 'businessShare', 'approved')).toBe(510_000);
    expect((await get<{ total: number }>(t, owner, '/api/v1/settlements?status=draft')).total).toBe(0);

    // Undoing the change proposes the reverse adjustment; approved rows still untouched.
    await del(t, owner, `/api/v1/orders/${order.id}/expenses/${extra.id}`);
    s = await settlementOf(t, owner, order.id);
    expect(s.entries.filter((e) => e.status === 'approved')).toHaveLength(2);
    expect(figures(s.adjustments[0] as EntryJson)).toBe('0.00/-500.00/500.00/200.00/300.00');

    // A change of partner after approval: the old partner's share is reversed, the new one gets the settlement.
    const other = await post<{ id: number; name: string }>(t, owner, '/api/v1/parties', {
      name: 'Mehta & Co',
      roles: ['partner'],
      revenueShare: '25',
    });
    await transition(t, owner, order.id, 'in_progress', 'wrong partner');
    expect((await settlementOf(t, owner, order.id)).adjustments).toHaveLength(0);
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      token: owner,
      body: { partnerId: other.id },
    });
    expect(patched.statusCode).toBe(200);
    await transition(t, owner, order.id, 'completed');
    s = await settlementOf(t, owner, order.id);
    const byPartner = new Map(s.adjustments.map((a) => [a.partner?.id ?? null, a]));
    expect(byPartner.get(w.partner.id)?.partnerShare).toBe('-3400.00');
    expect(byPartner.get(other.id)?.partnerShare).toBe('2250.00');
    expect(s.partnerShare).toBe('2250.00');
    // Approved + pending always add up to the target.
    expect(sumPaise(s.entries, 'net')).toBe(900_000);
    expect(sumPaise(s.entries, 'businessShare')).toBe(675_000);
    const all = await t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/settlement/approve`, token: owner });
    expect(all.json<SettlementJson>().status).toBe('approved');

    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'settlement.approved')
      .execute();
    expect(audit.length).toBe(4);
  });

  it('reverts the payment status to partial when a receipt is deleted', async () => {
    const order = await createOrder(t, w, { fees: '10000' });
    const first = await addReceipt(t, owner, order.id, '6000');
    expect((await orderOf(t, owner, order.id)).paymentStatus).toBe('partial');
    // ₹10,000 fees + 18% GST: ₹11,800 pays the order.
    const second = await addReceipt(t, owner, order.id, '5800', { mode: 'cheque', chequeNumber: '000123' });
    expect(await orderOf(t, owner, order.id)).toMatchObject({ paymentStatus: 'paid', balanceDue: '0.00' });
    await del(t, owner, `/api/v1/orders/${order.id}/receipts/${second.id}`);
    expect(await orderOf(t, owner, order.id)).toMatchObject({
      paymentStatus: 'partial',
      amountReceived: '6000.00',
      balanceDue: '5800.00',
    });
    const edited = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}/receipts/${first.id}`,
      token: owner,
      body: { amount: '11800.01' },
    });
    expect(edited.statusCode).toBe(200);
    expect((await orderOf(t, owner, order.id)).paymentStatus).toBe('overpaid');
    // The list filter reads the stored status.
    const overpaid = await get<{ items: { id: number }[] }>(t, owner, '/api/v1/orders?paymentStatus=overpaid');
    expect(overpaid.items.map((o) => o.id)).toEqual([order.id]);
    const list = await get<{ items: unknown[]; money: { paymentStatus: string } }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/receipts`,
    );
    expect(list.items).toHaveLength(1);
    expect(list.money.paymentStatus).toBe('overpaid');
    const actions = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'receipt')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'receipt.created',
      'receipt.created',
      'receipt.deleted',
      'receipt.updated',
    ]);
  });

  it('keeps totals consistent under concurrent receipts on one order', async () => {
    const order = await createOrder(t, w, { fees: '10000', partnerId: w.partner.id });
    await closeAs(t, owner, order.id, 'completed');
    await t.call({ method: 'PUT', url: '/api/v1/settings/settlement', token: owner, body: { basis: 'collected' } });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.call({
          method: 'POST',
          url: `/api/v1/orders/${order.id}/receipts`,
          token: owner,
          body: { date: '2026-11-21', amount: `${100 + i}.50`, mode: 'cash' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const sum = await t.services.database.db
      .selectFrom('order_receipts')
      .select((eb) => eb.fn.sum<number | string>('amount_paise').as('total'))
      .where('order_id', '=', order.id)
      .executeTakeFirstOrThrow();
    // Σ (100.50 … 109.50) = 1050.00
    expect(Number(sum.total)).toBe(105_000);
    const o = await orderOf(t, owner, order.id);
    expect(o).toMatchObject({ amountReceived: '1050.00', paymentStatus: 'partial', balanceDue: '10750.00' });
    const s = await settlementOf(t, owner, order.id);
    expect(s.entries).toHaveLength(1);
    // Collected basis on the GST-exclusive share: 1,050 × 10,000 ÷ 11,800 = 889.83 (half-up to the paisa).
    expect(figures(s)).toBe('889.83/0.00/889.83/355.93/533.90');
  });

  it('settles the issue example: 10,000 fees, 1,000 + 500 expenses, 40% partner', async () => {
    const order = await createOrder(t, w, { partnerId: w.partner.id, fees: '10000.00' });
    await addExpense(t, owner, order.id, '1000.00');
    await addExpense(t, owner, order.id, '500.00', { category: 'courier' });
    await closeAs(t, owner, order.id, 'completed');
    let s = await settlementOf(t, owner, order.id);
    expect(s).toMatchObject({ status: 'draft', partnerShare: '3400.00', businessShare: '5100.00' });
    await addExpense(t, owner, order.id, '500.00', { category: 'notary' });
    s = await settlementOf(t, owner, order.id);
    expect(s).toMatchObject({ status: 'draft', partnerShare: '3200.00', businessShare: '4800.00' });
    expect(s.entries).toHaveLength(1); // still the one draft, recomputed, not an adjustment
    const approved = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/settlement/approve`,
      token: owner,
    });
    expect(approved.json<SettlementJson>()).toMatchObject({ status: 'approved', partnerShare: '3200.00' });
    await addReceipt(t, owner, order.id, '4000.00');
    await addReceipt(t, owner, order.id, '7800.00', { mode: 'bank_transfer', reference: 'UTR123' });
    // Paid at the fees plus 18% GST.
    expect(await orderOf(t, owner, order.id)).toMatchObject({ paymentStatus: 'paid', amountReceived: '11800.00' });
    // Receipts on the contracted basis leave the approved settlement alone.
    expect((await settlementOf(t, owner, order.id)).status).toBe('approved');

    // A document moving raises its event too.
    const docs = await get<{ items: { id: number }[] }>(t, owner, `/api/v1/orders/${order.id}/documents`);
    const docId = docs.items[0]?.id;
    const moved = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/documents/${docId}/status`,
      token: owner,
      body: { status: 'received' },
    });
    // Closed orders refuse document changes; the event comes from an open one.
    expect(moved.statusCode).toBe(409);
    const open = await createOrder(t, w, { partnerId: w.partner.id });
    const openDocs = await get<{ items: { id: number }[] }>(t, owner, `/api/v1/orders/${open.id}/documents`);
    const received = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${open.id}/documents/${openDocs.items[0]?.id}/status`,
      token: owner,
      body: { status: 'received' },
    });
    expect(received.statusCode, received.body).toBe(200);

    // Every step raised its outbox event in its own transaction.
    const events = await t.services.database.db
      .selectFrom('events')
      .select(['type', 'entity_id'])
      .orderBy('id')
      .execute();
    const types = events.map((e) => e.type);
    expect(types.filter((x) => x === 'order.created')).toHaveLength(2);
    expect(types.filter((x) => x === 'order.stage_changed')).toHaveLength(2);
    expect(types.filter((x) => x === 'receipt.recorded')).toHaveLength(2);
    expect(types.filter((x) => x === 'settlement.approved')).toHaveLength(1);
    expect(types.filter((x) => x === 'document.status_changed')).toHaveLength(1);
  });
  it("keeps an order's sums within a document total, so its lists and share change never answer 500 (issue 16)", async () => {
    const order = await createOrder(t, w, { partnerId: w.partner.id, fees: '10000' });
    // Ten receipts at the single-amount maximum reach the document maximum exactly.
    for (let i = 0; i < 10; i++) await addReceipt(t, owner, order.id, '1000000000.00');
    const receiptCount = async () =>
      Number(
        (
          await t.services.database.db
            .selectFrom('order_receipts')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('order_id', '=', order.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await receiptCount()).toBe(10);
    const over = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/receipts`,
      token: owner,
      body: { date: '2026-11-20', amount: '0.01', mode: 'upi' },
    });
    expect(over.statusCode, over.body).toBe(400);
    expect(over.json()).toMatchObject({ errors: [{ field: 'amount' }] });
    expect(await receiptCount()).toBe(10);

    const auditBefore = await t.services.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const share = await t.call({
      method: 'PUT',
      url: `/api/v1/orders/${order.id}/settlement/share`,
      token: owner,
      body: { sharePercent: '25' },
    });
    expect(share.statusCode, share.body).toBe(200);
    const auditAfter = await t.services.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBeGreaterThan(Number(auditBefore.n));
    for (const url of ['/api/v1/orders', `/api/v1/orders/${order.id}`, '/api/v1/orders/board', '/api/v1/dashboard']) {
      const res = await t.call({ method: 'GET', url, token: owner });
      expect(res.statusCode, `${url} ${res.body.slice(0, 300)}`).toBe(200);
    }
    expect((await orderOf(t, owner, order.id)).amountReceived).toBe('10000000000.00');
  });
});
