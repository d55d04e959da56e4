import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST, in financial year 2026-27.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const GJ_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const SERVICE = {
  description: 'Filing',
  hsnSac: '998311',
  quantity: '1',
  unit: 'OTH',
  rate: '10000.00',
  gstRate: '18',
};

interface TrialBalanceJson {
  accounts: { code: string; name: string; debit: string; credit: string; periodDebit: string; periodCredit: string }[];
  totalDebit: string;
  totalCredit: string;
}

describe(`the money book (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let supplierId: number;

  async function post(url: string, body?: unknown) {
    return t.call({ method: 'POST', url, token, ...(body === undefined ? {} : { body }) });
  }
  async function get<T>(url: string): Promise<T> {
    const res = await t.call({ method: 'GET', url, token });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await post('/api/v1/parties', { kind: 'company', gstRegistrationType: 'regular', ...body });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }
  async function issued(body: Record<string, unknown>): Promise<{ id: number; number: string }> {
    const created = await post('/api/v1/invoices', { date: '2026-11-10', ...body });
    if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
    const res = await post(`/api/v1/invoices/${created.json<{ id: number }>().id}/issue`);
    if (res.statusCode !== 200) throw new Error(`issue failed: ${res.body}`);
    return res.json<{ id: number; number: string }>();
  }
  const balanceOf = (tb: TrialBalanceJson, code: string) => {
    const row = tb.accounts.find((a) => a.code === code);
    if (!row) return 0;
    return Math.round(Number(row.debit) * 100) - Math.round(Number(row.credit) * 100);
  };
  const trialBalance = () => get<TrialBalanceJson>('/api/v1/accounts/trial-balance?from=2026-04-01&to=2027-03-31');

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    clientId = await createParty({
      name: 'Acme Pune',
      roles: ['client'],
      gstin: MH_GSTIN,
      billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    supplierId = await createParty({
      name: 'Gujarat Steel',
      roles: ['supplier'],
      gstin: GJ_GSTIN,
      billingAddress: { line1: '9 GIDC', city: 'Vapi', stateCode: '24', pin: '396195' },
    });
  });
  afterEach(async () => t.close());

  it('creates the chart of accounts an Indian accountant expects', async () => {
    const chart = await get<{ items: { code: string; name: string; systemKey: string | null }[] }>('/api/v1/accounts');
    const names = chart.items.map((a) => a.name);
    for (const name of ['Sundry Debtors', 'Sundry Creditors', 'Output CGST', 'Input IGST', 'TDS Receivable', 'Cash']) {
      expect(names).toContain(name);
    }
    expect(new Set(chart.items.map((a) => a.code)).size).toBe(chart.items.length);
  });

  it('posts an issued invoice and a payment with TDS; the trial balance balances', async () => {
    const inv = await issued({ type: 'sales', partyId: clientId, lines: [SERVICE] });
    let tb = await trialBalance();
    expect(balanceOf(tb, '1300')).toBe(11_800_00); // Sundry Debtors
    expect(balanceOf(tb, '4100')).toBe(-10_000_00); // Sales – Services: GST is never revenue
    expect(balanceOf(tb, '2300')).toBe(-900_00); // Output CGST
    expect(balanceOf(tb, '2301')).toBe(-900_00); // Output SGST
    expect(tb.totalDebit).toBe(tb.totalCredit);

    // ₹11,000 received with ₹200 TDS; ₹10,000 allocated, the rest an advance.
    const pay = await post('/api/v1/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-20',
      mode: 'bank_transfer',
      amount: '11000.00',
      tdsAmount: '200.00',
      allocations: [{ invoiceId: inv.id, amount: '10000.00' }],
    });
    expect(pay.statusCode, pay.body).toBe(201);
    tb = await trialBalance();
    expect(balanceOf(tb, '1200')).toBe(11_000_00); // Bank
    expect(balanceOf(tb, '1500')).toBe(200_00); // TDS Receivable
    expect(balanceOf(tb, '1300')).toBe(1_800_00); // what the invoice still owes
    expect(balanceOf(tb, '2200')).toBe(-1_200_00); // Customer advances
    expect(tb.totalDebit).toBe(tb.totalCredit);

    const check = await get<{ ok: boolean; problems: unknown[] }>('/api/v1/accounts/check');
    expect(check).toMatchObject({ ok: true, problems: [] });
  });

  it('a change posts a reversal and a new entry; the journal itself is never edited', async () => {
    const inv = await issued({ type: 'sales', partyId: clientId, lines: [SERVICE] });
    const pay = await post('/api/v1/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-20',
      mode: 'cash',
      amount: '5000.00',
    });
    const paymentId = pay.json<{ id: number }>().id;
    // Allocating the advance later moves it from Customer advances to the client's debtor ledger.
    const alloc = await post(`/api/v1/payments/${paymentId}/allocations`, {
      allocations: [{ invoiceId: inv.id, amount: '5000.00' }],
    });
    expect(alloc.statusCode, alloc.body).toBeLessThan(300);
    const entries = await get<{ items: { id: number; reversesId: number | null; reversedById: number | null }[] }>(
      `/api/v1/accounts/entries?sourceType=payment&sourceId=${paymentId}`,
    );
    expect(entries.items).toHaveLength(3);
    expect(entries.items[1]!.reversesId).toBe(entries.items[0]!.id);
    expect(entries.items[0]!.reversedById).toBe(entries.items[1]!.id);
    const tb = await trialBalance();
    expect(balanceOf(tb, '2200')).toBe(0);
    expect(balanceOf(tb, '1300')).toBe(6_800_00);

    // Cancelling the invoice needs its payment gone first; then its entry is reversed.
    await t.call({ method: 'DELETE', url: `/api/v1/payments/${paymentId}`, token });
    const cancel = await post(`/api/v1/invoices/${inv.id}/cancel`, { reason: 'Raised in error' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const after = await trialBalance();
    for (const code of ['1300', '4100', '2300', '2301', '1100']) expect(balanceOf(after, code)).toBe(0);
    // Σ movements still show both the posting and its reversal.
    expect(after.accounts.find((a) => a.code === '4100')).toMatchObject({
      periodDebit: '10000.00',
      periodCredit: '10000.00',
    });

    const { db } = t.services.database;
    await expect(sql`update journal_lines set debit_paise = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from journal_entries`.execute(db)).rejects.toThrow(/append-only/);
    expect((await get<{ ok: boolean }>('/api/v1/accounts/check')).ok).toBe(true);
  });

  it('posts purchases with input tax, reverse charge and ineligible credit', async () => {
    await issued({
      type: 'purchase',
      partyId: supplierId,
      supplierNumber: 'GS/101',
      supplierDate: '2026-11-05',
      lines: [{ description: 'Steel', hsnSac: '7208', quantity: '10', unit: 'KGS', rate: '100.00', gstRate: '18' }],
    });
    const tb = await trialBalance();
    expect(balanceOf(tb, '2100')).toBe(-1_180_00); // Sundry Creditors
    expect(balanceOf(tb, '5100')).toBe(1_000_00); // Purchases – Goods
    expect(balanceOf(tb, '1403')).toBe(180_00); // Input IGST: Gujarat to Maharashtra
    expect(tb.totalDebit).toBe(tb.totalCredit);
    expect((await get<{ ok: boolean }>('/api/v1/accounts/check')).ok).toBe(true);
  });

  it("posts a party's opening balance against opening balance equity, and its correction", async () => {
    const missingDate = await post('/api/v1/parties', {
      name: 'Old Debtor',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      openingBalance: '5000.00',
    });
    expect(missingDate.statusCode).toBe(400);
    expect(missingDate.json()).toMatchObject({ errors: [{ field: 'openingBalanceDate' }] });

    const id = await createParty({
      name: 'Old Debtor',
      roles: ['client'],
      kind: 'individual',
      gstRegistrationType: 'unregistered',
      openingBalance: '5000.00',
      openingBalanceDate: '2026-04-01',
    });
    let tb = await trialBalance();
    expect(balanceOf(tb, '1300')).toBe(5_000_00);
    expect(balanceOf(tb, '3900')).toBe(-5_000_00);

    // It turns out the business owed them ₹2,000: the entry is reversed and posted again on Sundry Creditors.
    const patched = await t.call({
      method: 'PATCH',
      url: `/api/v1/parties/${id}`,
      token,
      body: { openingBalance: '-2000.00' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ openingBalance: '-2000.00', openingBalanceDate: '2026-04-01' });
    tb = await trialBalance();
    expect(balanceOf(tb, '1300')).toBe(0);
    expect(balanceOf(tb, '2100')).toBe(-2_000_00);
    expect(balanceOf(tb, '3900')).toBe(2_000_00);
    const statement = await get<{ opening: string; closing: string }>(
      `/api/v1/parties/${id}/statement?from=2026-04-01&to=2026-11-30`,
    );
    expect(statement.closing).toBe('-2000.00');
    // The parties list carries the same balance from the book (negative: the business owes the party).
    const list = await get<{ items: { id: number; balance: string | null }[] }>('/api/v1/parties?pageSize=200');
    expect(list.items.find((p) => p.id === id)?.balance).toBe('-2000.00');
    // Staff see the list without money.
    await t.createUser(token, { name: 'Ravi', email: 'ravi@example.com', role: 'staff', password: 'staff password 1' });
    const staff = await t.login('ravi@example.com', 'staff password 1');
    const staffList = await t.call({ method: 'GET', url: '/api/v1/parties?pageSize=200', token: staff.token });
    expect(staffList.json<{ items: { balance: string | null }[] }>().items.every((p) => p.balance === null)).toBe(true);
    expect((await get<{ ok: boolean }>('/api/v1/accounts/check')).ok).toBe(true);
  });

  it('ledger and party statement carry running balances and link each line to its document', async () => {
    const inv = await issued({ type: 'sales', partyId: clientId, lines: [SERVICE] });
    await post('/api/v1/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-21',
      mode: 'upi',
      amount: '11800.00',
      allocations: [{ invoiceId: inv.id, amount: '11800.00' }],
    });
    const ledger = await get<{
      opening: string;
      closing: string;
      items: { sourceType: string; sourceId: number; debit: string; credit: string; balance: string }[];
    }>('/api/v1/accounts/ledger/1300?from=2026-11-01&to=2026-11-30');
    expect(ledger.items.map((i) => [i.sourceType, i.debit, i.credit, i.balance])).toEqual([
      ['invoice', '11800.00', '0.00', '11800.00'],
      ['payment', '0.00', '11800.00', '0.00'],
    ]);
    expect(ledger.items[0]!.sourceId).toBe(inv.id);
    expect(ledger.closing).toBe('0.00');

    // The payments list says which document each payment settles.
    const payments = await get<{ items: { settles: { invoiceId: number; number: string | null }[] }[] }>(
      '/api/v1/payments?direction=received',
    );
    expect(payments.items[0]!.settles).toEqual([{ invoiceId: inv.id, number: inv.number }]);
    const statement = await get<{ opening: string; closing: string; lines: { reference: string | null }[] }>(
      `/api/v1/parties/${clientId}/statement?from=2026-11-01&to=2026-11-30`,
    );
    expect(statement.lines[0]!.reference).toBe(inv.number);
    expect(statement).toMatchObject({ opening: '0.00', closing: '0.00' });
  });

  it('check names what differs, and the backlog posts writes made outside the app', async () => {
    await issued({ type: 'sales', partyId: clientId, lines: [SERVICE] });
    const { db } = t.services.database;
    // A payment written by hand, outside any app transaction: its trigger marks it, nothing posts it yet.
    await db
      .insertInto('payments')
      .values({
        direction: 'received',
        party_id: clientId,
        date: '2026-11-22',
        amount_paise: 500_00,
        tds_paise: 0,
        mode: 'cash',
        reference: null,
        notes: null,
        allocated_paise: 0,
        created_by: null,
        created_at: '2026-11-22T05:00:00.000Z',
        updated_at: '2026-11-22T05:00:00.000Z',
      })
      .execute();
    let check = await t.services.ledgerCheck.check();
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.kind)).toContain('document');
    await t.services.posting.workBacklog();
    check = await t.services.ledgerCheck.check();
    expect(check).toMatchObject({ ok: true });

    // A forged line: the entry no longer balances and the daily totals disagree with the lines.
    const entry = await db.selectFrom('journal_entries').select('id').orderBy('id').executeTakeFirstOrThrow();
    const account = await db
      .selectFrom('ledger_accounts')
      .select('id')
      .where('code', '=', '1100')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('journal_lines')
      .values({
        entry_id: entry.id,
        account_id: account.id,
        party_id: null,
        date: '2026-11-10',
        debit_paise: 1,
        credit_paise: 0,
      })
      .execute();
    check = await t.services.ledgerCheck.check();
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['unbalanced_entry', 'daily_balance']));

    // Rebuild leaves a right book alone: nothing new is posted.
    const before = await db
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rebuilt = await t.services.posting.rebuild();
    expect(rebuilt.posted + rebuilt.reversed).toBe(0);
    const after = await db
      .selectFrom('journal_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
