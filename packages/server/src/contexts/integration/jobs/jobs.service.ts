import type { Job, JobCounts, ListJobsQuery } from '@bizdash/contracts/jobs';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { JobsTable } from '../../../platform/jobs/jobs.tables';
import type { DurableJobQueue } from '../../../platform/jobs/queue';
import type { RequestContext } from '../../../platform/request-context';
import { countJobsByState, deleteJob, findJob, findJobState, listJobsPage, requeueJob } from './jobs.repo';

export interface JobsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  queue: DurableJobQueue;
}

export type JobsService = ReturnType<typeof makeJobsService>;

type JobRow = Omit<JobsTable, 'id'> & { id: number };

function toJob(row: JobRow): Job {
  const iso = (v: string) => new Date(v).toISOString();
  return {
    id: Number(row.id),
    type: row.type,
    state: row.state,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    nextRunAt: iso(row.run_at),
    lastError: row.last_error,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    idempotencyKey: row.idempotency_key,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: row.finished_at ? iso(row.finished_at) : null,
  };
}

/** The admin view of the queue: lists and counts per state, retry and discard. `queue` is the queue itself. */
export function makeJobsService({ database, audit, clock, queue }: JobsServiceDeps) {
  async function list(query: ListJobsQuery) {
    // Waiting jobs in the order they will run; finished and failing ones most recent first.
    const { rows, total } = await listJobsPage(database.db, query);
    return {
      items: rows.map((r) => toJob({ ...r, id: Number(r.id) })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function counts(): Promise<JobCounts> {
    const rows = await countJobsByState(database.db);
    const of = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    return { queued: of('queued'), running: of('running'), failed: of('failed'), dead: of('dead'), done: of('done') };
  }

  async function get(id: number): Promise<Job> {
    const row = await findJob(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `Job ${id} not found`);
    return toJob({ ...row, id: Number(row.id) });
  }

  /** Runs a failed or dead job now; a dead job gets a fresh set of attempts. */
  async function retry(ctx: RequestContext, id: number): Promise<Job> {
    await database.transaction(async (tx) => {
      const row = await findJobState(tx, id);
      if (!row) throw new AppError('NOT_FOUND', `Job ${id} not found`);
      if (row.state !== 'failed' && row.state !== 'dead') {
        throw new AppError('CONFLICT', `Job ${id} is ${row.state}; only failed or dead jobs can be retried`);
      }
      const now = clock.now().toISOString();
      await requeueJob(tx, id, row.state === 'dead' ? 0 : row.attempts, now);
      await audit.record(tx, ctx, {
        action: 'job.retried',
        entity: 'job',
        entityId: id,
        changes: { state: { before: row.state, after: 'queued' } },
      });
    });
    return get(id);
  }

  /** Removes a job that should not run again (queued, failed or dead). */
  async function discard(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const row = await findJobState(tx, id);
      if (!row) throw new AppError('NOT_FOUND', `Job ${id} not found`);
      if (row.state === 'running') throw new AppError('CONFLICT', `Job ${id} is running; wait for it to finish`);
      await deleteJob(tx, id);
      await audit.record(tx, ctx, {
        action: 'job.discarded',
        entity: 'job',
        entityId: id,
        changes: { state: { before: row.state, after: null }, type: { before: row.type, after: null } },
      });
    });
  }

  return { queue, list, counts, get, retry, discard };
}
