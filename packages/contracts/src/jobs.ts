import { z } from 'zod';
import { PageQuery, Timestamp, pageOf } from './common';

/**
 * The durable job queue as the Jobs page sees it. `failed` jobs wait for their next automatic retry (nextRunAt);
 * `dead` jobs used every attempt and wait for an admin to retry or discard them.
 */
export const JobState = z.enum(['queued', 'running', 'failed', 'dead', 'done']);
export type JobState = z.infer<typeof JobState>;

export const Job = z.object({
  id: z.number().int(),
  type: z.string(),
  state: JobState,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** For queued/failed jobs: the earliest next run. */
  nextRunAt: Timestamp,
  lastError: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type Job = z.infer<typeof Job>;

export const ListJobsQuery = PageQuery.extend({
  state: JobState.default('queued'),
  type: z.string().trim().max(100).optional(),
});
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;
export const JobPage = pageOf(Job);

export const JobCounts = z.object({
  queued: z.number().int(),
  running: z.number().int(),
  failed: z.number().int(),
  dead: z.number().int(),
  done: z.number().int(),
});
export type JobCounts = z.infer<typeof JobCounts>;
