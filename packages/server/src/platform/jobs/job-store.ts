import type { Executor } from '../db/database';
import type { EnqueueOptions } from './queue-types';

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
