import type { Generated } from 'kysely';

/** Tables of the durable job queue and the event outbox (issue 8); sync's tables are contexts/integration/sync/sync.tables.ts. */
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

export interface JobsTables {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  events: EventsTable;
}
