import type { SyncRecordState, SyncTargetKind } from '@bizdash/contracts/sync';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { SyncTargetsTable } from './sync.tables';

export type SyncTargetRow = Selectable<SyncTargetsTable>;

// ---------- targets ----------

export function findTarget(executor: Executor, id: number): Promise<SyncTargetRow | undefined> {
  return executor.selectFrom('sync_targets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every target, by name. */
export function listTargets(executor: Executor): Promise<SyncTargetRow[]> {
  return executor.selectFrom('sync_targets').selectAll().orderBy('name').orderBy('id').execute();
}

export async function insertTarget(
  executor: Executor,
  row: {
    kind: SyncTargetKind;
    name: string;
    config: string;
    events: string;
    is_active: boolean;
    created_at: string;
    updated_at: string;
  },
): Promise<number> {
  const inserted = await executor.insertInto('sync_targets').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateTarget(
  executor: Executor,
  id: number,
  set: Partial<Record<'name' | 'events' | 'is_active' | 'config', unknown>> & { updated_at: string },
): Promise<void> {
  await executor
    .updateTable('sync_targets')
    .set({ ...(set as object) })
    .where('id', '=', id)
    .execute();
}

/** Removes a target with its delivery log and record states. */
export async function deleteTarget(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('webhook_deliveries').where('target_id', '=', id).execute();
  await executor.deleteFrom('sync_records').where('target_id', '=', id).execute();
  await executor.deleteFrom('sync_targets').where('id', '=', id).execute();
}

// ---------- record states ----------

/** How many records each target has in each state. */
export function recordCountsByState(
  executor: Executor,
  targetIds: number[],
): Promise<{ target_id: number; state: SyncRecordState; n: number }[]> {
  return executor
    .selectFrom('sync_records')
    .select(['target_id', 'state', sql<number>`count(*)`.as('n')])
    .where('target_id', 'in', targetIds)
    .groupBy(['target_id', 'state'])
    .execute();
}

/** A page of a target's records, most recently changed first, with the type of the last event of each. */
export async function listRecordsPage(
  executor: Executor,
  targetId: number,
  query: { page: number; pageSize: number; state?: SyncRecordState | undefined },
) {
  let base = executor.selectFrom('sync_records').where('target_id', '=', targetId);
  if (query.state) base = base.where('state', '=', query.state);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('events', 'events.id', 'sync_records.last_event_id')
    .select([
      'sync_records.id',
      'sync_records.target_id',
      'sync_records.entity',
      'sync_records.entity_id',
      'sync_records.state',
      'sync_records.row_ref',
      'sync_records.attempts',
      'sync_records.last_error',
      'sync_records.last_event_id',
      'sync_records.updated_at',
      'events.type as event_type',
    ])
    .orderBy('sync_records.updated_at', 'desc')
    .orderBy('sync_records.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** The outbox event a delivery carries. */
export function findEvent(executor: Executor, eventId: number) {
  return executor.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
}

/**
 * The record of an entity at a target, created pending (naming `lastEventId`) when it has none yet; an existing
 * record is left as it is.
 */
export async function ensureRecord(
  executor: Executor,
  record: { targetId: number; entity: string; entityId: string; lastEventId: number; now: string },
) {
  await executor
    .insertInto('sync_records')
    .values({
      target_id: record.targetId,
      entity: record.entity,
      entity_id: record.entityId,
      state: 'pending',
      last_event_id: record.lastEventId,
      updated_at: record.now,
    })
    .onConflict((oc) => oc.columns(['target_id', 'entity', 'entity_id']).doNothing())
    .execute();
  return executor
    .selectFrom('sync_records')
    .select(['id', 'row_ref', 'state', 'last_event_id'])
    .where('target_id', '=', record.targetId)
    .where('entity', '=', record.entity)
    .where('entity_id', '=', record.entityId)
    .executeTakeFirstOrThrow();
}

/** One more failed attempt; the state becomes failed only when `setFailed`. */
export async function markRecordFailed(
  executor: Executor,
  id: number,
  change: { setFailed: boolean; error: string; now: string },
): Promise<void> {
  await executor
    .updateTable('sync_records')
    .set((eb) => ({
      ...(change.setFailed ? { state: 'failed' as const } : {}),
      attempts: eb('attempts', '+', 1),
      last_error: change.error,
      updated_at: change.now,
    }))
    .where('id', '=', id)
    .execute();
}

/** One more successful attempt; the state moves to `state` when given, the row reference when not undefined. */
export async function markRecordDelivered(
  executor: Executor,
  id: number,
  change: { state?: SyncRecordState | undefined; rowRef?: string | null | undefined; now: string },
): Promise<void> {
  await executor
    .updateTable('sync_records')
    .set((eb) => ({
      ...(change.state !== undefined ? { state: change.state } : {}),
      ...(change.rowRef !== undefined ? { row_ref: change.rowRef } : {}),
      attempts: eb('attempts', '+', 1),
      last_error: null,
      updated_at: change.now,
    }))
    .where('id', '=', id)
    .execute();
}
