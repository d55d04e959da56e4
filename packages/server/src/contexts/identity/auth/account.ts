import type { ChangePasswordInput, Me } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import { ROLE_PERMISSIONS } from '@bizdash/domain/permissions';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import { assertStrongPassword } from '../../../platform/security/passwords';
import type { UserRow } from '../users/users.tables';
import { summary, tooManyAttempts, type AuthCore } from './auth-core';
import * as authRepo from './auth.repo';
import { PASSWORD_CHANGE_POLICY, passwordChangeKey } from './login-throttle';
import type { Sessions } from './sessions';

/** The signed-in user's own account: who they are, and changing their password. */
export function makeAccount(core: AuthCore, sessions: Pick<Sessions, 'revokeUserSessions'>) {
  const { database, audit, clock, hasher, throttle } = core;

  async function me(userId: number): Promise<Me> {
    const user = await authRepo.findUserById(database.db, userId);
    if (!user) throw new AppError('NOT_FOUND', 'User not found');
    return {
      ...summary(user),
      permissions: [...ROLE_PERMISSIONS[user.role]],
      totpEnabled: toBool(user.totp_enabled),
      lastLoginAt: user.last_login_at,
    };
  }

  async function requireUser(ctx: RequestContext): Promise<UserRow> {
    if (ctx.actor.type !== 'user' || ctx.actor.id === null) {
      throw new AppError('FORBIDDEN', 'Only a signed-in person can do this, not an API key');
    }
    const user = await authRepo.findUserById(database.db, ctx.actor.id);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Please log in again');
    return user;
  }

  /**
   * Checks a signed-in user's password, throttled like login: the attempt is counted before the check, so a stolen
   * session cannot guess the password (to change it or turn two-factor off) faster than PASSWORD_CHANGE_POLICY.
   */
  async function assertPasswordAttempt(user: UserRow, password: string, field: string, message: string) {
    const now = clock.now();
    const attempt = await throttle.countAttempt(passwordChangeKey(user.id), PASSWORD_CHANGE_POLICY, now);
    if (attempt.isOverLimit) throw tooManyAttempts(attempt.retryAfterSeconds);
    if (!(await hasher.verify(user.password_hash, password))) {
      throw new AppError('INVALID_CREDENTIALS', message, { field });
    }
    await database.transaction(async (tx) => throttle.clear(tx, passwordChangeKey(user.id)));
  }

  async function changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<void> {
    const user = await requireUser(ctx);
    await assertPasswordAttempt(user, input.currentPassword, 'currentPassword', 'The current password is wrong');
    assertStrongPassword(input.newPassword, user.email, 'newPassword');
    const passwordHash = await hasher.hash(input.newPassword);
    const now = clock.now().toISOString();
    await database.transaction(async (tx) => {
      await authRepo.setPasswordHash(tx, user.id, passwordHash, now);
      // Other devices must log in again with the new password; this one stays signed in.
      await sessions.revokeUserSessions(tx, user.id, 'password_changed', ctx.actor.sessionId);
      await audit.record(tx, ctx, {
        action: 'user.password_changed',
        entity: 'user',
        entityId: user.id,
        changes: { password_hash: { before: null, after: null } },
      });
    });
  }

  return { me, requireUser, assertPasswordAttempt, changePassword };
}

export type Account = ReturnType<typeof makeAccount>;
