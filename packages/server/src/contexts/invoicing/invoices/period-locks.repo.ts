import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { PeriodLocksTable } from './invoices.tables';

/** The queries of locked months. */

/** The period if it is locked (only the key is read). */
export function findLockedPeriod(executor: Executor, period: string) {
  return executor.selectFrom('period_locks').select('period').where('period', '=', period).executeTakeFirst();
}

export function findPeriodLock(executor: Executor, period: string) {
  return executor.selectFrom('period_locks').selectAll().where('period', '=', period).executeTakeFirst();
}

/** Every lock, latest month first. */
export function listPeriodLocks(executor: Executor) {
  return executor.selectFrom('period_locks').selectAll().orderBy('period', 'desc').execute();
}

export function insertPeriodLock(executor: Executor, values: Insertable<PeriodLocksTable>) {
  return executor.insertInto('period_locks').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function deletePeriodLock(executor: Executor, period: string): Promise<void> {
  await executor.deleteFrom('period_locks').where('period', '=', period).execute();
}
