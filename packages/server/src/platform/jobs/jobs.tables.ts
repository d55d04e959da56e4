import type { Generated } from 'kysely';
import type { Bool } from '../db/schema';

/** Tables of the durable job queue, the event outbox and sync targets (issue 8). */
export type JobState = 'queued' | 'running' | 'failed' | 'dead' | 'done';

export interface JobsTable {
  id: Generated<number>;
  type: string;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  idempotency_key: string | null;
  pending_key: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  last_run_date: string | null;
  updated_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  type: string;
  entity: string;
  entity_id: string;
  payload: string;
  at: string;
}

export interface SyncTargetsTable {
  id: Generated<number>;
  kind: 'webhook' | 'google_sheets' | 'xlsx';
  name: string;
  config: string;
  events: string;
  is_active: Bool;
  created_at: string;
  updated_at: string;
}

export interface SyncRecordsTable {
  id: Generated<number>;
  target_id: number;
  entity: string;
  entity_id: string;
  state: 'pending' | 'synced' | 'failed' | 'cancelled';
  row_ref: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  last_event_id: number | null;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  target_id: number;
  event_id: number;
  event_type: string;
  attempt: number;
  status: number | null;
  ok: Bool;
  error: string | null;
  duration_ms: number;
  replay: Bool;
  created_at: string;
}

export interface JobsTables {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  events: EventsTable;
  sync_targets: SyncTargetsTable;
  sync_records: SyncRecordsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
