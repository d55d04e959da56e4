import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DEFAULT_TIMEZONE } from '@bizdash/domain/dates';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { Clock } from '../clock';
import type { Database, Executor } from '../db/database';
import { backoffDelayMs, localDateAndMinutes, parseDailyAt } from './backoff';
import * as store from './job-store.repo';
import { insertJob } from './job-store.repo';
import { RetryLaterError, type DailyAt, type EnqueueOptions, type JobHandler, type JobQueue } from './queue-types';

export interface QueueOptions {
  database: Database;
  clock: Clock;
  /** How long a claimed job may run before another worker treats its worker as crashed and runs it again. */
  visibilityTimeoutMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  /**
   * Daily schedules run at local times of the business's zone, asked of the calendar at each check (a changed zone
   * holds from the next check); without a calendar, of `timeZone` (Asia/Kolkata when not given).
   */
  calendar?: Pick<BusinessCalendar, 'timeZone'> | undefined;
  timeZone?: string;
  /** Jobs claimed per claim transaction (default 25 on SQLite, 5 on PostgreSQL where other workers share). */
  batchSize?: number;
  /** Where failures of the worker loop itself go (handler failures are recorded on the job). */
  onError?: (error: unknown, message: string) => void;
}

export interface ClaimedJob {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  attempt: number;
  maxAttempts: number;
}

export interface WorkerOptions {
  /** Idle wait between polls of an empty queue. */
  pollMs?: number;
  /** Jobs run at once by this process; SQLite has one writer, so it gets one lane whatever is asked. */
  concurrency?: number;
  /** How often daily schedules are checked. */
  scheduleEveryMs?: number;
}

export interface RunningWorker {
  /** Lets the jobs in flight finish, then resolves. */
  stop(): Promise<void>;
}

export type DurableJobQueue = ReturnType<typeof makeJobQueue>;

const DONE_RETENTION_MS = 7 * 24 * 3600_000;
/** Within a batch, outcomes are written at least this often, so a long batch still shows progress. */
const FLUSH_EVERY_MS = 250;

/**
 * The durable queue in the application's own database. Claiming is one short transaction: BEGIN IMMEDIATE on
 * SQLite (the single write lock makes it a single-worker claim), `FOR UPDATE SKIP LOCKED` on PostgreSQL so that
 * several workers in several processes each take different jobs. Handlers run outside any transaction; the job row
 * is updated afterwards only if this worker still holds it.
 */
export function makeJobQueue(options: QueueOptions) {
  const { database, clock } = options;
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? 5 * 60_000;
  const backoff = options.backoff ?? { baseMs: 10_000, maxMs: 3_600_000 };
  const random = options.random ?? Math.random;
  const timeZone = options.timeZone ?? DEFAULT_TIMEZONE;
  const batchSize = options.batchSize ?? (database.dialect === 'sqlite' ? 25 : 5);
  let onError = options.onError ?? (() => undefined);
  const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const handlers = new Map<string, JobHandler>();
  const schedules = new Map<
    string,
    { type: string; payload: Record<string, unknown>; minutes: () => Promise<number | null> }
  >();

  const iso = (ms: number) => new Date(ms).toISOString();

  /**
   * Claims up to `limit` due jobs in one short transaction. A job whose worker died past its visibility timeout is
   * claimed again; one already at its last attempt is dead instead, so a job that crashes its worker cannot loop
   * forever.
   */
  async function claimBatch(limit: number): Promise<ClaimedJob[]> {
    return database.transaction(async (tx) => {
      const now = clock.now().getTime();
      const rows = await store.dueJobs(tx, database.dialect, iso(now), limit);
      const exhausted = rows.filter((r) => r.state === 'running' && r.attempts >= r.max_attempts);
      const claimed = rows.filter((r) => !exhausted.includes(r));
      if (exhausted.length > 0) {
        await store.markExhausted(
          tx,
          exhausted.map((r) => r.id),
          iso(now),
        );
      }
      if (claimed.length > 0) {
        await store.markRunning(
          tx,
          claimed.map((r) => r.id),
          workerId,
          iso(now + visibilityTimeoutMs),
          iso(now),
        );
      }
      return claimed.map((row) => ({
        id: Number(row.id),
        type: row.type,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        attempt: row.attempts + 1,
        maxAttempts: row.max_attempts,
      }));
    });
  }

  /** Claims one due job (tests use it to play a worker that dies holding a job). */
  async function claim(): Promise<ClaimedJob | null> {
    return (await claimBatch(1))[0] ?? null;
  }

  /** The row update that records how an attempt ended; applied only while this worker still holds the job. */
  function outcomeOf(job: ClaimedJob, error: unknown, now: number) {
    if (error === undefined) {
      return {
        state: 'done' as const,
        last_error: null,
        locked_by: null,
        locked_until: null,
        finished_at: iso(now),
        updated_at: iso(now),
      };
    }
    const message = errorText(error);
    if (job.attempt >= job.maxAttempts) {
      return {
        state: 'dead' as const,
        last_error: message,
        locked_by: null,
        locked_until: null,
        finished_at: iso(now),
        updated_at: iso(now),
      };
    }
    const retryLater = error instanceof RetryLaterError;
    const delay = retryLater ? error.delayMs : backoffDelayMs(job.attempt, backoff, random);
    return {
      // A requested delay (rate limit) waits in the queue; a real failure shows on the Failed tab until retried.
      state: retryLater ? ('queued' as const) : ('failed' as const),
      last_error: message,
      run_at: iso(now + delay),
      locked_by: null,
      locked_until: null,
      updated_at: iso(now),
    };
  }

  async function attempt(job: ClaimedJob): Promise<unknown> {
    const handler = handlers.get(job.type);
    try {
      if (!handler) throw new Error(`No handler is registered for job type "${job.type}".`);
      await handler(job.payload, { jobId: job.id, attempt: job.attempt, now: () => clock.now() });
      return undefined;
    } catch (error) {
      return error ?? new Error('unknown failure');
    }
  }

  /**
   * Claims a batch and runs it in order. Outcomes are written together, in one transaction per batch (or sooner when
   * a batch runs long), because on SQLite every commit waits for the disk: one commit per job would cap the queue at
   * the disk's fsync rate. Returns how many jobs ran.
   */
  async function runBatch(limit = batchSize): Promise<number> {
    const jobs = await claimBatch(limit);
    let pending: { job: ClaimedJob; error: unknown; at: number }[] = [];
    let lastFlush = Date.now();
    const flush = async () => {
      if (pending.length === 0) return;
      const outcomes = pending;
      pending = [];
      lastFlush = Date.now();
      await database.transaction(async (tx) => {
        for (const { job, error, at } of outcomes) {
          await store.saveOutcome(tx, job.id, workerId, outcomeOf(job, error, at));
        }
      });
    };
    try {
      for (const job of jobs) {
        const error = await attempt(job);
        pending.push({ job, error, at: clock.now().getTime() });
        if (Date.now() - lastFlush >= FLUSH_EVERY_MS) await flush();
      }
    } finally {
      await flush();
    }
    return jobs.length;
  }

  /** Claims and runs one due job; false when none is due. */
  async function runOnce(): Promise<boolean> {
    return (await runBatch(1)) > 0;
  }

  /** Runs due jobs until none is left (or about `max`); for tests and the bench. Returns how many ran. */
  async function drain(max = 10_000): Promise<number> {
    let count = 0;
    while (count < max) {
      const ran = await runBatch(Math.min(batchSize, max - count));
      if (ran === 0) break;
      count += ran;
    }
    return count;
  }

  /** Enqueues each daily schedule whose local time has passed today and that has not run today. */
  async function runSchedules(): Promise<number> {
    const now = clock.now();
    const zone = options.calendar ? await options.calendar.timeZone() : timeZone;
    const { date, minutes } = localDateAndMinutes(now, zone);
    let enqueued = 0;
    for (const [name, schedule] of schedules) {
      const at = await schedule.minutes();
      if (at === null || minutes < at) continue;
      await database.transaction(async (tx) => {
        // Of several workers, exactly one claims today's run of the schedule.
        if (await store.claimScheduleDay(tx, name, date, now.toISOString())) {
          await insertJob(
            tx,
            { type: schedule.type, payload: schedule.payload, idempotencyKey: `schedule:${name}:${date}` },
            now,
          );
          enqueued++;
        }
      });
    }
    return enqueued;
  }

  /** Finished jobs are kept a week for the Jobs page, then removed. */
  async function pruneDone(): Promise<void> {
    const before = iso(clock.now().getTime() - DONE_RETENTION_MS);
    await store.deleteDoneBefore(database.db, before);
  }

  function start(workerOptions: WorkerOptions = {}): RunningWorker {
    const pollMs = workerOptions.pollMs ?? 500;
    const lanes = database.dialect === 'sqlite' ? 1 : Math.max(1, workerOptions.concurrency ?? 2);
    const scheduleEveryMs = workerOptions.scheduleEveryMs ?? 30_000;
    let stopping = false;
    const sleepers = new Set<() => void>();
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        }
        sleepers.add(done);
      });

    async function lane() {
      while (!stopping) {
        let ran = false;
        try {
          ran = (await runBatch()) > 0;
        } catch (error) {
          onError(error, 'job worker: claim or update failed');
        }
        if (!ran && !stopping) await sleep(pollMs);
      }
    }
    async function scheduler() {
      while (!stopping) {
        try {
          await runSchedules();
          await pruneDone();
        } catch (error) {
          onError(error, 'job worker: schedules failed');
        }
        if (!stopping) await sleep(scheduleEveryMs);
      }
    }
    const running = [...Array.from({ length: lanes }, () => lane()), scheduler()];
    return {
      stop: async () => {
        stopping = true;
        for (const wake of [...sleepers]) wake();
        await Promise.all(running);
      },
    };
  }

  const queue = {
    workerId,
    enqueue: (executor: Executor, enqueueOptions: EnqueueOptions) => insertJob(executor, enqueueOptions, clock.now()),
    register(type: string, handler: JobHandler) {
      if (handlers.has(type)) throw new Error(`A handler for job type "${type}" is already registered.`);
      handlers.set(type, handler);
    },
    schedule(name: string, scheduleOptions: { type: string; payload?: Record<string, unknown>; dailyAt: DailyAt }) {
      const { dailyAt } = scheduleOptions;
      let minutes: () => Promise<number | null>;
      if (typeof dailyAt === 'string') {
        const fixed = parseDailyAt(dailyAt);
        minutes = async () => fixed;
      } else {
        // Read at every check, so a time saved in Settings applies without restarting the worker.
        minutes = async () => {
          const at = await dailyAt();
          return at === null ? null : parseDailyAt(at);
        };
      }
      schedules.set(name, { type: scheduleOptions.type, payload: scheduleOptions.payload ?? {}, minutes });
    },
    /** Where the worker loop reports its own failures (the composition root passes its logger). */
    setErrorReporter(report: (error: unknown, message: string) => void) {
      onError = report;
    },
    claim,
    runBatch,
    runOnce,
    drain,
    runSchedules,
    pruneDone,
    start,
  } satisfies JobQueue & Record<string, unknown>;
  return queue;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, 2000);
}

export { countJobsByState } from './job-store.repo';
