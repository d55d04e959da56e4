import type { Executor } from '../../../platform/db/database';
import type { EventType } from '../../../platform/jobs/events.repo';

/**
 * The one seam between the sync module (targets, records, the `sync.deliver` job) and each kind of target. A driver
 * only knows how to put one event somewhere; the sync module owns retries, record state and the log.
 */
export interface SyncTargetRef<C> {
  id: number;
  name: string;
  config: C;
}

export interface SyncEventRef {
  id: number;
  type: EventType;
  entity: string;
  entityId: string;
  payload: Record<string, unknown>;
  at: string;
}

export interface SyncDeliverInput<C> {
  target: SyncTargetRef<C>;
  event: SyncEventRef;
  record: { rowRef: string | null; state: string };
  executor: Executor;
}

export interface SyncDriver<C = unknown> {
  kind: 'webhook' | 'google_sheets' | 'xlsx';
  /** Deliver one event; return the row reference to remember (sheets: "Sales!A12"). Throw to retry. */
  deliver(input: SyncDeliverInput<C>): Promise<{ rowRef?: string | null; state?: 'synced' | 'pending' | 'cancelled' }>;
}
