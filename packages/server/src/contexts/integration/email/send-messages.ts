import type { SendStatementInput } from '@bizdash/contracts/accounts';
import type { EmailQueued, SendInvoiceEmailInput } from '@bizdash/contracts/email';
import { AppError } from '@bizdash/domain/errors';
import { formatMoney, parseMoney } from '@bizdash/domain/money';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { firstEmail, type QueueMessageFn, type StatementAttachments } from './email-queue';
import { displayDate, renderTemplate } from './email-templates';
import { businessName, findInvoiceForEmail, findPartyContact, hasSettings } from './email.repo';
import { templateText } from './templates';

export interface SendMessagesDeps {
  database: Database;
  audit: AuditService;
  queueMessage: QueueMessageFn;
  statements?: StatementAttachments | undefined;
}

/** A signed balance in words an accountant reads: ₹11,800.00 Dr (the party owes), ₹500.00 Cr (it is owed). */
function balanceText(paise: number): string {
  if (paise === 0) return formatMoney(0);
  return `${formatMoney(Math.abs(paise))} ${paise > 0 ? 'Dr' : 'Cr'}`;
}

async function assertConfigured(executor: Executor) {
  if (!(await hasSettings(executor))) {
    throw new AppError('INVALID_STATE', 'Set up the SMTP server in Settings → Email first');
  }
}

/** Messages a user asks for: a test email, an invoice, a party statement. Each is queued with its audit entry. */
export function makeSendMessages({ database, audit, queueMessage, statements }: SendMessagesDeps) {
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
      const invoice = await findInvoiceForEmail(tx, invoiceId);
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
    if (!statements) throw new AppError('INVALID_STATE', 'Statements are not available');
    // Resolves the period (the financial year to date by default) and proves the party exists.
    const statement = await statements.statement(partyId, { from: input.from, to: input.to });
    return database.transaction(async (tx) => {
      await assertConfigured(tx);
      const party = await findPartyContact(tx, partyId);
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

  return { sendTest, sendInvoice, sendStatement };
}
