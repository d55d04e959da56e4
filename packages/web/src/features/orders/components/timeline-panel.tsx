import { Badge, Button, Center, Group, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import {
  IconArrowRight,
  IconChecklist,
  IconFileUpload,
  IconFileText,
  IconMessage,
  IconPencil,
  IconPlus,
  IconPoint,
} from '@tabler/icons-react';
import { QueryError } from '../../../components/query-error';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useTimeline } from '../api';
import { eventColor } from '../labels';

function iconOf(kind: string) {
  if (kind === 'order.created') return <IconPlus size={12} />;
  if (kind === 'order.stage_changed') return <IconArrowRight size={12} />;
  if (kind === 'order.updated') return <IconPencil size={12} />;
  if (kind === 'document.file_uploaded') return <IconFileUpload size={12} />;
  if (kind.startsWith('document.')) return <IconFileText size={12} />;
  if (kind.startsWith('comment.')) return <IconMessage size={12} />;
  if (kind.startsWith('task.')) return <IconChecklist size={12} />;
  return <IconPoint size={12} />;
}

/** Everything that happened to the order, oldest first, each with who and when (IST). */
export function TimelinePanel({ orderId }: { orderId: number }) {
  const query = useTimeline(orderId);
  if (query.isPending) {
    return (
      <Stack gap="md">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} height={36} />
        ))}
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <QueryError
        error={query.error}
        what="the timeline"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  }
  const entries = query.data.pages.flatMap((p) => p.items);
  const total = query.data.pages[0]?.total ?? 0;
  if (entries.length === 0) {
    return (
      <Center py="lg">
        <Text size="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      </Center>
    );
  }
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed">
        {formatNumber(total)} event{total === 1 ? '' : 's'}, oldest first. Times are IST.
      </Text>
      <Timeline bulletSize={22} lineWidth={2} active={entries.length - 1} data-testid="order-timeline">
        {entries.map((entry) => {
          return (
            <Timeline.Item
              key={entry.id}
              color={eventColor(entry.kind)}
              bullet={iconOf(entry.kind)}
              data-testid="timeline-entry"
              data-kind={entry.kind}
              title={
                <Text size="sm" fw={600} data-testid="timeline-summary">
                  {entry.summary}
                </Text>
              }
            >
              <Group gap={6} mt={2}>
                <Text size="xs" c="dimmed" data-testid="timeline-actor">
                  {entry.actor?.name ?? 'System'}
                </Text>
                <Text size="xs" c="dimmed">
                  ·
                </Text>
                <Text size="xs" c="dimmed" className="num" component="time" dateTime={entry.at}>
                  {formatDateTime(entry.at)}
                </Text>
                {entry.payload.isReopen === true ? (
                  <Badge size="xs" color="orange" variant="light">
                    Reopened
                  </Badge>
                ) : null}
              </Group>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {query.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            Show later events
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
