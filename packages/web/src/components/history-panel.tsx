import { Button, Center, Group, Skeleton, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import { IconHistory, IconPoint } from '@tabler/icons-react';
import { useAuth } from '../app/auth/auth-context';
import { useAuditLog } from '../features/audit/api';
import { actionColor, actionLabel, actorName } from '../features/audit/audit-labels';
import { formatDateTime, formatRelativeTime } from '../lib/format';
import { AuditChangesInline } from './audit-changes';
import { QueryError } from './query-error';

interface HistoryPanelProps {
  /** Audit entity name, e.g. "user", "invoice". */
  entity: string;
  entityId: string | number;
  /** Entries per page. */
  pageSize?: number;
}

/**
 * A record's history from the audit log, newest first: who did what, when, and which fields changed.
 * Put it on any record page.
 */
export function HistoryPanel({ entity, entityId, pageSize = 20 }: HistoryPanelProps) {
  const { can } = useAuth();
  const canRead = can('audit.read');
  // Roles without audit.read would only ever get a 403: ask nothing and show nothing (callers hide their heading
  // with canReadHistory).
  const query = useAuditLog({ entity, entityId: String(entityId) }, { limit: pageSize, enabled: canRead });
  if (!canRead) return null;

  if (query.isPending) {
    return (
      <Stack gap="md" aria-busy="true" aria-label="Loading history">
        {[0, 1, 2].map((i) => (
          <Group key={i} gap="sm" align="flex-start" wrap="nowrap">
            <Skeleton circle height={20} />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton height={12} width="55%" />
              <Skeleton height={10} width="35%" />
            </Stack>
          </Group>
        ))}
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <QueryError
        error={query.error}
        what="history"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  }

  const entries = query.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <Center py="lg">
        <Stack align="center" gap={4}>
          <IconHistory size={28} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            No history recorded yet.
          </Text>
        </Stack>
      </Center>
    );
  }

  return (
    <Stack gap="md" data-testid="history-panel">
      {/* Every item "active" so each bullet takes its action's colour. */}
      <Timeline bulletSize={20} lineWidth={2} active={entries.length - 1}>
        {entries.map((entry) => (
          <Timeline.Item
            key={entry.seq}
            color={actionColor(entry.action)}
            lineVariant="solid"
            bullet={<IconPoint size={14} />}
            title={
              <Text size="sm" fw={600}>
                {entry.actionLabel || actionLabel(entry.action)}
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              {actorName(entry.actor)} ·{' '}
              <Tooltip label={`${formatDateTime(entry.at, { seconds: true })} IST`}>
                <time className="num" dateTime={entry.at}>
                  {formatRelativeTime(entry.at)}
                </time>
              </Tooltip>
            </Text>
            <AuditChangesInline changes={entry.changes} refNames={entry.refNames} />
          </Timeline.Item>
        ))}
      </Timeline>
      {query.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            Show older entries
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
