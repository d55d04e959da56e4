import { Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/migrations/registry';
import { migrateToLatest } from '../src/platform/db/migrator';
import type { Gstr1Return } from '@bizdash/contracts/returns';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Issue 15: one number series per GST registration, document type and financial year (Rule 46(b)), and numbers that
// follow dates. Clock: 2026-11-23, financial year 2026-27. The primary GSTIN is Karnataka's (29); the further one is
// Delhi's (07), of the same PAN.
const KA = '29AABCT1332L1Z' + gstinCheckChar('29AABCT1332L1Z');
const DL = '07AABCT1332L1Z' + gstinCheckChar('07AABCT1332L1Z');
const CLIENT_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const LINE = { description: 'Widget', hsnSac: '84713010', quantity: '10', unit: 'NOS', rate: '1250.00', gstRate: '18' };

interface Doc {
  id: number;
  number: string | null;
  date: string;
  lines: { id: number }[];
}

describe(`number series per registration (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let delhiId: number;

  async function draft(body: Record<string, unknown>, as = token): Promise<Doc> {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token: as,
      body: { type: 'sales', partyId: clientId, lines: [LINE], ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Doc>();
  }

  function issue(id: number, body?: Record<string, unknown>, as = token) {
    return t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token: as, ...(body ? { body } : {}) });
  }

  async function issued(body: Record<string, unknown>): Promise<Doc> {
    const res = await issue((await draft(body)).id);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Doc>();
  }

  async function gstr1(gstin: string): Promise<Gstr1Return> {
    const res = await t.call({ method: 'GET', url: `/api/v1/returns/gstr1?period=2026-11&gstin=${gstin}`, token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Gstr1Return>();
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: {
        gstin: KA,
        stateCode: '29',
        address: { line1: '7 CMH Road', city: 'Bengaluru', pin: '560038' },
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const reg = await t.call({
      method: 'POST',
      url: '/api/v1/settings/business/registrations',
      token,
      body: { gstin: DL, tradeName: 'Delhi branch', address: '12 Barakhamba Road, Connaught Place, New Delhi 110001' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    delhiId = reg.json<{ id: number }>().id;
    const party = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: {
        roles: ['client'],
        name: 'Acme Pune',
        kind: 'company',
        gstin: CLIENT_GSTIN,
        gstRegistrationType: 'regular',
        billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
      },
    });
    expect(party.statusCode, party.body).toBe(201);
    clientId = party.json<{ id: number }>().id;
  });
  afterEach(async () => t.close());

  it('gives two registrations issuing alternately two unbroken series, and no cancelled documents in Table 13', async () => {
    const numbers: Record<string, string[]> = { ka: [], dl: [] };
    for (let day = 2; day <= 7; day++) {
      const fromDelhi = day % 2 === 1;
      const doc = await issued({
        date: `2026-11-${String(day).padStart(2, '0')}`,
        ...(fromDelhi ? { businessRegistrationId: delhiId } : {}),
      });
      numbers[fromDelhi ? 'dl' : 'ka']?.push(doc.number ?? '');
    }
    expect(numbers.ka).toEqual(['INV/2026-27/0001', 'INV/2026-27/0002', 'INV/2026-27/0003']);
    expect(numbers.dl).toEqual(['INV07/26-27/0001', 'INV07/26-27/0002', 'INV07/26-27/0003']);

    // Credit notes are numbered per registration too; a note is issued from its invoice's registration.
    const kaInvoices = await t.services.database.db
      .selectFrom('invoices')
      .select(['id', 'business_gstin'])
      .where('type', '=', 'sales')
      .orderBy('id')
      .execute();
    for (const gstin of [KA, DL]) {
      const original = kaInvoices.find((r) => r.business_gstin === gstin);
      const full = (await t.call({ method: 'GET', url: `/api/v1/invoices/${original?.id}`, token })).json<Doc>();
      const note = await issued({
        type: 'credit_note',
        originalInvoiceId: full.id,
        date: '2026-11-20',
        noteReason: 'Goods returned',
        lines: [{ ...LINE, originalLineId: full.lines[0]?.id, quantity: '1' }],
      });
      expect(note.number).toBe(gstin === KA ? 'CN/2026-27/0001' : 'CN07/26-27/0001');
    }

    const sequences = await t.services.database.db
      .selectFrom('invoices')
      .select(['business_gstin', 'series', 'sequence'])
      .where('series', '=', 'invoice')
      .orderBy('id')
      .execute();
    for (const gstin of [KA, DL]) {
      expect(sequences.filter((r) => r.business_gstin === gstin).map((r) => Number(r.sequence))).toEqual([1, 2, 3]);
    }

    for (const [gstin, inv, cn] of [
      [KA, 'INV/2026-27/', 'CN/2026-27/'],
      [DL, 'INV07/26-27/', 'CN07/26-27/'],
    ] as const) {
      const ret = await gstr1(gstin);
      expect(ret.gstin).toBe(gstin);
      const docs = ret.doc_issue?.doc_det.flatMap((d) => d.docs) ?? [];
      expect(docs.map((d) => d.cancel)).toEqual([0, 0]);
      expect(docs).toEqual([
        expect.objectContaining({ from: `${inv}0001`, to: `${inv}0003`, totnum: 3, cancel: 0, net_issue: 3 }),
        expect.objectContaining({ from: `${cn}0001`, to: `${cn}0001`, totnum: 1, cancel: 0, net_issue: 1 }),
      ]);
    }

    // Settings list each registration's series, the primary's first.
    const list = await t.call({ method: 'GET', url: '/api/v1/settings/number-series', token });
    const items = list.json<{ items: { gstin: string; isPrimary: boolean; documentType: string; preview: string }[] }>()
      .items;
    expect(items.map((s) => [s.gstin, s.isPrimary, s.documentType, s.preview])).toEqual([
      [KA, true, 'credit_note', 'CN/2026-27/0002'],
      [KA, true, 'invoice', 'INV/2026-27/0004'],
      [DL, false, 'credit_note', 'CN07/26-27/0002'],
      [DL, false, 'invoice', 'INV07/26-27/0004'],
    ]);
  });

  it('refuses to issue a document dated before the latest of its series, then issues it with the audited override', async () => {
    const later = await issued({ date: '2026-11-12' });
    // Another registration's series is apart: its dates do not bind this one.
    await issued({ date: '2026-11-15', businessRegistrationId: delhiId });
    const sameDay = await issued({ date: '2026-11-12' });
    expect(sameDay.number).toBe('INV/2026-27/0002');

    const early = await draft({ date: '2026-11-05' });
    const refused = await issue(early.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'BACKDATED_ISSUE',
      details: { id: sameDay.id, number: 'INV/2026-27/0002', date: '2026-11-12' },
    });
    expect(refused.json<{ detail: string }>().detail).toContain('INV/2026-27/0002');
    expect(refused.json<{ detail: string }>().detail).toContain('12-11-2026');
    expect(later.number).toBe('INV/2026-27/0001');
    // Refused means nothing was taken: the draft stays a draft and the series keeps its next number.
    const still = (await t.call({ method: 'GET', url: `/api/v1/invoices/${early.id}`, token })).json<Doc>();
    expect(still).toMatchObject({ status: 'draft', number: null });

    // A manager may issue, but not back-date.
    await t.createUser(token, { name: 'Meera', email: 'meera@example.com', role: 'manager' });
    const manager = (await t.login('meera@example.com', 'staff password 123')).token;
    const denied = await issue(early.id, { allowBackdated: true }, manager);
    expect(denied.statusCode).toBe(403);

    // The owner's explicit override issues it, numbered next in the series, and the audit says so.
    const allowed = await issue(early.id, { allowBackdated: true });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json()).toMatchObject({ status: 'issued', number: 'INV/2026-27/0003', date: '2026-11-05' });
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select(['changes'])
      .where('entity', '=', 'invoice')
      .where('entity_id', '=', String(early.id))
      .where('action', '=', 'invoice.issued')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.changes))).toMatchObject({
      backdated: { before: null, after: { laterNumber: 'INV/2026-27/0002', laterDate: '2026-11-12' } },
    });
    // Issues in date order carry no such mark.
    const plain = await t.services.database.db
      .selectFrom('audit_log')
      .select(['changes'])
      .where('entity_id', '=', String(later.id))
      .where('action', '=', 'invoice.issued')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(plain.changes))).not.toHaveProperty('backdated');
  });

  it("sets a further registration's series in settings, and refuses an unknown GSTIN or a template already in use", async () => {
    const put = (body: Record<string, unknown>) =>
      t.call({ method: 'PUT', url: '/api/v1/settings/number-series', token, body });
    const delhi = await put({
      gstin: DL,
      documentType: 'invoice',
      template: 'DEL/{FY:SHORT}/{SEQ:4}',
      nextSequence: 40,
    });
    expect(delhi.statusCode, delhi.body).toBe(200);
    expect(delhi.json()).toMatchObject({ gstin: DL, isPrimary: false, preview: 'DEL/26-27/0040' });
    const primary = await put({ documentType: 'invoice', template: 'KA/{FY:SHORT}/{SEQ:4}' });
    expect(primary.json()).toMatchObject({ gstin: KA, isPrimary: true, preview: 'KA/26-27/0001' });

    const doc = await issued({ date: '2026-11-10', businessRegistrationId: delhiId });
    expect(doc.number).toBe('DEL/26-27/0040');
    expect((await issued({ date: '2026-11-10' })).number).toBe('KA/26-27/0001');

    const twin = await put({ documentType: 'credit_note', template: 'DEL/{FY:SHORT}/{SEQ:4}' });
    expect(twin.statusCode).toBe(400);
    expect(twin.json()).toMatchObject({ code: 'SERIES_INVALID', errors: [{ field: 'template' }] });
    const stranger = await put({
      gstin: '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z'),
      documentType: 'invoice',
      template: 'GJ/{SEQ}',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'gstin' }] });

    const onlyDelhi = await t.call({ method: 'GET', url: `/api/v1/settings/number-series?gstin=${DL}`, token });
    expect(onlyDelhi.json<{ items: { gstin: string; nextSequence: number }[] }>().items).toEqual([
      expect.objectContaining({ gstin: DL, nextSequence: 41 }),
    ]);
  });

  it('moves the series along when the primary GSTIN is first set, so numbering continues', async () => {
    const fresh = await createTestApp();
    try {
      await fresh.setup();
      const { token: owner } = await fresh.login();
      const set = await fresh.call({
        method: 'PUT',
        url: '/api/v1/settings/number-series',
        token: owner,
        body: { documentType: 'invoice', template: 'S/{FY}/{SEQ:4}', nextSequence: 7 },
      });
      expect(set.json()).toMatchObject({ gstin: null, isPrimary: true });
      const patched = await fresh.call({
        method: 'PATCH',
        url: '/api/v1/settings/business',
        token: owner,
        body: { gstin: KA, stateCode: '29' },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const list = await fresh.call({ method: 'GET', url: '/api/v1/settings/number-series', token: owner });
      expect(list.json<{ items: unknown[] }>().items).toEqual([
        expect.objectContaining({ gstin: KA, isPrimary: true, preview: 'S/2026-27/0007' }),
      ]);
    } finally {
      await fresh.close();
    }
  });
  it('upgrades a shared series: the primary keeps it, a further GSTIN continues after its own highest number', async () => {
    // Build the world the migration meets: one series shared by both GSTINs, sequences interleaved 1..6.
    for (let day = 2; day <= 7; day++) {
      await issued({
        date: `2026-11-${String(day).padStart(2, '0')}`,
        ...(day % 2 === 1 ? { businessRegistrationId: delhiId } : {}),
      });
    }
    const db = t.services.database.db;
    const rows = await db
      .selectFrom('invoices')
      .select(['id', 'business_gstin'])
      .where('series', '=', 'invoice')
      .orderBy('date')
      .execute();
    // Out of the way first, so the renumbering below never meets a number it is about to free.
    for (const row of rows) {
      await db
        .updateTable('invoices')
        .set({ sequence: 1000 + row.id })
        .where('id', '=', row.id)
        .execute();
    }
    let seq = 0;
    for (const row of rows) {
      seq += 1;
      // The shared series' numbers, as issuing before the migration wrote them.
      await db
        .updateTable('invoices')
        .set({ sequence: seq, number: `INV/2026-27/${String(seq).padStart(4, '0')}` })
        .where('id', '=', row.id)
        .execute();
    }
    const names = Object.keys(MIGRATIONS);
    const before = names[names.indexOf('202612070100-series-per-registration') - 1]!;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    const down = await migrator.migrateTo(before);
    expect(down.error).toBeUndefined();
    // The old world's one series had handed out 1..6.
    await db.updateTable('number_series').set({ next_sequence: 7 }).where('document_type', '=', 'invoice').execute();
    expect(
      (await db.selectFrom('number_series').select('id').where('document_type', '=', 'invoice').execute()).length,
    ).toBe(1);

    await migrateToLatest(t.services.database);
    const series = await db
      .selectFrom('number_series')
      .select(['gstin', 'template', 'next_sequence'])
      .where('document_type', '=', 'invoice')
      .orderBy('gstin')
      .execute();
    expect(series.map((r) => [r.gstin, r.template, Number(r.next_sequence)])).toEqual([
      [DL, 'INV07/{FY:SHORT}/{SEQ:4}', 7],
      [KA, 'INV/{FY}/{SEQ:4}', 7],
    ]);
    // Both go on issuing without reusing a number.
    const ka = await issued({ date: '2026-11-20' });
    const dl = await issued({ date: '2026-11-20', businessRegistrationId: delhiId });
    expect([ka.number, dl.number]).toEqual(['INV/2026-27/0007', 'INV07/26-27/0007']);
  });
});
