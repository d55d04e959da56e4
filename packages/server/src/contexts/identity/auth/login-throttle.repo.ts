import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';

/** SQL of login throttling: one counter row per key in auth_throttle. */

/**
 * Counts one attempt against `key` in one INSERT … ON CONFLICT DO UPDATE … RETURNING, starting a new window when the
 * current one started at or before `windowStart`. Atomic on both dialects: N parallel calls get the counts 1..N.
 */
export function countAttempt(executor: Executor, key: string, nowIso: string, windowStart: string) {
  const expired = sql<boolean>`auth_throttle.window_started_at <= ${windowStart}`;
  return executor
    .insertInto('auth_throttle')
    .values({ key, failures: 1, window_started_at: nowIso, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${expired} then 1 else auth_throttle.failures + 1 end`,
        window_started_at: sql<string>`case when ${expired} then ${nowIso} else auth_throttle.window_started_at end`,
      }),
    )
    .returning(['failures', 'window_started_at'])
    .executeTakeFirstOrThrow();
}

/** Takes back one counted attempt, without going below zero. */
export async function uncount(executor: Executor, key: string): Promise<void> {
  await executor
    .updateTable('auth_throttle')
    .set({ failures: sql<number>`failures - 1` })
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

export async function clear(executor: Executor, key: string): Promise<void> {
  await executor.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
