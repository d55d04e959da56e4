import type { ListJobsQuery } from '@bizdash/contracts/jobs';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { JobsTable } from '../../../platform/jobs/jobs.tables';

/** A page of jobs in one state: waiting jobs in the order they will run, finished and failing ones newest first. */
export async function listJobsPage(executor: Executor, query: ListJobsQuery) {
  let base = executor.selectFrom('jobs').where('state', '=', query.state);
  if (query.type) base = base.where('type', '=', query.type);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const waiting = query.state === 'queued';
  const rows = await (
    waiting
      ? base.selectAll().orderBy('run_at').orderBy('id')
      : base.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc')
  )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** How many jobs are in each state. */
export function countJobsByState(executor: Executor): Promise<{ state: JobsTable['state']; n: number }[]> {
  return executor
    .selectFrom('jobs')
    .select(['state', sql<number>`count(*)`.as('n')])
    .groupBy('state')
    .execute();
}

export function findJob(executor: Executor, id: number) {
  return executor.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findJobState(executor: Executor, id: number) {
  return executor
    .selectFrom('jobs')
    .select(['id', 'state', 'attempts', 'type'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Puts a job back in the queue to run at `now`, with `attempts` attempts already used. */
export async function requeueJob(executor: Executor, id: number, attempts: number, now: string): Promise<void> {
  await executor
    .updateTable('jobs')
    .set({
      state: 'queued',
      run_at: now,
      attempts,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteJob(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('jobs').where('id', '=', id).execute();
}
