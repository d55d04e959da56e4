import type { SyncTargetKind } from '@bizdash/contracts/sync';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { EventType } from '../../../platform/jobs/events.repo';
import type { SyncDriver } from './sync-driver';
import { ensureRecord, findEvent, findTarget, markRecordDelivered, markRecordFailed } from './sync.repo';

export interface SyncDeliverDeps {
  database: Database;
  clock: Clock;
  drivers: SyncDriver[];
  openConfig: (kind: SyncTargetKind, stored: string) => Record<string, unknown>;
}

/** The `sync.deliver` job: one event to one target, then the record's state. */
export function makeSyncDeliver({ database, clock, drivers, openConfig }: SyncDeliverDeps) {
  return async function deliver(payload: Record<string, unknown>): Promise<void> {
    const targetId = Number(payload.targetId);
    const eventId = Number(payload.eventId);
    const row = await findTarget(database.db, targetId);
    // A target deleted or switched off since the event: nothing to deliver.
    if (!row || !toBool(row.is_active)) return;
    const event = await findEvent(database.db, eventId);
    if (!event) throw new Error(`Event ${eventId} not found`);
    const driver = drivers.find((d) => d.kind === row.kind);
    if (!driver) throw new Error(`No sync driver for targets of kind "${row.kind}" is installed`);
    const now = clock.now().toISOString();
    const record = await ensureRecord(database.db, {
      targetId,
      entity: event.entity,
      entityId: event.entity_id,
      lastEventId: eventId,
      now,
    });
    // An older event finishing after a newer one was raised must not mark the record synced: the newer job will.
    const isLatest = record.last_event_id === null || Number(record.last_event_id) <= eventId;
    const input = {
      target: { id: targetId, name: row.name, config: openConfig(row.kind, row.config) },
      event: {
        id: eventId,
        type: event.type as EventType,
        entity: event.entity,
        entityId: event.entity_id,
        payload: JSON.parse(event.payload) as Record<string, unknown>,
        at: new Date(event.at).toISOString(),
      },
      record: { rowRef: record.row_ref, state: record.state },
      executor: database.db,
      replay: payload.replay === true,
    };
    let result: Awaited<ReturnType<SyncDriver['deliver']>>;
    try {
      result = await driver.deliver(input);
    } catch (error) {
      await markRecordFailed(database.db, record.id, {
        setFailed: isLatest,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
        now: clock.now().toISOString(),
      });
      throw error;
    }
    await markRecordDelivered(database.db, record.id, {
      state: isLatest ? (result.state ?? 'synced') : undefined,
      rowRef: result.rowRef,
      now: clock.now().toISOString(),
    });
  };
}
