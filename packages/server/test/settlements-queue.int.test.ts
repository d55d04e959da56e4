import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import { createOrder, createOrderWorld, get, type OrderWorld } from './orders-factories';
import { closeAs } from './order-money-support';

/** Issue 18: an order without a partner has nothing to approve, so it never waits in the approvals queue. */
describe(`settlement approvals queue (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
  });
  afterEach(async () => t.close());

  it('lists closed orders with a partner, and leaves out those without one', async () => {
    const token = w.owner.token;
    const withPartner = await createOrder(t, w, { fees: '10000', partnerId: w.partner.id });
    const alone = await createOrder(t, w, { fees: '8000' });
    await closeAs(t, token, withPartner.id, 'completed');
    await closeAs(t, token, alone.id, 'completed');
    const queue = await get<{ items: { orderId: number }[]; total: number }>(
      t,
      token,
      '/api/v1/settlements?status=draft',
    );
    expect(queue.items.map((i) => i.orderId)).toEqual([withPartner.id]);
    expect(queue.total).toBe(1);
    const dashboard = await get<{ pendingApprovals: { total: number } | null }>(t, token, '/api/v1/dashboard');
    expect(dashboard.pendingApprovals?.total).toBe(1);
  });
});
