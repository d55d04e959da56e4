import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupQueued, BackupSettings, UpdateBackupSettingsInput } from '@bizdash/contracts/backup';
import { api } from '../../lib/api';
import { auditKeys } from '../audit/api';
import { jobKeys } from '../jobs/api';

/** Query hooks for Settings → Backups. */
export const backupKeys = {
  settings: ['backups', 'settings'] as const,
};

export function useBackupSettings(options: { isWaitingForBackup?: boolean } = {}) {
  return useQuery({
    queryKey: backupKeys.settings,
    queryFn: ({ signal }) => api.get<BackupSettings>('/settings/backups', undefined, signal),
    // While a "Back up now" job is in the worker, poll so its result appears without a reload.
    refetchInterval: options.isWaitingForBackup ? 3_000 : false,
  });
}

function useInvalidateBackups() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: backupKeys.settings }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      queryClient.invalidateQueries({ queryKey: jobKeys.all }),
    ]);
}

export function useSaveBackupSettings() {
  const invalidate = useInvalidateBackups();
  return useMutation({
    mutationFn: (input: UpdateBackupSettingsInput) => api.put<BackupSettings>('/settings/backups', input),
    onSuccess: invalidate,
  });
}

export function useBackUpNow() {
  const invalidate = useInvalidateBackups();
  return useMutation({
    mutationFn: () => api.post<BackupQueued>('/settings/backups/run'),
    onSuccess: invalidate,
  });
}
