import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLoggedInUser,
  transition,
  createOrder,
  createOrderWorld,
  expectProblem,
  post,
  type OrderWorld,
} from './orders-factories';
import { insertEntry } from './partner-factories';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST.

const fieldOf = (res: { json: <T>() => T }) => res.json<{ errors?: { field: string }[] }>().errors?.[0]?.field;

interface PayoutJson {
  id: number;
  partner: { id: number; name: string };
  date: string;
  amount: string;
  allocations: { entryId: number; orderNumber: string; amount: string }[];
}
type OrderRef = { id: number; number: string };

interface StatementJson {
  openingBalance: string;
  closingBalance: string;
  totalCredit: string;
  totalDebit: string;
  lines: {
    date: string;
    kind: string;
    id: number;
    order: { number: string } | null;
    credit: string;
    debit: string;
    balance: string;
  }[];
}
interface BalanceJson {
  items: {
    partner: { id: number; name: string };
    approved: string;
    paidOut: string;
    balanceOwed: string;
    pending: string;
  }[];
  total: number;
}

describe(`payouts and partner statements (${testDialect()})`, () => {
  let t: TestApp;
  let world: OrderWorld;
  let token: string;
  let orders: { id: number; number: string }[];
  let otherPartner: { id: number; name: string };

  beforeEach(async () => {
    t = await createTestApp();
    world = await createOrderWorld(t);
    token = world.owner.token;
    otherPartner = await post(t, token, '/api/v1/parties', {
      name: 'Mehta & Sons',
      roles: ['partner'],
      revenueShare: '25',
    });
    orders = [];
    for (let i = 0; i < 3; i++) orders.push(await createOrder(t, world, { partnerId: world.partner.id }));
  });
  const partnerRef = () => ({ id: world.partner.id, name: world.partner.name });

  afterEach(async () => {
    await t.close();
  });

  const payout = (body: Record<string, unknown>) =>
    t.call({
      method: 'POST',
      url: '/api/v1/payouts',
      token,
      body: { partnerId: world.partner.id, date: '2026-11-20', mode: 'bank_transfer', ...body },
    });

  async function statement(from: string, to: string): Promise<StatementJson> {
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/partners/${world.partner.id}/statement?from=${from}&to=${to}`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<StatementJson>();
  }

  it('allocates a payout to approved settlements oldest first and lowers the balance owed', async () => {
    const [o1, o2, o3] = orders as [OrderRef, OrderRef, OrderRef];
    const newer = await insertEntry(t, {
      orderId: o1.id,
      partnerId: world.partner.id,
      partnerShare: '3000',
      approvedOn: '2026-11-10',
    });
    const older = await insertEntry(t, {
      orderId: o2.id,
      partnerId: world.partner.id,
      partnerShare: '2000',
      approvedOn: '2026-11-05',
    });
    // A draft is not owed yet and takes no payout.
    await insertEntry(t, { orderId: o3.id, partnerId: world.partner.id, partnerShare: '900', approvedOn: null });

    const res = await payout({ amount: '2500.00', reference: 'UTR123' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<PayoutJson>();
    expect(body.amount).toBe('2500.00');
    expect(body.partner).toEqual(partnerRef());
    expect(body.allocations).toEqual([
      { entryId: older, orderNumber: expect.any(String), amount: '2000.00' },
      { entryId: newer, orderNumber: expect.any(String), amount: '500.00' },
    ]);

    const balances = await t.call({ method: 'GET', url: '/api/v1/partners/balances', token });
    const mine = balances.json<BalanceJson>().items.find((b) => b.partner.id === world.partner.id);
    expect(mine).toEqual({
      partner: partnerRef(),
      approved: '5000.00',
      paidOut: '2500.00',
      balanceOwed: '2500.00',
      pending: '900.00',
    });
    // The other partner shows with nothing owed, and owed=true leaves it out.
    expect(balances.json<BalanceJson>().items.find((b) => b.partner.id === otherPartner.id)?.balanceOwed).toBe('0.00');
    const owed = await t.call({ method: 'GET', url: '/api/v1/partners/balances?owed=true', token });
    expect(owed.json<BalanceJson>().items.map((b) => b.partner.id)).toEqual([world.partner.id]);

    const entries = await t.services.database.db
      .selectFrom('settlement_entries')
      .select(['id', 'allocated_paise'])
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.id, Number(e.allocated_paise)])).toEqual([
      [newer, 500_00],
      [older, 2000_00],
      [expect.any(Number), 0],
    ]);

    const audit = await t.call({ method: 'GET', url: `/api/v1/audit?entity=payout&entityId=${body.id}`, token });
    expect(audit.json<{ items: { action: string }[] }>().items.map((a) => a.action)).toContain('payout.recorded');

    const fetched = await t.call({ method: 'GET', url: `/api/v1/payouts/${body.id}`, token });
    expect(fetched.json<PayoutJson>()).toEqual(body);
    const list = await t.call({
      method: 'GET',
      url: `/api/v1/payouts?partnerId=${world.partner.id}&from=2026-11-01`,
      token,
    });
    expect(list.json<{ items: PayoutJson[]; total: number }>().total).toBe(1);
    const none = await t.call({ method: 'GET', url: `/api/v1/payouts?partnerId=${otherPartner.id}`, token });
    expect(none.json<{ total: number }>().total).toBe(0);
  });

  it('refuses a payout above the balance owed, and bad hand allocations, naming the field', async () => {
    const [o1, o2] = orders as [OrderRef, OrderRef];
    const entry = await insertEntry(t, {
      orderId: o1.id,
      partnerId: world.partner.id,
      partnerShare: '1000',
      approvedOn: '2026-11-05',
    });
    const draft = await insertEntry(t, {
      orderId: o2.id,
      partnerId: world.partner.id,
      partnerShare: '500',
      approvedOn: null,
    });
    const theirs = await insertEntry(t, {
      orderId: o2.id,
      partnerId: otherPartner.id,
      partnerShare: '700',
      approvedOn: '2026-11-05',
    });

    let res = await payout({ amount: '1000.01' });
    expectProblem(res, 409, 'OVER_ALLOCATION');
    expect(fieldOf(res)).toBe('amount');

    res = await payout({
      amount: '601',
      allocations: [
        { entryId: entry, amount: '600' },
        { entryId: draft, amount: '1' },
      ],
    });
    expectProblem(res, 409, 'INVALID_STATE');
    res = await payout({ amount: '600', allocations: [{ entryId: theirs, amount: '600' }] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(fieldOf(res)).toBe('allocations.0.entryId');
    res = await payout({ amount: '600', allocations: [{ entryId: entry, amount: '700' }] });
    expectProblem(res, 409, 'OVER_ALLOCATION');
    res = await payout({ amount: '0' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    // Nothing of the refused attempts was kept.
    const count = await t.services.database.db
      .selectFrom('payouts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);

    // By hand, then the rest oldest first.
    res = await payout({ amount: '1000', allocations: [{ entryId: entry, amount: '400' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<PayoutJson>().allocations).toEqual([
      { entryId: entry, orderNumber: expect.any(String), amount: '1000.00' },
    ]);
    // Fully paid: one more paisa is refused.
    expectProblem(await payout({ amount: '0.01' }), 409, 'OVER_ALLOCATION');
  });

  it('does not let two payouts at once spend the same balance', async () => {
    const [o1] = orders as [OrderRef];
    await insertEntry(t, {
      orderId: o1.id,
      partnerId: world.partner.id,
      partnerShare: '1000',
      approvedOn: '2026-11-05',
    });
    const results = await Promise.all([payout({ amount: '800' }), payout({ amount: '800' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('builds a statement: opening balance, settlements, negative adjustments and payouts with a running balance', async () => {
    const [o1, o2, o3] = orders as [OrderRef, OrderRef, OrderRef];
    // Before the period: 1,000 earned, 400 paid -> opening 600.
    await insertEntry(t, {
      orderId: o1.id,
      partnerId: world.partner.id,
      partnerShare: '1000',
      approvedOn: '2026-09-15',
    });
    expect((await payout({ amount: '400', date: '2026-09-20' })).statusCode).toBe(201);
    // In the period.
    const s2 = await insertEntry(t, {
      orderId: o2.id,
      partnerId: world.partner.id,
      partnerShare: '3400',
      approvedOn: '2026-10-05',
    });
    const adj = await insertEntry(t, {
      orderId: o2.id,
      partnerId: world.partner.id,
      partnerShare: '-200',
      kind: 'adjustment',
      approvedOn: '2026-10-12',
    });
    const p2 = (await payout({ amount: '3000', date: '2026-10-12' })).json<PayoutJson>();
    // After the period and drafts: not on it.
    await insertEntry(t, {
      orderId: o3.id,
      partnerId: world.partner.id,
      partnerShare: '800',
      approvedOn: '2026-11-02',
    });
    await insertEntry(t, {
      orderId: o3.id,
      partnerId: world.partner.id,
      partnerShare: '50',
      approvedOn: null,
      kind: 'adjustment',
    });
    // Another partner's entries never appear.
    await insertEntry(t, { orderId: o3.id, partnerId: otherPartner.id, partnerShare: '999', approvedOn: '2026-10-06' });

    const s = await statement('2026-10-01', '2026-10-31');
    expect(s.openingBalance).toBe('600.00');
    expect(s.lines).toEqual([
      {
        date: '2026-10-05',
        kind: 'settlement',
        id: s2,
        order: { id: o2.id, number: o2.number, title: expect.any(String) },
        description: expect.stringContaining('Settlement'),
        credit: '3400.00',
        debit: '0.00',
        balance: '4000.00',
      },
      {
        date: '2026-10-12',
        kind: 'adjustment',
        id: adj,
        order: { id: o2.id, number: o2.number, title: expect.any(String) },
        description: expect.stringContaining('Adjustment'),
        credit: '-200.00',
        debit: '0.00',
        balance: '3800.00',
      },
      {
        date: '2026-10-12',
        kind: 'payout',
        id: p2.id,
        order: null,
        description: 'Payout (bank transfer)',
        credit: '0.00',
        debit: '3000.00',
        balance: '800.00',
      },
    ]);
    expect(s.totalCredit).toBe('3200.00');
    expect(s.totalDebit).toBe('3000.00');
    expect(s.closingBalance).toBe('800.00');
    // The next period opens where this one closed.
    expect((await statement('2026-11-01', '2026-11-30')).openingBalance).toBe('800.00');
    expect((await statement('2026-11-01', '2026-11-30')).closingBalance).toBe('1600.00');

    const pdf = await t.call({
      method: 'GET',
      url: `/api/v1/partners/${world.partner.id}/statement?from=2026-10-01&to=2026-10-31&format=pdf`,
      token,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await t.call({
      method: 'GET',
      url: `/api/v1/partners/${world.partner.id}/statement?from=2026-10-01&to=2026-10-31&format=xlsx`,
      token,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const backwards = await t.call({
      method: 'GET',
      url: `/api/v1/partners/${world.partner.id}/statement?from=2026-10-31&to=2026-10-01`,
      token,
    });
    expectProblem(backwards, 400, 'VALIDATION_FAILED');
    expect(fieldOf(backwards)).toBe('from');
    expectProblem(
      await t.call({ method: 'GET', url: '/api/v1/partners/999999/statement?from=2026-10-01&to=2026-10-31', token }),
      404,
      'NOT_FOUND',
    );
  });

  it('writes statement XLSX dates as dd-mm-yyyy date cells of the approval day in India', async () => {
    const [o1] = orders as [OrderRef];
    const entry = await insertEntry(t, {
      orderId: o1.id,
      partnerId: world.partner.id,
      partnerShare: '1000.00',
      approvedOn: null,
    });
    // 20:00 UTC on 5 December is 01:30 on 6 December in Kolkata: the approval is booked on the 6th.
    t.clock.set(new Date('2026-12-05T20:00:00Z'));
    ({ token } = await t.login()); // the session of 23 November has ended by then
    const approved = await t.call({ method: 'POST', url: `/api/v1/settlements/${entry}/approve`, token, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);

    const xlsx = await t.call({
      method: 'GET',
      url: `/api/v1/partners/${world.partner.id}/statement?from=2026-12-01&to=2026-12-31&format=xlsx`,
      token,
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer); // `as`: exceljs types want an ArrayBuffer; a Buffer works
    const ws = wb.getWorksheet('Statement')!;
    /** The first cell of the row whose `column` holds `text`. */
    const dateCellOf = (column: number, text: string) => {
      let found: ExcelJS.Cell | undefined;
      ws.eachRow((row) => {
        if (row.getCell(column).value === text) found = row.getCell(1);
      });
      return found;
    };
    const dates = [dateCellOf(3, 'Opening balance'), dateCellOf(2, o1.number), dateCellOf(3, 'Closing balance owed')];
    expect(dates.map((c) => c?.type)).toEqual([ExcelJS.ValueType.Date, ExcelJS.ValueType.Date, ExcelJS.ValueType.Date]);
    expect(dates.map((c) => c?.numFmt)).toEqual(['dd-mm-yyyy', 'dd-mm-yyyy', 'dd-mm-yyyy']);
    expect(dates.map((c) => c?.value)).toEqual([
      new Date('2026-12-01T00:00:00Z'),
      new Date('2026-12-06T00:00:00Z'),
      new Date('2026-12-31T00:00:00Z'),
    ]);
    expect(ws.getRow(2).getCell(3).value).toBe('Period 01-12-2026 to 31-12-2026');
  });

  it('keeps payouts to managers and above', async () => {
    const staff = await createLoggedInUser(t, token, 'staff');
    const accountant = await createLoggedInUser(t, token, 'accountant');
    const manager = await createLoggedInUser(t, token, 'manager');
    for (const who of [staff, accountant]) {
      expectProblem(await t.call({ method: 'GET', url: '/api/v1/payouts', token: who.token }), 403, 'FORBIDDEN');
      expectProblem(
        await t.call({ method: 'GET', url: '/api/v1/partners/balances', token: who.token }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await t.call({
          method: 'POST',
          url: '/api/v1/payouts',
          token: who.token,
          body: { partnerId: world.partner.id, date: '2026-11-20', amount: '1', mode: 'cash' },
        }),
        403,
        'FORBIDDEN',
      );
    }
    expect((await t.call({ method: 'GET', url: '/api/v1/partners/balances', token: manager.token })).statusCode).toBe(
      200,
    );
  });

  it('pays a partner end to end: complete, approve, pay, and the statement owes 0.00', async () => {
    const order = await createOrder(t, world, { partnerId: world.partner.id, fees: '10000' });
    const money = (path: string, body: unknown) =>
      t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/${path}`, token, body });
    for (const amount of ['1000', '500']) {
      const res = await money('expenses', { date: '2026-11-20', amount, category: 'stamp_duty' });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await transition(t, token, order.id, 'in_progress')).statusCode).toBe(200);
    expect((await transition(t, token, order.id, 'completed')).statusCode).toBe(200);
    const settlement = async () =>
      (await t.call({ method: 'GET', url: `/api/v1/orders/${order.id}/settlement`, token })).json<{
        status: string;
        partnerShare: string;
        businessShare: string;
      }>();
    expect(await settlement()).toMatchObject({ status: 'draft', partnerShare: '3400.00', businessShare: '5100.00' });
    expect((await money('expenses', { date: '2026-11-21', amount: '500', category: 'courier' })).statusCode).toBe(201);
    expect(await settlement()).toMatchObject({ status: 'draft', partnerShare: '3200.00', businessShare: '4800.00' });
    // Nothing is owed before approval.
    expectProblem(await payout({ amount: '3200' }), 409, 'OVER_ALLOCATION');
    const approved = await money('settlement/approve', {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await settlement()).status).toBe('approved');
    expect((await money('receipts', { date: '2026-11-22', amount: '10000', mode: 'upi' })).statusCode).toBe(201);

    const paid = await payout({ amount: '3200', date: '2026-11-23' });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json<PayoutJson>().allocations).toEqual([
      { entryId: expect.any(Number), orderNumber: order.number, amount: '3200.00' },
    ]);
    const s = await statement('2026-11-01', '2026-11-30');
    expect(s.lines.map((l) => [l.kind, l.credit, l.debit])).toEqual([
      ['settlement', '3200.00', '0.00'],
      ['payout', '0.00', '3200.00'],
    ]);
    expect(s.closingBalance).toBe('0.00');

    // The partner, logged in, sees the same: balance 0.00.
    const password = 'partner password 123';
    await t.createUser(token, {
      name: 'Kapoor Login',
      email: 'kapoor-login@example.com',
      role: 'partner',
      password,
      partnerPartyId: world.partner.id,
    } as never);
    const partner = await t.login('kapoor-login@example.com', password);
    const portal = await t.call({
      method: 'GET',
      url: '/api/v1/portal/statement?from=2026-11-01&to=2026-11-30',
      token: partner.token,
    });
    expect(portal.json<StatementJson>().closingBalance).toBe('0.00');
    const summary = await t.call({ method: 'GET', url: '/api/v1/portal/summary', token: partner.token });
    expect(summary.json()).toMatchObject({ balanceOwed: '0.00', paidOut: '3200.00', closedOrders: 1 });
  });
});
