import type { Executor } from '../db/database';

/**
 * The durable job queue's public shape (implemented in platform/jobs by the jobs module). Modules enqueue inside
 * their own transaction (transactional outbox) and register handlers at composition time.
 */
export interface EnqueueOptions {
  /** Handler name, e.g. 'sync.deliver', 'email.send', 'sheets.flush'. */
  type: string;
  payload: Record<string, unknown>;
  /** A second enqueue with the same key (while the first exists) is a no-op. */
  idempotencyKey?: string;
  /** Not before this instant (ISO); default now. */
  runAt?: string;
  /** Default 8. */
  maxAttempts?: number;
}

export interface JobRunContext {
  jobId: number;
  attempt: number;
  /** The clock's now. */
  now(): Date;
}

/**
 * A handler throws to fail the attempt (retried with exponential backoff and jitter until maxAttempts, then dead).
 * Throw a RetryLaterError to ask for a specific delay (e.g. an HTTP 429 Retry-After) without it counting as a failure
 * beyond the attempt.
 */
export type JobHandler = (payload: Record<string, unknown>, context: JobRunContext) => Promise<void>;

export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

export interface JobQueue {
  /** Writes the job with `executor` (pass the business transaction). */
  enqueue(executor: Executor, options: EnqueueOptions): Promise<void>;
  register(type: string, handler: JobHandler): void;
  /** A recurring job: `type` runs with `payload` every day at `dailyAt` ("08:00") in the business time zone. */
  schedule(name: string, options: { type: string; payload?: Record<string, unknown>; dailyAt: DailyAt }): void;
}

/**
 * "HH:MM", or a function read at every schedule check (a time kept in Settings) that answers null while the
 * schedule is switched off.
 */
export type DailyAt = string | (() => Promise<string | null>);
