import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { pdfText } from './support/pdf-text';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST: financial year 2026-27, month 2026-11.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const GJ_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');

interface InvoiceJson {
  id: number;
  type: string;
  status: string;
  number: string | null;
  date: string;
  financialYear: string;
  party: { name: string; gstin: string | null };
  tax: { regime: string; placeOfSupply: { code: string; name: string }; stateTaxLabel: string | null };
  lines: { id: number; quantity: string; taxableValue: string; cgst: string; sgst: string; igst: string }[];
  totals: Record<string, string>;
  amountInWords: string;
  balanceDue: string;
  amountCredited: string;
  paymentStatus: string | null;
  [key: string]: unknown;
}

const LINE = { description: 'Widget', hsnSac: '84713010', quantity: '10', unit: 'NOS', rate: '1250.00', gstRate: '18' };

describe(`invoices (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let gujaratClientId: number;

  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { kind: 'company', roles: ['client'], gstRegistrationType: 'regular', ...body },
    });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }

  /** Factory: a draft through the API. */
  async function createDraft(body: Record<string, unknown> = {}): Promise<InvoiceJson> {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE], ...body },
    });
    if (res.statusCode !== 201) throw new Error(`create invoice failed: ${res.statusCode} ${res.body}`);
    return res.json<InvoiceJson>();
  }

  async function issue(id: number): Promise<InvoiceJson> {
    const res = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    if (res.statusCode !== 200) throw new Error(`issue failed: ${res.statusCode} ${res.body}`);
    return res.json<InvoiceJson>();
  }

  async function countInvoices(): Promise<number> {
    const row = await t.services.database.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const address = { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' };
    clientId = await createParty({ name: 'Acme Pune', gstin: MH_GSTIN, billingAddress: address, paymentTermsDays: 15 });
    gujaratClientId = await createParty({
      name: 'Gujarat Mills',
      gstin: GJ_GSTIN,
      billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
    });
  });
  afterEach(async () => t.close());

  it('computes a draft on the server (GST-INV-01: intra-state CGST+SGST) and refuses totals sent by the client', async () => {
    // Totals are the server's to compute: a client that sends them is told so, naming the field (issue 16).
    const withTotals = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE], totals: { grandTotal: '1.00' } },
    });
    expect(withTotals.statusCode).toBe(400);
    expect(withTotals.json()).toMatchObject({ errors: [{ field: 'totals' }] });
    const draft = await createDraft();
    expect(draft.status).toBe('draft');
    expect(draft.number).toBeNull();
    expect(draft.tax.regime).toBe('CGST_SGST');
    expect(draft.tax.placeOfSupply).toEqual({ code: '27', name: 'Maharashtra' });
    expect(draft.totals.taxableValue).toBe('12500.00');
    expect(draft.totals.cgst).toBe('1125.00');
    expect(draft.totals.sgst).toBe('1125.00');
    expect(draft.totals.igst).toBe('0.00');
    expect(draft.totals.grandTotal).toBe('14750.00');
    expect(draft.amountInWords).toBe('Rupees Fourteen Thousand Seven Hundred Fifty Only');
    expect(draft.party).toMatchObject({ name: 'Acme Pune', gstin: MH_GSTIN });
    // Due date follows the party's 15-day terms.
    expect(draft.dueDate).toBe('2026-11-25');
    const stored = await t.services.database.db
      .selectFrom('invoices')
      .select(['grand_total_paise', 'cgst_paise'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.grand_total_paise)).toBe(1475000);
    expect(Number(stored.cgst_paise)).toBe(112500);
  });

  it('preview equals the saved totals and lines (GST-INV-02: inter-state, discounts, round-off)', async () => {
    const body = {
      type: 'sales',
      partyId: gujaratClientId,
      date: '2026-11-10',
      lines: [
        { ...LINE, quantity: '3', rate: '999.99', discount: { type: 'percent', value: '10' } },
        { ...LINE, quantity: '7', rate: '149.50', gstRate: '5' },
        { ...LINE, quantity: '2.5', unit: 'KGS', rate: '412.40', discount: { type: 'amount', value: '31.00' } },
      ],
    };
    const previewRes = await t.call({ method: 'POST', url: '/api/v1/invoices/preview', token, body });
    expect(previewRes.statusCode).toBe(200);
    const preview = previewRes.json<InvoiceJson>();
    expect(await countInvoices()).toBe(0);
    const saved = await createDraft(body);
    expect(saved.totals).toEqual(preview.totals);
    expect(saved.tax).toEqual(preview.tax);
    expect(saved.lines.map(({ id: _id, ...rest }) => rest)).toEqual(preview.lines);
    expect(saved.tax.regime).toBe('IGST');
    expect(saved.totals.taxableValue).toBe('4746.47');
    expect(saved.totals.igst).toBe('718.32');
    expect(saved.totals.roundOff).toBe('0.21');
    expect(saved.totals.grandTotal).toBe('5465.00');
    // HALF_UP: 1046.50 x 5 % = 52.325 -> 52.33 (banker's rounding would give 52.32).
    expect(saved.lines[1]?.igst).toBe('52.33');
  });

  it('needs a reason to override the regime, and records it', async () => {
    const noReason = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId: clientId,
        date: '2026-11-10',
        lines: [LINE],
        regimeOverride: { regime: 'IGST', reason: ' ' },
      },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ field: 'regimeOverride.reason' }] });
    const withReason = await createDraft({
      regimeOverride: { regime: 'IGST', reason: 'IGST Act s.15: foreign tourist' },
    });
    expect(withReason.tax).toMatchObject({
      regime: 'IGST',
      isIgstOnIntra: true,
      regimeOverrideReason: 'IGST Act s.15: foreign tourist',
    });
    expect(withReason.totals.igst).toBe('2250.00');
  });

  it('refuses bad input with 400 naming the field, and saves nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [{ ...LINE, quantity: 'ten' }] }, 'lines.0.quantity'],
      [{ lines: [{ ...LINE, quantity: '1.2345' }] }, 'lines.0.quantity'],
      [{ lines: [{ ...LINE, unit: 'XYZ' }] }, 'lines.0.unit'],
      [{ lines: [LINE, { ...LINE, gstRate: '17' }] }, 'lines.1.gstRate'],
      [{ lines: [{ ...LINE, hsnSac: '12' }] }, 'lines.0.hsnSac'],
      [{ lines: [{ ...LINE, rate: '-5' }] }, 'lines.0.rate'],
      [{ lines: [] }, 'lines'],
      [{ date: '2026-02-30' }, 'date'],
      [{ partyId: 99999 }, 'partyId'],
      [{ placeOfSupply: '99' }, 'placeOfSupply'],
      [{ lines: [{ ...LINE, itemId: 424242 }] }, 'lines.0.itemId'],
      [{ kind: 'bill_of_supply' }, 'lines.0.gstRate'],
      [{ lines: [{ ...LINE, discount: { type: 'amount', value: '99999' } }] }, 'lines.0.discount.value'],
    ];
    for (const [patch, field] of cases) {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE], ...patch },
      });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      const fields = (res.json<{ errors?: { field: string }[] }>().errors ?? []).map((e) => e.field);
      expect(fields, res.body).toContain(field);
    }
    expect(await countInvoices()).toBe(0);
  });

  it('refuses reverse charge on a consumer and retired state codes on new documents (issue 15)', async () => {
    const consumer = await createParty({
      name: 'Ravi Kumar',
      kind: 'individual',
      gstRegistrationType: 'consumer',
      billingAddress: { line1: '9 Park Street', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    const refused = async (patch: Record<string, unknown>) => {
      const res = await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE], ...patch },
      });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ detail: string; errors: { field: string }[] }>();
    };
    // A consumer cannot pay the tax under reverse charge; GSTR-1 would report it as the supplier's B2C liability.
    const rcm = await refused({ partyId: consumer, reverseCharge: true });
    expect(rcm.errors.map((e) => e.field)).toContain('reverseCharge');
    // POS 25 (Daman and Diu) merged into 26 on 26-01-2020; 28 (Andhra Pradesh before division) is now 37.
    const daman = await refused({ placeOfSupply: '25' });
    expect(daman.errors.map((e) => e.field)).toContain('placeOfSupply');
    expect(daman.detail).toContain('use 26');
    const andhra = await refused({ placeOfSupply: '28' });
    expect(andhra.errors.map((e) => e.field)).toContain('placeOfSupply');
    expect(andhra.detail).toContain('use 37');
    const shipTo = await refused({
      shippingAddress: { line1: '1 Fort Road', city: 'Daman', stateCode: '25', pin: '396210' },
    });
    expect(shipTo.errors.map((e) => e.field)).toContain('shippingAddress.stateCode');
    expect(await countInvoices()).toBe(0);

    // What stays allowed: reverse charge on a B2B supply, and the consumer without it.
    const b2b = await createDraft({ reverseCharge: true });
    expect(b2b.tax).toMatchObject({ reverseCharge: true });
    const b2c = await createDraft({ partyId: consumer });
    expect(b2c.tax).toMatchObject({ supplyKind: 'B2C', reverseCharge: false });
  });

  it('issues with the next number of the financial year series and freezes the document', async () => {
    const draft = await createDraft();
    const issued = await issue(draft.id);
    expect(issued.status).toBe('issued');
    expect(issued.number).toBe('INV/2026-27/0001');
    expect(issued.financialYear).toBe('2026-27');
    expect(issued.paymentStatus).toBe('unpaid');
    expect(issued.balanceDue).toBe('14750.00');

    const edit = await t.call({
      method: 'PUT',
      url: `/api/v1/invoices/${draft.id}`,
      token,
      body: { partyId: clientId, date: '2026-11-10', lines: [{ ...LINE, quantity: '1' }] },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'INVALID_STATE' });
    const again = await t.call({ method: 'POST', url: `/api/v1/invoices/${draft.id}/issue`, token });
    expect(again.json()).toMatchObject({ code: 'INVALID_STATE' });
    const del = await t.call({ method: 'DELETE', url: `/api/v1/invoices/${draft.id}`, token });
    expect(del.json()).toMatchObject({ code: 'INVALID_STATE' });

    // The party snapshot does not follow later changes to the party.
    await t.call({ method: 'PATCH', url: `/api/v1/parties/${clientId}`, token, body: { name: 'Acme Renamed' } });
    const read = await t.call({ method: 'GET', url: `/api/v1/invoices/${draft.id}`, token });
    expect(read.json<InvoiceJson>().party.name).toBe('Acme Pune');
    expect(read.json<InvoiceJson>().totals.grandTotal).toBe('14750.00');

    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'invoice')
      .where('entity_id', '=', String(draft.id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['invoice.created', 'invoice.issued']);
  });

  it('edits a draft with a full replacement and recomputes', async () => {
    const draft = await createDraft();
    const res = await t.call({
      method: 'PUT',
      url: `/api/v1/invoices/${draft.id}`,
      token,
      body: { partyId: gujaratClientId, date: '2026-11-12', lines: [{ ...LINE, quantity: '2' }] },
    });
    expect(res.statusCode).toBe(200);
    const edited = res.json<InvoiceJson>();
    expect(edited.tax.regime).toBe('IGST');
    expect(edited.totals.grandTotal).toBe('2950.00');
    expect(edited.party.name).toBe('Gujarat Mills');
  });

  it('numbers 20 concurrent issues 1..20 with no gaps and no duplicates', async () => {
    const drafts: InvoiceJson[] = [];
    for (let i = 0; i < 20; i++) drafts.push(await createDraft({ lines: [{ ...LINE, quantity: String(i + 1) }] }));
    const results = await Promise.all(
      drafts.map((d) => t.call({ method: 'POST', url: `/api/v1/invoices/${d.id}/issue`, token })),
    );
    for (const res of results) expect(res.statusCode, res.body).toBe(200);
    const numbers = results.map((r) => r.json<InvoiceJson>().number ?? '').sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV/2026-27/${String(i + 1).padStart(4, '0')}`));
    const series = await t.services.database.db
      .selectFrom('number_series')
      .select('next_sequence')
      .where('document_type', '=', 'invoice')
      .where('financial_year', '=', '2026-27')
      .executeTakeFirstOrThrow();
    expect(Number(series.next_sequence)).toBe(21);
  });

  it('uses the configured series of the document financial year', async () => {
    const set = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/number-series',
      token,
      body: { documentType: 'invoice', financialYear: '2025-26', template: 'RT/{FY:SHORT}/{SEQ:3}', nextSequence: 7 },
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    const old = await issue((await createDraft({ date: '2026-03-31' })).id);
    expect(old.number).toBe('RT/25-26/007');
    const current = await issue((await createDraft({ date: '2026-04-01' })).id);
    expect(current.number).toBe('INV/2026-27/0001');
  });

  it('cancels an issued document with a reason; the number stays used', async () => {
    const first = await issue((await createDraft()).id);
    const noReason = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${first.id}/cancel`,
      token,
      body: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    const cancelled = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${first.id}/cancel`,
      token,
      body: { reason: 'Duplicate entry' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      number: 'INV/2026-27/0001',
      cancelReason: 'Duplicate entry',
    });
    const second = await issue((await createDraft()).id);
    expect(second.number).toBe('INV/2026-27/0002');
  });

  describe('period locks', () => {
    it('blocks create, change, issue and cancel in a locked month; only owner/admin unlock, with a reason', async () => {
      const draft = await createDraft({ date: '2026-10-15' });
      // Dated before the draft: numbers follow dates, so the draft can still be issued after the unlock.
      const issued = await issue((await createDraft({ date: '2026-10-14' })).id);
      const lock = await t.call({ method: 'POST', url: '/api/v1/period-locks', token, body: { period: '2026-10' } });
      expect(lock.statusCode).toBe(201);
      expect(lock.json()).toMatchObject({ period: '2026-10', lockedBy: { name: 'Asha Rao' } });

      const attempts = [
        t.call({
          method: 'POST',
          url: '/api/v1/invoices',
          token,
          body: { type: 'sales', partyId: clientId, date: '2026-10-20', lines: [LINE] },
        }),
        t.call({
          method: 'PUT',
          url: `/api/v1/invoices/${draft.id}`,
          token,
          body: { partyId: clientId, date: '2026-11-02', lines: [LINE] },
        }),
        t.call({
          method: 'PUT',
          url: `/api/v1/invoices/${(await createDraft()).id}`,
          token,
          body: { partyId: clientId, date: '2026-10-02', lines: [LINE] },
        }),
        t.call({ method: 'POST', url: `/api/v1/invoices/${draft.id}/issue`, token }),
        t.call({ method: 'POST', url: `/api/v1/invoices/${issued.id}/cancel`, token, body: { reason: 'wrong' } }),
        t.call({ method: 'DELETE', url: `/api/v1/invoices/${draft.id}`, token }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json()).toMatchObject({ code: 'PERIOD_LOCKED' });
      }
      expect((await t.call({ method: 'GET', url: `/api/v1/invoices/${draft.id}`, token })).json()).toMatchObject({
        status: 'draft',
        date: '2026-10-15',
      });
      const list = await t.call({ method: 'GET', url: '/api/v1/period-locks', token });
      expect(list.json<{ items: { period: string }[] }>().items.map((i) => i.period)).toEqual(['2026-10']);

      // An accountant may lock but not unlock.
      await t.createUser(token, { name: 'Ravi', email: 'ravi@example.com', role: 'accountant' });
      const accountant = await t.login('ravi@example.com', 'staff password 123');
      const denied = await t.call({
        method: 'DELETE',
        url: '/api/v1/period-locks/2026-10',
        token: accountant.token,
        body: { reason: 'fix' },
      });
      expect(denied.statusCode).toBe(403);
      const noReason = await t.call({
        method: 'DELETE',
        url: '/api/v1/period-locks/2026-10',
        token,
        body: { reason: '' },
      });
      expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED' });
      const unlocked = await t.call({
        method: 'DELETE',
        url: '/api/v1/period-locks/2026-10',
        token,
        body: { reason: 'Late purchase bill' },
      });
      expect(unlocked.statusCode).toBe(200);
      expect((await issue(draft.id)).status).toBe('issued');
      const audit = await t.services.database.db
        .selectFrom('audit_log')
        .select(['action', 'changes'])
        .where('entity', '=', 'period_lock')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['period.locked', 'period.unlocked']);
      expect(audit[1]?.changes).toContain('Late purchase bill');
    });
  });

  describe('credit and debit notes', () => {
    async function issuedInvoice(date = '2026-11-10') {
      return issue((await createDraft({ date })).id);
    }
    function noteBody(original: InvoiceJson, quantity: string, extra: Record<string, unknown> = {}) {
      return {
        type: 'credit_note',
        originalInvoiceId: original.id,
        date: '2026-11-20',
        noteReason: 'Goods returned',
        lines: [{ ...LINE, originalLineId: original.lines[0]?.id, quantity }],
        ...extra,
      };
    }

    it('refuses a credit note beyond the original quantity across all notes', async () => {
      const original = await issuedInvoice();
      const first = await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '6') });
      expect(first.statusCode, first.body).toBe(201);
      const cn = await issue(first.json<InvoiceJson>().id);
      expect(cn.number).toBe('CN/2026-27/0001');
      // A second draft for 5 is refused when saved (6 + 5 > 10) ...
      const tooMuch = await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '5') });
      expect(tooMuch.statusCode).toBe(409);
      expect(tooMuch.json()).toMatchObject({ code: 'LIMIT_EXCEEDED', errors: [{ field: 'lines.0.quantity' }] });
      // ... and two drafts that each fit cannot both be issued.
      const a = (
        await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '3') })
      ).json<InvoiceJson>();
      const b = (
        await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '3') })
      ).json<InvoiceJson>();
      expect((await issue(a.id)).status).toBe('issued');
      const second = await t.call({ method: 'POST', url: `/api/v1/invoices/${b.id}/issue`, token });
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ code: 'LIMIT_EXCEEDED' });
      // Exactly the rest is fine.
      const rest = (
        await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '1') })
      ).json<InvoiceJson>();
      expect((await issue(rest.id)).status).toBe('issued');
    });

    it('credits reduce the original balance; cancelling the note restores it', async () => {
      const original = await issuedInvoice();
      const note = (
        await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '2') })
      ).json<InvoiceJson>();
      expect(note.tax.regime).toBe('CGST_SGST');
      expect(note.totals.grandTotal).toBe('2950.00');
      await issue(note.id);
      const after = (
        await t.call({ method: 'GET', url: `/api/v1/invoices/${original.id}`, token })
      ).json<InvoiceJson>();
      expect(after).toMatchObject({ amountCredited: '2950.00', balanceDue: '11800.00', paymentStatus: 'partial' });
      expect((after.relatedNotes as { id: number }[]).map((n) => n.id)).toEqual([note.id]);
      // The original cannot be cancelled while an issued note corrects it.
      const cancelOriginal = await t.call({
        method: 'POST',
        url: `/api/v1/invoices/${original.id}/cancel`,
        token,
        body: { reason: 'x' },
      });
      expect(cancelOriginal.json()).toMatchObject({ code: 'INVALID_STATE' });
      await t.call({
        method: 'POST',
        url: `/api/v1/invoices/${note.id}/cancel`,
        token,
        body: { reason: 'Raised in error' },
      });
      const restored = (
        await t.call({ method: 'GET', url: `/api/v1/invoices/${original.id}`, token })
      ).json<InvoiceJson>();
      expect(restored).toMatchObject({ amountCredited: '0.00', balanceDue: '14750.00', paymentStatus: 'unpaid' });
    });

    it('refuses a credit note after 30 November following the financial year of the supply', async () => {
      const original = await issuedInvoice('2025-03-15'); // FY 2024-25: deadline 2025-11-30
      const late = await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(original, '1') });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: 'LIMIT_EXCEEDED', errors: [{ field: 'date' }] });
      const ok = await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: noteBody(original, '1', { date: '2025-11-30' }),
      });
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('refuses notes against drafts, and a debit note adds a balance of its own', async () => {
      const draft = await createDraft();
      const res = await t.call({ method: 'POST', url: '/api/v1/invoices', token, body: noteBody(draft, '1') });
      expect(res.json()).toMatchObject({ code: 'INVALID_STATE' });
      const original = await issuedInvoice();
      const dn = await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: { ...noteBody(original, '1'), type: 'debit_note', noteReason: 'Price revised upward' },
      });
      expect(dn.statusCode, dn.body).toBe(201);
      const issued = await issue(dn.json<InvoiceJson>().id);
      expect(issued).toMatchObject({ number: 'DN/2026-27/0001', balanceDue: '1475.00', paymentStatus: 'unpaid' });
    });
  });

  it('records a purchase bill with the supplier number and ITC eligibility', async () => {
    const supplierId = await createParty({
      name: 'Steel Supply Co',
      roles: ['supplier'],
      gstin: GJ_GSTIN.replace('H1Z', 'H2Z').slice(0, 14) + gstinCheckChar(GJ_GSTIN.replace('H1Z', 'H2Z').slice(0, 14)),
      billingAddress: { line1: '9 GIDC', city: 'Vapi', stateCode: '24', pin: '396195' },
    });
    const base = { type: 'purchase', partyId: supplierId, date: '2026-11-05', lines: [LINE] };
    const noReason = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { ...base, itc: { eligibility: 'partial' } },
    });
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ field: 'itc.reason' }] });
    const draft = (
      await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: { ...base, itc: { eligibility: 'ineligible', reason: 'Blocked credit s.17(5)' } },
      })
    ).json<InvoiceJson>();
    expect(draft).toMatchObject({ direction: 'payable', tax: { regime: 'IGST' }, itc: { eligibility: 'ineligible' } });
    const noNumber = await t.call({ method: 'POST', url: `/api/v1/invoices/${draft.id}/issue`, token });
    expect(noNumber.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'supplierNumber' }] });
    const withNumber = await t.call({
      method: 'PUT',
      url: `/api/v1/invoices/${draft.id}`,
      token,
      body: { ...base, type: undefined, supplierNumber: 'SS/889', supplierDate: '2026-11-04' },
    });
    expect(withNumber.statusCode, withNumber.body).toBe(200);
    expect((await issue(draft.id)).number).toBe('SS/889');
  });

  it('lists with filters, search, sort and stable pagination', async () => {
    const a = await issue((await createDraft({ date: '2026-11-01', dueDate: '2026-11-05' })).id); // overdue on 11-23
    const b = await issue(
      (await createDraft({ date: '2026-11-02', dueDate: '2026-12-31', partyId: gujaratClientId })).id,
    );
    const c = await createDraft({ date: '2026-11-03', lines: [{ ...LINE, quantity: '1' }] });
    const get = async (q: string) => {
      const res = await t.call({ method: 'GET', url: `/api/v1/invoices?${q}`, token });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: InvoiceJson[]; total: number }>();
    };
    expect((await get('')).items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect((await get('sort=total&order=asc')).items[0]?.id).toBe(c.id);
    expect((await get('status=draft')).items.map((i) => i.id)).toEqual([c.id]);
    expect((await get(`partyId=${gujaratClientId}`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get('overdue=true')).items.map((i) => i.id)).toEqual([a.id]);
    expect((await get('overdue=true')).items[0]?.paymentStatus).toBe('overdue');
    expect((await get('paymentStatus=unpaid')).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get(`open=true&partyId=${clientId}`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await get('from=2026-11-02&to=2026-11-02')).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get('q=inv/2026-27/0002')).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get('q=gujarat')).items.map((i) => i.id)).toEqual([b.id]);
    const page1 = await get('pageSize=2&page=1&sort=date&order=asc');
    const page2 = await get('pageSize=2&page=2&sort=date&order=asc');
    expect(page1.total).toBe(3);
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual([a.id, b.id, c.id]);
    const bad = await t.call({ method: 'GET', url: '/api/v1/invoices?sort=colour', token });
    expect(bad.statusCode).toBe(400);
  });

  describe('export details and further GST registrations', () => {
    const OUR_MH = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
    const OUR_KA = '29AABCT1332L1Z' + gstinCheckChar('29AABCT1332L1Z');

    async function invoicePdfText(id: number): Promise<string> {
      const res = await t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, token });
      expect(res.statusCode, res.body).toBe(200);
      return pdfText(res.rawPayload);
    }

    beforeEach(async () => {
      const res = await t.call({
        method: 'PATCH',
        url: '/api/v1/settings/business',
        token,
        body: { gstin: OUR_MH, address: { line1: '4 FC Road', city: 'Pune', pin: '411004' } },
      });
      expect(res.statusCode, res.body).toBe(200);
    });

    it('stores export details, shows them on the invoice and its PDF, and reports them in GSTR-1 exp', async () => {
      const overseas = await createParty({ name: 'Acme Inc (USA)', gstRegistrationType: 'overseas' });
      const draft = await createDraft({
        partyId: overseas,
        kind: 'export_invoice',
        supplyKind: 'EXPWOP',
        exportDetails: {
          shippingBillNumber: '7654321',
          shippingBillDate: '2026-11-12',
          portCode: 'inbom1',
          countryCode: 'us',
          currency: 'usd',
        },
      });
      expect(draft.exportDetails).toEqual({
        shippingBillNumber: '7654321',
        shippingBillDate: '2026-11-12',
        portCode: 'INBOM1',
        countryCode: 'US',
        currency: 'USD',
      });
      const issued = await issue(draft.id);
      const text = await invoicePdfText(issued.id);
      expect(text).toContain('7654321 dt. 12-11-2026');
      expect(text).toMatch(/Port: INBOM1 · Country of destination: United States \(US\)/);
      expect(text).toContain('Currency: USD');
      const gstr1 = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-11', token });
      expect(gstr1.json<{ exp: unknown }>().exp).toEqual([
        {
          exp_typ: 'WOPAY',
          inv: [
            {
              inum: issued.number,
              idt: '10-11-2026',
              val: 12500,
              sbpcode: 'INBOM1',
              sbnum: '7654321',
              sbdt: '12-11-2026',
              itms: [{ txval: 12500, rt: 18, iamt: 0, csamt: 0 }],
            },
          ],
        },
      ]);
      // A tax invoice has no shipping bill: refused on the field.
      const bad = await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE], exportDetails: { portCode: 'X' } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ errors: [{ field: 'exportDetails' }] });
    });

    it('bills from a further registration: its state decides the tax and its GSTIN and address print', async () => {
      const reg = await t.call({
        method: 'POST',
        url: '/api/v1/settings/business/registrations',
        token,
        body: { gstin: OUR_KA, tradeName: 'Tata Bengaluru', address: '7 CMH Road, Indiranagar, Bengaluru 560038' },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const registrationId = reg.json<{ id: number }>().id;

      // The same Pune sale: CGST+SGST from the Maharashtra GSTIN, IGST from the Karnataka one.
      const fromPrimary = await createDraft();
      expect(fromPrimary.tax.regime).toBe('CGST_SGST');
      const preview = await t.call({
        method: 'POST',
        url: '/api/v1/invoices/preview',
        token,
        body: {
          type: 'sales',
          partyId: clientId,
          date: '2026-11-10',
          lines: [LINE],
          businessRegistrationId: registrationId,
        },
      });
      expect(preview.json()).toMatchObject({ tax: { regime: 'IGST', supplierState: { code: '29' } } });
      const fromKa = await createDraft({ businessRegistrationId: registrationId });
      expect(fromKa.tax).toMatchObject({ regime: 'IGST', supplierState: { code: '29', name: 'Karnataka' } });
      expect(fromKa.business).toMatchObject({
        registrationId,
        gstin: OUR_KA,
        tradeName: 'Tata Bengaluru',
        state: { code: '29' },
        address: { line1: '7 CMH Road', line2: 'Indiranagar', city: 'Bengaluru', pin: '560038' },
      });
      expect(fromKa.totals.igst).toBe('2250.00');
      const issued = await issue(fromKa.id);
      const text = await invoicePdfText(issued.id);
      expect(text).toContain(`GSTIN: ${OUR_KA}`);
      expect(text).not.toContain(OUR_MH);
      expect(text).toContain('7 CMH Road');
      expect(text).toContain('Tata Bengaluru');

      // Each GSTIN files its own GSTR-1.
      const ka = await t.call({ method: 'GET', url: `/api/v1/returns/gstr1?period=2026-11&gstin=${OUR_KA}`, token });
      expect(ka.json<{ b2b: { inv: { inum: string }[] }[] }>().b2b[0]?.inv.map((i) => i.inum)).toEqual([issued.number]);
      const mh = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-11', token });
      expect(mh.json()).not.toHaveProperty('b2b');

      const unknown = await t.call({
        method: 'POST',
        url: '/api/v1/invoices',
        token,
        body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE], businessRegistrationId: 999 },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ errors: [{ field: 'businessRegistrationId' }] });
    });
  });
});
