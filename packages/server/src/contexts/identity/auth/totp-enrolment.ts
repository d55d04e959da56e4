import type { TotpSetupResult } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import { decryptSecret, encryptSecret } from '../../../platform/security/secrets';
import { checkTotp, generateTotpSecret, totpEnrolment } from '../../../platform/security/totp';
import type { Account } from './account';
import type { AuthCore } from './auth-core';
import * as authRepo from './auth.repo';

/** Two-factor authentication: enrolling an authenticator app, turning it on, and off again with the password. */
export function makeTotpEnrolment(core: AuthCore, account: Pick<Account, 'requireUser' | 'assertPasswordAttempt'>) {
  const { database, audit, clock, encryptionKey } = core;
  const { requireUser } = account;

  async function beginTotpSetup(ctx: RequestContext): Promise<TotpSetupResult> {
    const user = await requireUser(ctx);
    if (toBool(user.totp_enabled)) throw new AppError('CONFLICT', 'Two-factor authentication is already on');
    const secret = generateTotpSecret();
    await database.transaction(async (tx) => {
      await authRepo.setTotpSecret(tx, user.id, encryptSecret(encryptionKey, secret), clock.now().toISOString());
    });
    return totpEnrolment(secret, user.email, 'BizDash');
  }

  async function enableTotp(ctx: RequestContext, code: string): Promise<void> {
    const user = await requireUser(ctx);
    if (!user.totp_secret) throw new AppError('TOTP_NOT_ENROLLED', 'Start two-factor setup first');
    if (!checkTotp(decryptSecret(encryptionKey, user.totp_secret), code, clock.now())) {
      throw new AppError('TOTP_INVALID', 'The code is wrong or expired', { field: 'code' });
    }
    await database.transaction(async (tx) => {
      await authRepo.enableTotp(tx, user.id, clock.now().toISOString());
      await audit.record(tx, ctx, {
        action: 'user.totp_enabled',
        entity: 'user',
        entityId: user.id,
        changes: { totp_enabled: { before: false, after: true } },
      });
    });
  }

  async function disableTotp(ctx: RequestContext, password: string): Promise<void> {
    const user = await requireUser(ctx);
    await account.assertPasswordAttempt(user, password, 'password', 'The password is wrong');
    await database.transaction(async (tx) => {
      await authRepo.disableTotp(tx, user.id, clock.now().toISOString());
      await audit.record(tx, ctx, {
        action: 'user.totp_disabled',
        entity: 'user',
        entityId: user.id,
        changes: { totp_enabled: { before: toBool(user.totp_enabled), after: false } },
      });
    });
  }

  return { beginTotpSetup, enableTotp, disableTotp };
}
