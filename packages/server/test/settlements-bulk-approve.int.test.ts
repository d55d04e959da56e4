import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import {
  createLoggedInUser,
  createOrder,
  createOrderWorld,
  expectProblem,
  get,
  post,
  type OrderWorld,
} from './orders-factories';
import { closeAs, type EntryJson } from './order-money-support';

/** Issue 18: approve the selected rows of the approvals list at once, all or nothing. */
describe(`settlements bulk approve (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;

  beforeEach(async () => {
    t = await createTestApp();
    w = await createOrderWorld(t);
  });
  afterEach(async () => t.close());

  async function drafts(count: number): Promise<EntryJson[]> {
    for (let i = 0; i < count; i++) {
      const order = await createOrder(t, w, { fees: String(10_000 + i * 1000), partnerId: w.partner.id });
      await closeAs(t, w.owner.token, order.id, 'completed');
    }
    const page = await get<{ items: EntryJson[] }>(t, w.owner.token, '/api/v1/settlements?status=draft');
    expect(page.items).toHaveLength(count);
    return page.items;
  }

  it('approves every selected entry and leaves the others pending', async () => {
    const [a, b, c] = await drafts(3);
    const res = await post<{ items: EntryJson[] }>(
      t,
      w.owner.token,
      '/api/v1/settlements/approve',
      { entryIds: [c!.id, a!.id] },
      200,
    );
    expect(res.items.map((e) => [e.id, e.status])).toEqual([
      [c!.id, 'approved'],
      [a!.id, 'approved'],
    ]);
    const pending = await get<{ items: EntryJson[] }>(t, w.owner.token, '/api/v1/settlements?status=draft');
    expect(pending.items.map((e) => e.id)).toEqual([b!.id]);
  });

  it('approves none when one of them cannot be approved, and names it', async () => {
    const [a, b] = await drafts(2);
    await post(t, w.owner.token, `/api/v1/settlements/${b!.id}/approve`, {}, 200);
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/settlements/approve',
      token: w.owner.token,
      body: { entryIds: [a!.id, b!.id] },
    });
    expectProblem(res, 409, 'INVALID_STATE');
    expect(res.json<{ detail: string }>().detail).toContain(`${b!.id}`);
    const pending = await get<{ items: EntryJson[] }>(t, w.owner.token, '/api/v1/settlements?status=draft');
    expect(pending.items.map((e) => e.id)).toEqual([a!.id]);

    const unknown = await t.call({
      method: 'POST',
      url: '/api/v1/settlements/approve',
      token: w.owner.token,
      body: { entryIds: [a!.id, 999_999] },
    });
    expectProblem(unknown, 404, 'NOT_FOUND');
    const still = await get<{ items: EntryJson[] }>(t, w.owner.token, '/api/v1/settlements?status=draft');
    expect(still.items.map((e) => e.id)).toEqual([a!.id]);
  });

  it('refuses an empty list, more than 200 entries, duplicates, and callers without the approve permission', async () => {
    const [a] = await drafts(1);
    for (const entryIds of [[], Array.from({ length: 201 }, (_, i) => i + 1), [a!.id, a!.id]]) {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/settlements/approve',
        token: w.owner.token,
        body: { entryIds },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
    const staff = await createLoggedInUser(t, w.owner.token, 'staff');
    const forbidden = await t.call({
      method: 'POST',
      url: '/api/v1/settlements/approve',
      token: staff.token,
      body: { entryIds: [a!.id] },
    });
    expectProblem(forbidden, 403, 'FORBIDDEN');
    const pending = await get<{ items: EntryJson[] }>(t, w.owner.token, '/api/v1/settlements?status=draft');
    expect(pending.items.map((e) => e.id)).toEqual([a!.id]);
  });
});
