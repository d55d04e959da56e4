import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST, in financial year 2026-27.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const GJ_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const SERVICE = { description: 'Filing', hsnSac: '998311', quantity: '2', unit: 'OTH', rate: '5000.00', gstRate: '18' };
const FROM = '2026-11-01';
const TO = '2026-11-30';

type Node = Record<string, unknown>;
const paise = (amount: unknown) => Math.round(Number(amount) * 100);
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe(`Tally Prime export (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let supplierId: number;

  async function post(url: string, body?: unknown) {
    const res = await t.call({ method: 'POST', url, token, ...(body === undefined ? {} : { body }) });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  }
  async function get<T>(url: string): Promise<T> {
    const res = await t.call({ method: 'GET', url, token });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await post('/api/v1/parties', { kind: 'company', gstRegistrationType: 'regular', ...body });
    return res.json<{ id: number }>().id;
  }
  async function issued(body: Record<string, unknown>) {
    const created = await post('/api/v1/invoices', { date: '2026-11-10', ...body });
    const res = await post(`/api/v1/invoices/${created.json<{ id: number }>().id}/issue`);
    return res.json<{ id: number; number: string; lines: { id: number }[] }>();
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    clientId = await createParty({
      // Characters XML must escape, in a name Tally will show.
      name: 'Acme & Sons <Pune>',
      roles: ['client'],
      gstin: MH_GSTIN,
      billingAddress: { line1: '12 "MG" Road', city: 'Pune', stateCode: '27', pin: '411001' },
    });
    supplierId = await createParty({
      name: 'Gujarat Steel',
      roles: ['supplier'],
      gstin: GJ_GSTIN,
      billingAddress: { line1: '9 GIDC', city: 'Vapi', stateCode: '24', pin: '396195' },
    });
  });
  afterEach(async () => t.close());

  it('exports ledgers and balanced vouchers that agree with the day book and the trial balance', async () => {
    const invoice = await issued({ type: 'sales', partyId: clientId, lines: [SERVICE] });
    await issued({
      type: 'purchase',
      partyId: supplierId,
      supplierNumber: 'GS/101',
      supplierDate: '2026-11-05',
      lines: [{ description: 'Steel', hsnSac: '7208', quantity: '10', unit: 'KGS', rate: '100.00', gstRate: '18' }],
    });
    await issued({
      type: 'credit_note',
      originalInvoiceId: invoice.id,
      date: '2026-11-15',
      noteReason: 'Deficiency in service',
      lines: [{ ...SERVICE, quantity: '1', originalLineId: invoice.lines[0]?.id }],
    });
    await post('/api/v1/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-20',
      mode: 'bank_transfer',
      amount: '5000.00',
      allocations: [{ invoiceId: invoice.id, amount: '5000.00' }],
    });
    await post('/api/v1/payments', {
      direction: 'made',
      partyId: supplierId,
      date: '2026-11-21',
      mode: 'cash',
      amount: '1180.00',
    });
    // A deleted payment leaves its posting and a reversal in the book; both are vouchers.
    const mistake = await post('/api/v1/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-22',
      mode: 'cash',
      amount: '100.00',
    });
    const del = await t.call({ method: 'DELETE', url: `/api/v1/payments/${mistake.json<{ id: number }>().id}`, token });
    expect(del.statusCode, del.body).toBeLessThan(300);

    const res = await t.call({ method: 'GET', url: `/api/v1/accounts/tally-export?from=${FROM}&to=${TO}`, token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="tally-${FROM}-to-${TO}.xml"`);
    expect(res.body).toContain('Acme &amp; Sons &lt;Pune&gt;');

    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      isArray: (name) => ['IMPORTDATA', 'TALLYMESSAGE', 'ALLLEDGERENTRIES.LIST', 'ADDRESS'].includes(name),
    }).parse(res.body) as { ENVELOPE: { HEADER: Node; BODY: { IMPORTDATA: Node[] } } };
    const envelope = parsed.ENVELOPE;
    expect(envelope.HEADER.TALLYREQUEST).toBe('Import Data');
    const [mastersPart, vouchersPart] = envelope.BODY.IMPORTDATA as [Node, Node];
    const desc = (part: Node) => part.REQUESTDESC as { REPORTNAME: string; STATICVARIABLES: Node };
    expect(desc(mastersPart).REPORTNAME).toBe('All Masters');
    expect(desc(vouchersPart).REPORTNAME).toBe('Vouchers');
    const business = await get<{ name: string }>('/api/v1/settings/business');
    expect(desc(vouchersPart).STATICVARIABLES.SVCURRENTCOMPANY).toBe(business.name);

    const messages = (part: Node) =>
      list(
        (part.REQUESTDATA as Node | '').constructor === Object
          ? ((part.REQUESTDATA as Node).TALLYMESSAGE as Node[])
          : [],
      );
    const ledgers = messages(mastersPart).map((m) => m.LEDGER as Node);
    const vouchers = messages(vouchersPart).map((m) => m.VOUCHER as Node);
    const ledgerByName = new Map(ledgers.map((l) => [String(l['@NAME']), l]));

    // Party ledgers: own ledger under the Tally group, with GSTIN, state, address and registration type.
    const acme = ledgerByName.get('Acme & Sons <Pune>');
    expect(acme).toMatchObject({
      PARENT: 'Sundry Debtors',
      ISBILLWISEON: 'Yes',
      PARTYGSTIN: MH_GSTIN,
      LEDSTATENAME: 'Maharashtra',
      GSTREGISTRATIONTYPE: 'Regular',
    });
    expect((acme?.['ADDRESS.LIST'] as Node).ADDRESS).toEqual(['12 "MG" Road', 'Pune 411001']);
    expect(ledgerByName.get('Gujarat Steel')).toMatchObject({
      PARENT: 'Sundry Creditors',
      PARTYGSTIN: GJ_GSTIN,
      LEDSTATENAME: 'Gujarat',
    });
    // Account ledgers under Tally's predefined groups; control accounts whose every line names a party are absent.
    expect(ledgerByName.get('Sales – Services')).toMatchObject({ PARENT: 'Sales Accounts', ISBILLWISEON: 'No' });
    expect(ledgerByName.get('Output CGST')).toMatchObject({ PARENT: 'Duties & Taxes' });
    expect(ledgerByName.get('Cash')).toMatchObject({ PARENT: 'Cash-in-Hand' });
    expect(ledgerByName.has('Sundry Debtors')).toBe(false);

    // One voucher per journal entry of the period, as many as the day book lists.
    const dayBook = await get<{ total: number; items: { voucherType: string; reversesId: number | null }[] }>(
      `/api/v1/accounts/day-book?from=${FROM}&to=${TO}&pageSize=100`,
    );
    expect(vouchers).toHaveLength(dayBook.total);
    expect(dayBook.items.some((e) => e.reversesId !== null)).toBe(true);
    const types = vouchers.map((v) => v['@VCHTYPE']);
    for (const type of ['Sales', 'Purchase', 'Credit Note', 'Receipt', 'Payment']) expect(types).toContain(type);
    expect(vouchers.some((v) => String(v.NARRATION).startsWith('Reversal'))).toBe(true);

    // Each voucher balances; debits are deemed positive and negative in amount.
    const perLedger = new Map<string, number>();
    for (const v of vouchers) {
      expect(v.DATE).toMatch(/^202611\d\d$/);
      expect(v.VOUCHERTYPENAME).toBe(v['@VCHTYPE']);
      let sum = 0;
      for (const e of list(v['ALLLEDGERENTRIES.LIST'] as Node[])) {
        const amount = paise(e.AMOUNT);
        expect(String(e.AMOUNT)).toMatch(/^-?\d+\.\d\d$/);
        expect(e.ISDEEMEDPOSITIVE).toBe(amount < 0 ? 'Yes' : 'No');
        expect(ledgerByName.has(String(e.LEDGERNAME)), `ledger ${String(e.LEDGERNAME)}`).toBe(true);
        sum += amount;
        perLedger.set(String(e.LEDGERNAME), (perLedger.get(String(e.LEDGERNAME)) ?? 0) + amount);
      }
      expect(sum, `voucher ${String(v.VOUCHERNUMBER)}`).toBe(0);
    }
    const sale = vouchers.find((v) => v.VOUCHERNUMBER === invoice.number);
    expect(sale).toMatchObject({ '@VCHTYPE': 'Sales', PARTYLEDGERNAME: 'Acme & Sons <Pune>' });

    // Σ per ledger (Tally: debit negative) equals the trial balance's movements of the period.
    const tb = await get<{
      accounts: { code: string; name: string; periodDebit: string; periodCredit: string }[];
    }>(`/api/v1/accounts/trial-balance?from=${FROM}&to=${TO}`);
    const chart = await get<{ items: { code: string; partyLedger: boolean }[] }>('/api/v1/accounts');
    const partyAccount = new Set(chart.items.filter((a) => a.partyLedger).map((a) => a.code));
    let partyMovement = 0;
    for (const row of tb.accounts) {
      const movement = paise(row.periodDebit) - paise(row.periodCredit);
      if (partyAccount.has(row.code)) {
        partyMovement += movement;
        continue;
      }
      expect(-(perLedger.get(row.name) ?? 0), row.name).toBe(movement);
    }
    const partyLedgers = ['Acme & Sons <Pune>', 'Gujarat Steel'];
    expect(-partyLedgers.reduce((s, n) => s + (perLedger.get(n) ?? 0), 0)).toBe(partyMovement);
    // And per party, the statement's movements.
    const statement = await get<{ totalDebit: string; totalCredit: string }>(
      `/api/v1/parties/${clientId}/statement?from=${FROM}&to=${TO}`,
    );
    expect(-(perLedger.get('Acme & Sons <Pune>') ?? 0)).toBe(
      paise(statement.totalDebit) - paise(statement.totalCredit),
    );
  });

  it('an empty period is a valid envelope with no vouchers; a reversed period is refused', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/v1/accounts/tally-export?from=2026-04-01&to=2026-04-30',
      token,
    });
    expect(res.statusCode).toBe(200);
    const parsed = new XMLParser({ isArray: (n) => n === 'IMPORTDATA' }).parse(res.body) as {
      ENVELOPE: { BODY: { IMPORTDATA: { REQUESTDATA?: unknown }[] } };
    };
    expect(parsed.ENVELOPE.BODY.IMPORTDATA).toHaveLength(2);
    expect(res.body).not.toContain('<VOUCHER');
    const bad = await t.call({
      method: 'GET',
      url: '/api/v1/accounts/tally-export?from=2026-05-01&to=2026-04-01',
      token,
    });
    expect(bad.statusCode).toBe(400);
  });
});
