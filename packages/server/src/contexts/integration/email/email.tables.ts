import type { Generated, Selectable } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** 'statement' has built-in text only (not yet editable in Settings → Email). */
export type EmailTemplateKey = 'invoice' | 'overdue_reminder' | 'task_due' | 'statement';
/** 'security_alert': sign-in lockout notices to the user and the admins (built-in text). */
export type EmailKind = EmailTemplateKey | 'test' | 'security_alert';

/** The one SMTP settings row (id 1). */
export interface EmailSettingsTable {
  id: number;
  host: string;
  port: number;
  secure: Bool;
  username: string | null;
  /** Encrypted with keys.encryption; never leaves the server. */
  password_encrypted: string | null;
  from_address: string;
  reply_to: string | null;
  updated_at: string;
}

/** Edited templates; a key without a row uses the built-in default. */
export interface EmailTemplatesTable {
  key: EmailTemplateKey;
  subject: string;
  body: string;
  updated_at: string;
}

/** One message: written 'queued' with the rendered text when queued, then 'sent' or 'failed' by the email.send job. */
export interface EmailLogTable {
  id: Generated<number>;
  kind: EmailKind;
  to_address: string;
  subject: string;
  body: string;
  entity: string | null;
  entity_id: string | null;
  /** Set for invoice emails: the PDF is rendered at send time from the stored invoice. */
  invoice_id: number | null;
  /** JSON naming a document rendered and attached at send time: {"type":"party_statement","partyId":…,"from":…,"to":…}. */
  attachment: string | null;
  status: 'queued' | 'sent' | 'failed';
  error: string | null;
  attempts: Generated<number>;
  dedupe_key: string | null;
  message_id: string | null;
  created_by: number | null;
  created_at: string;
  sent_at: string | null;
}

/** Tables of email settings, templates and the send log (issue 8). */
export interface EmailTables {
  email_settings: EmailSettingsTable;
  email_templates: EmailTemplatesTable;
  email_log: EmailLogTable;
}

export type EmailLogRow = Selectable<EmailLogTable>;
