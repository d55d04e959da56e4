import { BackupQueued, BackupSettings, UpdateBackupSettingsInput } from '@bizdash/contracts/backup';
import type { Api } from '../../../platform/http/route-config';
import type { BackupScheduleService } from './backup-schedule.service';

/** Scheduled backups in Settings: the schedule, the last backup, and "Back up now" (a job for the worker). */
export function registerBackupRoutes(app: Api, { backups }: { backups: BackupScheduleService }) {
  app.get(
    '/api/v1/settings/backups',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['backups'],
        summary: 'The daily backup schedule and the last backup the app made (time, size, folder, status)',
        response: { 200: BackupSettings },
      },
    },
    async () => backups.getSettings(),
  );

  app.put(
    '/api/v1/settings/backups',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['backups'],
        summary: 'Save the schedule: on or off, time of day (business time), how many scheduled backups to keep',
        body: UpdateBackupSettingsInput,
        response: { 200: BackupSettings },
      },
    },
    async (request) => backups.updateSettings(request.ctx, request.body),
  );

  app.post(
    '/api/v1/settings/backups/run',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['backups'],
        summary: 'Queue a backup now (202); it runs in the worker and shows on the Jobs page',
        response: { 202: BackupQueued },
      },
    },
    async (request, reply) => reply.code(202).send(await backups.backUpNow(request.ctx)),
  );
}
