import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const ADDRESS = { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' };

interface PartyJson {
  id: number;
  name: string;
  roles: string[];
  phones: string[];
  emails: string[];
  warnings?: { code: string; field: string; party?: { id: number } }[];
  [key: string]: unknown;
}

describe(`parties (${testDialect()})`, () => {
  let t: TestApp;
  let owner: { token: string };

  /** Factory: a party through the API, with sensible defaults. */
  async function createParty(body: Record<string, unknown>, token = owner.token): Promise<PartyJson> {
    const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { roles: ['client'], ...body } });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<PartyJson>();
  }
  async function list(query: string): Promise<{ items: PartyJson[]; total: number; page: number }> {
    const res = await t.call({ method: 'GET', url: `/api/v1/parties?${query}`, token: owner.token });
    expect(res.statusCode).toBe(200);
    return res.json();
  }
  async function countParties(): Promise<number> {
    const row = await t.services.database.db
      .selectFrom('parties')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function auditActions(entityId: number): Promise<string[]> {
    const rows = await t.services.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'party')
      .where('entity_id', '=', String(entityId))
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.action);
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    owner = await t.login();
  });
  afterEach(async () => t.close());

  it('creates a party with several roles and full details, and reads it back', async () => {
    const created = await createParty({
      name: 'Krishnamurthy Textiles',
      legalName: 'Krishnamurthy Textiles Private Limited',
      kind: 'company',
      roles: ['client', 'supplier', 'partner'],
      emails: ['Accounts@Krishna.example'],
      phones: ['+91 98765-43210'],
      billingAddress: ADDRESS,
      shippingAddress: { ...ADDRESS, line2: 'Gate 2' },
      gstin: GSTIN.toLowerCase(),
      pan: GSTIN.slice(2, 12),
      gstRegistrationType: 'regular',
      paymentTermsDays: 30,
      creditLimit: '150000.5',
      tags: ['wholesale'],
      notes: 'Prefers NEFT',
      revenueShare: '40',
      payout: {
        bankAccountName: 'K Textiles',
        bankAccountNumber: '000123456789',
        ifsc: 'hdfc0001234',
        upiId: 'Ktex@okaxis',
      },
    });
    expect(created).toMatchObject({
      roles: ['client', 'supplier', 'partner'],
      emails: ['accounts@krishna.example'],
      phones: ['+919876543210'],
      gstin: GSTIN,
      creditLimit: '150000.50',
      revenueShare: '40.00',
      payout: { ifsc: 'HDFC0001234', upiId: 'ktex@okaxis' },
      isArchived: false,
      warnings: [],
    });
    const read = await t.call({ method: 'GET', url: `/api/v1/parties/${created.id}`, token: owner.token });
    expect(read.statusCode).toBe(200);
    const { warnings: _w, ...withoutWarnings } = created;
    expect(read.json()).toEqual(withoutWarnings);

    const missing = await t.call({ method: 'GET', url: '/api/v1/parties/99999', token: owner.token });
    expect(missing.statusCode).toBe(404);
  });

  it('lists by role, sorted by name, with paging and a total', async () => {
    await createParty({ name: 'Delta Traders', roles: ['client'] });
    await createParty({ name: 'Alpha Supplies', roles: ['supplier'] });
    await createParty({ name: 'Charlie and Co', roles: ['client', 'supplier'] });
    await createParty({ name: 'Bravo Partner', roles: ['partner'] });
    await createParty({ name: 'Bravo Partner', roles: ['client'] });

    const clients = await list('role=client&sort=name&order=asc');
    expect(clients.total).toBe(3);
    expect(clients.items.map((p) => p.name)).toEqual(['Bravo Partner', 'Charlie and Co', 'Delta Traders']);

    const all = await list('sort=name&order=asc&pageSize=2');
    expect(all.total).toBe(5);
    expect(all.items.map((p) => p.name)).toEqual(['Alpha Supplies', 'Bravo Partner']);
    const page2 = await list('sort=name&order=asc&pageSize=2&page=2');
    expect(page2.items.map((p) => p.name)).toEqual(['Bravo Partner', 'Charlie and Co']);
    // The two Bravos are told apart by id, so paging neither repeats nor skips one.
    expect(page2.items[0]?.id).not.toBe(all.items[1]?.id);

    const byNewest = await list('sort=createdAt&order=desc&pageSize=1');
    expect(byNewest.items[0]?.roles).toEqual(['client']);

    const badSort = await t.call({ method: 'GET', url: '/api/v1/parties?sort=gstin', token: owner.token });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().errors[0].field).toBe('sort');
  });

  it('searches by prefix, substring and with a typo', async () => {
    await createParty({ name: 'Krishnamurthy Textiles' });
    await createParty({ name: 'Sharma Hardware', emails: ['orders@sharmahw.example'] });
    await createParty({ name: 'Patel Agencies', gstin: GSTIN });

    const names = async (q: string) => (await list(`q=${encodeURIComponent(q)}`)).items.map((p) => p.name);
    expect(await names('krish')).toEqual(['Krishnamurthy Textiles']);
    expect(await names('Kr')).toEqual(['Krishnamurthy Textiles']);
    expect(await names('hardw')).toEqual(['Sharma Hardware']);
    expect(await names('krishnamurty')).toEqual(['Krishnamurthy Textiles']);
    expect(await names('sharmahw')).toEqual(['Sharma Hardware']);
    expect(await names(GSTIN.slice(0, 8).toLowerCase())).toEqual(['Patel Agencies']);
    expect(await names('zzzqqq')).toEqual([]);
    // Search combines with the role filter.
    expect((await list('q=krish&role=supplier')).total).toBe(0);
  });

  it('keeps the search index current on update', async () => {
    const p = await createParty({ name: 'Old Name Enterprises' });
    const res = await t.call({
      method: 'PATCH',
      url: `/api/v1/parties/${p.id}`,
      token: owner.token,
      body: { name: 'Vishwakarma Engineering' },
    });
    expect(res.statusCode).toBe(200);
    expect((await list('q=vishwa')).total).toBe(1);
    expect((await list('q=enterprises')).total).toBe(0);
  });

  it.each([
    [{ phones: ['12345'] }, 'phones.0'],
    [{ emails: ['not-an-email'] }, 'emails.0'],
    [{ gstin: '27AAPFU0939F1ZZ' }, 'gstin'],
    [{ pan: 'ABCDE12345' }, 'pan'],
    [{ billingAddress: { ...ADDRESS, pin: '0110' } }, 'billingAddress.pin'],
    [{ billingAddress: { ...ADDRESS, stateCode: '55' } }, 'billingAddress.stateCode'],
    [{ payout: { bankAccountNumber: '1234567890', ifsc: 'HDFCO001234' } }, 'payout.ifsc'],
    [{ payout: { upiId: 'someone@gmail.com' } }, 'payout.upiId'],
    [{ revenueShare: '100.01' }, 'revenueShare'],
    [{ revenueShare: '12.345' }, 'revenueShare'],
    [{ creditLimit: '12.345' }, 'creditLimit'],
    [{ roles: [] }, 'roles'],
    [{ roles: ['customer'] }, 'roles.0'],
    [{ name: '' }, 'name'],
  ])('refuses %j with 400 naming %s and writes nothing', async (body, field) => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token: owner.token,
      body: { name: 'Bad Input Ltd', roles: ['client'], ...body },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countParties()).toBe(0);
  });

  it('refuses a bad update with 400 and leaves the party unchanged', async () => {
    const p = await createParty({ name: 'Stable Ltd', phones: ['9876543210'] });
    const res = await t.call({
      method: 'PATCH',
      url: `/api/v1/parties/${p.id}`,
      token: owner.token,
      body: { name: 'Changed', phones: ['9876543210', 'abc'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('phones.1');
    const read = await t.call({ method: 'GET', url: `/api/v1/parties/${p.id}`, token: owner.token });
    expect(read.json().name).toBe('Stable Ltd');
    expect(await auditActions(p.id)).toEqual(['party.created']);
  });

  it('stores a party outside India with its country and foreign address (issue 15)', async () => {
    const foreign = await createParty({
      name: 'Harbour Trading FZE',
      countryCode: 'ae',
      gstRegistrationType: 'overseas',
      foreignAddress: { lines: ['Warehouse 12, Jebel Ali Free Zone', 'Dubai'], postalCode: ' 17000 ' },
    });
    expect(foreign).toMatchObject({
      countryCode: 'AE',
      billingAddress: null,
      foreignAddress: { lines: ['Warehouse 12, Jebel Ali Free Zone', 'Dubai'], postalCode: '17000' },
    });
    const read = await t.call({ method: 'GET', url: `/api/v1/parties/${foreign.id}`, token: owner.token });
    expect(read.json()).toMatchObject({ countryCode: 'AE', foreignAddress: { postalCode: '17000' } });
    // Parties made before foreign addresses existed, and new ones by default, are in India.
    const local = await createParty({ name: 'Local Ltd', billingAddress: ADDRESS });
    expect(local).toMatchObject({ countryCode: 'IN', foreignAddress: null });
  });

  it('refuses addresses the law does not allow: 96, retired codes, and mixed Indian/foreign addresses', async () => {
    const before = await countParties();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ billingAddress: { ...ADDRESS, stateCode: '96' } }, 'billingAddress.stateCode'],
      [{ billingAddress: { ...ADDRESS, stateCode: '25', pin: '396210' } }, 'billingAddress.stateCode', 'use 26'],
      [{ billingAddress: { ...ADDRESS, stateCode: '28', pin: '500001' } }, 'billingAddress.stateCode', 'use 37'],
      [{ countryCode: 'XX', gstRegistrationType: 'overseas', foreignAddress: { lines: ['1 Main St'] } }, 'countryCode'],
      [{ countryCode: 'US', gstRegistrationType: 'overseas', billingAddress: ADDRESS }, 'billingAddress'],
      [
        { countryCode: 'US', gstRegistrationType: 'regular', foreignAddress: { lines: ['1 Main St'] } },
        'gstRegistrationType',
      ],
      [{ foreignAddress: { lines: ['1 Main St'] } }, 'foreignAddress'],
      [{ countryCode: 'US', gstRegistrationType: 'overseas', foreignAddress: { lines: [] } }, 'foreignAddress.lines'],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/parties',
        token: owner.token,
        body: { name: 'Refused Ltd', roles: ['client'], ...body },
      });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      if (message) expect(res.json().detail ?? res.body).toContain(message);
    }
    expect(await countParties()).toBe(before);
  });

  it('warns, without refusing, when a PIN does not fit the state', async () => {
    // 560001 is a Bengaluru PIN; 27 is Maharashtra.
    const p = await createParty({ name: 'Mismatch Ltd', billingAddress: { ...ADDRESS, pin: '560001' } });
    expect(p.warnings).toEqual([expect.objectContaining({ code: 'PIN_STATE_MISMATCH', field: 'billingAddress.pin' })]);
    const fits = await createParty({ name: 'Fits Ltd', billingAddress: ADDRESS });
    expect(fits.warnings).toEqual([]);
  });

  it('warns about duplicates by GSTIN, phone and email, and checks on demand', async () => {
    const first = await createParty({
      name: 'Original Ltd',
      gstin: GSTIN,
      phones: ['98765 43210'],
      emails: ['a@x.example'],
    });
    const second = await createParty({
      name: 'Copy Ltd',
      gstin: GSTIN.toLowerCase(),
      phones: ['+919876543210'],
      emails: ['A@X.example'],
    });
    expect(second.warnings?.map((w) => w.code).sort()).toEqual([
      'DUPLICATE_EMAIL',
      'DUPLICATE_GSTIN',
      'DUPLICATE_PHONE',
    ]);
    expect(second.warnings?.every((w) => w.party?.id === first.id)).toBe(true);

    const check = await t.call({
      method: 'GET',
      url: `/api/v1/parties/duplicates?phone=${encodeURIComponent('098765 43210')}&excludeId=${second.id}`,
      token: owner.token,
    });
    expect(check.statusCode).toBe(200);
    expect(check.json().warnings).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_PHONE', party: { id: first.id, name: 'Original Ltd' } }),
    ]);

    const unique = await createParty({ name: 'Unique Ltd', phones: ['9123456789'] });
    expect(unique.warnings).toEqual([]);
  });

  it('archives on DELETE, hides archived parties by default and records audit entries', async () => {
    const p = await createParty({ name: 'Gone Soon Ltd' });
    await createParty({ name: 'Staying Ltd' });
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/parties/${p.id}`,
      token: owner.token,
      body: { paymentTermsDays: 45 },
    });
    expect(patched.json().paymentTermsDays).toBe(45);

    const del = await t.call({ method: 'DELETE', url: `/api/v1/parties/${p.id}`, token: owner.token });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toMatchObject({ isArchived: true, archivedAt: expect.any(String) });

    expect((await list('')).items.map((x) => x.name)).toEqual(['Staying Ltd']);
    expect((await list('archived=true')).items.map((x) => x.name)).toEqual(['Gone Soon Ltd']);
    expect((await list('archived=all')).total).toBe(2);
    // Still readable: documents that name it keep working.
    const read = await t.call({ method: 'GET', url: `/api/v1/parties/${p.id}`, token: owner.token });
    expect(read.statusCode).toBe(200);

    expect(await auditActions(p.id)).toEqual(['party.created', 'party.updated', 'party.archived']);
    const update = await t.services.database.db
      .selectFrom('audit_log')
      .select(['changes'])
      .where('action', '=', 'party.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(update.changes ?? '{}')).toEqual({ paymentTermsDays: { before: null, after: 45 } });
  });

  it('lets staff manage parties and keeps partner logins out with 403', async () => {
    await t.createUser(owner.token, { name: 'Bala Staff', email: 'bala@example.com', role: 'staff' });
    const staff = await t.login('bala@example.com', 'staff password 123');
    const made = await createParty({ name: 'Staff Made Ltd' }, staff.token);
    expect(made.id).toBeGreaterThan(0);

    const pia = await createParty({ name: 'Pia Partners', roles: ['partner'] });
    await t.createUser(owner.token, {
      name: 'Pia Partner',
      email: 'pia@example.com',
      role: 'partner',
      partnerPartyId: pia.id,
    });
    const partner = await t.login('pia@example.com', 'staff password 123');
    const listRes = await t.call({ method: 'GET', url: '/api/v1/parties', token: partner.token });
    expect(listRes.statusCode).toBe(403);
    const createRes = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token: partner.token,
      body: { name: 'Sneaky', roles: ['client'] },
    });
    expect(createRes.statusCode).toBe(403);
    const gstinRes = await t.call({ method: 'GET', url: `/api/v1/gstin/${GSTIN}`, token: partner.token });
    expect(gstinRes.statusCode).toBe(403);
    // Staff Made Ltd and the partner's own party; nothing from the partner login.
    expect(await countParties()).toBe(2);
  });
});
