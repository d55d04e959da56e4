import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { pdfText } from './support/pdf-text';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// The test clock stands at 2026-11-23 10:00 IST, in financial year 2026-27.
const MH_GSTIN = '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z');
const SERVICE = {
  description: 'Filing',
  hsnSac: '998311',
  quantity: '1',
  unit: 'OTH',
  rate: '10000.00',
  gstRate: '18',
};

/** A local SMTP server without authentication that keeps each raw message. */
async function startSmtp() {
  const received: string[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The base64 attachment of a nodemailer message, by its file name. */
function attachment(raw: string, filename: string): Buffer | null {
  const at =
    raw.indexOf(`filename=${filename}`) >= 0
      ? raw.indexOf(`filename=${filename}`)
      : raw.indexOf(`filename="${filename}"`);
  if (at < 0) return null;
  const start = raw.indexOf('\r\n\r\n', at) + 4;
  const end = raw.indexOf('\r\n--', start);
  return Buffer.from(raw.slice(start, end).replace(/\s+/g, ''), 'base64');
}

describe(`party statement files and email (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  async function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
    return t.call({ method, url, token, ...(body === undefined ? {} : { body }) });
  }
  async function ok(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
    const res = await call(method, url, body);
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  }
  async function issued(body: Record<string, unknown>) {
    const created = await ok('POST', '/api/v1/invoices', body);
    return (await ok('POST', `/api/v1/invoices/${created.json<{ id: number }>().id}/issue`)).json<{
      id: number;
      number: string;
    }>();
  }

  beforeEach(async () => {
    smtp = await startSmtp();
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    clientId = (
      await ok('POST', '/api/v1/parties', {
        kind: 'company',
        gstRegistrationType: 'regular',
        name: 'Acme Pune',
        roles: ['client'],
        gstin: MH_GSTIN,
        emails: ['accounts@acme.example'],
        billingAddress: { line1: '12 MG Road', city: 'Pune', stateCode: '27', pin: '411001' },
      })
    ).json<{ id: number }>().id;
    // October: opening balance of November. November: another invoice and a payment.
    const october = await issued({ type: 'sales', partyId: clientId, date: '2026-10-10', lines: [SERVICE] });
    await issued({ type: 'sales', partyId: clientId, date: '2026-11-10', lines: [SERVICE] });
    await ok('POST', '/api/v1/payments', {
      direction: 'received',
      partyId: clientId,
      date: '2026-11-20',
      mode: 'upi',
      amount: '11800.00',
      allocations: [{ invoiceId: october.id, amount: '11800.00' }],
    });
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  const PERIOD = 'from=2026-11-01&to=2026-11-30';

  it('downloads the statement as PDF with the party, opening and closing balances', async () => {
    const json = await (
      await ok('GET', `/api/v1/parties/${clientId}/statement?${PERIOD}`)
    ).json<{
      opening: string;
      closing: string;
      lines: unknown[];
    }>();
    expect(json).toMatchObject({ opening: '11800.00', closing: '11800.00' });
    expect(json.lines).toHaveLength(2);

    const res = await ok('GET', `/api/v1/parties/${clientId}/statement?${PERIOD}&format=pdf`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="statement-Acme-Pune-2026-11-01-2026-11-30.pdf"');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('STATEMENT OF ACCOUNT');
    expect(text).toContain('Acme Pune');
    expect(text).toContain(`GSTIN: ${MH_GSTIN}`);
    expect(text).toContain('01-11-2026 to 30-11-2026');
    expect(text).toMatch(/Opening balance\s+11,800\.00 Dr/);
    expect(text).toMatch(/Closing balance\s+11,800\.00\s+11,800\.00\s+11,800\.00 Dr/);
    expect(text).toContain('INV/2026-27/0002');
    expect(text).toContain('23,600.00 Dr');
  });

  it('downloads the statement as XLSX with opening, lines, totals and closing balance', async () => {
    const res = await ok('GET', `/api/v1/parties/${clientId}/statement?${PERIOD}&format=xlsx`);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="statement-Acme-Pune-.*\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('Statement')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Statement of account: Acme Pune']);
    expect(rows[2]?.[0]).toBe(`GSTIN: ${MH_GSTIN}`);
    const opening = rows.find((r) => r[2] === 'Opening balance');
    const closing = rows.find((r) => r[2] === 'Closing balance');
    expect(opening?.[5]).toBe(11800);
    expect(closing?.[5]).toBe(11800);
    const lines = rows.filter((r) => typeof r[1] === 'string' && /^(Sales|Receipt)/.test(r[1]));
    expect(lines.map((r) => [r[0], r[3] ?? null, r[4] ?? null, r[5]])).toEqual([
      [new Date('2026-11-10T00:00:00Z'), 11800, null, 23600],
      [new Date('2026-11-20T00:00:00Z'), null, 11800, 11800],
    ]);
    expect(opening?.[0]).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(closing?.[0]).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(rows[1]?.[2]).toBe('Period 01-11-2026 to 30-11-2026');
  });

  it('writes XLSX dates as dd-mm-yyyy date cells of the business day in India', async () => {
    // 20:00 UTC on 5 December is 01:30 on 6 December in Kolkata: the statement runs to the 6th.
    t.clock.set(new Date('2026-12-05T20:00:00Z'));
    ({ token } = await t.login()); // the session of 23 November has ended by then
    const res = await ok('GET', `/api/v1/parties/${clientId}/statement?from=2026-11-01&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer); // `as`: exceljs types want an ArrayBuffer; a Buffer works
    const ws = wb.getWorksheet('Statement')!;
    const closing = ws.getRow(ws.rowCount);
    expect(closing.getCell(3).value).toBe('Closing balance');
    const dates = [closing.getCell(1)];
    ws.eachRow((row) => {
      if (typeof row.getCell(2).value === 'string' && /^Sales/.test(String(row.getCell(2).value)))
        dates.push(row.getCell(1));
    });
    expect(dates.map((c) => c.type)).toEqual([ExcelJS.ValueType.Date, ExcelJS.ValueType.Date]);
    expect(dates.map((c) => c.numFmt)).toEqual(['dd-mm-yyyy', 'dd-mm-yyyy']);
    expect(dates.map((c) => c.value)).toEqual([new Date('2026-12-06T00:00:00Z'), new Date('2026-11-10T00:00:00Z')]);
    expect(ws.getRow(2).getCell(3).value).toBe('Period 01-11-2026 to 06-12-2026');
  });

  it('queues the statement by email with the PDF attached, and refuses without an address', async () => {
    await ok('PUT', '/api/v1/settings/email', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: null,
      from: 'Rao Traders <billing@raotraders.example>',
    });
    const queued = await call('POST', `/api/v1/parties/${clientId}/statement/send`, {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ to: 'accounts@acme.example' });
    const { db } = t.services.database;
    const row = await db
      .selectFrom('email_log')
      .selectAll()
      .where('id', '=', queued.json<{ logId: number }>().logId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'statement', status: 'queued', entity: 'party', entity_id: String(clientId) });
    expect(JSON.parse(row.attachment ?? 'null')).toEqual({
      type: 'party_statement',
      partyId: clientId,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(row.body).toContain('Closing balance: ₹11,800.00 Dr');
    const job = await db
      .selectFrom('jobs')
      .select(['type'])
      .where('idempotency_key', '=', `email:${row.id}`)
      .executeTakeFirst();
    expect(job?.type).toBe('email.send');

    // The job sends it with the statement PDF.
    const queue = t.services.jobs.queue;
    for (let i = 0; i < 5 && (await queue.drain()) > 0; i++);
    expect(smtp.received).toHaveLength(1);
    const pdf = attachment(smtp.received[0]!, 'statement-Acme-Pune-2026-11-01-2026-11-30.pdf');
    expect(pdf?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pdfText(pdf!)).toContain('Acme Pune');
    const log = await ok('GET', '/api/v1/email/log?kind=statement');
    expect(log.json<{ items: { status: string }[] }>().items).toMatchObject([{ status: 'sent' }]);

    // A party without an email: 400 naming `email`, unless one is given.
    const noEmail = (
      await ok('POST', '/api/v1/parties', {
        kind: 'individual',
        gstRegistrationType: 'unregistered',
        name: 'Walk-in',
        roles: ['client'],
      })
    ).json<{ id: number }>().id;
    const refused = await call('POST', `/api/v1/parties/${noEmail}/statement/send`, {});
    expect(refused.statusCode).toBe(400);
    expect(
      refused.json<{ errors?: { field: string }[] }>().errors?.[0]?.field ?? refused.json<{ field?: string }>(),
    ).toBe('email');
    const given = await call('POST', `/api/v1/parties/${noEmail}/statement/send`, { email: 'walkin@example.com' });
    expect(given.statusCode, given.body).toBe(202);
  });
});
