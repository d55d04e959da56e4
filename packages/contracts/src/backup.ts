import { z } from 'zod';
import { Timestamp } from './common';

/**
 * Scheduled backups (issue 17): a daily backup into $BIZDASH_DATA_DIR/backups at a time of day in the business
 * time zone, keeping the newest `keepCount` that the schedule made; "Back up now" queues one at once.
 */

export const BackupRun = z.object({
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(['done', 'failed']),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  /** The backup's folder on the server; null when the backup failed before writing one. */
  folder: z.string().nullable(),
  /** Bytes of every file in the folder (database copy, uploads, manifest). */
  sizeBytes: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type BackupRun = z.infer<typeof BackupRun>;

export const BackupSettings = z.object({
  isEnabled: z.boolean(),
  /** HH:MM, business time (Asia/Kolkata). */
  dailyAt: z.string(),
  keepCount: z.number().int(),
  /** Where backups are written. */
  directory: z.string(),
  updatedAt: Timestamp.nullable(),
  lastBackup: BackupRun.nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const UpdateBackupSettingsInput = z.object({
  isEnabled: z.boolean(),
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)'),
  keepCount: z.number().int().min(1).max(365),
});
export type UpdateBackupSettingsInput = z.infer<typeof UpdateBackupSettingsInput>;

export const BackupQueued = z.object({ queued: z.literal(true) });
export type BackupQueued = z.infer<typeof BackupQueued>;
