import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

const LINE = { description: 'Widget', hsnSac: '84713010', quantity: '10', unit: 'NOS', rate: '1250.00', gstRate: '18' };
const SMTP_USER = 'mailer';
const SMTP_PASSWORD = 'smtp-secret-Pa55word';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that requires the configured login and keeps every message it accepts. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The decoded text/plain body and the attachments of a raw MIME message (enough MIME for nodemailer's output). */
function parseMime(raw: string) {
  const headers = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  // RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), as nodemailer writes non-ASCII subjects.
  const decodeWords = (value: string) =>
    value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
  const header = (name: string) => decodeWords(new RegExp(`^${name}: (.*)$`, 'mi').exec(headers)?.[1]?.trim() ?? '');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  let text = '';
  const attachments: { filename: string; contentType: string; content: Buffer }[] = [];
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const body = part.slice(split + 4).replace(/\r\n$/, '');
    const type = /Content-Type: ([^;\r\n]+)/i.exec(head)?.[1] ?? '';
    const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(head)?.[1]?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? Buffer.from(
              body
                .replace(/=\r\n/g, '')
                .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            )
          : Buffer.from(body, 'utf8');
    const filename = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1];
    if (filename) attachments.push({ filename, contentType: type, content: decoded });
    else if (type === 'text/plain') text = decoded.toString('utf8');
  }
  return { subject: header('Subject'), to: header('To'), text, attachments };
}

describe(`email (${testDialect()})`, () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let token: string;

  async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown, status = 200) {
    const res = await t.call({ method, url, token, body });
    if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  }

  async function configureSmtp() {
    await call('PUT', '/api/v1/settings/email', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: SMTP_USER,
      password: SMTP_PASSWORD,
      from: 'Rao Traders <billing@raotraders.example>',
    });
  }

  async function createClient(name: string, extra: Record<string, unknown> = {}): Promise<number> {
    const res = await call(
      'POST',
      '/api/v1/parties',
      { kind: 'company', roles: ['client'], gstRegistrationType: 'unregistered', name, paymentTermsDays: 15, ...extra },
      201,
    );
    return res.json<{ id: number }>().id;
  }

  async function issueInvoice(partyId: number, date: string): Promise<{ id: number; number: string }> {
    const draft = await call('POST', '/api/v1/invoices', { type: 'sales', partyId, date, lines: [LINE] }, 201);
    const issued = await call('POST', `/api/v1/invoices/${draft.json<{ id: number }>().id}/issue`);
    return issued.json<{ id: number; number: string }>();
  }

  async function runJobs() {
    const queue = t.services.jobs.queue;
    for (let i = 0; i < 10; i++) {
      await queue.runSchedules();
      if ((await queue.drain()) === 0) return;
    }
  }

  beforeEach(async () => {
    smtp = await startSmtp();
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  it('stores the SMTP password encrypted and never returns it', async () => {
    await configureSmtp();
    const res = await call('GET', '/api/v1/settings/email');
    expect(res.json()).toMatchObject({ isConfigured: true, host: '127.0.0.1', username: SMTP_USER, hasPassword: true });
    expect(res.body).not.toContain(SMTP_PASSWORD);
    const stored = await t.services.database.db.selectFrom('email_settings').selectAll().executeTakeFirstOrThrow();
    expect(stored.password_encrypted).not.toContain(SMTP_PASSWORD);
    const audit = await call('GET', '/api/v1/audit?entity=email_settings');
    expect(audit.body).not.toContain(SMTP_PASSWORD);

    // Saving again without a password keeps the stored one: the test message still logs in.
    const again = await call('PUT', '/api/v1/settings/email', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: SMTP_USER,
      from: 'Rao Traders <billing@raotraders.example>',
    });
    expect(again.json()).toMatchObject({ hasPassword: true });
    expect(again.body).not.toContain(SMTP_PASSWORD);
    await call('POST', '/api/v1/settings/email/test', { to: 'owner@example.com' }, 202);
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['owner@example.com']);
  });

  it('emails an issued invoice with its PDF from a job, never from the request', async () => {
    await configureSmtp();
    const clientId = await createClient('Acme Pune', { emails: ['accounts@acme.example'] });
    const invoice = await issueInvoice(clientId, '2026-11-10');

    const queued = await call('POST', `/api/v1/invoices/${invoice.id}/email`, {}, 202);
    expect(queued.json()).toMatchObject({ to: 'accounts@acme.example' });
    expect(smtp.received).toHaveLength(0);
    await runJobs();

    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.from).toBe('billing@raotraders.example');
    expect(message.to).toEqual(['accounts@acme.example']);
    const mail = parseMime(message.raw);
    expect(mail.subject).toBe(`Invoice ${invoice.number} from Rao Traders`);
    expect(mail.text).toContain('Dear Acme Pune,');
    expect(mail.text).toContain(`invoice ${invoice.number} dated 10-11-2026 for ₹14,750.00`);
    expect(mail.text).toContain('payable by 25-11-2026');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]?.contentType).toBe('application/pdf');
    expect(mail.attachments[0]?.filename).toBe(`${invoice.number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`);
    expect(mail.attachments[0]?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const log = (await call('GET', '/api/v1/email/log')).json<{
      items: { kind: string; status: string; to: string }[];
    }>();
    expect(log.items[0]).toMatchObject({ kind: 'invoice', status: 'sent', to: 'accounts@acme.example' });
  });

  it('uses the edited template, refuses unknown placeholders and previews with sample values', async () => {
    await configureSmtp();
    const bad = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/email/templates/invoice',
      token,
      body: { subject: 'Bill {{invoice_numbr}}', body: 'Hi' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'subject' }] });
    await call('PUT', '/api/v1/settings/email/templates/invoice', {
      subject: 'Bill {{invoice_number}} for {{party_name}}',
      body: 'Amount {{amount}}, due {{due_date}}.',
    });
    const preview = await call('POST', '/api/v1/settings/email/templates/invoice/preview', {
      subject: 'Bill {{invoice_number}}',
      body: 'Total {{amount}} {{oops}}',
    });
    expect(preview.json()).toEqual({
      subject: 'Bill INV/2026-27/0001',
      body: 'Total ₹14,750.00 ',
      unknownPlaceholders: ['oops'],
    });

    const clientId = await createClient('Acme Pune', { emails: ['accounts@acme.example'] });
    const invoice = await issueInvoice(clientId, '2026-11-10');
    await call('POST', `/api/v1/invoices/${invoice.id}/email`, { to: 'cfo@acme.example' }, 202);
    await runJobs();
    const mail = parseMime(smtp.received[0]!.raw);
    expect(smtp.received[0]?.to).toEqual(['cfo@acme.example']);
    expect(mail.subject).toBe(`Bill ${invoice.number} for Acme Pune`);
    expect(mail.text).toBe('Amount ₹14,750.00, due 25-11-2026.');
  });

  it('refuses drafts, and explains when SMTP is not set up', async () => {
    const clientId = await createClient('Acme Pune', { emails: ['accounts@acme.example'] });
    const invoice = await issueInvoice(clientId, '2026-11-10');
    const unconfigured = await t.call({ method: 'POST', url: `/api/v1/invoices/${invoice.id}/email`, token, body: {} });
    expect(unconfigured.statusCode).toBe(409);
    await configureSmtp();
    const draft = await call(
      'POST',
      '/api/v1/invoices',
      { type: 'sales', partyId: clientId, date: '2026-11-10', lines: [LINE] },
      201,
    );
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${draft.json<{ id: number }>().id}/email`,
      token,
      body: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('marks a message failed with the SMTP error and retries it', async () => {
    await call('PUT', '/api/v1/settings/email', {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: SMTP_USER,
      password: 'wrong password',
      from: 'billing@raotraders.example',
    });
    await call('POST', '/api/v1/settings/email/test', { to: 'owner@example.com' }, 202);
    await runJobs();
    expect(smtp.received).toHaveLength(0);
    const log = (await call('GET', '/api/v1/email/log?status=failed')).json<{ items: { error: string | null }[] }>();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]?.error).toMatch(/Invalid username or password|auth/i);
    const job = await t.services.database.db
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('type', '=', 'email.send')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('sends overdue reminders only to opted-in clients with overdue balances, at most weekly', async () => {
    await configureSmtp();
    const optedIn = await createClient('Overdue Opted', { emails: ['pay@opted.example'], emailReminders: true });
    const notOptedIn = await createClient('Overdue Quiet', { emails: ['pay@quiet.example'] });
    const notDue = await createClient('Not Yet Due', { emails: ['pay@notdue.example'], emailReminders: true });
    expect((await call('GET', `/api/v1/parties/${optedIn}`)).json()).toMatchObject({ emailReminders: true });
    // Due 15 days after: 01-11 -> 16-11 and 03-11 -> 18-11 are past the clock's 23-11; 20-11 -> 05-12 is not.
    // Issued in date order: numbers follow dates.
    const a = await issueInvoice(optedIn, '2026-11-01');
    await issueInvoice(notOptedIn, '2026-11-01');
    const b = await issueInvoice(optedIn, '2026-11-03');
    await issueInvoice(notDue, '2026-11-20');

    await runJobs();
    expect(smtp.received.map((m) => m.to)).toEqual([['pay@opted.example']]);
    const mail = parseMime(smtp.received[0]!.raw);
    expect(mail.subject).toBe('Payment reminder: ₹29,500.00 overdue');
    expect(mail.text).toContain(`${a.number}  due 16-11-2026  ₹14,750.00`);
    expect(mail.text).toContain(`${b.number}  due 18-11-2026  ₹14,750.00`);

    // The next day's run sends nothing new; a week later the reminder goes again.
    t.clock.advance(24 * 3600_000);
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    t.clock.advance(7 * 24 * 3600_000);
    await runJobs();
    expect(smtp.received).toHaveLength(2);

    // Opting out stops them (a fresh login: the clock moved past the access token's life).
    ({ token } = await t.login());
    await call('PATCH', `/api/v1/parties/${optedIn}`, { emailReminders: false });
    t.clock.advance(8 * 24 * 3600_000);
    await runJobs();
    // Meanwhile the other opted-in client's invoice fell due (05-12): only they hear from us.
    expect(smtp.received.slice(2).map((m) => m.to)).toEqual([['pay@notdue.example']]);
  });

  it('reminds assignees of open tasks due today or earlier, once per due date', async () => {
    await configureSmtp();
    const staffId = await t.createUser(token, { name: 'Ravi Kumar', email: 'ravi@example.com', role: 'staff' });
    const task = async (title: string, dueDate: string, assigneeId = staffId) =>
      (await call('POST', '/api/v1/tasks', { title, dueDate, assigneeId }, 201)).json<{ id: number }>().id;
    await task('Collect signed forms', '2026-11-23');
    await task('File the return', '2026-11-20');
    await task('Next week', '2026-11-30');
    const done = await task('Already done', '2026-11-22');
    await call('PATCH', `/api/v1/tasks/${done}`, { isCompleted: true });

    await runJobs();
    const subjects = smtp.received.map((m) => parseMime(m.raw).subject).sort();
    expect(subjects).toEqual(['Task due 20-11-2026: File the return', 'Task due 23-11-2026: Collect signed forms']);
    expect(smtp.received.every((m) => m.to[0] === 'ravi@example.com')).toBe(true);
    expect(parseMime(smtp.received[0]!.raw).text).toContain('Hello Ravi Kumar,');

    t.clock.advance(24 * 3600_000);
    await runJobs();
    // Still open, but already reminded for that due date; the next-week task is not due yet.
    expect(smtp.received).toHaveLength(2);
  });
});
