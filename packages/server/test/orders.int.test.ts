import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import {
  countRows,
  createLoggedInUser,
  createOrder,
  createOrderWorld,
  expectProblem,
  get,
  post,
  transition,
  type OrderJson,
  type OrderWorld,
} from './orders-factories';

interface TimelineJson {
  items: {
    kind: string;
    at: string;
    actor: { id: number | null; name: string } | null;
    summary: string;
    payload: Record<string, unknown>;
  }[];
  total: number;
}

describe(`orders (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  let owner: string;

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
    owner = w.owner.token;
  });
  afterEach(async () => t.close());

  it('creates an order numbered ORD/FY/SEQ with fees, charges, due date and documents from its type', async () => {
    const order = await createOrder(t, w, {
      partnerId: w.partner.id,
      companyId: w.company.id,
      shareCount: 500,
      sharePrice: '1234.56',
      tags: ['urgent-client', 'urgent-client', 'nri'],
      priority: 'high',
    });
    expect(order.number).toBe('ORD/2026-27/00001');
    expect(order.stage).toEqual({ code: 'received', label: 'Received', isTerminal: false });
    expect(order.fees).toBe('15000.00');
    expect(order.baseCharges).toBe('2500.50');
    expect(order.orderValue).toBe('617280.00');
    // The test clock is 10:00 on 23 Nov 2026 in Kolkata; the type's turnaround is 10 days.
    expect(order.dueDate).toBe('2026-12-03');
    expect(order.tags).toEqual(['urgent-client', 'nri']);
    expect(order.documents).toEqual({
      required: 3,
      received: 0,
      submitted: 0,
      accepted: 0,
      rejected: 0,
      isComplete: false,
    });
    expect(order.allowedTransitions?.map((a) => a.to)).toEqual([
      'confirmed',
      'in_progress',
      'documents_pending',
      'failed',
    ]);

    const docs = await get<{ items: { documentType: { name: string }; status: string }[] }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/documents`,
    );
    expect(docs.items.map((d) => [d.documentType.name, d.status])).toEqual([
      ['PAN Card', 'pending'],
      ['Share Certificate', 'pending'],
      ['Transfer Deed (SH-4)', 'pending'],
    ]);

    const explicit = await createOrder(t, w, { fees: '999.99', dueDate: null });
    expect(explicit.number).toBe('ORD/2026-27/00002');
    expect(explicit.fees).toBe('999.99');
    expect(explicit.dueDate).toBeNull();

    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'order')
      .where('entity_id', '=', String(order.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['order.created']);
  });

  it('never hands out a number twice, even for orders created at the same moment', async () => {
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => createOrder(t, w, { title: `Order ${i}` })));
    const numbers = created.map((o) => o.number);
    expect(new Set(numbers).size).toBe(8);
    expect([...numbers].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `ORD/2026-27/0000${i + 1}`));
  });

  it('refuses bad references with 400 naming the field and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ clientId: w.partner.id }, 'clientId'],
      [{ partnerId: w.client.id }, 'partnerId'],
      [{ orderTypeId: 9999 }, 'orderTypeId'],
      [{ companyId: 9999 }, 'companyId'],
      [{ assigneeId: 9999 }, 'assigneeId'],
      [{ fees: '-5' }, 'fees'],
      [{ dueDate: '2026-02-31' }, 'dueDate'],
    ];
    for (const [body, field] of cases) {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/orders',
        token: owner,
        body: { title: 'Bad', clientId: w.client.id, orderTypeId: w.orderType.id, ...body },
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(field);
    }
    expect(await countRows(t, 'orders')).toBe(0);
  });

  it('moves through the lifecycle, refuses other moves with 409 listing the allowed ones, and records history', async () => {
    const order = await createOrder(t, w);
    const ok = await transition(t, owner, order.id, 'confirmed', 'Client paid the advance');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<OrderJson>().stage.code).toBe('confirmed');

    const bad = await transition(t, owner, order.id, 'documents_approved');
    expectProblem(bad, 409, 'INVALID_TRANSITION');
    expect(bad.json<{ details: { allowed: string[] } }>().details.allowed).toEqual([
      'in_progress',
      'documents_pending',
      'failed',
    ]);

    const history = await t.services.database.db
      .selectFrom('order_status_history')
      .select(['from_stage', 'to_stage', 'note', 'actor_name'])
      .where('order_id', '=', order.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { from_stage: null, to_stage: 'received', note: 'Order created', actor_name: 'Asha Rao' },
      { from_stage: 'received', to_stage: 'confirmed', note: 'Client paid the advance', actor_name: 'Asha Rao' },
    ]);
  });

  it('lets only managers and above reopen a closed order, and only with a reason', async () => {
    const staff = await createLoggedInUser(t, owner, 'staff', 'Ravi Staff');
    const manager = await createLoggedInUser(t, owner, 'manager', 'Neha Manager');
    const order = await createOrder(t, w);
    expect((await transition(t, staff.token, order.id, 'in_progress')).statusCode).toBe(200);
    expect((await transition(t, staff.token, order.id, 'completed')).statusCode).toBe(200);

    const closed = await get<OrderJson>(t, staff.token, `/api/v1/orders/${order.id}`);
    expect(closed.stage.isTerminal).toBe(true);
    // Staff are not offered the reopen at all.
    expect(closed.allowedTransitions).toEqual([]);
    expectProblem(await transition(t, staff.token, order.id, 'in_progress', 'please'), 403, 'FORBIDDEN');
    expectProblem(await transition(t, manager.token, order.id, 'in_progress'), 400, 'REASON_REQUIRED');
    expectProblem(await transition(t, manager.token, order.id, 'in_progress', '   '), 400, 'REASON_REQUIRED');
    // A closed order cannot be edited either.
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      token: manager.token,
      body: { title: 'x' },
    });
    expectProblem(patch, 409, 'INVALID_STATE');

    const reopened = await transition(t, manager.token, order.id, 'in_progress', 'Registrar asked for a new deed');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<OrderJson>().stage.code).toBe('in_progress');
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity', '=', 'order')
      .where('action', '=', 'order.reopened')
      .execute();
    expect(audit).toEqual([{ action: 'order.reopened', actor_name: 'Neha Manager' }]);
  });

  it('keeps one chronological timeline with actor names', async () => {
    const staff = await createLoggedInUser(t, owner, 'staff', 'Ravi Staff');
    const order = await createOrder(t, w);
    t.clock.advance(60_000);
    await transition(t, staff.token, order.id, 'confirmed');
    t.clock.advance(60_000);
    await post(t, staff.token, `/api/v1/orders/${order.id}/comments`, { body: 'Called the client' });
    t.clock.advance(60_000);
    await post(t, owner, '/api/v1/tasks', { title: 'Collect SH-4', orderId: order.id });
    t.clock.advance(60_000);
    const docs = await get<{ items: { id: number }[] }>(t, owner, `/api/v1/orders/${order.id}/documents`);
    await post(
      t,
      staff.token,
      `/api/v1/orders/${order.id}/documents/${docs.items[0]?.id}/status`,
      { status: 'received' },
      200,
    );

    const timeline = await get<TimelineJson>(t, owner, `/api/v1/orders/${order.id}/history`);
    expect(timeline.items.map((e) => [e.kind, e.actor?.name])).toEqual([
      ['order.created', 'Asha Rao'],
      ['order.stage_changed', 'Ravi Staff'],
      ['comment.added', 'Ravi Staff'],
      ['task.created', 'Asha Rao'],
      ['document.status_changed', 'Ravi Staff'],
    ]);
    const times = timeline.items.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(timeline.items[1]?.summary).toBe('Stage changed from Received to Confirmed');

    const newestFirst = await get<TimelineJson>(
      t,
      owner,
      `/api/v1/orders/${order.id}/history?order=desc&kind=document`,
    );
    expect(newestFirst.items.map((e) => e.kind)).toEqual(['document.status_changed']);
  });

  it('applies the business stage settings: renamed labels and switched-off moves', async () => {
    const order = await createOrder(t, w);
    const res = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/order-stages',
      token: owner,
      body: { labels: { received: 'New enquiry' }, disabledTransitions: [{ from: 'received', to: 'confirmed' }] },
    });
    expect(res.statusCode).toBe(200);
    const settings = res.json<{
      stages: { code: string; label: string }[];
      transitions: { from: string; to: string; isEnabled: boolean }[];
    }>();
    expect(settings.stages[0]).toMatchObject({ code: 'received', label: 'New enquiry', defaultLabel: 'Received' });
    expect(settings.transitions.find((p) => p.from === 'received' && p.to === 'confirmed')?.isEnabled).toBe(false);

    const read = await get<OrderJson>(t, owner, `/api/v1/orders/${order.id}`);
    expect(read.stage).toEqual({ code: 'received', label: 'New enquiry', isTerminal: false });
    expect(read.allowedTransitions?.map((a) => a.to)).toEqual(['in_progress', 'documents_pending', 'failed']);
    const refused = await transition(t, owner, order.id, 'confirmed');
    expectProblem(refused, 409, 'INVALID_TRANSITION');

    // A move the lifecycle does not have cannot be "disabled", and labels stay distinct.
    const bad = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/order-stages',
      token: owner,
      body: { disabledTransitions: [{ from: 'completed', to: 'failed' }] },
    });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    const clash = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/order-stages',
      token: owner,
      body: { labels: { confirmed: 'Received' } },
    });
    expectProblem(clash, 400, 'VALIDATION_FAILED');

    const staff = await createLoggedInUser(t, owner, 'staff');
    expectProblem(
      await t.call({ method: 'GET', url: '/api/v1/settings/order-stages', token: staff.token }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses writes to roles without orders.write and hides fees from roles without money.read', async () => {
    const accountant = await createLoggedInUser(t, owner, 'accountant');
    const staff = await createLoggedInUser(t, owner, 'staff');
    const order = await createOrder(t, w);

    const byAccountant = await t.call({
      method: 'POST',
      url: '/api/v1/orders',
      token: accountant.token,
      body: { title: 'x', clientId: w.client.id, orderTypeId: w.orderType.id },
    });
    expectProblem(byAccountant, 403, 'FORBIDDEN');
    expectProblem(await transition(t, accountant.token, order.id, 'confirmed'), 403, 'FORBIDDEN');
    // The accountant reads orders with their money; staff read them without.
    expect((await get<OrderJson>(t, accountant.token, `/api/v1/orders/${order.id}`)).fees).toBe('15000.00');
    const seenByStaff = await get<OrderJson>(t, staff.token, `/api/v1/orders/${order.id}`);
    expect(seenByStaff.fees).toBeNull();
    expect(seenByStaff.baseCharges).toBeNull();
    expect(await countRows(t, 'orders')).toBe(1);
  });

  it('edits fields with PATCH, audits the change and notifies a new assignee', async () => {
    const staff = await createLoggedInUser(t, owner, 'staff', 'Ravi Staff');
    const order = await createOrder(t, w);
    const res = await t.call({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      token: owner,
      body: { title: 'Transfer of 700 shares', assigneeId: staff.id, partnerId: w.partner.id, fees: '18000' },
    });
    expect(res.statusCode).toBe(200);
    const updated = res.json<OrderJson>();
    expect(updated).toMatchObject({
      title: 'Transfer of 700 shares',
      fees: '18000.00',
      assignee: { id: staff.id, name: 'Ravi Staff' },
    });
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'order.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes ?? '{}')).toMatchObject({ feesPaise: { before: 1500000, after: 1800000 } });
    const inbox = await get<{ items: { kind: string; title: string; orderId: number }[] }>(
      t,
      staff.token,
      '/api/v1/notifications',
    );
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: 'order_assigned',
        orderId: order.id,
        title: `Asha Rao assigned you ${order.number}`,
      }),
    ]);
    // The new title is searchable.
    const found = await get<{ total: number }>(t, owner, '/api/v1/orders?q=700%20shares');
    expect(found.total).toBe(1);
  });

  it('filters, searches, sorts and pages the list with a total', async () => {
    const staff = await createLoggedInUser(t, owner, 'staff');
    const other = await post<{ id: number }>(t, owner, '/api/v1/parties', {
      name: 'Suresh Venkataraman',
      roles: ['client'],
    });
    const a = await createOrder(t, w, { title: 'Demat request', priority: 'low', dueDate: '2026-11-01' });
    t.clock.advance(1000);
    const b = await createOrder(t, w, {
      title: 'Transmission',
      clientId: other.id,
      assigneeId: staff.id,
      priority: 'urgent',
      tags: ['nri'],
    });
    t.clock.advance(1000);
    const c = await createOrder(t, w, {
      title: 'Duplicate certificate',
      partnerId: w.partner.id,
      dueDate: '2026-11-20',
    });
    await transition(t, owner, c.id, 'failed');

    const ids = async (query: string) =>
      (await get<{ items: OrderJson[]; total: number }>(t, owner, `/api/v1/orders?${query}`)).items.map((o) => o.id);

    expect(await ids('')).toEqual([c.id, b.id, a.id]);
    expect(await ids('sort=number&order=asc')).toEqual([a.id, b.id, c.id]);
    expect(await ids('sort=priority&order=desc')).toEqual([b.id, c.id, a.id]);
    expect(await ids('sort=dueDate&order=asc')).toEqual([a.id, c.id, b.id]);
    expect(await ids('stage=failed')).toEqual([c.id]);
    expect(await ids(`clientId=${other.id}`)).toEqual([b.id]);
    expect(await ids(`partnerId=${w.partner.id}`)).toEqual([c.id]);
    expect(await ids(`assigneeId=${staff.id}`)).toEqual([b.id]);
    expect(await ids('tag=nri')).toEqual([b.id]);
    expect(await ids('closed=false')).toEqual([b.id, a.id]);
    // Overdue: open and due before today (23 Nov); the failed order is not overdue.
    expect(await ids('overdue=true')).toEqual([a.id]);
    expect(await ids('dateField=due&from=2026-11-15&to=2026-11-30')).toEqual([c.id]);
    expect(await ids('dateField=created&from=2026-11-23&to=2026-11-23')).toEqual([c.id, b.id, a.id]);
    expect(await ids('dateField=created&from=2026-11-24')).toEqual([]);
    expect(await ids('documents=incomplete')).toEqual([c.id, b.id, a.id]);
    expect(await ids('documents=complete')).toEqual([]);
    // Search: by client name (with a typo), by number, by title.
    expect(await ids('q=venkatraman')).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('00003')}`)).toEqual([c.id]);
    expect(await ids('q=demat')).toEqual([a.id]);

    const page = await get<{ items: OrderJson[]; total: number; page: number }>(
      t,
      owner,
      '/api/v1/orders?pageSize=2&page=2',
    );
    expect(page).toMatchObject({ total: 3, page: 2 });
    expect(page.items.map((o) => o.id)).toEqual([a.id]);

    const bad = await t.call({ method: 'GET', url: '/api/v1/orders?stage=done', token: owner });
    expectProblem(bad, 400, 'VALIDATION_FAILED');

    const mine = await get<{ items: OrderJson[] }>(t, staff.token, '/api/v1/orders?assigneeId=me');
    expect(mine.items.map((o) => o.id)).toEqual([b.id]);

    // Staff cannot list users, but can pick assignees.
    const people = await get<{ items: { name: string; role: string }[] }>(t, staff.token, '/api/v1/orders/assignees');
    expect(people.items.map((p) => [p.name, p.role])).toEqual([
      ['Asha Rao', 'owner'],
      ['staff user', 'staff'],
    ]);
    const filtered = await get<{ items: { name: string }[] }>(t, staff.token, '/api/v1/orders/assignees?q=ash');
    expect(filtered.items.map((p) => p.name)).toEqual(['Asha Rao']);
  });

  it('answers the board with a count and the first orders of every stage', async () => {
    const orders = [];
    for (let i = 0; i < 4; i++) {
      orders.push(await createOrder(t, w, { title: `Order ${i}` }));
      t.clock.advance(1000);
    }
    await transition(t, owner, orders[0]!.id, 'confirmed');
    const board = await get<{
      columns: { stage: { code: string; label: string }; total: number; items: OrderJson[] }[];
    }>(t, owner, '/api/v1/orders/board?perStage=2');
    expect(board.columns).toHaveLength(10);
    const received = board.columns.find((c) => c.stage.code === 'received');
    expect(received?.total).toBe(3);
    expect(received?.items.map((o) => o.id)).toEqual([orders[3]!.id, orders[2]!.id]);
    expect(board.columns.find((c) => c.stage.code === 'confirmed')).toMatchObject({
      total: 1,
      stage: { label: 'Confirmed' },
    });
    expect(board.columns.find((c) => c.stage.code === 'completed')).toMatchObject({ total: 0, items: [] });
  });

  it('shows only orders closed in the last closedWithinDays on the closed columns, with the rest counted', async () => {
    const old = await createOrder(t, w, { title: 'Closed long ago' });
    const failedOld = await createOrder(t, w, { title: 'Failed long ago' });
    const open = await createOrder(t, w, { title: 'Still open' });
    const close = async (token: string, id: number, to: string) => {
      for (const stage of ['confirmed', 'in_progress', to])
        expect((await transition(t, token, id, stage, 'Closing')).statusCode).toBeLessThan(300);
    };
    await close(owner, old.id, 'completed');
    await close(owner, failedOld.id, 'failed');
    t.clock.advance(45 * 24 * 3600_000);
    const later = (await t.login()).token;
    const fresh = await createOrder(t, w, { title: 'Closed this week' }, later);
    await close(later, fresh.id, 'completed');
    type BoardJson = {
      columns: { stage: { code: string }; total: number; hiddenClosed: number; items: OrderJson[] }[];
    };
    const column = (board: BoardJson, code: string) => board.columns.find((c) => c.stage.code === code)!;

    const recent = await get<BoardJson>(t, later, '/api/v1/orders/board?closedWithinDays=30');
    expect(column(recent, 'completed')).toMatchObject({ total: 1, hiddenClosed: 1 });
    expect(column(recent, 'completed').items.map((o) => o.id)).toEqual([fresh.id]);
    expect(column(recent, 'failed')).toMatchObject({ total: 0, hiddenClosed: 1, items: [] });
    // Open columns ignore the window, however old their orders.
    expect(column(recent, 'received')).toMatchObject({ total: 1, hiddenClosed: 0 });
    expect(column(recent, 'received').items.map((o) => o.id)).toEqual([open.id]);
    // With another filter the window still applies.
    const filtered = await get<BoardJson>(t, later, `/api/v1/orders/board?closedWithinDays=30&clientId=${w.client.id}`);
    expect(column(filtered, 'completed')).toMatchObject({ total: 1, hiddenClosed: 1 });

    const all = await get<BoardJson>(t, later, '/api/v1/orders/board');
    expect(column(all, 'completed')).toMatchObject({ total: 2, hiddenClosed: 0 });
    expect(column(all, 'completed').items.map((o) => o.id)).toEqual([fresh.id, old.id]);
    expect(column(all, 'failed').total).toBe(1);
    const wide = await get<BoardJson>(t, later, '/api/v1/orders/board?closedWithinDays=60');
    expect(column(wide, 'completed').total).toBe(2);
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/orders/board?closedWithinDays=0', token: later })).statusCode,
    ).toBe(400);
  });

  it('keeps per-stage counts in step with creates, moves and reopens, and lists filtered by stage alone use them', async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await createOrder(t, w, { title: `Counted ${i}` }));
    for (const o of orders.slice(0, 3)) {
      await transition(t, owner, o.id, 'confirmed');
      await transition(t, owner, o.id, 'in_progress');
    }
    await transition(t, owner, orders[0]!.id, 'completed');
    await transition(t, owner, orders[1]!.id, 'failed', 'Client withdrew');
    await transition(t, owner, orders[0]!.id, 'in_progress', 'Reopened to correct fees');

    // The kept counts equal a fresh GROUP BY of the orders.
    const db = t.services.database.db;
    const grouped = await db
      .selectFrom('orders')
      .select(['stage_code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('stage_code')
      .execute();
    const kept = await db.selectFrom('order_stage_counts').select(['stage_code', 'total']).execute();
    const nonZero = new Map(kept.filter((k) => Number(k.total) !== 0).map((k) => [k.stage_code, Number(k.total)]));
    expect(nonZero).toEqual(new Map(grouped.map((g) => [g.stage_code, Number(g.n)])));

    const totalOf = async (query: string) =>
      (await get<{ total: number; items: OrderJson[] }>(t, owner, `/api/v1/orders?${query}`)).total;
    expect(await totalOf('stage=received')).toBe(2);
    expect(await totalOf('stage=in_progress')).toBe(2);
    expect(await totalOf('stage=failed')).toBe(1);
    expect(await totalOf('stage=completed')).toBe(0);
    expect(await totalOf('closed=true')).toBe(1);
    // With another filter the list counts its rows.
    expect(await totalOf(`stage=in_progress&clientId=${w.client.id}`)).toBe(2);
    const board = await get<{ columns: { stage: { code: string }; total: number }[] }>(
      t,
      owner,
      '/api/v1/orders/board',
    );
    expect(board.columns.find((c) => c.stage.code === 'in_progress')?.total).toBe(2);
  });

  it('refuses to archive a party that orders use (409 IN_USE)', async () => {
    await createOrder(t, w, { partnerId: w.partner.id });
    for (const party of [w.client, w.partner]) {
      const res = await t.call({ method: 'DELETE', url: `/api/v1/parties/${party.id}`, token: owner });
      expectProblem(res, 409, 'IN_USE');
      expect(res.json<{ details: { orders: number } }>().details.orders).toBe(1);
    }
    const unused = await post<{ id: number }>(t, owner, '/api/v1/parties', {
      name: 'Unused Client',
      roles: ['client'],
    });
    expect((await t.call({ method: 'DELETE', url: `/api/v1/parties/${unused.id}`, token: owner })).statusCode).toBe(
      200,
    );
  });
});
