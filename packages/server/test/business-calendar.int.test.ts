import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

/**
 * The one business calendar (issue 19), over the real settings: its zone, today and financial year follow the
 * business's settings the moment they change, and the services that date things by it follow too.
 */
describe(`business calendar (${testDialect()})`, () => {
  let t: TestApp;
  let owner: string;
  const calendar = () => t.services.calendar;

  beforeAll(async () => {
    t = await createTestApp();
    await t.setup();
    owner = (await t.login()).token;
  });
  afterAll(async () => t.close());

  const seriesYear = async (documentType: string) => {
    const res = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: owner,
      body: { documentType, template: 'S/{FY}/{SEQ:4}' },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ financialYear: string }>().financialYear;
  };

  it('answers from the settings: India by default, 20:00 UTC on 31 March already the new financial year', async () => {
    expect(await calendar().current()).toEqual({
      timeZone: 'Asia/Kolkata',
      fyStartMonth: 4,
      settlementBasis: 'contracted',
      today: '2026-11-23',
    });
    t.clock.set(new Date('2026-03-31T20:00:00Z'));
    expect(await calendar().today()).toBe('2026-04-01');
    expect((await calendar().currentFinancialYear()).label).toBe('2026-27');
    expect(calendar().financialYearOf('2026-03-31').label).toBe('2025-26');
    expect(calendar().financialYearOf('2026-04-01').label).toBe('2026-27');
    // A series set without a year is for the business's current one.
    expect(await seriesYear('invoice')).toBe('2026-27');
    // Inside a transaction it reads in that transaction (SQLite's one connection would otherwise wait on it).
    expect(await t.services.database.transaction((tx) => calendar().today(tx))).toBe('2026-04-01');
  });

  it('sees a changed time zone and settlement basis on the next call', async () => {
    t.clock.set(new Date('2026-03-31T20:00:00Z'));
    const zone = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token: owner,
      body: { timezone: 'America/New_York' },
    });
    expect(zone.statusCode, zone.body).toBe(200);
    expect(await calendar().timeZone()).toBe('America/New_York');
    // 20:00 UTC is 16:00 in New York: still 31 March, still 2025-26.
    expect(await calendar().today()).toBe('2026-03-31');
    expect(await calendar().dateOf(new Date('2026-04-01T03:59:59Z'))).toBe('2026-03-31');
    expect(await calendar().dateOf(new Date('2026-04-01T04:00:00Z'))).toBe('2026-04-01');
    expect(await seriesYear('credit_note')).toBe('2025-26');

    const basis = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/settlement',
      token: owner,
      body: { basis: 'collected' },
    });
    expect(basis.statusCode, basis.body).toBe(200);
    expect(await calendar().settlementBasis()).toBe('collected');

    await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token: owner,
      body: { timezone: 'Asia/Kolkata' },
    });
    expect(await calendar().today()).toBe('2026-04-01');
  });
});
