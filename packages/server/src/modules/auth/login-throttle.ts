import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/database';
import { forUpdate } from '../../platform/db/dialect-sql';
import type { DB } from '../../platform/db/schema';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Per account: 5 failures in 15 minutes lock that account for 15 minutes; per IP: 20. Kept in the database so a
 * restart does not reset it and several processes share it.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export function makeLoginThrottle(database: Database) {
  /** Seconds until the first of `keys` unlocks, or 0 when none is locked. */
  async function retryAfter(keys: string[], now: Date): Promise<number> {
    const rows = await database.db
      .selectFrom('auth_throttle')
      .select(['locked_until'])
      .where('key', 'in', keys)
      .where('locked_until', '>', now.toISOString())
      .execute();
    let longest = 0;
    for (const row of rows) {
      if (!row.locked_until) continue;
      longest = Math.max(longest, Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000));
    }
    return longest;
  }

  async function recordFailure(tx: Transaction<DB>, key: string, policy: ThrottlePolicy, now: Date) {
    const nowIso = now.toISOString();
    await tx
      .insertInto('auth_throttle')
      .values({ key, failures: 0, window_started_at: nowIso, locked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await forUpdate(
      database.dialect,
      tx.selectFrom('auth_throttle').selectAll().where('key', '=', key),
    ).executeTakeFirstOrThrow();
    const windowExpired = now.getTime() - Date.parse(row.window_started_at) > policy.windowMs;
    const failures = windowExpired ? 1 : row.failures + 1;
    const lockedUntil =
      failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs).toISOString() : row.locked_until;
    await tx
      .updateTable('auth_throttle')
      .set({
        failures: failures >= policy.maxFailures ? 0 : failures,
        window_started_at: windowExpired || failures >= policy.maxFailures ? nowIso : row.window_started_at,
        locked_until: lockedUntil,
      })
      .where('key', '=', key)
      .execute();
  }

  async function clear(tx: Transaction<DB>, key: string) {
    await tx.deleteFrom('auth_throttle').where('key', '=', key).execute();
  }

  return { retryAfter, recordFailure, clear };
}
