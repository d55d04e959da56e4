import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUndeclaredSurface } from '../src/platform/http/route-config';
import { createOrder, createOrderWorld, expectProblem, post, type OrderWorld } from './orders-factories';
import { insertEntry } from './partner-factories';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST.

const PASSWORD = 'partner password 123';

interface PortalOrderJson {
  id: number;
  number: string;
  clientName: string;
  stage: { code: string; label: string };
  documents: { required: number; received: number; accepted: number };
  fees: string;
  sharePercent: string;
  partnerShare: string;
  settlementStatus: string;
}

describe(`partner portal (${testDialect()})`, () => {
  let t: TestApp;
  let world: OrderWorld;
  let owner: string;
  let other: { id: number; name: string };
  let mine: { id: number; number: string }[];
  let theirs: { id: number; number: string }[];
  let myToken: string;
  let theirEntry: number;
  let theirPayout: number;

  async function partnerLogin(partyId: number, email: string): Promise<string> {
    await t.createUser(owner, {
      name: `Login ${email}`,
      email,
      role: 'partner',
      password: PASSWORD,
      partnerPartyId: partyId,
    } as never);
    return (await t.login(email, PASSWORD)).token;
  }

  beforeEach(async () => {
    t = await createTestApp();
    world = await createOrderWorld(t);
    owner = world.owner.token;
    other = await post(t, owner, '/api/v1/parties', {
      name: 'Zeta Secret Partners',
      roles: ['partner'],
      revenueShare: '25',
    });
    mine = [
      await createOrder(t, world, { partnerId: world.partner.id, title: 'Transfer for my partner' }),
      await createOrder(t, world, { partnerId: world.partner.id, title: 'Second one of mine' }),
    ];
    theirs = [await createOrder(t, world, { partnerId: other.id, title: 'Zeta confidential transfer' })];
    await createOrder(t, world, { title: 'No partner at all' });
    await insertEntry(t, {
      orderId: mine[0]!.id,
      partnerId: world.partner.id,
      partnerShare: '1200',
      approvedOn: '2026-11-02',
    });
    theirEntry = await insertEntry(t, {
      orderId: theirs[0]!.id,
      partnerId: other.id,
      partnerShare: '5000',
      approvedOn: '2026-11-02',
    });
    const paid = await post<{ id: number }>(t, owner, '/api/v1/payouts', {
      partnerId: other.id,
      date: '2026-11-10',
      amount: '1000',
      mode: 'upi',
      reference: 'ZETA-UTR',
    });
    theirPayout = paid.id;
    await post(t, owner, '/api/v1/payouts', {
      partnerId: world.partner.id,
      date: '2026-11-10',
      amount: '200',
      mode: 'cash',
    });
    myToken = await partnerLogin(world.partner.id, 'kapoor@example.com');
  });
  const partnerRef = () => ({ id: world.partner.id, name: world.partner.name });

  afterEach(async () => {
    await t.close();
  });

  it('links a partner login to one partner party, and refuses a partner login without one', async () => {
    const noParty = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: owner,
      body: { name: 'No Party', email: 'np@example.com', role: 'partner', password: PASSWORD },
    });
    expectProblem(noParty, 400, 'VALIDATION_FAILED');
    expect(noParty.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('partnerPartyId');
    const client = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: owner,
      body: {
        name: 'Client Link',
        email: 'cl@example.com',
        role: 'partner',
        password: PASSWORD,
        partnerPartyId: world.client.id,
      },
    });
    expectProblem(client, 400, 'VALIDATION_FAILED');
    const staffWithParty = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      token: owner,
      body: {
        name: 'Staff',
        email: 'st@example.com',
        role: 'staff',
        password: PASSWORD,
        partnerPartyId: world.partner.id,
      },
    });
    expectProblem(staffWithParty, 400, 'VALIDATION_FAILED');
    const me = await t.call({ method: 'GET', url: '/api/v1/users?role=partner', token: owner });
    expect(me.json<{ items: { partnerPartyId: number | null }[] }>().items.map((u) => u.partnerPartyId)).toEqual([
      world.partner.id,
    ]);
  });

  it("shows the partner its own orders, settlements, payouts and statement, and nobody else's", async () => {
    const summary = await t.call({ method: 'GET', url: '/api/v1/portal/summary', token: myToken });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toEqual({
      partner: partnerRef(),
      openOrders: 2,
      closedOrders: 0,
      balanceOwed: '1000.00',
      pending: '0.00',
      paidOut: '200.00',
    });

    const list = await t.call({ method: 'GET', url: '/api/v1/portal/orders', token: myToken });
    const items = list.json<{ items: PortalOrderJson[]; total: number }>();
    expect(items.total).toBe(2);
    expect(items.items.map((o) => o.id).sort()).toEqual(mine.map((o) => o.id).sort());
    const first = items.items.find((o) => o.id === mine[0]!.id);
    // An open order shows its projected share: 40% of the ₹15,000 fee.
    expect(first).toMatchObject({
      number: mine[0]!.number,
      clientName: world.client.name,
      stage: { code: 'received' },
      documents: { required: 3, received: 0, accepted: 0 },
      fees: '15000.00',
      sharePercent: '40.00',
      partnerShare: '6000.00',
      settlementStatus: 'projected',
    });
    const search = await t.call({ method: 'GET', url: '/api/v1/portal/orders?q=second', token: myToken });
    expect(search.json<{ items: PortalOrderJson[] }>().items.map((o) => o.id)).toEqual([mine[1]!.id]);
    const zeta = await t.call({ method: 'GET', url: '/api/v1/portal/orders?q=zeta', token: myToken });
    expect(zeta.json<{ total: number }>().total).toBe(0);

    expect(
      (await t.call({ method: 'GET', url: `/api/v1/portal/orders/${mine[0]!.id}`, token: myToken })).statusCode,
    ).toBe(200);
    expectProblem(
      await t.call({ method: 'GET', url: `/api/v1/portal/orders/${theirs[0]!.id}`, token: myToken }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await t.call({ method: 'GET', url: '/api/v1/portal/orders/999999', token: myToken }),
      404,
      'NOT_FOUND',
    );

    const settlements = await t.call({ method: 'GET', url: '/api/v1/portal/settlements', token: myToken });
    const entries = settlements.json<{
      items: { id: number; partner: { id: number } | null; partnerShare: string }[];
    }>().items;
    expect(entries.map((e) => [e.partner?.id, e.partnerShare])).toEqual([[world.partner.id, '1200.00']]);
    expect(entries.map((e) => e.id)).not.toContain(theirEntry);

    const payouts = await t.call({ method: 'GET', url: '/api/v1/portal/payouts', token: myToken });
    const paid = payouts.json<{ items: { id: number; amount: string }[] }>().items;
    expect(paid.map((p) => p.amount)).toEqual(['200.00']);
    expect(paid.map((p) => p.id)).not.toContain(theirPayout);
    // A partnerId in the query is ignored: the scope comes from the login.
    const sneaky = await t.call({ method: 'GET', url: `/api/v1/portal/payouts?partnerId=${other.id}`, token: myToken });
    expect(sneaky.json<{ items: { id: number }[] }>().items.map((p) => p.id)).not.toContain(theirPayout);

    const statement = await t.call({
      method: 'GET',
      url: '/api/v1/portal/statement?from=2026-11-01&to=2026-11-30',
      token: myToken,
    });
    expect(statement.json()).toMatchObject({
      partner: partnerRef(),
      openingBalance: '0.00',
      closingBalance: '1000.00',
    });
    expect(statement.body).not.toContain('Zeta');
    const pdf = await t.call({
      method: 'GET',
      url: '/api/v1/portal/statement?from=2026-11-01&to=2026-11-30&format=pdf',
      token: myToken,
    });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("answers 403 or 404 on every other API route, and never shows another partner's data", async () => {
    // Ids of the other partner's records stand in for every path parameter.
    const ids: Record<string, number> = {
      id: theirs[0]!.id,
      orderId: theirs[0]!.id,
      entryId: theirEntry,
      partyId: other.id,
      itemId: 1,
      documentId: 1,
      fileId: 1,
      invoiceId: 1,
      userId: 1,
    };
    const secrets = ['Zeta', theirs[0]!.number, '5000.00'];
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/v1/') &&
        !isUndeclaredSurface(r.url) &&
        !r.url.startsWith('/api/v1/portal/') &&
        !r.url.startsWith('/api/v1/auth/') &&
        !r.url.startsWith('/api/v1/me') &&
        r.access !== 'public' &&
        r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(40);
    const leaks: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => String(ids[name] ?? 1));
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const res = await t.call({
        method,
        url,
        token: myToken,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
      });
      const where = `${route.method} ${route.url} (${route.access}) -> ${res.statusCode}`;
      if (route.access === 'authenticated') {
        // Own-user surfaces (notifications, search, the logo) may answer, but with nothing of anyone else's.
        if (secrets.some((s) => res.body.includes(s))) leaks.push(where);
      } else if (res.statusCode !== 403 && res.statusCode !== 404) {
        leaks.push(where);
      }
    }
    expect(leaks).toEqual([]);

    // And the portal routes with the other partner's ids answer 404.
    expectProblem(
      await t.call({ method: 'GET', url: `/api/v1/portal/orders/${theirs[0]!.id}`, token: myToken }),
      404,
      'NOT_FOUND',
    );
    // The staff side is closed to the partner, whatever the id.
    expectProblem(
      await t.call({
        method: 'GET',
        url: `/api/v1/partners/${other.id}/statement?from=2026-11-01&to=2026-11-30`,
        token: myToken,
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('keeps the portal to partner logins', async () => {
    expectProblem(await t.call({ method: 'GET', url: '/api/v1/portal/summary', token: owner }), 403, 'FORBIDDEN');
    expectProblem(await t.call({ method: 'GET', url: '/api/v1/portal/orders' }), 401, 'UNAUTHENTICATED');
  });
});
