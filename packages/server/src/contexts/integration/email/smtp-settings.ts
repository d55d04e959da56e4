import type { EmailSettings, UpdateEmailSettingsInput } from '@bizdash/contracts/email';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import { decryptSecret, encryptSecret } from '../../../platform/security/secrets';
import type { SmtpSettings } from './email-sender';
import { findSettings, saveSettings } from './email.repo';

export interface SmtpSettingsDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Encrypts the SMTP password at rest (keys.encryption). */
  encryptionKey: Buffer;
}

/** The SMTP settings of Settings → Email: the password is stored encrypted and never returned. */
export function makeSmtpSettings({ database, audit, clock, encryptionKey }: SmtpSettingsDeps) {
  /** The settings a send uses, the password decrypted; null before SMTP is set up. */
  async function readSmtp(executor: Executor): Promise<SmtpSettings | null> {
    const row = await findSettings(executor);
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
    const row = await findSettings(database.db);
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
      const before = await findSettings(tx);
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
      await saveSettings(tx, row, before !== undefined);
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

  return { readSmtp, getSettings, updateSettings };
}
