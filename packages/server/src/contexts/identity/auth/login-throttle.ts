import type { Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import * as repo from './login-throttle.repo';

export interface ThrottlePolicy {
  /** Attempts evaluated per window; the rest are refused without checking the password. */
  maxAttempts: number;
  windowMs: number;
}

/**
 * Attempt limits, kept in the database so a restart does not reset them and several processes share them.
 * - account + IP: 5 in 15 minutes. A guesser locks only their own address out of that account.
 * - IP: 20 in 15 minutes, however many accounts it tries.
 * - account (from anywhere): 50 in an hour. Slower, so a botnet cannot guess forever; a correct password with a valid
 *   TOTP code still gets through this one, so a user with two-factor on cannot be locked out by strangers.
 * - password change: 5 wrong current passwords in 15 minutes per user.
 */
export const ACCOUNT_IP_POLICY: ThrottlePolicy = { maxAttempts: 5, windowMs: 15 * 60_000 };
export const IP_POLICY: ThrottlePolicy = { maxAttempts: 20, windowMs: 15 * 60_000 };
export const ACCOUNT_POLICY: ThrottlePolicy = { maxAttempts: 50, windowMs: 60 * 60_000 };
export const PASSWORD_CHANGE_POLICY: ThrottlePolicy = { maxAttempts: 5, windowMs: 15 * 60_000 };

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const accountIpKey = (email: string, ip: string) => `account-ip:${email.toLowerCase()}|${ip}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const passwordChangeKey = (userId: number) => `password-change:${userId}`;

export interface AttemptCount {
  /** This attempt's number in the current window (1 = the first). */
  attempt: number;
  isOverLimit: boolean;
  /** True for exactly one attempt per window: the first one refused, which is when a lockout begins. */
  isLockStart: boolean;
  /** Seconds until the window ends and attempts are evaluated again. */
  retryAfterSeconds: number;
}

export function makeLoginThrottle(database: Database) {
  /**
   * Counts one attempt against `key` and returns its number, in one INSERT … ON CONFLICT DO UPDATE … RETURNING. The
   * count happens before the password is checked and is atomic on both dialects, so N parallel guesses get the
   * numbers 1..N and only the first `maxAttempts` are evaluated.
   */
  async function countAttempt(key: string, policy: ThrottlePolicy, now: Date): Promise<AttemptCount> {
    const nowIso = now.toISOString();
    const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
    const row = await repo.countAttempt(database.db, key, nowIso, windowStart);
    const attempt = Number(row.failures);
    const windowEndsMs = Date.parse(row.window_started_at) + policy.windowMs;
    return {
      attempt,
      isOverLimit: attempt > policy.maxAttempts,
      isLockStart: attempt === policy.maxAttempts + 1,
      retryAfterSeconds: Math.max(1, Math.ceil((windowEndsMs - now.getTime()) / 1000)),
    };
  }

  /** Takes back one counted attempt (it turned out to be the rightful user), without going below zero. */
  async function uncount(tx: Transaction<DB>, key: string) {
    await repo.uncount(tx, key);
  }

  async function clear(tx: Transaction<DB>, key: string) {
    await repo.clear(tx, key);
  }

  return { countAttempt, uncount, clear };
}
