import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import { systemContext } from '../src/platform/request-context';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const LINE = {
  description: 'Monthly retainer',
  hsnSac: '998221',
  quantity: '1',
  unit: 'OTH',
  rate: '25000.00',
  gstRate: '18',
};
const DAY = 24 * 3600_000;

/** 10:00 in India (04:30 UTC) on a yyyy-mm-dd day: after the 06:00 daily pass. */
const istMorning = (date: string) => new Date(`${date}T04:30:00.000Z`);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe(`recurring invoices (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;

  /** Moves the test clock (the session would have expired over the months skipped, so log in again). */
  async function travelTo(date: string) {
    t.clock.set(istMorning(date));
    ({ token } = await t.login());
  }

  async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, expected = 200) {
    const res = await t.call({ method, url, token, body });
    if (res.statusCode !== expected) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  async function createProfile(body: Record<string, unknown>) {
    const res = await call(
      'POST',
      '/api/v1/recurring-invoices',
      {
        name: 'Retainer',
        partyId: clientId,
        frequency: 'monthly',
        dayOfMonth: 31,
        startDate: '2026-12-01',
        invoice: { lines: [LINE] },
        ...body,
      },
      201,
    );
    return res.json<{ id: number; nextRunDate: string | null }>();
  }

  async function invoicesOf(profileId: number) {
    return t.services.database.db
      .selectFrom('recurring_invoice_runs')
      .innerJoin('invoices', 'invoices.id', 'recurring_invoice_runs.invoice_id')
      .select([
        'recurring_invoice_runs.run_date',
        'recurring_invoice_runs.error',
        'invoices.id',
        'invoices.date',
        'invoices.number',
        'invoices.status',
        'invoices.sequence',
        'invoices.financial_year',
      ])
      .where('recurring_invoice_runs.profile_id', '=', profileId)
      .orderBy('invoices.date')
      .execute();
  }

  /** What a worker does each day: the daily schedule check and the jobs it queues. */
  async function workerDay() {
    await t.services.jobs.queue.runSchedules();
    await t.services.jobs.queue.drain();
  }

  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(istMorning('2026-11-30'));
    await t.setup();
    ({ token } = await t.login());
    const res = await call(
      'POST',
      '/api/v1/parties',
      {
        kind: 'company',
        roles: ['client'],
        gstRegistrationType: 'regular',
        name: 'Acme Shares',
        gstin: MH_GSTIN,
        emails: ['accounts@acme.example'],
        billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
        paymentTermsDays: 15,
      },
      201,
    );
    clientId = res.json<{ id: number }>().id;
    // Queued emails need SMTP settings; nothing listens there, so the send jobs just fail and retry later.
    await call('PUT', '/api/v1/settings/email', {
      host: '127.0.0.1',
      port: 1,
      secure: false,
      from: 'Rao Traders <billing@raotraders.example>',
    });
  });
  afterEach(async () => t.close());

  it('makes each monthly invoice exactly once over a year with the server stopped for a week, dated its run date', async () => {
    const monthly = await createProfile({ maxRuns: 12, autoIssue: true, autoEmail: true });
    expect(monthly.nextRunDate).toBe('2026-12-31');
    // A second profile due in the stopped week too: catch-up must interleave both by date, or numbers would not
    // follow dates and the later run's issue would be refused.
    const other = await createProfile({
      name: 'AMC',
      dayOfMonth: 28,
      startDate: '2027-03-01',
      maxRuns: 2,
      autoIssue: true,
    });

    // Stopped from 2027-03-27 to 2027-04-02 (the runs of 28 and 31 March fall in it, and the financial year turns).
    const stopped = (day: string) => day >= '2027-03-27' && day <= '2027-04-02';
    let day = '2026-11-30';
    while (day <= '2027-12-31') {
      t.clock.set(istMorning(day));
      if (!stopped(day)) await workerDay();
      day = addDays(day, 1);
    }

    const made = await invoicesOf(monthly.id);
    expect(made.map((i) => String(i.date))).toEqual([
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
      '2027-07-31',
      '2027-08-31',
      '2027-09-30',
      '2027-10-31',
      '2027-11-30',
    ]);
    expect(made.every((i) => i.status === 'issued' && i.error === null)).toBe(true);
    expect(made.map((i) => String(i.run_date))).toEqual(made.map((i) => String(i.date)));
    const otherMade = await invoicesOf(other.id);
    expect(otherMade.map((i) => String(i.date))).toEqual(['2027-03-28', '2027-04-28']);

    // Numbers follow dates across both profiles within each financial year.
    const all = [...made, ...otherMade].sort((a, b) => String(a.date).localeCompare(String(b.date)));
    for (const fy of ['2026-27', '2027-28']) {
      const sequences = all.filter((i) => i.financial_year === fy).map((i) => Number(i.sequence));
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size).toBe(sequences.length);
    }
    // No invoice exists outside the runs.
    const total = await t.services.database.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(14);
    // Each issued run emailed the party once.
    const emails = await t.services.database.db
      .selectFrom('email_log')
      .select(['invoice_id', 'to_address'])
      .where('kind', '=', 'invoice')
      .execute();
    expect(emails.filter((e) => made.some((i) => Number(i.id) === Number(e.invoice_id)))).toHaveLength(12);
    expect(new Set(emails.map((e) => Number(e.invoice_id))).size).toBe(emails.length);

    // The profile shows its history and that it is finished.
    await travelTo('2027-12-31');
    const detail = (await call('GET', `/api/v1/recurring-invoices/${monthly.id}`)).json<{
      nextRunDate: string | null;
      runCount: number;
      runs: { runDate: string; status: string; emailedTo: string | null; invoice: { number: string } | null }[];
    }>();
    expect(detail.nextRunDate).toBeNull();
    expect(detail.runCount).toBe(12);
    expect(detail.runs[0]).toMatchObject({
      runDate: '2027-11-30',
      status: 'issued',
      emailedTo: 'accounts@acme.example',
    });
    expect(detail.runs.map((r) => r.invoice?.number)).toEqual(made.map((i) => i.number).reverse());
    // A worker's day over 13 months of days takes a while on PostgreSQL (each schedule check is a transaction).
  }, 120_000);

  it('makes no duplicate when two workers run the same due runs at once', async () => {
    const a = await createProfile({ dayOfMonth: 5, startDate: '2026-12-01', autoIssue: true });
    const b = await createProfile({ name: 'Draft only', dayOfMonth: 15, startDate: '2026-12-01' });
    // Down until June: six months of both profiles are due at once.
    t.clock.set(istMorning('2027-05-20'));
    const passes = await Promise.all([
      t.services.recurring.runDue(),
      t.services.recurring.runDue(),
      t.services.recurring.runDue(),
    ]);
    const created = passes.reduce((n, p) => n + p.created + p.issued, 0);
    expect(created).toBe(12);
    const aMade = await invoicesOf(a.id);
    const bMade = await invoicesOf(b.id);
    expect(aMade.map((i) => String(i.date))).toEqual([
      '2026-12-05',
      '2027-01-05',
      '2027-02-05',
      '2027-03-05',
      '2027-04-05',
      '2027-05-05',
    ]);
    expect(new Set(bMade.map((i) => String(i.date))).size).toBe(6);
    expect(bMade.every((i) => i.status === 'draft')).toBe(true);
    const total = await t.services.database.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(12);
    // A retry of the same pass (a job run again after a crash) makes nothing more.
    expect(await t.services.recurring.runDue()).toEqual({ created: 0, issued: 0, failed: 0, skipped: 0 });
  });

  it('makes nothing for a run that already has its row (a retry after the run was made)', async () => {
    const profile = await createProfile({ dayOfMonth: 5, startDate: '2026-12-01', autoIssue: true });
    await travelTo('2027-02-10');
    // The December run exists already (as if a first worker made it and died before moving the profile on).
    const now = new Date().toISOString();
    await t.services.database.db
      .insertInto('recurring_invoice_runs')
      .values({
        profile_id: profile.id,
        run_date: '2026-12-05',
        invoice_id: null,
        status: 'failed',
        error: 'made elsewhere',
        emailed_to: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const result = (await call('POST', '/api/v1/recurring-invoices/run')).json<Record<string, number>>();
    expect(result).toEqual({ created: 0, issued: 2, failed: 0, skipped: 1 });
    expect((await invoicesOf(profile.id)).map((i) => String(i.date))).toEqual(['2027-01-05', '2027-02-05']);
    const detail = (await call('GET', `/api/v1/recurring-invoices/${profile.id}`)).json<{
      nextRunDate: string;
      runCount: number;
    }>();
    expect(detail).toMatchObject({ nextRunDate: '2027-03-05', runCount: 3 });
  });

  it('leaves the draft and records the error when issuing a caught-up run is refused as back-dated', async () => {
    const profile = await createProfile({ dayOfMonth: 10, startDate: '2026-12-01', autoIssue: true });
    // Someone issues an invoice dated 20 December by hand while the scheduler is down.
    const manual = await call(
      'POST',
      '/api/v1/invoices',
      { type: 'sales', partyId: clientId, date: '2026-12-20', lines: [LINE] },
      201,
    );
    await travelTo('2026-12-20');
    await call('POST', `/api/v1/invoices/${manual.json<{ id: number }>().id}/issue`);
    await travelTo('2026-12-21');
    const result = (await call('POST', '/api/v1/recurring-invoices/run')).json<{ created: number }>();
    expect(result.created).toBe(1);
    const [run] = await invoicesOf(profile.id);
    expect(run).toMatchObject({ status: 'draft', number: null });
    expect(String(run?.date)).toBe('2026-12-10');
    expect(run?.error).toContain('BACKDATED_ISSUE');
  });

  it('validates a profile with the invoice engine and lists it with its next run', async () => {
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/recurring-invoices',
      token,
      body: {
        name: 'Bad',
        partyId: 999_999,
        frequency: 'quarterly',
        dayOfMonth: 1,
        startDate: '2027-01-01',
        invoice: { lines: [LINE] },
      },
    });
    // The invoice engine's own refusal, naming the field the form shows it on.
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'partyId' }] });
    await createProfile({ name: 'Quarterly AMC', frequency: 'quarterly', dayOfMonth: 1, startDate: '2027-01-01' });
    const list = (await call('GET', '/api/v1/recurring-invoices')).json<{
      items: { name: string; nextRunDate: string }[];
    }>();
    expect(list.items).toEqual([expect.objectContaining({ name: 'Quarterly AMC', nextRunDate: '2027-01-01' })]);
  });

  it('creates and issues in one step (createIssued) exactly as create then issue: rows, lines, audit, journal, events', async () => {
    const db = t.services.database.db;
    const invoices = t.services.invoices;
    const ctx = systemContext('recurring invoices');
    const input = CreateInvoiceInput.parse({
      type: 'sales',
      partyId: clientId,
      date: '2026-11-30',
      roundToRupee: true,
      lines: [
        LINE,
        {
          ...LINE,
          description: 'Filing fees',
          quantity: '3',
          rate: '1250.55',
          discount: { type: 'percent', value: '10' },
        },
      ],
    });
    // The series exists before either, so neither records its creation.
    await invoices.issue(ctx, (await invoices.create(ctx, input)).id);
    const twoStep = await invoices.issue(ctx, (await invoices.create(ctx, input)).id);
    const oneStep = await invoices.createIssued(ctx, input);
    expect(oneStep.number).not.toBe(twoStep.number);
    /** Everything stored of a document, with its own identity (id, number, sequence) taken out. */
    async function stored(id: number, number: string) {
      const {
        id: _id,
        number: _number,
        sequence: _sequence,
        ...row
      } = await db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const lines = (
        await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).orderBy('position').execute()
      ).map(({ id: _lineId, invoice_id: _invoiceId, ...line }) => line);
      const same = (text: string | null) => text?.split(number).join('<number>') ?? null;
      const audit = (
        await db
          .selectFrom('audit_log')
          .select(['action', 'entity', 'actor_type', 'actor_name', 'changes'])
          .where('entity', '=', 'invoice')
          .where('entity_id', '=', String(id))
          .orderBy('seq')
          .execute()
      ).map((a) => ({ ...a, changes: same(a.changes) }));
      const entries = await db
        .selectFrom('journal_entries')
        .selectAll()
        .where('source_type', '=', 'invoice')
        .where('source_id', '=', id)
        .orderBy('id')
        .execute();
      const journal = [];
      for (const { id: entryId, source_id: _sourceId, ...entry } of entries) {
        const lines = await db
          .selectFrom('journal_lines')
          .select(['account_id', 'party_id', 'date', 'debit_paise', 'credit_paise'])
          .where('entry_id', '=', entryId)
          .orderBy('id')
          .execute();
        journal.push({ ...entry, reference: same(entry.reference), narration: same(entry.narration), lines });
      }
      const events = (
        await db
          .selectFrom('events')
          .select(['type', 'entity', 'payload', 'at'])
          .where('entity', '=', 'invoice')
          .where('entity_id', '=', String(id))
          .orderBy('id')
          .execute()
      ).map((e) => ({ ...e, payload: same(e.payload) }));
      return { row, lines, audit, journal, events };
    }
    const expected = await stored(twoStep.id, twoStep.number!);
    const actual = await stored(oneStep.id, oneStep.number);
    expect(actual).toEqual(expected);
    // Numbered next in the same series.
    expect(actual.row.series).toBe('invoice');
    const sequences = await db.selectFrom('invoices').select('sequence').orderBy('id').execute();
    expect(sequences.map((r) => Number(r.sequence))).toEqual([1, 2, 3]);
    // Not vacuous: the two-step document was audited twice, posted once and announced.
    expect(expected.audit.map((a) => a.action)).toEqual(['invoice.created', 'invoice.issued']);
    expect(expected.journal).toHaveLength(1);
    expect(expected.journal[0]!.lines.length).toBeGreaterThanOrEqual(3);
    expect(expected.events.map((e) => e.type)).toEqual(['invoice.issued']);
    expect(expected.row.status).toBe('issued');
    expect(expected.lines).toHaveLength(2);
  });

  it('createIssued leaves nothing when the issue is refused (no draft, no number taken)', async () => {
    const invoices = t.services.invoices;
    const ctx = systemContext('recurring invoices');
    const input = (date: string) => CreateInvoiceInput.parse({ type: 'sales', partyId: clientId, date, lines: [LINE] });
    const later = await invoices.createIssued(ctx, input('2026-11-30'));
    await expect(invoices.createIssued(ctx, input('2026-11-20'))).rejects.toMatchObject({ code: 'BACKDATED_ISSUE' });
    const rows = await t.services.database.db.selectFrom('invoices').select(['id', 'status']).execute();
    expect(rows).toEqual([{ id: later.id, status: 'issued' }]);
    const next = await invoices.createIssued(ctx, input('2026-11-30'));
    const sequences = await t.services.database.db
      .selectFrom('invoices')
      .select(['id', 'sequence'])
      .orderBy('id')
      .execute();
    expect(sequences.map((r) => [r.id, Number(r.sequence)])).toEqual([
      [later.id, 1],
      [next.id, 2],
    ]);
  });
});
