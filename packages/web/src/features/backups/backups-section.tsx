import { useState } from 'react';
import {
  Badge,
  Button,
  Code,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupRun, BackupSettings } from '@bizdash/contracts/backup';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { PLACEHOLDER, formatDateTime, formatNumber } from '../../lib/format';
import { useBackUpNow, useBackupSettings, useSaveBackupSettings } from './api';

/** Settings → Backups: the daily backup schedule, the last backup and "Back up now". */
export function BackupsSection() {
  // The last backup's start time when "Back up now" was clicked: while it is unchanged, the page polls.
  const [waitingSince, setWaitingSince] = useState<string | null | undefined>(undefined);
  const settings = useBackupSettings({ isWaitingForBackup: waitingSince !== undefined });
  const lastStartedAt = settings.data?.lastBackup?.startedAt ?? null;
  if (waitingSince !== undefined && settings.data && lastStartedAt !== waitingSince) setWaitingSince(undefined);

  return (
    <>
      <PageHeader
        title="Backups"
        description="A daily copy of the database, uploaded files and the secret key, made by the background worker into the backups folder of the data directory. Restore one with `bizdash restore`."
      />
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <QueryError error={settings.error} what="the backup settings" onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="lg" maw={960}>
          <ScheduleForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} />
          <LastBackupCard
            settings={settings.data}
            isWaiting={waitingSince !== undefined}
            onQueued={() => setWaitingSince(lastStartedAt)}
          />
        </Stack>
      )}
    </>
  );
}

function ScheduleForm({ settings }: { settings: BackupSettings }) {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const save = useSaveBackupSettings();
  const [isEnabled, setIsEnabled] = useState(settings.isEnabled);
  const [dailyAt, setDailyAt] = useState(settings.dailyAt);
  const [keepCount, setKeepCount] = useState<number | string>(settings.keepCount);
  const errors = fieldErrorsOf(save.error);

  function submit() {
    save.mutate(
      { isEnabled, dailyAt, keepCount: Number(keepCount) },
      { onSuccess: () => notifications.show({ color: 'teal', message: 'Backup schedule saved' }) },
    );
  }

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        Daily backup
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Switch
            label="Back up every day"
            disabled={!canManage}
            checked={isEnabled}
            onChange={(e) => setIsEnabled(e.currentTarget.checked)}
          />
          <Group align="flex-start">
            <TextInput
              label="Time of day (IST)"
              type="time"
              required
              w={160}
              disabled={!canManage}
              value={dailyAt}
              onChange={(e) => setDailyAt(e.currentTarget.value)}
              error={errors.dailyAt}
            />
            <NumberInput
              label="Backups to keep"
              description="Older scheduled backups are deleted"
              min={1}
              max={365}
              required
              w={220}
              disabled={!canManage}
              value={keepCount}
              onChange={setKeepCount}
              error={errors.keepCount}
            />
          </Group>
          <Text size="sm" c="dimmed">
            Folder: <Code>{settings.directory}</Code>. Backups made with “Back up now” or the command line are never
            deleted automatically.
          </Text>
          {save.isError && Object.keys(errors).length === 0 ? (
            <Text c="red" size="sm">
              {errorMessage(save.error)}
            </Text>
          ) : null}
          {canManage ? (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save schedule
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              Only an owner or admin can change these.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

/** Backup sizes in MB with one decimal (binary megabytes, Indian digit grouping). */
function formatMegabytes(bytes: number | null): string {
  if (bytes === null) return PLACEHOLDER;
  return `${formatNumber((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

function LastBackupCard({
  settings,
  isWaiting,
  onQueued,
}: {
  settings: BackupSettings;
  isWaiting: boolean;
  onQueued: () => void;
}) {
  const { can } = useAuth();
  const backUpNow = useBackUpNow();
  const last = settings.lastBackup;
  return (
    <Paper withBorder p="md" data-testid="last-backup">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Last backup</Title>
        {can('settings.manage') ? (
          <Button
            variant="default"
            loading={backUpNow.isPending || isWaiting}
            onClick={() =>
              backUpNow.mutate(undefined, {
                onSuccess: () => {
                  onQueued();
                  notifications.show({ color: 'teal', message: 'Backup queued; it runs in the background' });
                },
                onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
              })
            }
          >
            Back up now
          </Button>
        ) : null}
      </Group>
      {last ? <LastBackupTable run={last} /> : <Text c="dimmed">No backup has been made by the app yet.</Text>}
    </Paper>
  );
}

function LastBackupTable({ run }: { run: BackupRun }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={false}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={160}>Time</Table.Th>
          <Table.Td className="num">{formatDateTime(run.startedAt)}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Status</Table.Th>
          <Table.Td>
            <Badge color={run.status === 'done' ? 'teal' : 'red'} variant="light">
              {run.status === 'done' ? 'Done' : 'Failed'}
            </Badge>{' '}
            <Text span size="sm" c="dimmed">
              {run.trigger === 'schedule' ? 'scheduled' : 'back up now'}
            </Text>
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Size</Table.Th>
          <Table.Td className="num">{formatMegabytes(run.sizeBytes)}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>Folder</Table.Th>
          <Table.Td>{run.folder ? <Code>{run.folder}</Code> : PLACEHOLDER}</Table.Td>
        </Table.Tr>
        {run.error ? (
          <Table.Tr>
            <Table.Th>Error</Table.Th>
            <Table.Td>
              <Text c="red" size="sm">
                {run.error}
              </Text>
            </Table.Td>
          </Table.Tr>
        ) : null}
      </Table.Tbody>
    </Table>
  );
}
