import type { Database } from '../../../platform/db/database';
import type { QueueMessageFn } from './email-queue';
import { displayDate } from './email-templates';
import { adminEmails, businessName, hasSettings } from './email.repo';

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

/**
 * Tells the user and every active owner and admin that sign-in to an account is locked (issue 16), so a lockout
 * used as denial of service is noticed. Queued only when SMTP is set up; the audit log records the lockout anyway.
 * One message per recipient and lockout, however often it is reported.
 */
export function makeLockoutNotice({ database, queueMessage }: { database: Database; queueMessage: QueueMessageFn }) {
  return async function sendLockoutNotice(lockout: LockoutNotice): Promise<void> {
    await database.transaction(async (tx) => {
      if (!(await hasSettings(tx))) return;
      const admins = await adminEmails(tx);
      const recipients = [...new Set([lockout.email, ...admins])];
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
  };
}
