import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BackupRun, BackupSettings, UpdateBackupSettingsInput } from '@bizdash/contracts/backup';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import type { RequestContext } from '../../../platform/request-context';
import type { BackupTrigger } from './backup.tables';
import { MANIFEST_FILE, type Manifest } from './dump-format';
import * as repo from './backup-schedule.repo';

export const BACKUP_RUN_JOB = 'backup.run';
/** The daily schedule's name in job_schedules. */
export const BACKUP_SCHEDULE = 'backup.daily';

const DEFAULTS = { isEnabled: false, dailyAt: '02:00', keepCount: 7 };

export interface BackupScheduleDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  queue: JobQueue;
  /** Where backups go: $BIZDASH_DATA_DIR/backups. */
  backupsDir: string;
  /** The backup itself (BackupService.backup), into a new folder under backupsDir. */
  backup: () => Promise<{ dir: string; manifest: Manifest }>;
}

export type BackupScheduleService = ReturnType<typeof makeBackupScheduleService>;

/** Scheduled daily backups (issue 17): settings, the `backup.run` job, retention of the schedule's own backups. */
export function makeBackupScheduleService(deps: BackupScheduleDeps) {
  const { database, audit, clock, queue, backupsDir } = deps;

  async function getSettings(): Promise<BackupSettings> {
    const row = await repo.getSettings(database.db);
    const last = await repo.lastRun(database.db);
    return {
      isEnabled: row ? toBool(row.is_enabled) : DEFAULTS.isEnabled,
      dailyAt: row?.daily_at ?? DEFAULTS.dailyAt,
      keepCount: row ? Number(row.keep_count) : DEFAULTS.keepCount,
      directory: backupsDir,
      updatedAt: row?.updated_at ?? null,
      lastBackup: last ? toRun(last) : null,
    };
  }

  async function updateSettings(ctx: RequestContext, input: UpdateBackupSettingsInput): Promise<BackupSettings> {
    await database.transaction(async (tx) => {
      const before = await repo.getSettings(tx);
      const row = {
        is_enabled: input.isEnabled,
        daily_at: input.dailyAt,
        keep_count: input.keepCount,
        updated_at: clock.now().toISOString(),
      };
      await repo.saveSettings(tx, row, before !== undefined);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const pairs: [string, unknown, unknown][] = [
        ['isEnabled', before ? toBool(before.is_enabled) : null, input.isEnabled],
        ['dailyAt', before?.daily_at ?? null, input.dailyAt],
        ['keepCount', before ? Number(before.keep_count) : null, input.keepCount],
      ];
      for (const [field, b, a] of pairs) if (b !== a) changes[field] = { before: b, after: a };
      await audit.record(tx, ctx, {
        action: 'backup.settings_updated',
        entity: 'backup_settings',
        entityId: 1,
        changes,
      });
    });
    return getSettings();
  }

  /** Queues a backup at once; the worker runs it like any other job (it shows on the Jobs page). */
  async function backUpNow(ctx: RequestContext): Promise<{ queued: true }> {
    await database.transaction(async (tx) => {
      await queue.enqueue(tx, {
        type: BACKUP_RUN_JOB,
        payload: { trigger: 'manual' },
        // A second click while one is waiting adds nothing.
        idempotencyKey: 'backup:manual',
        maxAttempts: 3,
      });
      await audit.record(tx, ctx, { action: 'backup.requested', entity: 'backup_settings', entityId: 1 });
    });
    return { queued: true };
  }

  /**
   * The `backup.run` job: one backup, its outcome recorded (a failure too, then rethrown so the job retries and
   * shows as failed), then retention when the schedule made it.
   */
  async function runBackup(trigger: BackupTrigger): Promise<BackupRun> {
    const startedAt = clock.now().toISOString();
    let result: { dir: string; manifest: Manifest };
    try {
      result = await deps.backup();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await repo.insertRun(database.db, {
        trigger,
        status: 'failed',
        started_at: startedAt,
        finished_at: clock.now().toISOString(),
        folder: null,
        size_bytes: null,
        error: message.slice(0, 2000),
      });
      throw error;
    }
    const manifestBytes = (await stat(path.join(result.dir, MANIFEST_FILE))).size;
    const sizeBytes = result.manifest.files.reduce((sum, f) => sum + f.bytes, manifestBytes);
    const run = {
      trigger,
      status: 'done' as const,
      started_at: startedAt,
      finished_at: clock.now().toISOString(),
      folder: result.dir,
      size_bytes: sizeBytes,
      error: null,
    };
    await repo.insertRun(database.db, run);
    if (trigger === 'schedule') await applyRetention();
    return toRun(run);
  }

  /** Deletes the schedule's backups beyond the newest keepCount; hand-made backups are never touched. */
  async function applyRetention(): Promise<number> {
    const { keepCount } = await getSettings();
    const runs = await repo.keptScheduledRuns(database.db);
    let deleted = 0;
    for (const run of runs.slice(keepCount)) {
      // Only ever a folder inside the backups directory: a row can never make retention delete elsewhere.
      const relative = path.relative(backupsDir, path.resolve(run.folder));
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      await rm(run.folder, { recursive: true, force: true });
      await repo.markDeleted(database.db, run.id, clock.now().toISOString());
      deleted++;
    }
    return deleted;
  }

  queue.register(BACKUP_RUN_JOB, async (payload) => {
    await runBackup(payload.trigger === 'manual' ? 'manual' : 'schedule');
  });
  queue.schedule(BACKUP_SCHEDULE, {
    type: BACKUP_RUN_JOB,
    payload: { trigger: 'schedule' },
    dailyAt: async () => {
      const row = await repo.getSettings(database.db);
      return row && toBool(row.is_enabled) ? row.daily_at : null;
    },
  });

  return { getSettings, updateSettings, backUpNow, runBackup, applyRetention };
}

function toRun(row: {
  trigger: BackupTrigger;
  status: 'done' | 'failed';
  started_at: string;
  finished_at: string;
  folder: string | null;
  size_bytes: number | null;
  error: string | null;
}): BackupRun {
  return {
    trigger: row.trigger,
    status: row.status,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: new Date(row.finished_at).toISOString(),
    folder: row.folder,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    error: row.error,
  };
}
