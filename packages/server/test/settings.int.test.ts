import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const GSTIN_MH = '27AAPFU0939F1ZV';
const GSTIN_KA = `29AAPFU0939F1Z${gstinCheckChar('29AAPFU0939F1Z')}`;

describe(`business settings (${testDialect()})`, () => {
  let t: TestApp;
  let owner: string;

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    owner = (await t.login()).token;
  });
  afterEach(async () => t.close());

  const patch = (body: unknown, token = owner) =>
    t.call({ method: 'PATCH', url: '/api/v1/settings/business', token, body });
  const getSettings = async () =>
    (await t.call({ method: 'GET', url: '/api/v1/settings/business', token: owner })).json();

  it('starts from the setup record with Indian defaults and saves the invoice details', async () => {
    const initial = await getSettings();
    expect(initial).toMatchObject({
      name: 'Rao Traders',
      stateCode: '27',
      gstin: null,
      timezone: 'Asia/Kolkata',
      fyStartMonth: 4,
      logoUrl: null,
    });

    const res = await patch({
      legalName: 'Rao Traders Private Limited',
      tradeName: 'Rao Traders',
      gstin: GSTIN_MH.toLowerCase(),
      pan: 'aapfu0939f',
      address: { line1: '12 MG Road', city: 'Pune', pin: '411 001' },
      bank: { accountName: 'Rao Traders', accountNumber: '50100012345678', ifsc: 'hdfc0001234', bankName: 'HDFC Bank' },
      upiId: 'RaoTraders@okaxis',
      invoiceTerms: 'Payment within 15 days.',
      signatoryName: 'Asha Rao',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      gstin: GSTIN_MH,
      pan: 'AAPFU0939F',
      address: { line1: '12 MG Road', line2: null, city: 'Pune', pin: '411001' },
      bank: { ifsc: 'HDFC0001234', accountNumber: '50100012345678', branch: null },
      upiId: 'raotraders@okaxis',
    });
    expect(await getSettings()).toEqual(res.json());
    const zone = await patch({ timezone: 'Asia/Kolkata', fyStartMonth: 4 });
    expect(zone.statusCode).toBe(200);
    expect(zone.json().timezone).toBe('Asia/Kolkata');

    const audit = await t.services.auditLog.list({ entity: 'business', entityId: '1', limit: 10, order: 'asc' });
    expect(audit.items.map((e) => e.action)).toEqual(['business.created', 'business.updated']);
    expect(audit.items[1]?.changes).toMatchObject({ gstin: { before: null, after: GSTIN_MH } });
  });

  it('refuses bad identifiers with 400 naming the field and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ gstin: '27AAPFU0939F1ZX' }, 'gstin'],
      [{ gstin: '29AAPFU0939F1ZV' }, 'gstin'],
      [{ gstin: GSTIN_KA }, 'gstin'], // valid, but Karnataka while the business is in Maharashtra
      [{ pan: 'AAPFU0939' }, 'pan'],
      [{ gstin: GSTIN_MH, pan: 'AAPCU0939F' }, 'pan'],
      [{ bank: { ifsc: 'HDFCO001234' } }, 'bank.ifsc'],
      [{ bank: { accountNumber: '12-34' } }, 'bank.accountNumber'],
      [{ upiId: 'rao@gmail.com' }, 'upiId'],
      [{ address: { pin: '011001' } }, 'address.pin'],
      [{ stateCode: '96' }, 'stateCode'],
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors[0].field, JSON.stringify(body)).toBe(field);
    }
    const after = await getSettings();
    expect(after).toMatchObject({ gstin: null, pan: null, upiId: null, bank: { ifsc: null } });
    const audit = await t.services.auditLog.list({ entity: 'business', limit: 10, order: 'asc' });
    expect(audit.items.map((e) => e.action)).toEqual(['business.created']);

    // Moving the business to another state while its GSTIN says otherwise is refused on the state.
    expect((await patch({ gstin: GSTIN_MH })).statusCode).toBe(200);
    const move = await patch({ stateCode: '29' });
    expect(move.statusCode).toBe(400);
    expect(move.json().errors[0].field).toBe('stateCode');
    expect((await patch({ stateCode: '29', gstin: GSTIN_KA })).statusCode).toBe(200);
  });

  it('adds a second GST registration in another state and refuses duplicates and foreign PANs', async () => {
    await patch({ gstin: GSTIN_MH });
    const added = await t.call({
      method: 'POST',
      url: '/api/v1/settings/business/registrations',
      token: owner,
      body: { gstin: GSTIN_KA, tradeName: 'Rao Traders Bengaluru', address: 'Indiranagar, Bengaluru' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ gstin: GSTIN_KA, stateCode: '29', isPrimary: false });

    const again = await t.call({
      method: 'POST',
      url: '/api/v1/settings/business/registrations',
      token: owner,
      body: { gstin: GSTIN_KA },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'gstin' }] });
    const primary = await t.call({
      method: 'POST',
      url: '/api/v1/settings/business/registrations',
      token: owner,
      body: { gstin: GSTIN_MH },
    });
    expect(primary.statusCode).toBe(409);
    const otherPan = `29AAACR5055K1Z${gstinCheckChar('29AAACR5055K1Z')}`;
    const foreign = await t.call({
      method: 'POST',
      url: '/api/v1/settings/business/registrations',
      token: owner,
      body: { gstin: otherPan },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('gstin');

    const list = await t.call({ method: 'GET', url: '/api/v1/settings/business/registrations', token: owner });
    expect(list.json().items.map((r: { gstin: string }) => r.gstin)).toEqual([GSTIN_KA]);
    const archived = await t.call({
      method: 'DELETE',
      url: `/api/v1/settings/business/registrations/${added.json().id}`,
      token: owner,
    });
    expect(archived.statusCode).toBe(200);
    const empty = await t.call({ method: 'GET', url: '/api/v1/settings/business/registrations', token: owner });
    expect(empty.json().items).toEqual([]);
  });

  it('sets number series for the current financial year and refuses one that renders over 16 characters', async () => {
    const set = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: owner,
      body: { documentType: 'invoice', template: 'inv/{FY}/{SEQ:4}' },
    });
    expect(set.statusCode).toBe(200);
    // The test clock is 23-11-2026 in India: financial year 2026-27.
    expect(set.json()).toMatchObject({
      documentType: 'invoice',
      financialYear: '2026-27',
      template: 'INV/{FY}/{SEQ:4}',
      nextSequence: 1,
      preview: 'INV/2026-27/0001',
      maxSequence: 9999,
    });

    const tooLong = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: owner,
      body: { documentType: 'invoice', template: 'INVOICE/{FY}/{SEQ:4}' },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'SERIES_INVALID', errors: [{ field: 'template' }] });
    const badToken = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: owner,
      body: { documentType: 'credit_note', template: 'CN/{YEAR}/{SEQ}' },
    });
    expect(badToken.statusCode).toBe(400);
    expect(badToken.json()).toMatchObject({ code: 'SERIES_INVALID', errors: [{ field: 'template' }] });

    const moved = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: owner,
      body: { documentType: 'invoice', template: 'RT/{FY:SHORT}/{SEQ:5}', nextSequence: 120 },
    });
    expect(moved.json()).toMatchObject({ preview: 'RT/26-27/00120', nextSequence: 120 });
    const back = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: owner,
      body: { documentType: 'invoice', template: 'RT/{FY:SHORT}/{SEQ:5}', nextSequence: 5 },
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].field).toBe('nextSequence');

    const list = await t.call({ method: 'GET', url: '/api/v1/settings/number-series', token: owner });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ template: 'RT/{FY:SHORT}/{SEQ:5}', nextSequence: 120 });
    const audit = await t.services.auditLog.list({ entity: 'number_series', limit: 10, order: 'asc' });
    expect(audit.items.map((e) => e.action)).toEqual(['number_series.created', 'number_series.updated']);
  });

  it('lets the accountant read settings but not change them', async () => {
    await t.createUser(owner, { name: 'Chitra Accounts', email: 'chitra@example.com', role: 'accountant' });
    const accountant = (await t.login('chitra@example.com', 'staff password 123')).token;
    const read = await t.call({ method: 'GET', url: '/api/v1/settings/business', token: accountant });
    expect(read.statusCode).toBe(200);
    const write = await patch({ signatoryName: 'Chitra' }, accountant);
    expect(write.statusCode).toBe(403);
    const series = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token: accountant,
      body: { documentType: 'invoice', template: 'INV/{SEQ}' },
    });
    expect(series.statusCode).toBe(403);
    expect((await getSettings()).signatoryName).toBeNull();
  });
});
