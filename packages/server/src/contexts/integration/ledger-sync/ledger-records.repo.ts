import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Executor } from '../../../platform/db/database';

export interface DirtyRecord {
  id: number;
  entity: string;
  entity_id: string;
  row_ref: string | null;
  last_event_id: number | null;
}

/**
 * PostgreSQL only: takes the transaction-scoped advisory lock named by `name` and `targetId` if no one holds it;
 * false when another transaction does.
 */
export async function tryAdvisoryXactLock(tx: Transaction<DB>, name: string, targetId: number): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtext(${name}), ${targetId}) as locked`.execute(tx);
  return Boolean(rows[0]?.locked);
}

/** The next dirty records of a target, oldest first. */
export function dirtyRecords(executor: Executor, targetId: number, limit: number, afterId = 0): Promise<DirtyRecord[]> {
  return executor
    .selectFrom('sync_records')
    .select(['id', 'entity', 'entity_id', 'row_ref', 'last_event_id'])
    .where('target_id', '=', targetId)
    .where('state', '=', 'pending')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute() as Promise<DirtyRecord[]>;
}

/** The next records of a target (any state) whose entity is one of `entities`, oldest first. */
export function recordsOfEntities(
  executor: Executor,
  targetId: number,
  entities: string[],
  limit: number,
  afterId: number,
) {
  return executor
    .selectFrom('sync_records')
    .select(['id', 'entity', 'entity_id', 'row_ref', 'last_event_id', 'state'])
    .where('target_id', '=', targetId)
    .where('entity', 'in', entities)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Remembers the row a record was written to. */
export async function setRowRef(executor: Executor, id: number, rowRef: string | null, now: string): Promise<void> {
  await executor.updateTable('sync_records').set({ row_ref: rowRef, updated_at: now }).where('id', '=', id).execute();
}

/** Moves a pending record to `state`, only if its last event is still the one the write read. */
export async function finishIfUnchanged(
  executor: Executor,
  record: Pick<DirtyRecord, 'id' | 'last_event_id'>,
  state: 'synced' | 'cancelled',
  now: string,
): Promise<void> {
  let done = executor
    .updateTable('sync_records')
    .set({ state, last_error: null, updated_at: now })
    .where('id', '=', record.id)
    .where('state', '=', 'pending');
  done =
    record.last_event_id === null
      ? done.where('last_event_id', 'is', null)
      : done.where('last_event_id', '=', record.last_event_id);
  await done.execute();
}
