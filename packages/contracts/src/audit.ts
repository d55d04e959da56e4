import { z } from 'zod';
import { auditEntryClass } from '@bizdash/domain/permissions';
import { IsoDate, Timestamp, Id, WholeNumber } from './common';
import { FieldChanges, classifiedBy } from './visibility';

export const AuditActor = z.object({
  type: z.enum(['user', 'api_key', 'system', 'anonymous']),
  id: z.number().int().nullable(),
  name: z.string().nullable(),
});

/**
 * Changed fields of a record: before and after for each one that differs. Values of a field class the reader may
 * not read are redacted (issue 16).
 */
export const AuditChanges = FieldChanges;

/** An entry about a class the reader may not read (a payout, without payouts.read) is left out of the list. */
export const AuditEntry = classifiedBy(
  z.object({
    seq: z.number().int(),
    at: Timestamp,
    actor: AuditActor,
    action: z.string(),
    /** The action in plain words ("Issued invoice"), from AUDIT_ACTION_LABELS. */
    actionLabel: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    /**
     * What the record is called today: a document's number ("INV/2026-27/0007 · Acme Traders"), a party's or user's
     * name. Null when the record has no name or no longer exists.
     */
    entityLabel: z.string().nullable(),
    /**
     * Names of the records that id fields in `changes` point at, keyed "field:id" ("clientId:12" → "Meera Iyer"),
     * so a change reads "Client: Meera Iyer" rather than a bare id. Only reference fields (never money) are named.
     */
    refNames: z.record(z.string(), z.string()),
    changes: AuditChanges.nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    hash: z.string(),
  }),
  {
    classOfValue: (entry) =>
      typeof entry === 'object' && entry !== null && 'action' in entry && 'entity' in entry
        ? auditEntryClass({ action: String(entry.action), entity: String(entry.entity) })
        : null,
  },
);
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  entity: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(60).optional(),
  actorId: Id.optional(),
  action: z.string().trim().max(60).optional(),
  /** Part of a document number (invoice or order) or of a party's name: entries about those records. */
  q: z.string().trim().min(1).max(60).optional(),
  /** Inclusive dates in the business timezone. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Newest first; pass the previous page's nextCursor to read on. */
  cursor: Id.optional(),
  limit: WholeNumber(1, 200).default(50),
  order: z.enum(['desc', 'asc']).default('desc'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/**
 * Every audit action the server records, in plain words. Unknown codes (an older or newer server) fall back to a
 * humanised code in auditActionLabel, so the log never shows a bare code.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'account.created': 'Created ledger account',
  'account.updated': 'Updated ledger account',
  'api_key.created': 'Created API key',
  'api_key.revoked': 'Revoked API key',
  'api_key.used': 'Used API key',
  'auth.lockout': 'Locked out after failed logins',
  'auth.login': 'Logged in',
  'auth.login_failed': 'Failed login attempt',
  'auth.logout': 'Logged out',
  'auth.refresh_reuse': 'Reused an old session token (sessions ended)',
  'backup.requested': 'Requested a backup',
  'backup.settings_updated': 'Changed backup settings',
  'business.created': 'Set up the business',
  'business.logo_changed': 'Changed the logo',
  'business.logo_removed': 'Removed the logo',
  'business.registration_added': 'Added a GST registration',
  'business.registration_archived': 'Archived a GST registration',
  'business.updated': 'Updated business details',
  'comment.attachment_added': 'Attached a file to a comment',
  'comment.created': 'Commented',
  'comment.deleted': 'Deleted a comment',
  'comment.edited': 'Edited a comment',
  'email.settings_updated': 'Changed email settings',
  'email.template_reset': 'Reset an email template',
  'email.template_updated': 'Edited an email template',
  'email.test_queued': 'Sent a test email',
  'expense.created': 'Recorded expense',
  'expense.deleted': 'Deleted expense',
  'expense.updated': 'Updated expense',
  'import.committed': 'Imported records',
  'invoice.cancelled': 'Cancelled invoice',
  'invoice.created': 'Created invoice draft',
  'invoice.deleted': 'Deleted invoice draft',
  'invoice.einvoice_imported': 'Imported e-invoice IRN',
  'invoice.emailed': 'Emailed invoice',
  'invoice.ewaybill_imported': 'Recorded e-way bill',
  'invoice.issued': 'Issued invoice',
  'invoice.updated': 'Updated invoice',
  'job.discarded': 'Discarded a background job',
  'job.retried': 'Retried a background job',
  'lead.received': 'Received a lead',
  'number_series.created': 'Created number series',
  'order.created': 'Created order',
  'order.document_removed': 'Removed an order document',
  'order.document_status_changed': 'Changed a document status',
  'order.document_uploaded': 'Uploaded an order document',
  'order.documents_required': 'Changed required documents',
  'order.share_changed': 'Changed partner share',
  'order.updated': 'Updated order',
  'order_stages.updated': 'Changed order stages',
  'party.archived': 'Archived party',
  'party.created': 'Created party',
  'party.statement_emailed': 'Emailed party statement',
  'party.updated': 'Updated party',
  'payment.allocated': 'Allocated payment',
  'payment.created': 'Recorded payment',
  'payment.deallocated': 'Removed payment allocation',
  'payment.deleted': 'Deleted payment',
  'payment.updated': 'Updated payment',
  'payout.recorded': 'Recorded partner payout',
  'period.locked': 'Locked a period',
  'period.unlocked': 'Unlocked a period',
  'public_link.created': 'Shared a public link',
  'public_link.revoked': 'Revoked a public link',
  'public_link.used': 'Public link opened',
  'receipt.applied': 'Applied receipt',
  'receipt.created': 'Recorded receipt',
  'receipt.deleted': 'Deleted receipt',
  'receipt.updated': 'Updated receipt',
  'settings.settlement_updated': 'Changed settlement settings',
  'settlement.approved': 'Approved settlement',
  'sync_target.created': 'Added a sync target',
  'sync_target.deleted': 'Removed a sync target',
  'sync_target.updated': 'Changed a sync target',
  'task.created': 'Created task',
  'task.deleted': 'Deleted task',
  'user.created': 'Created user',
  'user.deleted': 'Deleted user',
  'user.disabled': 'Disabled user',
  'user.enabled': 'Enabled user',
  'user.password_changed': 'Changed own password',
  'user.password_reset': 'Reset password',
  'user.role_changed': 'Changed role',
  'user.totp_disabled': 'Turned off two-factor',
  'user.totp_enabled': 'Turned on two-factor',
  'user.updated': 'Updated user',
  'webhook_delivery.replayed': 'Replayed a webhook',
  'order.stage_changed': 'Moved order to a new stage',
  'task.completed': 'Completed task',
  'task.reopened': 'Reopened task',
  'task.updated': 'Updated task',
  'comment.added': 'Commented',
  'document.file_uploaded': 'Uploaded a document file',
  'document.removed': 'Removed a document',
  'document.required': 'Required a document',
  'document.status_changed': 'Changed a document status',
  'expense.attachment_added': 'Attached a file to an expense',
  'expense.attachment_removed': 'Removed an expense attachment',
  'receipt.attachment_added': 'Attached a file to a receipt',
  'receipt.attachment_removed': 'Removed a receipt attachment',
};

/** "invoice.issued" → "Issued invoice"; an unknown "widget.re_sized" → "Re sized widget". */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const [area = action, verb] = action.split('.');
  const words = (text: string) => text.replace(/[_-]+/g, ' ');
  const text = verb ? `${words(verb)} ${words(area)}` : words(area);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
