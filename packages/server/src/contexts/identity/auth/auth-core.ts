import type { LoginResult } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { AccessTokens } from '../../../platform/security/access-tokens';
import type { PasswordHasher } from '../../../platform/security/passwords';
import type { UserRow } from '../users/users.tables';
import { makeLoginThrottle } from './login-throttle';

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

/** What every part of the auth service shares: its dependencies with their defaults filled in, and the throttle. */
export interface AuthCore extends AuthServiceDeps {
  refreshTtlMs: number;
  sessionMaxAgeMs: number;
  throttle: ReturnType<typeof makeLoginThrottle>;
}

export function makeAuthCore(deps: AuthServiceDeps): AuthCore {
  return {
    ...deps,
    refreshTtlMs: deps.refreshTtlMs ?? 14 * 24 * 3600_000,
    sessionMaxAgeMs: deps.sessionMaxAgeMs ?? 30 * 24 * 3600_000,
    throttle: makeLoginThrottle(deps.database),
  };
}

export function summary(user: Pick<UserRow, 'id' | 'name' | 'email' | 'role'>) {
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', `Too many failed attempts; try again in ${formatWait(retryAfterSeconds)}`, {
    retryAfterSeconds,
  });
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
