import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

interface Hit {
  kind: string;
  title: string;
  href: string;
}

describe(`global search (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;

  async function post(url: string, body: unknown) {
    const res = await t.call({ method: 'POST', url, token, body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>();
  }
  async function search(q: string, as = token): Promise<Hit[]> {
    const res = await t.call({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, token: as });
    expect(res.statusCode).toBe(200);
    return res.json<{ hits: Hit[] }>().hits;
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    token = (await t.login()).token;
    const registrar = await post('/api/v1/registrars', { name: 'Link Intime' });
    await post('/api/v1/companies', { name: 'Ganesh Polymers Ltd', registrarId: registrar.id });
    await post('/api/v1/items', { name: 'Ganesh brand pipes', kind: 'goods', hsnSac: '3917', gstRate: '18' });
    await post('/api/v1/parties', { name: 'Ganesh Enterprises', roles: ['client'] });
    await post('/api/v1/parties', { name: 'Lakshmi Stores', roles: ['supplier'] });
  });
  afterEach(async () => t.close());

  it('finds parties, companies and items by a fragment, and tolerates a typo', async () => {
    const hits = await search('ganesh');
    expect(hits.map((h) => [h.kind, h.title])).toEqual([
      ['party', 'Ganesh Enterprises'],
      ['company', 'Ganesh Polymers Ltd'],
      ['item', 'Ganesh brand pipes'],
    ]);
    expect(hits[0]?.href).toMatch(/^\/parties\/\d+$/);
    // One wrong letter in a longer word still finds the party (trigram match).
    expect((await search('Lakshmy Stores')).map((h) => h.title)).toContain('Lakshmi Stores');
    expect(await search('zzzzqqq')).toEqual([]);
  });

  it('ranks the best match first, even among many similar names and with a typo', async () => {
    for (const n of ['0057', '0157', '0257', '0357', '0457', '0557', '0657']) {
      await post('/api/v1/parties', { name: `Kavya Gupta Traders ${n}`, roles: ['client'] });
    }
    const hits = await search('Kavya Gupta Tradrs 0557');
    expect(hits[0]?.title).toBe('Kavya Gupta Traders 0557');
    expect(hits.filter((h) => h.kind === 'party')).toHaveLength(5);
  });

  it('shows each role only what it may read', async () => {
    const partnerParty = (await post('/api/v1/parties', { name: 'Ganesh Partners', roles: ['partner'] })) as {
      id: number;
    };
    await t.createUser(token, {
      name: 'Partner',
      email: 'p@example.com',
      role: 'partner',
      partnerPartyId: partnerParty.id,
      password: 'a long password 1',
    });
    const partner = await t.login('p@example.com', 'a long password 1');
    expect(await search('ganesh', partner.token)).toEqual([]);

    const anonymous = await t.call({ method: 'GET', url: '/api/v1/search?q=ganesh' });
    expect(anonymous.statusCode).toBe(401);
    const empty = await t.call({ method: 'GET', url: '/api/v1/search?q=', token });
    expect(empty.statusCode).toBe(400);
  });
});
