import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { LoginInput, LoginResult, Me, TotpSetupResult, ChangePasswordInput } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import { ROLE_PERMISSIONS, isRole, type Role } from '@bizdash/domain/permissions';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { toBool, type DB, type UserRow } from '../../platform/db/schema';
import type { Actor, RequestContext } from '../../platform/request-context';
import type { AccessTokens } from '../../platform/security/access-tokens';
import { assertStrongPassword, dummyPasswordHash, type PasswordHasher } from '../../platform/security/passwords';
import { decryptSecret, encryptSecret, randomToken, sha256 } from '../../platform/security/secrets';
import { checkTotp, generateTotpSecret, totpEnrolment } from '../../platform/security/totp';
import {
  ACCOUNT_IP_POLICY,
  ACCOUNT_POLICY,
  IP_POLICY,
  PASSWORD_CHANGE_POLICY,
  accountIpKey,
  accountKey,
  ipKey,
  makeLoginThrottle,
  passwordChangeKey,
} from './login-throttle';

export interface AuthServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  encryptionKey: Buffer;
  /** A refresh token lives this long after its last rotation, capped by the session's absolute lifetime. */
  refreshTtlMs?: number;
  sessionMaxAgeMs?: number;
  /** Told when a lockout begins on an account (queues the emails to the user and the admins). */
  onLockout?: (lockout: Lockout) => Promise<void>;
}

/** A lockout that has just begun: attempts on this account (from `ip`, or from anywhere) are refused until `until`. */
export interface Lockout {
  userId: number;
  email: string;
  name: string;
  scope: 'account' | 'account_ip';
  ip: string | null;
  until: Date;
}

/**
 * A just-rotated refresh token presented again within this window gets the same new token back instead of ending
 * the session: two tabs (or a retried request) refreshing at once with the same cookie is normal, and browsers on
 * plain HTTP (a LAN or VPN address) have no Web Locks to serialise them. Short, because within it a stolen token
 * that was used first also goes unnoticed; after it, reuse still revokes the whole session.
 */
export const REFRESH_GRACE_MS = 30_000;

export interface IssuedSession extends LoginResult {
  refreshToken: string;
  refreshExpiresAt: Date;
}

export type AuthService = ReturnType<typeof makeAuthService>;

const API_KEY_RE = /^bzk_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export function makeAuthService(deps: AuthServiceDeps) {
  const { database, audit, clock, hasher, accessTokens, encryptionKey } = deps;
  const refreshTtlMs = deps.refreshTtlMs ?? 14 * 24 * 3600_000;
  const sessionMaxAgeMs = deps.sessionMaxAgeMs ?? 30 * 24 * 3600_000;
  const throttle = makeLoginThrottle(database);

  function summary(user: Pick<UserRow, 'id' | 'name' | 'email' | 'role'>) {
    return { id: user.id, name: user.name, email: user.email, role: user.role };
  }

  async function startSession(
    tx: Transaction<DB>,
    user: UserRow,
    ctx: RequestContext,
    userAgent: string | null,
  ): Promise<IssuedSession> {
    const now = clock.now();
    const sessionId = randomUUID();
    await tx
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: user.id,
        created_at: now.toISOString(),
        last_used_at: now.toISOString(),
        expires_at: new Date(now.getTime() + sessionMaxAgeMs).toISOString(),
        revoked_at: null,
        revoked_reason: null,
        ip: ctx.ip,
        user_agent: userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    const refresh = await issueRefreshToken(tx, sessionId, now, new Date(now.getTime() + sessionMaxAgeMs));
    const accessToken = await accessTokens.issue({ userId: user.id, sessionId }, now);
    return {
      accessToken,
      expiresIn: accessTokens.ttlSeconds,
      user: summary(user),
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
    };
  }

  async function issueRefreshToken(tx: Transaction<DB>, sessionId: string, now: Date, sessionExpiresAt: Date) {
    const token = randomToken(32);
    const expiresAt = new Date(Math.min(now.getTime() + refreshTtlMs, sessionExpiresAt.getTime()));
    await tx
      .insertInto('refresh_tokens')
      .values({
        token_hash: sha256(token),
        session_id: sessionId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        used_at: null,
        successor_hash: null,
        successor_token: null,
      })
      .execute();
    return { token, expiresAt };
  }

  function tooManyAttempts(retryAfterSeconds: number): AppError {
    return new AppError(
      'TOO_MANY_ATTEMPTS',
      `Too many failed attempts; try again in ${formatWait(retryAfterSeconds)}`,
      {
        retryAfterSeconds,
      },
    );
  }

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

    const user = await database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
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
      await tx.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
      const issued = await startSession(tx, user, ctx, userAgent);
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
    const user = await database.db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (!user) return;
    // In the audit log for the admins whatever happens to the emails.
    await audit.recordStandalone(ctx, {
      action: 'auth.lockout',
      entity: 'user',
      entityId: user.id,
      changes: { scope: { before: null, after: scope }, ip: { before: null, after: ip } },
    });
    const until = new Date(now.getTime() + retryAfterSeconds * 1000);
    if (!deps.onLockout) return;
    try {
      await deps.onLockout({ userId: user.id, email: user.email, name: user.name, scope, ip, until });
    } catch {
      // The lockout stands either way; the email is a courtesy and its failure must not turn a 429 into a 500.
    }
  }

  /**
   * Rotates a refresh token. The token just rotated, presented again within REFRESH_GRACE_MS while its successor is
   * still unused, answers with that same successor (a concurrent refresh). Any other reuse means two parties hold the
   * same family: the whole session is revoked and both must log in again.
   */
  async function refresh(ctx: RequestContext, token: string): Promise<IssuedSession> {
    const now = clock.now();
    const tokenHash = sha256(token);
    const readToken = (tx: Transaction<DB>) =>
      tx
        .selectFrom('refresh_tokens as rt')
        .innerJoin('sessions as s', 's.id', 'rt.session_id')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          'rt.used_at',
          'rt.expires_at as token_expires_at',
          'rt.successor_hash',
          'rt.successor_token',
          's.id as session_id',
          's.revoked_at',
          's.expires_at as session_expires_at',
          'u.id as user_id',
        ])
        .where('rt.token_hash', '=', tokenHash)
        .executeTakeFirst();
    type TokenRow = NonNullable<Awaited<ReturnType<typeof readToken>>>;

    /** The successor issued for a concurrent refresh, or null when the grace window does not apply. */
    const graceAnswer = async (tx: Transaction<DB>, row: TokenRow): Promise<IssuedSession | null> => {
      if (!row.used_at || !row.successor_hash || !row.successor_token) return null;
      if (now.getTime() - Date.parse(row.used_at) > REFRESH_GRACE_MS) return null;
      const successor = await tx
        .selectFrom('refresh_tokens')
        .select(['used_at', 'expires_at'])
        .where('token_hash', '=', row.successor_hash)
        .executeTakeFirst();
      if (!successor || successor.used_at || successor.expires_at <= now.toISOString()) return null;
      const user = await tx.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
      if (!toBool(user.is_active)) return null;
      const accessToken = await accessTokens.issue({ userId: user.id, sessionId: row.session_id }, now);
      return {
        accessToken,
        expiresIn: accessTokens.ttlSeconds,
        user: summary(user),
        refreshToken: decryptSecret(encryptionKey, row.successor_token),
        refreshExpiresAt: new Date(successor.expires_at),
      };
    };

    const outcome = await database.transaction(async (tx) => {
      const row = await readToken(tx);
      if (!row) return { kind: 'invalid' as const };
      if (row.revoked_at || row.session_expires_at <= now.toISOString()) return { kind: 'invalid' as const };
      if (row.used_at) {
        const again = await graceAnswer(tx, row);
        if (again) return { kind: 'ok' as const, issued: again };
        await revokeSession(tx, row.session_id, 'refresh_token_reuse', now);
        const user = await tx.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
        await audit.record(
          tx,
          { ...ctx, actor: { type: 'user', id: user.id, name: user.name, role: user.role } },
          { action: 'auth.refresh_reuse', entity: 'session', entityId: row.session_id },
        );
        return { kind: 'reused' as const };
      }
      if (row.token_expires_at <= now.toISOString()) return { kind: 'invalid' as const };
      // Only one of two concurrent refreshes with the same token wins this update. On PostgreSQL the loser waits for
      // the winner to commit, then reads the successor it stored and answers with it (the grace window).
      const claimed = await tx
        .updateTable('refresh_tokens')
        .set({ used_at: now.toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        const after = await readToken(tx);
        const again = after ? await graceAnswer(tx, after) : null;
        return again ? { kind: 'ok' as const, issued: again } : { kind: 'invalid' as const };
      }
      const user = await tx.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
      if (!toBool(user.is_active)) return { kind: 'invalid' as const };
      await tx
        .updateTable('sessions')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.session_id)
        .execute();
      const next = await issueRefreshToken(tx, row.session_id, now, new Date(row.session_expires_at));
      await tx
        .updateTable('refresh_tokens')
        .set({ successor_hash: sha256(next.token), successor_token: encryptSecret(encryptionKey, next.token) })
        .where('token_hash', '=', tokenHash)
        .execute();
      // This token's own predecessor can no longer be answered from the grace window (its successor is now used):
      // drop the copy of this token kept for it.
      await tx
        .updateTable('refresh_tokens')
        .set({ successor_token: null })
        .where('successor_hash', '=', tokenHash)
        .execute();
      const accessToken = await accessTokens.issue({ userId: user.id, sessionId: row.session_id }, now);
      return {
        kind: 'ok' as const,
        issued: {
          accessToken,
          expiresIn: accessTokens.ttlSeconds,
          user: summary(user),
          refreshToken: next.token,
          refreshExpiresAt: next.expiresAt,
        },
      };
    });
    if (outcome.kind === 'reused') {
      throw new AppError('REFRESH_TOKEN_REUSED', 'This session was ended because its refresh token was reused');
    }
    if (outcome.kind === 'invalid') throw new AppError('REFRESH_TOKEN_INVALID', 'Please log in again');
    return outcome.issued;
  }

  async function revokeSession(tx: Transaction<DB>, sessionId: string, reason: string, now: Date) {
    await tx
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString(), revoked_reason: reason })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of a user, optionally sparing one (the one changing its own password). */
  async function revokeUserSessions(tx: Transaction<DB>, userId: number, reason: string, except?: string) {
    let q = tx
      .updateTable('sessions')
      .set({ revoked_at: clock.now().toISOString(), revoked_reason: reason })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (except) q = q.where('id', '!=', except);
    await q.execute();
  }

  async function logout(ctx: RequestContext, refreshToken: string | undefined): Promise<void> {
    const now = clock.now();
    await database.transaction(async (tx) => {
      let sessionId = ctx.actor.sessionId;
      if (!sessionId && refreshToken) {
        const row = await tx
          .selectFrom('refresh_tokens')
          .select('session_id')
          .where('token_hash', '=', sha256(refreshToken))
          .executeTakeFirst();
        sessionId = row?.session_id;
      }
      if (!sessionId) return;
      const session = await tx
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.id', 's.revoked_at', 'u.id as user_id', 'u.name', 'u.role'])
        .where('s.id', '=', sessionId)
        .executeTakeFirst();
      if (!session || session.revoked_at) return;
      await revokeSession(tx, sessionId, 'logout', now);
      await audit.record(
        tx,
        { ...ctx, actor: { type: 'user', id: session.user_id, name: session.name, role: session.role } },
        { action: 'auth.logout', entity: 'user', entityId: session.user_id },
      );
    });
  }

  /** The actor behind an access token, or null when the token, its session or its user is no longer good. */
  async function authenticateAccessToken(token: string): Promise<Actor | null> {
    const now = clock.now();
    const claims = await accessTokens.verify(token, now);
    if (!claims) return null;
    const row = await database.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['u.id', 'u.name', 'u.role', 'u.is_active', 's.revoked_at', 's.expires_at'])
      .where('s.id', '=', claims.sessionId)
      .executeTakeFirst();
    if (!row || row.id !== claims.userId || row.revoked_at || !toBool(row.is_active)) return null;
    if (row.expires_at <= now.toISOString()) return null;
    return { type: 'user', id: row.id, name: row.name, role: row.role, sessionId: claims.sessionId };
  }

  /**
   * The actor behind an API key. Use is recorded: last_used_at at most once a minute, and an `api_key.used` audit
   * entry at most once an hour per key (every change it makes is audited on its own anyway).
   */
  async function authenticateApiKey(token: string, ctx: RequestContext): Promise<Actor | null> {
    const match = API_KEY_RE.exec(token);
    if (!match) return null;
    const key = await database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('prefix', '=', match[1] ?? '')
      .executeTakeFirst();
    if (!key || key.revoked_at || !isRole(key.role)) return null;
    const expected = Buffer.from(key.key_hash, 'hex');
    const actual = Buffer.from(sha256(token), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const actor: Actor = { type: 'api_key', id: key.id, name: key.name, role: key.role as Role };
    const now = clock.now();
    const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
    const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
    if (!key.last_used_at || key.last_used_at < minuteAgo) {
      await database.transaction(async (tx) => {
        const shouldAudit = !key.last_audited_at || key.last_audited_at < hourAgo;
        await tx
          .updateTable('api_keys')
          .set({ last_used_at: now.toISOString(), ...(shouldAudit ? { last_audited_at: now.toISOString() } : {}) })
          .where('id', '=', key.id)
          .execute();
        if (shouldAudit) {
          await audit.record(tx, { ...ctx, actor }, { action: 'api_key.used', entity: 'api_key', entityId: key.id });
        }
      });
    }
    return actor;
  }

  async function me(userId: number): Promise<Me> {
    const user = await database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
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
    const user = await database.db.selectFrom('users').selectAll().where('id', '=', ctx.actor.id).executeTakeFirst();
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
      await tx
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
        .where('id', '=', user.id)
        .execute();
      // Other devices must log in again with the new password; this one stays signed in.
      await revokeUserSessions(tx, user.id, 'password_changed', ctx.actor.sessionId);
      await audit.record(tx, ctx, {
        action: 'user.password_changed',
        entity: 'user',
        entityId: user.id,
        changes: { password_hash: { before: null, after: null } },
      });
    });
  }

  async function beginTotpSetup(ctx: RequestContext): Promise<TotpSetupResult> {
    const user = await requireUser(ctx);
    if (toBool(user.totp_enabled)) throw new AppError('CONFLICT', 'Two-factor authentication is already on');
    const secret = generateTotpSecret();
    await database.transaction(async (tx) => {
      await tx
        .updateTable('users')
        .set({ totp_secret: encryptSecret(encryptionKey, secret), updated_at: clock.now().toISOString() })
        .where('id', '=', user.id)
        .execute();
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
      await tx
        .updateTable('users')
        .set({ totp_enabled: true, updated_at: clock.now().toISOString() })
        .where('id', '=', user.id)
        .execute();
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
    await assertPasswordAttempt(user, password, 'password', 'The password is wrong');
    await database.transaction(async (tx) => {
      await tx
        .updateTable('users')
        .set({ totp_enabled: false, totp_secret: null, updated_at: clock.now().toISOString() })
        .where('id', '=', user.id)
        .execute();
      await audit.record(tx, ctx, {
        action: 'user.totp_disabled',
        entity: 'user',
        entityId: user.id,
        changes: { totp_enabled: { before: toBool(user.totp_enabled), after: false } },
      });
    });
  }

  return {
    login,
    refresh,
    logout,
    authenticateAccessToken,
    authenticateApiKey,
    me,
    changePassword,
    beginTotpSetup,
    enableTotp,
    disableTotp,
    revokeUserSessions,
  };
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
