/**
 * Field-level visibility (issue 16): for every role, every GET route the app registers and every export, nothing
 * of a field class the role may not read comes back. Three nets: the classes the contracts give the fields, a
 * deny-list of well-known money key names, and canary values seeded into hidden fields that must not appear at all.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifiedFields, fieldClassAt } from '@bizdash/contracts/visibility';
import { ROLES, can, canReadField, type Action, type FieldClass, type Role } from '@bizdash/domain/permissions';
import { createLoggedInUser, createOrder, get } from './orders-factories';
import { closeAs } from './order-money-support';
import { seedBusiness } from './report-seed';
import { createTestApp, type TestApp } from './support/test-app';

/** Seeded into hidden fields: none may appear anywhere in an answer to a role that may not read its class. */
const CANARY: Record<FieldClass, string[]> = {
  // Item sale price, share price and the order value it makes (500 × 123.45), the order type's fee and charge.
  money: ['4321.09', '123.45', '61725.00', '15000.00', '2500.50'],
  bank: ['998877665544', 'CNRB0009988', 'canary@upi'],
  payouts: ['1234.56'],
};

/** Second net: key names that are money, bank details or payouts wherever they appear. */
const DENY_KEYS: Record<FieldClass, RegExp> = {
  money:
    /^(fees|baseCharges?|defaultFee|salePrice|purchasePrice|sharePrice|orderValue|paymentStatus|sharePercent|revenueShare|amount|amountDue|amountReceived|balanceDue|balance|creditLimit|openingBalance|partnerShare|businessShare|revenue|net)$/,
  bank: /^(bankAccountNumber|bankAccountName|ifsc|upiId|payout)$/,
  payouts: /^paidOut$/,
};

/** Export headers that name a hidden column. */
const DENY_HEADERS: Record<FieldClass, RegExp> = {
  money:
    /^(Fees|Base charges?|Default fee|Sale price|Purchase price|Share price|Order value|Payment status|Amount due|Received|Balance due|Credit limit|Revenue share %)$/,
  bank: /^(Bank account name|Bank account number|IFSC|UPI ID)$/,
  payouts: /^Paid out$/,
};

const CLASSES = Object.keys(CANARY) as FieldClass[];

interface Route {
  method: string;
  url: string;
  access: string | undefined;
  response?: unknown;
}

describe('field visibility by role (issue 16)', () => {
  let t: TestApp;
  let tokens: Record<Role, string>;
  let ids: Record<string, number | string>;

  beforeAll(async () => {
    t = await createTestApp();
    const { world, token } = await seedBusiness(t);
    const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, body: unknown) => {
      const res = await t.call({ method, url, token, body });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json<{ id: number }>();
    };
    // Canaries: bank details on the partner, an item's sale price, an order with a share price.
    await call('PATCH', `/api/v1/parties/${world.partner.id}`, {
      payout: {
        bankAccountName: 'Kapoor Associates',
        bankAccountNumber: '998877665544',
        ifsc: 'CNRB0009988',
        upiId: 'canary@upi',
      },
    });
    const item = await call('POST', '/api/v1/items', {
      name: 'Stamp paper',
      kind: 'goods',
      hsnSac: '4907',
      gstRate: '0',
      taxability: 'nil',
      salePrice: '4321.09',
      purchasePrice: '4000.00',
      isActive: true,
    });
    const shareOrder = await createOrder(
      t,
      world,
      { partnerId: world.partner.id, companyId: world.company.id, shareCount: 500, sharePrice: '123.45', fees: '9000' },
      token,
    );
    // A settled order, approved, with a payout to the partner of 1234.56: paidOut and a payout.recorded entry.
    await closeAs(t, token, shareOrder.id, 'completed');
    await call('POST', `/api/v1/orders/${shareOrder.id}/settlement/approve`, {});
    const payout = await call('POST', '/api/v1/payouts', {
      partnerId: world.partner.id,
      date: '2026-11-23',
      amount: '1234.56',
      mode: 'bank_transfer',
    });
    await call('POST', `/api/v1/orders/${shareOrder.id}/comments`, { body: 'Checked the transfer deed' });

    const others: Record<string, string> = {};
    for (const role of ['admin', 'manager', 'staff', 'accountant'] as const)
      others[role] = (await createLoggedInUser(t, token, role)).token;
    await t.createUser(token, {
      name: 'Partner login',
      email: 'partner-login@example.com',
      role: 'partner',
      password: 'partner password 123',
      partnerPartyId: world.partner.id,
    });
    const partnerToken = (await t.login('partner-login@example.com', 'partner password 123')).token;
    tokens = {
      owner: token,
      admin: others.admin ?? '',
      manager: others.manager ?? '',
      staff: others.staff ?? '',
      accountant: others.accountant ?? '',
      partner: partnerToken,
    };

    const first = async (url: string) => (await get<{ items: { id: number }[] }>(t, token, url)).items[0]?.id ?? 1;
    const documents = await get<{ items: { id: number }[] }>(t, token, `/api/v1/orders/${shareOrder.id}/documents`);
    const comments = await get<{ items: { id: number }[] }>(t, token, `/api/v1/orders/${shareOrder.id}/comments`);
    ids = {
      order: shareOrder.id,
      party: world.partner.id,
      'order-type': world.orderType.id,
      item: item.id,
      company: world.company.id,
      registrar: await first('/api/v1/registrars'),
      'document-type': world.docTypes[0]?.id ?? 1,
      invoice: await first('/api/v1/invoices'),
      payment: await first('/api/v1/payments'),
      payout: payout.id,
      partner: world.partner.id,
      user: await first('/api/v1/users'),
      task: 1,
      entry: 1,
      docId: documents.items[0]?.id ?? 1,
      commentId: comments.items[0]?.id ?? 1,
      'portal-order': shareOrder.id,
      code: '1100',
      name: 'partner-earnings',
      gstin: '27AAPFU0939F1ZV',
    };
  }, 120_000);

  afterAll(async () => t?.close());

  /** The route's URL with its parameters filled from the seeded rows, by the collection each one names. */
  function fill(url: string): string {
    const parts = url.split('/');
    return parts
      .map((part, i) => {
        if (!part.startsWith(':')) return part;
        const param = part.slice(1);
        if (param !== 'id') return String(ids[param] ?? 1);
        const collection = (parts[i - 1] ?? '').replace(/ies$/, 'y').replace(/s$/, '');
        const key = parts[i - 2] === 'portal' ? 'portal-order' : collection;
        return String(ids[key] ?? 1);
      })
      .join('/');
  }

  function getRoutes(): Route[] {
    return t.app.routeTable.filter(
      (r) =>
        r.method === 'GET' &&
        r.url.startsWith('/api/') &&
        !r.url.startsWith('/api/docs') &&
        // The API description names every field; it holds no values.
        r.url !== '/api/openapi.json' &&
        // Files (PDFs, uploads) carry no field structure; exports are checked below.
        !/(\.pdf|\.xlsx|\.csv|\/pdf|\/attachment|\/files\/|\/attachments\/|\/logo|\/export|tally-export|registers)$/.test(
          r.url.replace(/:[A-Za-z]+$/, ''),
        ),
    );
  }

  function mayCall(role: Role, access: string | undefined): boolean {
    if (access === 'public' || access === 'authenticated') return true;
    return access !== undefined && can(role, access as Action);
  }

  /** Every non-null value the role may not see, by the contract's classes and the deny-list. */
  function leaks(role: Role, schema: unknown, value: unknown, path: string[] = []): string[] {
    const found: string[] = [];
    if (value === null || value === undefined) return found;
    const key = path.filter((p) => p !== '[]').at(-1);
    if (key !== undefined) {
      for (const fieldClass of CLASSES) {
        if (!canReadField(role, fieldClass) && DENY_KEYS[fieldClass].test(key))
          found.push(`${path.join('.')} (deny-list ${fieldClass})`);
      }
      if (isSchema(schema)) {
        const fieldClass = fieldClassAt(
          schema,
          path.filter((p) => p !== '[]'),
        );
        if (fieldClass !== null && !canReadField(role, fieldClass))
          found.push(`${path.join('.')} (contract ${fieldClass})`);
      }
    }
    if (found.length > 0) return found;
    if (Array.isArray(value)) {
      for (const item of value) found.push(...leaks(role, schema, item, [...path, '[]']));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) found.push(...leaks(role, schema, v, [...path, k]));
    }
    return found;
  }

  /**
   * The book (accounts, party ledgers and statements) posts every payout as a journal line: it is the accountant's
   * own and must balance, so a payout amount may show there as a posting. What payouts.read guards is the payout
   * record and the settlement's paid-out figure, checked by the contract and the deny-list on those routes too.
   */
  const BOOK = /^\/api\/v1\/(accounts(\/|$)|parties\/:id\/(statement|ledger))/;

  function canaries(role: Role, text: string, url = ''): string[] {
    return CLASSES.filter((c) => !canReadField(role, c))
      .filter((c) => !(c === 'payouts' && BOOK.test(url)))
      .flatMap((c) => CANARY[c].filter((v) => text.includes(v)));
  }

  it('gives every classified field in a response schema a way to be hidden from each role that may call it', () => {
    const unhideable: string[] = [];
    for (const route of t.app.routeTable as readonly Route[]) {
      const responses = (route.response ?? {}) as Record<string, unknown>;
      for (const [code, schema] of Object.entries(responses)) {
        if (!isSchema(schema)) continue;
        for (const field of classifiedFields(schema)) {
          const blind = ROLES.filter((r) => mayCall(r, route.access) && !canReadField(r, field.fieldClass));
          if (blind.length > 0 && field.hiddenAs === 'invalid')
            unhideable.push(`${route.method} ${route.url} ${code} ${field.path} (${blind.join(', ')})`);
        }
      }
    }
    expect(unhideable).toEqual([]);
  });

  for (const role of ROLES) {
    it(`shows ${role} no field it may not read on any GET route`, async () => {
      const problems: string[] = [];
      const ok: string[] = [];
      for (const route of getRoutes()) {
        if (!mayCall(role, route.access)) continue;
        const url = fill(route.url);
        const res = await t.call({ method: 'GET', url, token: tokens[role] });
        // A 500 here is an answer that could not be hidden and failed its contract: a failure too.
        if (res.statusCode >= 500) problems.push(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('json')) continue;
        ok.push(route.url);
        const schema = (route.response as Record<string, unknown> | undefined)?.['200'];
        const body: unknown = res.json();
        for (const leak of leaks(role, schema, body)) problems.push(`${url}: ${leak}`);
        for (const value of canaries(role, res.body, route.url)) problems.push(`${url}: canary ${value}`);
        if (route.url === '/api/v1/audit' && !canReadField(role, 'payouts')) {
          const items = (body as { items: { action: string }[] }).items;
          for (const entry of items.filter((e) => e.action.startsWith('payout.')))
            problems.push(`${url}: audit entry ${entry.action}`);
        }
      }
      expect(problems).toEqual([]);
      // The walk reached the routes that carry the fields in question (not a pass by 403s and 404s).
      const expected: Partial<Record<Role, string[]>> = {
        staff: [
          '/api/v1/orders',
          '/api/v1/orders/:id',
          '/api/v1/parties',
          '/api/v1/parties/:id',
          '/api/v1/order-types',
          '/api/v1/items/:id',
          '/api/v1/dashboard',
          '/api/v1/orders/board',
          '/api/v1/orders/:id/history',
        ],
        accountant: [
          '/api/v1/settlements',
          '/api/v1/audit',
          '/api/v1/orders/:id/settlement',
          '/api/v1/dashboard',
          '/api/v1/parties/:id',
        ],
        partner: ['/api/v1/portal/summary', '/api/v1/portal/orders'],
        owner: ['/api/v1/payouts', '/api/v1/settlements', '/api/v1/audit'],
      };
      for (const url of expected[role] ?? []) expect(ok, `${role} reached ${url}`).toContain(url);
    });
  }

  /** Export routes: the list exports, and the report export (format=csv|xlsx on /reports/:name). */
  function exportUrls(role: Role): string[] {
    const lists = (t.app.routeTable as readonly Route[])
      .filter((r) => r.method === 'GET' && r.url.endsWith('/export') && mayCall(role, r.access))
      .map((r) => r.url);
    const reports = mayCall(role, 'reports.read')
      ? ['/api/v1/reports/sales-register', '/api/v1/reports/ageing-receivables']
      : [];
    return [...lists, ...reports];
  }

  for (const role of ROLES) {
    it(`leaves out of ${role}'s CSV and XLSX exports every column and value it may not read`, async () => {
      const problems: string[] = [];
      let exported = 0;
      for (const url of exportUrls(role)) {
        for (const format of ['csv', 'xlsx'] as const) {
          const res = await t.call({ method: 'GET', url: `${url}?format=${format}`, token: tokens[role] });
          if (res.statusCode >= 500) problems.push(`${url} ${format}: ${res.statusCode}`);
          if (res.statusCode !== 200) continue;
          exported += 1;
          const rows = format === 'csv' ? csvRows(res.body) : await xlsxRows(res.rawPayload);
          const headers = rows[0] ?? [];
          for (const fieldClass of CLASSES) {
            if (canReadField(role, fieldClass)) continue;
            for (const header of headers)
              if (DENY_HEADERS[fieldClass].test(header)) problems.push(`${url} ${format}: column ${header}`);
          }
          const text = rows.map((r) => r.join('\t')).join('\n');
          // XLSX money cells are numbers: 15000.00 reads back as 15000.
          const numeric = CLASSES.filter((c) => !canReadField(role, c))
            .flatMap((c) => CANARY[c])
            .filter((v) => rows.some((r) => r.includes(String(Number(v)))) && /^\d+\.\d+$/.test(v));
          for (const value of [...canaries(role, text), ...numeric]) problems.push(`${url} ${format}: value ${value}`);
        }
      }
      expect(problems).toEqual([]);
      if (role !== 'partner') expect(exported).toBeGreaterThan(0);
      if (role === 'staff') expect(exported).toBeGreaterThanOrEqual(2 * 7);
    });
  }

  it('redacts the money a staff role could write back through a form, rather than clearing it', async () => {
    const party = `/api/v1/parties/${String(ids.party)}`;
    // What the party form sends after a staff member opened it: the hidden fields as null.
    const res = await t.call({
      method: 'PATCH',
      url: party,
      token: tokens.staff,
      body: { notes: 'Called about KYC', payout: null, revenueShare: null, creditLimit: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ payout: unknown; notes: string }>()).toMatchObject({ payout: null, notes: 'Called about KYC' });
    const seen = await get<{ payout: { ifsc: string } | null; revenueShare: string }>(t, tokens.owner, party);
    expect(seen.payout?.ifsc).toBe('CNRB0009988');
    expect(seen.revenueShare).toBe('40.00');
  });

  it('still shows every class to the roles that may read it', async () => {
    const order = await get<{ sharePrice: string; paymentStatus: string }>(
      t,
      tokens.manager,
      `/api/v1/orders/${String(ids.order)}`,
    );
    expect(order.sharePrice).toBe('123.45');
    expect(order.paymentStatus).not.toBeNull();
    const settlements = await get<{ items: { paidOut: string | null }[] }>(t, tokens.manager, '/api/v1/settlements');
    expect(settlements.items.some((e) => e.paidOut === '1234.56')).toBe(true);
    const forAccountant = await get<{ items: { paidOut: string | null; partnerShare: string }[] }>(
      t,
      tokens.accountant,
      '/api/v1/settlements',
    );
    expect(forAccountant.items.length).toBeGreaterThan(0);
    expect(forAccountant.items.every((e) => e.paidOut === null && e.partnerShare !== null)).toBe(true);
    const audit = await get<{ items: { action: string }[] }>(t, tokens.owner, '/api/v1/audit?limit=200');
    expect(audit.items.some((e) => e.action === 'payout.recorded')).toBe(true);
  });
});

function isSchema(value: unknown): value is Parameters<typeof fieldClassAt>[0] {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}
