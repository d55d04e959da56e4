import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const RELIANCE_CIN = 'L17110MH1973PLC019786';
const RELIANCE_ISIN = 'INE002A01018';

describe(`masters (${testDialect()})`, () => {
  let t: TestApp;
  let owner: string;

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    owner = (await t.login()).token;
  });
  afterEach(async () => t.close());

  async function post(url: string, body: unknown, token = owner) {
    return t.call({ method: 'POST', url, token, body });
  }
  async function create<T = { id: number }>(url: string, body: unknown): Promise<T> {
    const res = await post(url, body);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  async function count(table: 'registrars' | 'companies' | 'document_types' | 'order_types' | 'items') {
    const row = await t.services.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function auditActions(entity: string, id: number) {
    const page = await t.services.auditLog.list({ entity, entityId: String(id), limit: 20, order: 'asc' });
    return page.items;
  }

  it('creates, reads, updates and archives a registrar, with an audit entry for each change', async () => {
    const created = await post('/api/v1/registrars', {
      name: 'Link Intime India',
      email: 'rnt.helpdesk@linkintime.co.in',
      address: 'C-101, 247 Park, Vikhroli West, Mumbai',
      website: 'https://linkintime.co.in',
    });
    expect(created.statusCode).toBe(201);
    const registrar = created.json();
    expect(registrar).toMatchObject({ name: 'Link Intime India', archivedAt: null });

    const read = await t.call({ method: 'GET', url: `/api/v1/registrars/${registrar.id}`, token: owner });
    expect(read.json()).toEqual(registrar);

    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/registrars/${registrar.id}`,
      token: owner,
      body: { email: 'help@linkintime.co.in' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ email: 'help@linkintime.co.in', website: 'https://linkintime.co.in' });

    const archived = await t.call({ method: 'DELETE', url: `/api/v1/registrars/${registrar.id}`, token: owner });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archivedAt).not.toBeNull();

    const live = await t.call({ method: 'GET', url: '/api/v1/registrars', token: owner });
    expect(live.json().total).toBe(0);
    const onlyArchived = await t.call({ method: 'GET', url: '/api/v1/registrars?archived=true', token: owner });
    expect(onlyArchived.json().items.map((r: { id: number }) => r.id)).toEqual([registrar.id]);

    const entries = await auditActions('registrar', registrar.id);
    expect(entries.map((e) => e.action)).toEqual(['registrar.created', 'registrar.updated', 'registrar.archived']);
    expect(entries[1]?.changes).toEqual({
      email: { before: 'rnt.helpdesk@linkintime.co.in', after: 'help@linkintime.co.in' },
    });
  });

  it('keeps companies tied to a live registrar, checks CIN and ISIN, and refuses to archive a used registrar', async () => {
    const kfin = await create('/api/v1/registrars', { name: 'KFin Technologies' });
    const company = await create<{ id: number; cin: string; isin: string; registrar: { name: string } }>(
      '/api/v1/companies',
      {
        name: 'Reliance Industries',
        cin: ` ${RELIANCE_CIN.toLowerCase()} `,
        isin: RELIANCE_ISIN,
        registrarId: kfin.id,
      },
    );
    expect(company).toMatchObject({ cin: RELIANCE_CIN, isin: RELIANCE_ISIN, registrar: { name: 'KFin Technologies' } });

    const badCin = await post('/api/v1/companies', {
      name: 'Typo Ltd',
      cin: 'L17110MH1973PLC01978',
      registrarId: kfin.id,
    });
    expect(badCin.statusCode).toBe(400);
    expect(badCin.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'cin' }] });
    expect(badCin.json().detail).toMatch(/21 characters/);

    const badIsin = await post('/api/v1/companies', { name: 'Typo Ltd', isin: 'INE002A01019', registrarId: kfin.id });
    expect(badIsin.statusCode).toBe(400);
    expect(badIsin.json().errors[0].field).toBe('isin');

    const noRegistrar = await post('/api/v1/companies', { name: 'Orphan Ltd', registrarId: 9999 });
    expect(noRegistrar.statusCode).toBe(400);
    expect(noRegistrar.json().errors[0].field).toBe('registrarId');
    expect(await count('companies')).toBe(1);

    const sameCin = await post('/api/v1/companies', { name: 'Other Name', cin: RELIANCE_CIN, registrarId: kfin.id });
    expect(sameCin.statusCode).toBe(409);
    expect(sameCin.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'cin' }] });

    const inUse = await t.call({ method: 'DELETE', url: `/api/v1/registrars/${kfin.id}`, token: owner });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'IN_USE', details: { usedBy: 'company', count: 1 } });
    expect(inUse.json().detail).toContain('Reliance Industries');

    // Once the company is archived the registrar can go too.
    expect((await t.call({ method: 'DELETE', url: `/api/v1/companies/${company.id}`, token: owner })).statusCode).toBe(
      200,
    );
    expect((await t.call({ method: 'DELETE', url: `/api/v1/registrars/${kfin.id}`, token: owner })).statusCode).toBe(
      200,
    );
    const toArchived = await post('/api/v1/companies', { name: 'Late Ltd', registrarId: kfin.id });
    expect(toArchived.statusCode).toBe(400);
    expect(toArchived.json().errors[0].field).toBe('registrarId');
  });

  it('keeps an order type’s required documents in order, reorders them, and round-trips money and rates', async () => {
    // One at a time: parallel requests would open several pooled connections, which the PostgreSQL harness's
    // forced database drop can race at clean-up.
    const docs: { id: number }[] = [];
    for (const name of ['PAN Card', 'Aadhaar Card', 'Client Master List', 'Transfer Deed (SH-4)']) {
      docs.push(await create('/api/v1/document-types', { name, description: `${name} copy` }));
    }
    const [pan, aadhaar, cml, sh4] = docs;
    const created = await post('/api/v1/order-types', {
      name: 'Share Transfer',
      requiredDocumentTypeIds: [cml!.id, pan!.id, aadhaar!.id],
      defaultFee: '15000.5',
      baseCharge: '2500',
      sacCode: '998399',
      gstRate: '18.00',
      turnaroundDays: 21,
    });
    expect(created.statusCode).toBe(201);
    const orderType = created.json();
    expect(orderType).toMatchObject({
      defaultFee: '15000.50',
      baseCharge: '2500.00',
      gstRate: '18',
      sacCode: '998399',
      turnaroundDays: 21,
    });
    expect(orderType.requiredDocuments).toEqual([
      { id: cml!.id, name: 'Client Master List', position: 1 },
      { id: pan!.id, name: 'PAN Card', position: 2 },
      { id: aadhaar!.id, name: 'Aadhaar Card', position: 3 },
    ]);
    const stored = await t.services.database.db
      .selectFrom('order_types')
      .select(['default_fee_paise', 'gst_rate_bp'])
      .where('id', '=', orderType.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ default_fee_paise: 1500050, gst_rate_bp: 1800 });

    const reordered = await t.call({
      method: 'PATCH',
      url: `/api/v1/order-types/${orderType.id}`,
      token: owner,
      body: { requiredDocumentTypeIds: [pan!.id, sh4!.id, cml!.id], gstRate: '5' },
    });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().requiredDocuments.map((d: { name: string }) => d.name)).toEqual([
      'PAN Card',
      'Transfer Deed (SH-4)',
      'Client Master List',
    ]);
    expect(reordered.json().gstRate).toBe('5');
    const listed = await t.call({ method: 'GET', url: '/api/v1/order-types', token: owner });
    expect(listed.json().items[0].requiredDocuments.map((d: { id: number }) => d.id)).toEqual([
      pan!.id,
      sh4!.id,
      cml!.id,
    ]);

    const audit = await auditActions('order_type', orderType.id);
    expect(audit.map((e) => e.action)).toEqual(['order_type.created', 'order_type.updated']);
    expect(audit[1]?.changes).toMatchObject({ gstRate: { before: '18', after: '5' } });

    // A document type an order type needs cannot be archived; the answer names the order type.
    const inUse = await t.call({ method: 'DELETE', url: `/api/v1/document-types/${pan!.id}`, token: owner });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({
      code: 'IN_USE',
      details: { usedBy: 'order type', names: ['Share Transfer'] },
    });
    const aadhaarNowFree = await t.call({
      method: 'DELETE',
      url: `/api/v1/document-types/${aadhaar!.id}`,
      token: owner,
    });
    expect(aadhaarNowFree.statusCode).toBe(200);
  });

  it('refuses bad order type input with 400 naming the field and writes nothing', async () => {
    const doc = await create('/api/v1/document-types', { name: 'PAN Card' });
    const cases: [Record<string, unknown>, string][] = [
      [{ sacCode: '8471' }, 'sacCode'],
      [{ sacCode: '99' }, 'sacCode'],
      [{ gstRate: '17' }, 'gstRate'],
      [{ gstRate: 'eighteen' }, 'gstRate'],
      [{ defaultFee: '12.345' }, 'defaultFee'],
      [{ baseCharge: '-5' }, 'baseCharge'],
      [{ requiredDocumentTypeIds: [doc.id, doc.id] }, 'requiredDocumentTypeIds'],
      [{ requiredDocumentTypeIds: [doc.id, 4242] }, 'requiredDocumentTypeIds'],
    ];
    for (const [extra, field] of cases) {
      const res = await post('/api/v1/order-types', { name: 'Dematerialisation', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().errors[0].field, JSON.stringify(extra)).toBe(field);
    }
    expect(await count('order_types')).toBe(0);
    const rows = await t.services.database.db.selectFrom('order_type_documents').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('answers 409 DUPLICATE naming the field for a second master with the same name', async () => {
    await create('/api/v1/document-types', { name: 'Affidavit' });
    const dup = await post('/api/v1/document-types', { name: 'Affidavit' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE', errors: [{ field: 'name' }] });

    const other = await create('/api/v1/document-types', { name: 'Indemnity Bond' });
    const renamed = await t.call({
      method: 'PATCH',
      url: `/api/v1/document-types/${other.id}`,
      token: owner,
      body: { name: 'Affidavit' },
    });
    expect(renamed.statusCode).toBe(409);
    expect(await count('document_types')).toBe(2);
  });

  it('keeps the items catalogue with HSN/SAC, UQC, rates, cess and prices, filtered by kind and active', async () => {
    const laptop = await post('/api/v1/items', {
      name: 'Laptop',
      kind: 'goods',
      hsnSac: '8471.30.10',
      unit: 'nos',
      gstRate: '18',
      cessRate: '0.5',
      cessPerUnit: '4.1',
      salePrice: '55000',
      purchasePrice: '48999.99',
    });
    expect(laptop.statusCode).toBe(201);
    expect(laptop.json()).toMatchObject({
      hsnSac: '84713010',
      unit: 'NOS',
      gstRate: '18',
      cessRate: '0.5',
      cessPerUnit: '4.10',
      salePrice: '55000.00',
      purchasePrice: '48999.99',
      isActive: true,
    });
    await create('/api/v1/items', {
      name: 'Share transfer service',
      kind: 'services',
      hsnSac: '998399',
      gstRate: '18',
    });
    await create('/api/v1/items', {
      name: 'Gold coin',
      kind: 'goods',
      hsnSac: '7118',
      unit: 'GMS',
      gstRate: '3',
      isActive: false,
    });

    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'goods', hsnSac: '84713' }, 'hsnSac'],
      [{ kind: 'goods', hsnSac: '998399' }, 'hsnSac'],
      [{ kind: 'services', hsnSac: '8471' }, 'hsnSac'],
      [{ kind: 'goods', hsnSac: '8471', unit: 'KG' }, 'unit'],
      [{ kind: 'goods', hsnSac: '8471', gstRate: '13' }, 'gstRate'],
      [{ kind: 'goods', hsnSac: '8471', salePrice: '1.234' }, 'salePrice'],
    ];
    for (const [extra, field] of bad) {
      const res = await post('/api/v1/items', { name: 'Bad item', gstRate: '18', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().errors[0].field, JSON.stringify(extra)).toBe(field);
    }
    expect(await count('items')).toBe(3);

    const goods = await t.call({ method: 'GET', url: '/api/v1/items?kind=goods', token: owner });
    expect(goods.json().items.map((i: { name: string }) => i.name)).toEqual(['Gold coin', 'Laptop']);
    const activeGoods = await t.call({ method: 'GET', url: '/api/v1/items?kind=goods&active=true', token: owner });
    expect(activeGoods.json().items.map((i: { name: string }) => i.name)).toEqual(['Laptop']);
    const services = await t.call({ method: 'GET', url: '/api/v1/items?kind=services', token: owner });
    expect(services.json().total).toBe(1);

    // Turning a goods item into a service re-checks its code.
    const toService = await t.call({
      method: 'PATCH',
      url: `/api/v1/items/${laptop.json().id}`,
      token: owner,
      body: { kind: 'services' },
    });
    expect(toService.statusCode).toBe(400);
    expect(toService.json().errors[0].field).toBe('hsnSac');
    const repriced = await t.call({
      method: 'PATCH',
      url: `/api/v1/items/${laptop.json().id}`,
      token: owner,
      body: { salePrice: '52000.5', isActive: false },
    });
    expect(repriced.json()).toMatchObject({ salePrice: '52000.50', isActive: false });
    const audit = await auditActions('item', laptop.json().id);
    expect(audit.map((e) => e.action)).toEqual(['item.created', 'item.updated']);
  });

  it('pages, sorts and searches lists deterministically', async () => {
    for (const name of ['Bigshare Services', 'Link Intime India', 'KFin Technologies', 'Cameo Corporate', 'MCS 100%']) {
      await create('/api/v1/registrars', { name });
    }
    const page1 = await t.call({ method: 'GET', url: '/api/v1/registrars?pageSize=2', token: owner });
    expect(page1.json()).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.json().items.map((r: { name: string }) => r.name)).toEqual(['Bigshare Services', 'Cameo Corporate']);
    const page3 = await t.call({ method: 'GET', url: '/api/v1/registrars?pageSize=2&page=3', token: owner });
    expect(page3.json().items.map((r: { name: string }) => r.name)).toEqual(['MCS 100%']);
    const desc = await t.call({ method: 'GET', url: '/api/v1/registrars?order=desc&pageSize=1', token: owner });
    expect(desc.json().items[0].name).toBe('MCS 100%');
    const q = await t.call({ method: 'GET', url: '/api/v1/registrars?q=INTIME', token: owner });
    expect(q.json().items.map((r: { name: string }) => r.name)).toEqual(['Link Intime India']);
    const literal = await t.call({ method: 'GET', url: '/api/v1/registrars?q=0%25', token: owner });
    expect(literal.json().items.map((r: { name: string }) => r.name)).toEqual(['MCS 100%']);
    const byCreated = await t.call({ method: 'GET', url: '/api/v1/registrars?sort=createdAt', token: owner });
    // Every row has the same creation instant (the test clock stands still), so the id decides.
    expect(byCreated.json().items.map((r: { name: string }) => r.name)[0]).toBe('Bigshare Services');
    const badSort = await t.call({ method: 'GET', url: '/api/v1/registrars?sort=email', token: owner });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().errors[0].field).toBe('sort');
  });

  it('lets staff read masters but not change them', async () => {
    const doc = await create('/api/v1/document-types', { name: 'PAN Card' });
    await t.createUser(owner, { name: 'Bala Staff', email: 'bala@example.com', role: 'staff' });
    const staff = (await t.login('bala@example.com', 'staff password 123')).token;
    const list = await t.call({ method: 'GET', url: '/api/v1/document-types', token: staff });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const write = await post('/api/v1/document-types', { name: 'Affidavit' }, staff);
    expect(write.statusCode).toBe(403);
    const archive = await t.call({ method: 'DELETE', url: `/api/v1/document-types/${doc.id}`, token: staff });
    expect(archive.statusCode).toBe(403);
    expect(await count('document_types')).toBe(1);
  });
});
