import { sql, type Transaction } from 'kysely';
import type { Dialect, DB, Executor } from '../db/database';
import type { JobsTable } from './jobs.tables';
import type { EnqueueOptions } from './queue-types';

/** The job queue's storage: queued jobs, claims, outcomes and daily schedules. */

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Writes one queued job with `executor` (the caller's transaction), so the job exists exactly when the caller's
 * write commits. A pending job with the same idempotency key makes this a no-op (the unique pending_key).
 */
export async function insertJob(executor: Executor, options: EnqueueOptions, now: Date): Promise<void> {
  const at = now.toISOString();
  const runAt = options.runAt ? new Date(options.runAt).toISOString() : at;
  await executor
    .insertInto('jobs')
    .values({
      type: options.type,
      payload: JSON.stringify(options.payload),
      state: 'queued',
      attempts: 0,
      max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: runAt,
      idempotency_key: options.idempotencyKey ?? null,
      pending_key: options.idempotencyKey ?? null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('pending_key').doNothing())
    .execute();
}

/** Due jobs: queued or failed and due, or running past their visibility timeout; locked (skipping locked) on PG. */
export function dueJobs(tx: Transaction<DB>, dialect: Dialect, nowIso: string, limit: number) {
  let query = tx
    .selectFrom('jobs')
    .select(['id', 'type', 'payload', 'state', 'attempts', 'max_attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', 'in', ['queued', 'failed']), eb('run_at', '<=', nowIso)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<=', nowIso)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') query = query.forUpdate().skipLocked();
  return query.execute();
}

/** Jobs whose worker stopped during their last attempt are dead. */
export async function markExhausted(tx: Transaction<DB>, ids: number[], nowIso: string): Promise<void> {
  await tx
    .updateTable('jobs')
    .set({
      state: 'dead',
      last_error: 'The worker stopped while running the last attempt (visibility timeout passed).',
      locked_by: null,
      locked_until: null,
      finished_at: nowIso,
      updated_at: nowIso,
    })
    .where('id', 'in', ids)
    .execute();
}

/** Claims jobs for a worker until `lockedUntil`, counting the attempt. */
export async function markRunning(
  tx: Transaction<DB>,
  ids: number[],
  workerId: string,
  lockedUntil: string,
  nowIso: string,
): Promise<void> {
  await tx
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: workerId,
      locked_until: lockedUntil,
      pending_key: null,
      updated_at: nowIso,
    }))
    .where('id', 'in', ids)
    .execute();
}

/** Stores how an attempt ended, if the job is still this worker's. */
export async function saveOutcome(
  tx: Transaction<DB>,
  id: number,
  workerId: string,
  outcome: Partial<Omit<JobsTable, 'id'>>,
): Promise<void> {
  await tx.updateTable('jobs').set(outcome).where('id', '=', id).where('locked_by', '=', workerId).execute();
}

/**
 * Claims a daily schedule's run for `date`: the conditional update is the claim, so of several workers exactly one
 * moves last_run_date to today and gets true.
 */
export async function claimScheduleDay(tx: Transaction<DB>, name: string, date: string, nowIso: string) {
  await tx
    .insertInto('job_schedules')
    .values({ name, last_run_date: null, updated_at: nowIso })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await tx
    .updateTable('job_schedules')
    .set({ last_run_date: date, updated_at: nowIso })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('last_run_date', 'is', null), eb('last_run_date', '<', date)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteDoneBefore(executor: Executor, before: string): Promise<void> {
  await executor.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', before).execute();
}

/** Used by the bench and tests: how many jobs are in each state. */
export async function countJobsByState(executor: Executor): Promise<Record<string, number>> {
  const rows = await executor
    .selectFrom('jobs')
    .select(['state', sql<number>`count(*)`.as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
