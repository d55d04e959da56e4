import type { Executor } from '../db/database';
import { insertJob } from './job-store.repo';

/** Domain events the services raise; each is written to the outbox in the same transaction as the business write. */
export const EVENT_TYPES = [
  'order.created',
  'order.stage_changed',
  'document.status_changed',
  'receipt.recorded',
  'settlement.approved',
  'payout.recorded',
  'invoice.issued',
  'invoice.cancelled',
  'payment.recorded',
  'party.created',
  'party.updated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface DomainEvent {
  type: EventType;
  /** The record the event is about, e.g. entity 'order', entityId 42. */
  entity: string;
  entityId: number | string;
  /** A small JSON-safe summary; consumers re-read the record for the full state. */
  payload: Record<string, unknown>;
}

/**
 * Writes `event` to the outbox inside the caller's transaction (`executor` must be the transaction), so that the
 * event exists exactly when the business write commits, and, in the same transaction, one `sync.deliver` job per
 * active sync target subscribed to the event type (its sync record marked pending). A rolled-back write leaves
 * neither event nor job. Never throws for a missing consumer; delivery failures happen later, in the job.
 */
export async function emitEvent(executor: Executor, event: DomainEvent, at: string): Promise<void> {
  const entityId = String(event.entityId);
  const inserted = await executor
    .insertInto('events')
    .values({ type: event.type, entity: event.entity, entity_id: entityId, payload: JSON.stringify(event.payload), at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eventId = Number(inserted.id);
  // Targets are few (a handful configured in Settings); the subscription filter runs here rather than in SQL so it
  // reads the same on both dialects.
  const targets = await executor
    .selectFrom('sync_targets')
    .select(['id', 'events'])
    .where('is_active', '=', true)
    .execute();
  for (const target of targets) {
    const subscribed = JSON.parse(target.events) as string[];
    if (!subscribed.includes(event.type)) continue;
    await executor
      .insertInto('sync_records')
      .values({
        target_id: target.id,
        entity: event.entity,
        entity_id: entityId,
        state: 'pending',
        last_event_id: eventId,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['target_id', 'entity', 'entity_id'])
          .doUpdateSet({ state: 'pending', last_event_id: eventId, updated_at: at }),
      )
      .execute();
    await insertJob(
      executor,
      {
        type: SYNC_DELIVER_JOB,
        payload: { targetId: Number(target.id), eventId },
        idempotencyKey: `sync.deliver:${target.id}:${eventId}`,
      },
      new Date(at),
    );
  }
}

export const SYNC_DELIVER_JOB = 'sync.deliver';
