import type { EmailLogQuery } from '@bizdash/contracts/email';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import type { InvoicePdfService } from '../../invoicing/index';
import { makeDeliver, listLog } from './email-log';
import { EMAIL_SEND_JOB, makeQueueMessage, type StatementAttachments } from './email-queue';
import { makeLockoutNotice } from './lockout-notice';
import { makeReminders } from './reminders';
import { makeSendMessages } from './send-messages';
import { makeSmtpSettings } from './smtp-settings';
import { makeEmailTemplates } from './templates';

export { EMAIL_SEND_JOB, type StatementAttachments } from './email-queue';
export { OVERDUE_REMINDER_INTERVAL_DAYS } from './reminders';
export type { LockoutNotice } from './lockout-notice';

export const OVERDUE_REMINDERS_JOB = 'email.overdue_reminders';
export const TASK_REMINDERS_JOB = 'email.task_reminders';

export interface EmailServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: what is overdue and which tasks are due are judged by today's date. */
  calendar: BusinessCalendar;
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

/**
 * Email: SMTP settings, editable templates, and every message written to the send log and queued as an `email.send`
 * job in the same transaction as the request, so a request never waits on (or fails with) the SMTP server. The job
 * renders attachments (the invoice PDF) at send time and marks the log row sent or failed.
 *
 * The parts live beside this file: smtp-settings, templates, send-messages (test, invoice, statement),
 * lockout-notice, reminders, email-log (the log and the send job); email.repo holds their SQL.
 */
export function makeEmailService(deps: EmailServiceDeps) {
  const { database, audit, clock, calendar, queue, encryptionKey } = deps;
  const queueMessage = makeQueueMessage({ clock, queue });
  const settings = makeSmtpSettings({ database, audit, clock, encryptionKey });
  const templates = makeEmailTemplates({ database, audit, clock });
  const sends = makeSendMessages({ database, audit, queueMessage, statements: deps.statements });
  const reminders = makeReminders({ database, clock, calendar, queueMessage });
  const sendLockoutNotice = makeLockoutNotice({ database, queueMessage });
  const deliver = makeDeliver({
    database,
    clock,
    readSmtp: settings.readSmtp,
    invoicePdf: deps.invoicePdf,
    statements: deps.statements,
  });

  queue.register(EMAIL_SEND_JOB, async (payload) => {
    const logId = Number(payload.logId);
    if (Number.isSafeInteger(logId)) await deliver(logId);
  });
  queue.register(OVERDUE_REMINDERS_JOB, async () => {
    await reminders.sendOverdueReminders();
  });
  queue.register(TASK_REMINDERS_JOB, async () => {
    await reminders.sendTaskReminders();
  });
  queue.schedule(OVERDUE_REMINDERS_JOB, { type: OVERDUE_REMINDERS_JOB, dailyAt: deps.schedule?.overdueAt ?? '09:00' });
  queue.schedule(TASK_REMINDERS_JOB, { type: TASK_REMINDERS_JOB, dailyAt: deps.schedule?.tasksAt ?? '08:00' });

  return {
    getSettings: settings.getSettings,
    updateSettings: settings.updateSettings,
    sendTest: sends.sendTest,
    sendLockoutNotice,
    listTemplates: templates.listTemplates,
    updateTemplate: templates.updateTemplate,
    resetTemplate: templates.resetTemplate,
    previewTemplate: templates.previewTemplate,
    sendInvoice: sends.sendInvoice,
    sendStatement: sends.sendStatement,
    listLog: (query: EmailLogQuery) => listLog(database, query),
    /** The `email.send` job's work, exposed for the CLI and tests. */
    deliver,
    sendOverdueReminders: reminders.sendOverdueReminders,
    sendTaskReminders: reminders.sendTaskReminders,
  };
}
