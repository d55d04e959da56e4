import type { PartyStatement, PeriodQuery, SendStatementInput } from '@bizdash/contracts/accounts';
import type {
  EmailLogEntry,
  EmailLogPage,
  EmailLogQuery,
  EmailPreview,
  EmailQueued,
  EmailSettings,
  EmailTemplate,
  SendInvoiceEmailInput,
  UpdateEmailSettingsInput,
  UpdateEmailTemplateInput,
} from '@bizdash/contracts/email';
import { AppError } from '@bizdash/domain/errors';
import { formatMoney, parseMoney } from '@bizdash/domain/money';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { toBool } from '../../platform/db/schema';
import type { JobQueue } from '../../platform/jobs/queue-types';
import type { RequestContext } from '../../platform/request-context';
import { decryptSecret, encryptSecret } from '../../platform/security/secrets';
import type { InvoicePdfService } from '../invoices/pdf/invoice-pdf.service';
import { businessToday } from '../invoices/settlement';
import { sendSmtp, type SmtpSettings } from './email-sender';
import { TEMPLATE_DEFINITIONS, displayDate, renderTemplate, sampleValues } from './email-templates';
import type { EmailKind, EmailLogRow, EmailTemplateKey } from './email.tables';

export const EMAIL_SEND_JOB = 'email.send';
export const OVERDUE_REMINDERS_JOB = 'email.overdue_reminders';
export const TASK_REMINDERS_JOB = 'email.task_reminders';

/** A party gets at most one overdue reminder in this many days, however often the daily job runs. */
export const OVERDUE_REMINDER_INTERVAL_DAYS = 7;
const PAGE = 200;

export interface EmailServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  queue: JobQueue;
  /** Encrypts the SMTP password at rest (keys.encryption). */
  encryptionKey: Buffer;
  /** The printed invoice attached to an invoice email: the same bytes as the download (logo, LUT). */
  invoicePdf: Pick<InvoicePdfService, 'pdf'>;
  /** Party statements: read for the message text when queued, rendered as the PDF attachment when sent. */
  statements?: StatementAttachments;
  /** Daily times (business time zone) of the reminder jobs. */
  schedule?: { overdueAt?: string; tasksAt?: string };
}

export type EmailService = ReturnType<typeof makeEmailService>;

export interface StatementAttachments {
  statement(partyId: number, period: PeriodQuery): Promise<PartyStatement>;
  pdf(partyId: number, period: { from: string; to: string }): Promise<{ filename: string; content: Buffer }>;
}

/** What `email_log.attachment` may name. */
interface PartyStatementAttachment {
  type: 'party_statement';
  partyId: number;
  from: string;
  to: string;
}

function parseAttachment(json: string | null): PartyStatementAttachment | null {
  if (!json) return null;
  const value: unknown = JSON.parse(json);
  if (
    value &&
    typeof value === 'object' &&
    'type' in value &&
    value.type === 'party_statement' &&
    'partyId' in value &&
    typeof value.partyId === 'number' &&
    'from' in value &&
    typeof value.from === 'string' &&
    'to' in value &&
    typeof value.to === 'string'
  ) {
    return { type: 'party_statement', partyId: value.partyId, from: value.from, to: value.to };
  }
  throw new Error(`Unknown attachment ${json.slice(0, 100)}`);
}

/** A sign-in lockout as the auth service reports it. */
export interface LockoutNotice {
  userId: number;
  email: string;
  name: string;
  scope: 'account' | 'account_ip';
  ip: string | null;
  until: Date;
}

/** dd-mm-yyyy hh:mm in India time (UTC+05:30 all year: India keeps no daylight saving). */
function istDateTime(instant: Date): string {
  const ist = new Date(instant.getTime() + 330 * 60_000).toISOString();
  return `${displayDate(ist)} ${ist.slice(11, 16)}`;
}

/** A signed balance in words an accountant reads: ₹11,800.00 Dr (the party owes), ₹500.00 Cr (it is owed). */
function balanceText(paise: number): string {
  if (paise === 0) return formatMoney(0);
  return `${formatMoney(Math.abs(paise))} ${paise > 0 ? 'Dr' : 'Cr'}`;
}

/** The templates Settings → Email lists and edits; the statement's text is built in for now. */
const TEMPLATE_KEYS: Exclude<EmailTemplateKey, 'statement'>[] = ['invoice', 'overdue_reminder', 'task_due'];

function firstEmail(emailsJson: string): string | null {
  try {
    const list: unknown = JSON.parse(emailsJson);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
}

function toLogEntry(row: EmailLogRow): EmailLogEntry {
  return {
    id: Number(row.id),
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    error: row.error,
    attempts: Number(row.attempts),
    entity: row.entity,
    entityId: row.entity_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/**
 * Email: SMTP settings, editable templates, and every message written to the send log and queued as an `email.send`
 * job in the same transaction as the request, so a request never waits on (or fails with) the SMTP server. The job
 * renders attachments (the invoice PDF) at send time and marks the log row sent or failed.
 */
export function makeEmailService(deps: EmailServiceDeps) {
  const { database, audit, clock, queue, encryptionKey } = deps;

  // ---------- settings ----------
  async function readSmtp(executor: Executor): Promise<SmtpSettings | null> {
    const row = await executor.selectFrom('email_settings').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!row) return null;
    return {
      host: row.host,
      port: Number(row.port),
      secure: toBool(row.secure),
      username: row.username,
      password: row.password_encrypted ? decryptSecret(encryptionKey, row.password_encrypted) : null,
      from: row.from_address,
      replyTo: row.reply_to,
    };
  }

  async function getSettings(): Promise<EmailSettings> {
    const row = await database.db.selectFrom('email_settings').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!row) {
      return {
        isConfigured: false,
        host: '',
        port: 587,
        secure: false,
        username: null,
        hasPassword: false,
        from: '',
        replyTo: null,
        updatedAt: null,
      };
    }
    return {
      isConfigured: true,
      host: row.host,
      port: Number(row.port),
      secure: toBool(row.secure),
      username: row.username,
      hasPassword: row.password_encrypted !== null,
      from: row.from_address,
      replyTo: row.reply_to,
      updatedAt: row.updated_at,
    };
  }

  async function updateSettings(ctx: RequestContext, input: UpdateEmailSettingsInput): Promise<EmailSettings> {
    const now = clock.now().toISOString();
    await database.transaction(async (tx) => {
      const before = await tx.selectFrom('email_settings').selectAll().where('id', '=', 1).executeTakeFirst();
      const password_encrypted =
        input.password === undefined
          ? (before?.password_encrypted ?? null)
          : input.password === null || input.password === ''
            ? null
            : encryptSecret(encryptionKey, input.password);
      const row = {
        host: input.host,
        port: input.port,
        secure: input.secure,
        username: input.username ? input.username : null,
        password_encrypted,
        from_address: input.from,
        reply_to: input.replyTo ?? null,
        updated_at: now,
      };
      if (before) await tx.updateTable('email_settings').set(row).where('id', '=', 1).execute();
      else
        await tx
          .insertInto('email_settings')
          .values({ id: 1, ...row })
          .execute();
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const pairs: [string, unknown, unknown][] = [
        ['host', before?.host ?? null, row.host],
        ['port', before ? Number(before.port) : null, row.port],
        ['secure', before ? toBool(before.secure) : null, row.secure],
        ['username', before?.username ?? null, row.username],
        ['from', before?.from_address ?? null, row.from_address],
        ['replyTo', before?.reply_to ?? null, row.reply_to],
      ];
      for (const [field, b, a] of pairs) if (b !== a) changes[field] = { before: b, after: a };
      // The audit log says the password changed, never what it is.
      if ((before?.password_encrypted ?? null) !== password_encrypted) {
        changes.password = { before: '[redacted]', after: '[redacted]' };
      }
      await audit.record(tx, ctx, { action: 'email.settings_updated', entity: 'email_settings', entityId: 1, changes });
    });
    return getSettings();
  }

  // ---------- templates ----------
  async function templateText(executor: Executor, key: EmailTemplateKey): Promise<{ subject: string; body: string }> {
    const row = await executor
      .selectFrom('email_templates')
      .select(['subject', 'body'])
      .where('key', '=', key)
      .executeTakeFirst();
    return row ?? { subject: TEMPLATE_DEFINITIONS[key].subject, body: TEMPLATE_DEFINITIONS[key].body };
  }

  async function listTemplates(): Promise<{ items: EmailTemplate[] }> {
    const rows = await database.db.selectFrom('email_templates').selectAll().execute();
    return {
      items: TEMPLATE_KEYS.map((key) => {
        const def = TEMPLATE_DEFINITIONS[key];
        const row = rows.find((r) => r.key === key);
        return {
          key,
          label: def.label,
          subject: row?.subject ?? def.subject,
          body: row?.body ?? def.body,
          isDefault: !row,
          placeholders: def.placeholders.map(({ name, description }) => ({ name, description })),
          updatedAt: row?.updated_at ?? null,
        };
      }),
    };
  }

  async function updateTemplate(
    ctx: RequestContext,
    key: EmailTemplateKey,
    input: UpdateEmailTemplateInput,
  ): Promise<EmailTemplate> {
    const unknown = [
      ...renderTemplate(input.subject, sampleValues(key)).unknown,
      ...renderTemplate(input.body, sampleValues(key)).unknown,
    ];
    if (unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', `Unknown placeholder {{${unknown[0]}}} for this template`, {
        field: renderTemplate(input.subject, sampleValues(key)).unknown.length > 0 ? 'subject' : 'body',
      });
    }
    const now = clock.now().toISOString();
    await database.transaction(async (tx) => {
      const before = await templateText(tx, key);
      const exists = await tx.selectFrom('email_templates').select('key').where('key', '=', key).executeTakeFirst();
      if (exists) {
        await tx
          .updateTable('email_templates')
          .set({ subject: input.subject, body: input.body, updated_at: now })
          .where('key', '=', key)
          .execute();
      } else {
        await tx
          .insertInto('email_templates')
          .values({ key, subject: input.subject, body: input.body, updated_at: now })
          .execute();
      }
      await audit.record(tx, ctx, {
        action: 'email.template_updated',
        entity: 'email_template',
        entityId: key,
        changes: {
          subject: { before: before.subject, after: input.subject },
          body: { before: before.body, after: input.body },
        },
      });
    });
    const list = await listTemplates();
    const found = list.items.find((t) => t.key === key);
    if (!found) throw new AppError('NOT_FOUND', 'No such template');
    return found;
  }

  /** Back to the built-in text. */
  async function resetTemplate(ctx: RequestContext, key: EmailTemplateKey): Promise<EmailTemplate> {
    await database.transaction(async (tx) => {
      const deleted = await tx.deleteFrom('email_templates').where('key', '=', key).executeTakeFirst();
      if (Number(deleted.numDeletedRows) > 0) {
        await audit.record(tx, ctx, { action: 'email.template_reset', entity: 'email_template', entityId: key });
      }
    });
    const found = (await listTemplates()).items.find((t) => t.key === key);
    if (!found) throw new AppError('NOT_FOUND', 'No such template');
    return found;
  }

  function previewTemplate(key: EmailTemplateKey, input: UpdateEmailTemplateInput): EmailPreview {
    const values = sampleValues(key);
    const subject = renderTemplate(input.subject, values);
    const body = renderTemplate(input.body, values);
    return {
      subject: subject.text,
      body: body.text,
      unknownPlaceholders: [...new Set([...subject.unknown, ...body.unknown])],
    };
  }

  async function businessName(executor: Executor): Promise<string> {
    const row = await executor.selectFrom('business').select('name').where('id', '=', 1).executeTakeFirst();
    return row?.name ?? '';
  }

  // ---------- queueing ----------
  interface QueueMessage {
    kind: EmailKind;
    to: string;
    subject: string;
    body: string;
    entity?: string;
    entityId?: string | number;
    invoiceId?: number;
    attachment?: PartyStatementAttachment;
    dedupeKey?: string;
    createdBy?: number | null;
  }

  /** Writes the log row and its send job with `executor`; null when `dedupeKey` was already used (sent before). */
  async function queueMessage(executor: Executor, message: QueueMessage): Promise<number | null> {
    // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed insert aborts the caller's
    // transaction.
    const row = await executor
      .insertInto('email_log')
      .values({
        kind: message.kind,
        to_address: message.to,
        subject: message.subject.replace(/[\r\n]+/g, ' '),
        body: message.body,
        entity: message.entity ?? null,
        entity_id: message.entityId === undefined ? null : String(message.entityId),
        invoice_id: message.invoiceId ?? null,
        attachment: message.attachment ? JSON.stringify(message.attachment) : null,
        status: 'queued',
        error: null,
        dedupe_key: message.dedupeKey ?? null,
        message_id: null,
        created_by: message.createdBy ?? null,
        created_at: clock.now().toISOString(),
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    const id = Number(row.id);
    await queue.enqueue(executor, {
      type: EMAIL_SEND_JOB,
      payload: { logId: id },
      idempotencyKey: `email:${id}`,
      maxAttempts: 6,
    });
    return id;
  }

  async function assertConfigured(executor: Executor) {
    const row = await executor.selectFrom('email_settings').select('id').where('id', '=', 1).executeTakeFirst();
    if (!row) throw new AppError('INVALID_STATE', 'Set up the SMTP server in Settings → Email first');
  }

  async function sendTest(ctx: RequestContext, to: string): Promise<EmailQueued> {
    return database.transaction(async (tx) => {
      await assertConfigured(tx);
      const name = await businessName(tx);
      const logId = await queueMessage(tx, {
        kind: 'test',
        to,
        subject: `Test email from ${name || 'BizDash'}`,
        body: `This is a test email from BizDash${name ? ` for ${name}` : ''}. If you can read it, the SMTP settings work.`,
        createdBy: ctx.actor.id,
      });
      await audit.record(tx, ctx, {
        action: 'email.test_queued',
        entity: 'email_log',
        entityId: logId,
        changes: { to: { before: null, after: to } },
      });
      return { logId: logId ?? 0, to };
    });
  }

  async function sendInvoice(
    ctx: RequestContext,
    invoiceId: number,
    input: SendInvoiceEmailInput,
  ): Promise<EmailQueued> {
    return database.transaction(async (tx) => {
      await assertConfigured(tx);
      const invoice = await tx
        .selectFrom('invoices')
        .innerJoin('parties', 'parties.id', 'invoices.party_id')
        .select([
          'invoices.id',
          'invoices.status',
          'invoices.direction',
          'invoices.number',
          'invoices.date',
          'invoices.due_date',
          'invoices.party_name',
          'invoices.grand_total_paise',
          'invoices.balance_due_paise',
          'parties.emails',
        ])
        .where('invoices.id', '=', invoiceId)
        .executeTakeFirst();
      if (!invoice) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
      if (invoice.status !== 'issued') {
        throw new AppError('INVALID_STATE', `Only an issued document can be emailed; this one is ${invoice.status}`);
      }
      if (invoice.direction !== 'receivable') {
        throw new AppError('INVALID_STATE', 'Only documents issued to a client can be emailed');
      }
      const to = input.to ?? firstEmail(invoice.emails);
      if (!to) throw new AppError('VALIDATION_FAILED', 'The party has no email address; enter one', { field: 'to' });
      const values = {
        business_name: await businessName(tx),
        party_name: invoice.party_name,
        invoice_number: invoice.number ?? '',
        invoice_date: displayDate(invoice.date),
        due_date: displayDate(invoice.due_date),
        amount: formatMoney(Number(invoice.grand_total_paise)),
        balance_due: formatMoney(Number(invoice.balance_due_paise)),
      };
      const template = await templateText(tx, 'invoice');
      const logId = await queueMessage(tx, {
        kind: 'invoice',
        to,
        subject: input.subject ?? renderTemplate(template.subject, values).text,
        body: input.body ?? renderTemplate(template.body, values).text,
        entity: 'invoice',
        entityId: invoiceId,
        invoiceId,
        createdBy: ctx.actor.id,
      });
      await audit.record(tx, ctx, {
        action: 'invoice.emailed',
        entity: 'invoice',
        entityId: invoiceId,
        changes: { emailedTo: { before: null, after: to } },
      });
      return { logId: logId ?? 0, to };
    });
  }

  /**
   * Queues a party's statement of account for a period, the PDF attached when sent. The recipient is the given
   * address or the party's first email; neither is a 400 naming `email`.
   */
  async function sendStatement(ctx: RequestContext, partyId: number, input: SendStatementInput): Promise<EmailQueued> {
    if (!deps.statements) throw new AppError('INVALID_STATE', 'Statements are not available');
    // Resolves the period (the financial year to date by default) and proves the party exists.
    const statement = await deps.statements.statement(partyId, { from: input.from, to: input.to });
    return database.transaction(async (tx) => {
      await assertConfigured(tx);
      const party = await tx
        .selectFrom('parties')
        .select(['name', 'emails'])
        .where('id', '=', partyId)
        .executeTakeFirst();
      if (!party) throw new AppError('NOT_FOUND', `Party ${partyId} not found`);
      const to = input.email ?? firstEmail(party.emails);
      if (!to) {
        throw new AppError('VALIDATION_FAILED', 'The party has no email address; enter one', { field: 'email' });
      }
      const values = {
        business_name: await businessName(tx),
        party_name: party.name,
        from_date: displayDate(statement.from),
        to_date: displayDate(statement.to),
        closing_balance: balanceText(parseMoney(statement.closing)),
      };
      const template = await templateText(tx, 'statement');
      const logId = await queueMessage(tx, {
        kind: 'statement',
        to,
        subject: renderTemplate(template.subject, values).text,
        body: renderTemplate(template.body, values).text,
        entity: 'party',
        entityId: partyId,
        attachment: { type: 'party_statement', partyId, from: statement.from, to: statement.to },
        createdBy: ctx.actor.id,
      });
      await audit.record(tx, ctx, {
        action: 'party.statement_emailed',
        entity: 'party',
        entityId: partyId,
        changes: {
          emailedTo: { before: null, after: to },
          period: { before: null, after: `${statement.from} to ${statement.to}` },
        },
      });
      return { logId: logId ?? 0, to };
    });
  }

  async function listLog(query: EmailLogQuery): Promise<EmailLogPage> {
    let q = database.db.selectFrom('email_log');
    if (query.status) q = q.where('status', '=', query.status);
    if (query.kind) q = q.where('kind', '=', query.kind);
    const [rows, total] = await Promise.all([
      q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toLogEntry), total: Number(total.n), page: query.page, pageSize: query.pageSize };
  }

  // ---------- the send job ----------
  async function deliver(logId: number): Promise<void> {
    const row = await database.db.selectFrom('email_log').selectAll().where('id', '=', logId).executeTakeFirst();
    // Sent already (a retry after a crash between sending and marking) or gone: nothing to do.
    if (!row || row.status === 'sent') return;
    const now = () => clock.now().toISOString();
    try {
      const smtp = await readSmtp(database.db);
      if (!smtp) throw new Error('SMTP is not configured');
      const attachments: { filename: string; content: Buffer; contentType: string }[] = [];
      if (row.invoice_id !== null) {
        // The same bytes as the PDF download, logo and LUT included.
        const { invoice, bytes: content } = await deps.invoicePdf.pdf(Number(row.invoice_id), ['original']);
        const name = (invoice.number ?? `invoice-${invoice.id}`).replace(/[^A-Za-z0-9-]+/g, '-');
        attachments.push({ filename: `${name}.pdf`, content, contentType: 'application/pdf' });
      }
      const attachment = parseAttachment(row.attachment);
      if (attachment) {
        if (!deps.statements) throw new Error('Statements are not available');
        const file = await deps.statements.pdf(attachment.partyId, attachment);
        attachments.push({ ...file, contentType: 'application/pdf' });
      }
      const { messageId } = await sendSmtp(smtp, {
        to: row.to_address,
        subject: row.subject,
        text: row.body,
        attachments,
      });
      await database.db
        .updateTable('email_log')
        .set((eb) => ({
          status: 'sent',
          error: null,
          message_id: messageId,
          sent_at: now(),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', logId)
        .execute();
    } catch (error) {
      await database.db
        .updateTable('email_log')
        .set((eb) => ({
          status: 'failed',
          error: String((error as Error).message ?? error).slice(0, 1000),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', logId)
        .execute();
      throw error;
    }
  }

  // ---------- reminders ----------
  /**
   * Overdue-payment reminders: one message per opted-in client with an email address and issued receivable
   * documents past their due date with a balance, at most once per OVERDUE_REMINDER_INTERVAL_DAYS. Balances are
   * summed in SQL; parties are walked a page at a time.
   */
  async function sendOverdueReminders(): Promise<number> {
    const today = await businessToday(database.db, clock);
    const since = new Date(clock.now().getTime() - OVERDUE_REMINDER_INTERVAL_DAYS * 86_400_000).toISOString();
    const business_name = await businessName(database.db);
    const template = await templateText(database.db, 'overdue_reminder');
    let queued = 0;
    let afterId = 0;
    for (;;) {
      const parties = await database.db
        .selectFrom('invoices')
        .innerJoin('parties', 'parties.id', 'invoices.party_id')
        .select((eb) => [
          'parties.id as party_id',
          'parties.name',
          'parties.emails',
          eb.fn.sum<number>('invoices.balance_due_paise').as('total'),
          eb.fn.count<number>('invoices.id').as('count'),
          eb.fn.min<string>('invoices.due_date').as('oldest'),
        ])
        .where('invoices.status', '=', 'issued')
        .where('invoices.direction', '=', 'receivable')
        .where('invoices.type', '<>', 'credit_note')
        .where('invoices.balance_due_paise', '>', 0)
        .where('invoices.due_date', '<', today)
        .where('parties.email_reminders', '=', true)
        .where('parties.archived_at', 'is', null)
        .where('parties.id', '>', afterId)
        .groupBy(['parties.id', 'parties.name', 'parties.emails'])
        .orderBy('parties.id')
        .limit(PAGE)
        .execute();
      if (parties.length === 0) break;
      afterId = Number(parties[parties.length - 1]?.party_id ?? afterId);
      for (const party of parties) {
        const to = firstEmail(party.emails);
        if (!to) continue;
        const recent = await database.db
          .selectFrom('email_log')
          .select('id')
          .where('kind', '=', 'overdue_reminder')
          .where('entity', '=', 'party')
          .where('entity_id', '=', String(party.party_id))
          .where('created_at', '>', since)
          .where('status', '<>', 'failed')
          .executeTakeFirst();
        if (recent) continue;
        // The list in the message: the oldest overdue documents first, at most 50 lines.
        const docs = await database.db
          .selectFrom('invoices')
          .select(['number', 'due_date', 'balance_due_paise'])
          .where('party_id', '=', Number(party.party_id))
          .where('status', '=', 'issued')
          .where('direction', '=', 'receivable')
          .where('type', '<>', 'credit_note')
          .where('balance_due_paise', '>', 0)
          .where('due_date', '<', today)
          .orderBy('due_date')
          .orderBy('id')
          .limit(50)
          .execute();
        const values = {
          business_name,
          party_name: party.name,
          total_overdue: formatMoney(Number(party.total)),
          invoice_count: String(Number(party.count)),
          invoice_list: docs
            .map(
              (d) => `${d.number ?? ''}  due ${displayDate(d.due_date)}  ${formatMoney(Number(d.balance_due_paise))}`,
            )
            .join('\n'),
          oldest_due_date: displayDate(party.oldest),
        };
        const id = await database.transaction((tx) =>
          queueMessage(tx, {
            kind: 'overdue_reminder',
            to,
            subject: renderTemplate(template.subject, values).text,
            body: renderTemplate(template.body, values).text,
            entity: 'party',
            entityId: Number(party.party_id),
            dedupeKey: `overdue:${party.party_id}:${today}`,
          }),
        );
        if (id !== null) queued += 1;
      }
    }
    return queued;
  }

  /**
   * Task-due reminders: open tasks due today or earlier with an active assignee, one message per task and due date
   * (a rescheduled task is reminded again; a missed day is caught up the next run).
   */
  async function sendTaskReminders(): Promise<number> {
    const today = await businessToday(database.db, clock);
    const business_name = await businessName(database.db);
    const template = await templateText(database.db, 'task_due');
    let queued = 0;
    let afterId = 0;
    for (;;) {
      const tasks = await database.db
        .selectFrom('tasks')
        .innerJoin('users', 'users.id', 'tasks.assignee_id')
        .leftJoin('orders', 'orders.id', 'tasks.order_id')
        .select([
          'tasks.id',
          'tasks.title',
          'tasks.due_date',
          'users.name as assignee_name',
          'users.email',
          'orders.number as order_number',
          'orders.title as order_title',
        ])
        .where('tasks.completed_at', 'is', null)
        .where('tasks.due_date', '<=', today)
        .where('users.is_active', '=', true)
        .where('tasks.id', '>', afterId)
        .orderBy('tasks.id')
        .limit(PAGE)
        .execute();
      if (tasks.length === 0) break;
      afterId = Number(tasks[tasks.length - 1]?.id ?? afterId);
      for (const task of tasks) {
        const values = {
          business_name,
          assignee_name: task.assignee_name,
          task_title: task.title,
          due_date: displayDate(task.due_date),
          order_line: task.order_number ? `Order ${task.order_number}: ${task.order_title ?? ''}` : '',
        };
        const id = await database.transaction((tx) =>
          queueMessage(tx, {
            kind: 'task_due',
            to: task.email,
            subject: renderTemplate(template.subject, values).text,
            body: renderTemplate(template.body, values).text,
            entity: 'task',
            entityId: Number(task.id),
            dedupeKey: `task:${task.id}:${task.due_date ?? today}`,
          }),
        );
        if (id !== null) queued += 1;
      }
    }
    return queued;
  }

  queue.register(EMAIL_SEND_JOB, async (payload) => {
    const logId = Number(payload.logId);
    if (Number.isSafeInteger(logId)) await deliver(logId);
  });
  queue.register(OVERDUE_REMINDERS_JOB, async () => {
    await sendOverdueReminders();
  });
  queue.register(TASK_REMINDERS_JOB, async () => {
    await sendTaskReminders();
  });
  queue.schedule(OVERDUE_REMINDERS_JOB, { type: OVERDUE_REMINDERS_JOB, dailyAt: deps.schedule?.overdueAt ?? '09:00' });
  queue.schedule(TASK_REMINDERS_JOB, { type: TASK_REMINDERS_JOB, dailyAt: deps.schedule?.tasksAt ?? '08:00' });

  /**
   * Tells the user and every active owner and admin that sign-in to an account is locked (issue 16), so a lockout
   * used as denial of service is noticed. Queued only when SMTP is set up; the audit log records the lockout anyway.
   * One message per recipient and lockout, however often it is reported.
   */
  async function sendLockoutNotice(lockout: LockoutNotice): Promise<void> {
    await database.transaction(async (tx) => {
      const configured = await tx.selectFrom('email_settings').select('id').where('id', '=', 1).executeTakeFirst();
      if (!configured) return;
      const admins = await tx
        .selectFrom('users')
        .select('email')
        .where('role', 'in', ['owner', 'admin'])
        .where('is_active', '=', true)
        .execute();
      const recipients = [...new Set([lockout.email, ...admins.map((a) => a.email)])];
      const name = (await businessName(tx)) || 'BizDash';
      const where = lockout.scope === 'account_ip' ? `from the address ${lockout.ip ?? 'unknown'}` : 'from anywhere';
      const body = [
        `Too many wrong passwords were tried for ${lockout.name} (${lockout.email}) on ${name}.`,
        `Sign-in to this account ${where} is paused until ${istDateTime(lockout.until)} IST.`,
        lockout.scope === 'account'
          ? 'A correct password with a two-factor code still signs in; turn two-factor on in Profile if it is off.'
          : 'Sign-in from other addresses is not affected.',
        '',
        'If this was not you, someone may be guessing the password: change it, and consider turning on two-factor.',
      ].join('\n');
      for (const to of recipients) {
        await queueMessage(tx, {
          kind: 'security_alert',
          to,
          subject: `Sign-in locked for ${lockout.email}`,
          body,
          entity: 'user',
          entityId: lockout.userId,
          dedupeKey: `lockout:${lockout.userId}:${lockout.scope}:${lockout.ip ?? '*'}:${lockout.until.toISOString()}:${to}`,
        });
      }
    });
  }

  return {
    getSettings,
    updateSettings,
    sendTest,
    sendLockoutNotice,
    listTemplates,
    updateTemplate,
    resetTemplate,
    previewTemplate,
    sendInvoice,
    sendStatement,
    listLog,
    /** The `email.send` job's work, exposed for the CLI and tests. */
    deliver,
    sendOverdueReminders,
    sendTaskReminders,
  };
}
