import type { Generated } from 'kysely';
import type { Bool } from '../../../platform/db/columns';

/** The one schedule row (id 1); absent until first saved, which means "off". */
export interface BackupSettingsTable {
  id: number;
  is_enabled: Bool;
  /** HH:MM in the business time zone. */
  daily_at: string;
  keep_count: number;
  updated_at: string;
}

export type BackupTrigger = 'schedule' | 'manual';

/** One backup the app made (by the schedule or "Back up now"), written when it ended. */
export interface BackupRunsTable {
  id: Generated<number>;
  trigger: BackupTrigger;
  status: 'done' | 'failed';
  started_at: string;
  finished_at: string;
  folder: string | null;
  size_bytes: number | null;
  error: string | null;
  deleted_at: string | null;
}

export interface BackupTables {
  backup_settings: BackupSettingsTable;
  backup_runs: BackupRunsTable;
}
