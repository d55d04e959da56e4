import type { LoginInput } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import { toBool } from '../../../platform/db/columns';
import type { Actor, RequestContext } from '../../../platform/request-context';
import { dummyPasswordHash } from '../../../platform/security/passwords';
import { decryptSecret } from '../../../platform/security/secrets';
import { checkTotp } from '../../../platform/security/totp';
import { tooManyAttempts, type AuthCore, type IssuedSession, type Lockout } from './auth-core';
import * as authRepo from './auth.repo';
import { ACCOUNT_IP_POLICY, ACCOUNT_POLICY, IP_POLICY, accountIpKey, accountKey, ipKey } from './login-throttle';
import type { Sessions } from './sessions';

/** Password (and TOTP) login, throttled, with lockout notices. */
export function makeLogin(core: AuthCore, sessions: Pick<Sessions, 'startSession'>) {
  const { database, audit, clock, hasher, encryptionKey, throttle } = core;

  /**
   * Password (and TOTP) login. Every attempt is counted (atomically) before its password is checked, per account+IP,
   * per IP and per account, so parallel guesses cannot slip past the limits. Failures are audited in their own
   * committed transaction before the error is thrown.
   */
  async function login(ctx: RequestContext, input: LoginInput, userAgent: string | null): Promise<IssuedSession> {
    const now = clock.now();
    const email = input.email.toLowerCase();
    const ip = ctx.ip ?? 'unknown';
    const byAccount = await throttle.countAttempt(accountKey(email), ACCOUNT_POLICY, now);
    const byAccountIp = await throttle.countAttempt(accountIpKey(email, ip), ACCOUNT_IP_POLICY, now);
    const byIp = await throttle.countAttempt(ipKey(ip), IP_POLICY, now);

    if (byAccountIp.isLockStart)
      await notifyLockout(ctx, email, 'account_ip', ctx.ip, now, byAccountIp.retryAfterSeconds);
    if (byAccount.isLockStart) await notifyLockout(ctx, email, 'account', null, now, byAccount.retryAfterSeconds);
    if (byAccountIp.isOverLimit || byIp.isOverLimit) {
      throw tooManyAttempts(
        Math.max(
          byAccountIp.isOverLimit ? byAccountIp.retryAfterSeconds : 0,
          byIp.isOverLimit ? byIp.retryAfterSeconds : 0,
        ),
      );
    }

    const user = await authRepo.findUserByEmail(database.db, email);
    const passwordOk = user
      ? await hasher.verify(user.password_hash, input.password)
      : (await hasher.verify(await dummyPasswordHash(hasher), input.password), false);
    const totpSecret = user && toBool(user.totp_enabled) && user.totp_secret ? user.totp_secret : null;
    const totpOk =
      totpSecret !== null && !!input.totp && checkTotp(decryptSecret(encryptionKey, totpSecret), input.totp, now);

    // The account-wide lock yields only to a correct password with a valid second factor. Anything else gets the
    // same 429, so the lock tells a guesser nothing about the password.
    if (byAccount.isOverLimit && !(passwordOk && totpOk)) throw tooManyAttempts(byAccount.retryAfterSeconds);

    const fail = async (reason: string, code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID', message: string) => {
      await audit.recordStandalone(ctx, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        changes: { email: { before: null, after: email }, reason: { before: null, after: reason } },
      });
      throw new AppError(code, message);
    };

    if (!user || !passwordOk) return fail('bad_password', 'INVALID_CREDENTIALS', 'Email or password is wrong');
    if (!toBool(user.is_active)) {
      await audit.recordStandalone(ctx, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user.id,
        changes: { reason: { before: null, after: 'disabled' } },
      });
      throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
    }
    if (totpSecret !== null) {
      if (!input.totp) throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app');
      if (!totpOk) return fail('bad_totp', 'TOTP_INVALID', 'The authenticator code is wrong or expired');
    }

    return database.transaction(async (tx) => {
      // The rightful user: this address starts afresh, and this attempt no longer counts against the others.
      await throttle.clear(tx, accountIpKey(email, ip));
      await throttle.uncount(tx, accountKey(email));
      await throttle.uncount(tx, ipKey(ip));
      await authRepo.setLastLogin(tx, user.id, now.toISOString());
      const issued = await sessions.startSession(tx, user, ctx, userAgent);
      const actor: Actor = { type: 'user', id: user.id, name: user.name, role: user.role };
      await audit.record(tx, { ...ctx, actor }, { action: 'auth.login', entity: 'user', entityId: user.id });
      return issued;
    });
  }

  /** Tells the user and the admins that a lockout began; a failure to queue the email must not change the answer. */
  async function notifyLockout(
    ctx: RequestContext,
    email: string,
    scope: Lockout['scope'],
    ip: string | null,
    now: Date,
    retryAfterSeconds: number,
  ): Promise<void> {
    const user = await authRepo.findUserContactByEmail(database.db, email);
    if (!user) return;
    // In the audit log for the admins whatever happens to the emails.
    await audit.recordStandalone(ctx, {
      action: 'auth.lockout',
      entity: 'user',
      entityId: user.id,
      changes: { scope: { before: null, after: scope }, ip: { before: null, after: ip } },
    });
    const until = new Date(now.getTime() + retryAfterSeconds * 1000);
    if (!core.onLockout) return;
    try {
      await core.onLockout({ userId: user.id, email: user.email, name: user.name, scope, ip, until });
    } catch {
      // The lockout stands either way; the email is a courtesy and its failure must not turn a 429 into a 500.
    }
  }

  return { login };
}
