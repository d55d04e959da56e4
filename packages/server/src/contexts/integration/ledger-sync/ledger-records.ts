import { isAppError } from '@bizdash/domain/errors';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import { finishIfUnchanged, setRowRef, tryAdvisoryXactLock, type DirtyRecord } from './ledger-records.repo';

export type { DirtyRecord } from './ledger-records.repo';

/**
 * What the Sheets and XLSX drivers share: a deliver marks the target's record dirty and queues one debounced write
 * job per target; the job re-reads the dirty records, writes them, and marks each one done unless another event
 * arrived for it meanwhile (then it stays pending for the next run, but keeps the row it was given).
 */
export interface LedgerTargetRef<C> {
  id: number;
  name: string;
  kind: string;
  config: C;
}

export interface LedgerDriverDeps<C = unknown> {
  database: Database;
  clock: Clock;
  queue: JobQueue;
  /** The target with decrypted config (from the sync module); null when missing or inactive. */
  loadTarget: (targetId: number) => Promise<LedgerTargetRef<C> | null>;
}

/**
 * Adapts the sync module's target resolver (which throws NOT_FOUND) to what the ledger jobs want: an active target
 * or null, since a target deleted or switched off after its events were queued simply has nothing left to write.
 */
export function activeTargetLoader<C>(
  resolve: (id: number) => Promise<LedgerTargetRef<unknown> & { isActive: boolean }>,
): (id: number) => Promise<LedgerTargetRef<C> | null> {
  return async (id) => {
    try {
      const target = await resolve(id);
      // The sync module parsed the config with this kind's schema when it was saved.
      return target.isActive ? (target as LedgerTargetRef<C>) : null;
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  };
}

/** How long a burst of events is gathered before the write job runs: one job per target per window. */
export const DEBOUNCE_MS = 1000;

/**
 * Queues `type` for a target at most once per debounce window. The key names the window, so an enqueue that lands
 * while the previous window's job is already running still gets a job of its own.
 */
export async function enqueueDebounced(
  queue: JobQueue,
  executor: Executor,
  clock: Clock,
  type: string,
  targetId: number,
): Promise<void> {
  const window = Math.floor(clock.now().getTime() / DEBOUNCE_MS) + 1;
  await queue.enqueue(executor, {
    type,
    payload: { targetId },
    idempotencyKey: `${type}:${targetId}:${window}`,
    runAt: new Date(window * DEBOUNCE_MS).toISOString(),
    maxAttempts: 20,
  });
}

/**
 * Runs one ledger write (a Sheets flush, an XLSX rebuild) unless another run of the same type and target is in
 * progress anywhere. Two debounced jobs of one target (consecutive windows picked up by two workers, or by two lanes
 * of one) would otherwise overlap: both read the same dirty records and column A and append the same new rows
 * (Sheets), or the slower rebuild renames an older workbook over a newer one (XLSX). When the target is busy, a
 * follow-up job a moment later takes over and this run ends; the busy run may have read the records before the
 * newest events arrived, so skipping without a follow-up could leave them pending.
 *
 * PostgreSQL: a transaction-scoped advisory lock, held by an otherwise idle transaction while `write` runs on other
 * connections; a worker that dies loses its connection and with it the lock, so nothing waits for a lease to pass.
 * SQLite: one job lane per process runs jobs one after another, so there is no overlap to prevent.
 */
export async function runAlone(
  deps: { database: Database; clock: Clock; queue: JobQueue; random?: () => number },
  type: string,
  targetId: number,
  write: () => Promise<unknown>,
): Promise<'done' | 'deferred'> {
  const { database, clock, queue } = deps;
  if (database.dialect !== 'postgres') {
    await write();
    return 'done';
  }
  const outcome = await database.transaction(async (tx) => {
    if (!(await tryAdvisoryXactLock(tx, `bizdash:${type}`, targetId))) return 'deferred' as const;
    await write();
    return 'done' as const;
  });
  if (outcome === 'deferred') {
    const random = deps.random ?? Math.random;
    await queue.enqueue(database.db, {
      type,
      payload: { targetId },
      // However many runs find the target busy, one follow-up waits.
      idempotencyKey: `${type}:${targetId}:busy`,
      runAt: new Date(clock.now().getTime() + DEBOUNCE_MS + Math.floor(random() * 2 * DEBOUNCE_MS)).toISOString(),
      maxAttempts: 20,
    });
  }
  return outcome;
}

/**
 * Records the outcome of one write: the row is always remembered (so a later write updates it rather than adding
 * a duplicate); the state moves on only if no newer event arrived while the write was in flight.
 */
export async function markWritten(
  database: Database,
  clock: Clock,
  written: { record: DirtyRecord; rowRef: string | null; state: 'synced' | 'cancelled' }[],
): Promise<void> {
  if (written.length === 0) return;
  const now = clock.now().toISOString();
  await database.transaction(async (tx) => {
    for (const { record, rowRef, state } of written) {
      await setRowRef(tx, record.id, rowRef, now);
      await finishIfUnchanged(tx, record, state, now);
    }
  });
}
