import type { Generated } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** Tables of syncing to outside targets: webhooks, Google Sheets, XLSX ledgers (migration 202611231500-create-jobs). */
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

export interface SyncTables {
  sync_targets: SyncTargetsTable;
  sync_records: SyncRecordsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
