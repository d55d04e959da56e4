import type { EmailLogEntry, EmailLogPage, EmailLogQuery } from '@bizdash/contracts/email';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { InvoicePdfService } from '../../invoicing/index';
import { sendSmtp, type SmtpSettings } from './email-sender';
import { parseAttachment, type StatementAttachments } from './email-queue';
import { findLog, listLogPage, markLogFailed, markLogSent } from './email.repo';
import type { EmailLogRow } from './email.tables';

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

export async function listLog(database: Database, query: EmailLogQuery): Promise<EmailLogPage> {
  const { rows, total } = await listLogPage(database.db, query);
  return { items: rows.map(toLogEntry), total, page: query.page, pageSize: query.pageSize };
}

export interface EmailDeliveryDeps {
  database: Database;
  clock: Clock;
  readSmtp: (executor: Executor) => Promise<SmtpSettings | null>;
  invoicePdf: Pick<InvoicePdfService, 'pdf'>;
  statements?: StatementAttachments | undefined;
}

/**
 * The `email.send` job's work: renders the attachments (the invoice PDF, a party statement) now, sends the logged
 * message and marks its log row sent, or failed (and rethrows, so the job is retried).
 */
export function makeDeliver(deps: EmailDeliveryDeps) {
  const { database, clock, readSmtp } = deps;
  return async function deliver(logId: number): Promise<void> {
    const row = await findLog(database.db, logId);
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
      await markLogSent(database.db, logId, messageId, now());
    } catch (error) {
      await markLogFailed(database.db, logId, String((error as Error).message ?? error).slice(0, 1000));
      throw error;
    }
  };
}
