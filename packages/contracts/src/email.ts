import { z } from 'zod';
import { PageQuery, Timestamp, pageOf } from './common';

/**
 * Email (issue 8): SMTP settings (the password is write-only: accepted, stored encrypted, never returned; a view
 * says only whether one is set), editable templates with {{placeholders}}, invoice emails and the send log.
 */

export const EmailTemplateKey = z.enum(['invoice', 'overdue_reminder', 'task_due']);
export type EmailTemplateKey = z.infer<typeof EmailTemplateKey>;

export const EmailSettings = z.object({
  isConfigured: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  from: z.string(),
  replyTo: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
});
export type EmailSettings = z.infer<typeof EmailSettings>;

export const UpdateEmailSettingsInput = z.object({
  host: z.string().trim().min(1, 'is required').max(253),
  port: z.number().int().min(1).max(65535),
  /** TLS from the first byte (port 465); false uses STARTTLS when the server offers it. */
  secure: z.boolean(),
  username: z.string().trim().max(200).nullable().optional(),
  /** Left out: keep the stored password. null or '': clear it. */
  password: z.string().max(500).nullable().optional(),
  from: z.string().trim().min(3).max(300),
  replyTo: z.email().nullable().optional(),
});
export type UpdateEmailSettingsInput = z.infer<typeof UpdateEmailSettingsInput>;

export const SendTestEmailInput = z.object({ to: z.email() });
export type SendTestEmailInput = z.infer<typeof SendTestEmailInput>;

export const EmailTemplate = z.object({
  key: EmailTemplateKey,
  label: z.string(),
  subject: z.string(),
  body: z.string(),
  /** True while the built-in text is in use (no edit saved). */
  isDefault: z.boolean(),
  /** The {{placeholders}} this template can use. */
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
  updatedAt: Timestamp.nullable(),
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;
export const EmailTemplateList = z.object({ items: z.array(EmailTemplate) });
export const EmailTemplateParams = z.object({ key: EmailTemplateKey });

export const UpdateEmailTemplateInput = z.object({
  subject: z.string().trim().min(1, 'is required').max(300),
  body: z.string().trim().min(1, 'is required').max(20_000),
});
export type UpdateEmailTemplateInput = z.infer<typeof UpdateEmailTemplateInput>;

/** Renders a (possibly unsaved) template with sample values. */
export const PreviewEmailTemplateInput = UpdateEmailTemplateInput;
export const EmailPreview = z.object({
  subject: z.string(),
  body: z.string(),
  /** Placeholders used that this template does not know; they render empty. */
  unknownPlaceholders: z.array(z.string()),
});
export type EmailPreview = z.infer<typeof EmailPreview>;

export const SendInvoiceEmailInput = z.object({
  /** Default: the party's first email address. */
  to: z.email().optional(),
  /** Overrides the template's rendered subject/body for this one message. */
  subject: z.string().trim().min(1).max(300).optional(),
  body: z.string().trim().min(1).max(20_000).optional(),
});
export type SendInvoiceEmailInput = z.infer<typeof SendInvoiceEmailInput>;

export const EmailStatus = z.enum(['queued', 'sent', 'failed']);
export const EmailKind = z.enum(['invoice', 'overdue_reminder', 'task_due', 'test', 'statement', 'security_alert']);

export const EmailLogEntry = z.object({
  id: z.number().int(),
  kind: EmailKind,
  to: z.string(),
  subject: z.string(),
  status: EmailStatus,
  error: z.string().nullable(),
  attempts: z.number().int(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type EmailLogEntry = z.infer<typeof EmailLogEntry>;
export const EmailLogQuery = PageQuery.extend({
  status: EmailStatus.optional(),
  kind: EmailKind.optional(),
});
export type EmailLogQuery = z.infer<typeof EmailLogQuery>;
export const EmailLogPage = pageOf(EmailLogEntry);
export type EmailLogPage = z.infer<typeof EmailLogPage>;

/** What queuing a message answers (202): the log row to follow. */
export const EmailQueued = z.object({ logId: z.number().int(), to: z.string() });
export type EmailQueued = z.infer<typeof EmailQueued>;
