import type { Selectable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { BackupRunsTable, BackupSettingsTable, BackupTrigger } from './backup.tables';

export type BackupSettingsRow = Selectable<BackupSettingsTable>;
export type BackupRunRow = Selectable<BackupRunsTable>;

export async function getSettings(executor: Executor): Promise<BackupSettingsRow | undefined> {
  return executor.selectFrom('backup_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function saveSettings(
  executor: Executor,
  row: Omit<BackupSettingsRow, 'id'>,
  exists: boolean,
): Promise<void> {
  if (exists) await executor.updateTable('backup_settings').set(row).where('id', '=', 1).execute();
  else
    await executor
      .insertInto('backup_settings')
      .values({ id: 1, ...row })
      .execute();
}

export async function lastRun(executor: Executor): Promise<BackupRunRow | undefined> {
  return executor
    .selectFrom('backup_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertRun(
  executor: Executor,
  run: {
    trigger: BackupTrigger;
    status: 'done' | 'failed';
    started_at: string;
    finished_at: string;
    folder: string | null;
    size_bytes: number | null;
    error: string | null;
  },
): Promise<void> {
  await executor
    .insertInto('backup_runs')
    .values({ ...run, deleted_at: null })
    .execute();
}

/** Successful scheduled backups whose folder is still on disk, newest first. */
export async function keptScheduledRuns(executor: Executor): Promise<{ id: number; folder: string }[]> {
  const rows = await executor
    .selectFrom('backup_runs')
    .select(['id', 'folder'])
    .where('trigger', '=', 'schedule')
    .where('status', '=', 'done')
    .where('deleted_at', 'is', null)
    .where('folder', 'is not', null)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.flatMap((r) => (r.folder ? [{ id: Number(r.id), folder: r.folder }] : []));
}

export async function markDeleted(executor: Executor, id: number, at: string): Promise<void> {
  await executor.updateTable('backup_runs').set({ deleted_at: at }).where('id', '=', id).execute();
}
