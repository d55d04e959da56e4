import { Badge, Code, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { AuditEntry } from '@bizdash/contracts/audit';
import { AuditChangesTable } from '../../../components/audit-changes';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';
import { useRetained } from '../../../lib/use-retained';
import { ACTOR_TYPE_LABELS, actionColor, actionLabel, actorName, recordLabel } from '../audit-labels';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** One audit entry in full: the before/after of every changed field and the request it came from. */
export function AuditEntryDrawer({ entry: target, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const entry = useRetained(target);
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="xl"
      padding="lg"
      title={
        entry ? (
          <Text fw={600}>
            Audit entry <span className="num">#{entry.seq}</span>
          </Text>
        ) : (
          'Audit entry'
        )
      }
    >
      {entry ? (
        <Stack gap="lg" data-testid="audit-drawer">
          <Stack gap={6}>
            <Group gap="xs">
              <Badge color={actionColor(entry.action)} variant="light">
                {entry.actionLabel || actionLabel(entry.action)}
              </Badge>
              <Code>{entry.action}</Code>
            </Group>
            <Text size="sm" c="dimmed">
              <span className="num">{formatDateTime(entry.at, { seconds: true })}</span> IST ·{' '}
              {formatRelativeTime(entry.at)}
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Fact label="Actor">
              {actorName(entry.actor)}{' '}
              <Text span size="xs" c="dimmed">
                ({ACTOR_TYPE_LABELS[entry.actor.type]}
                {entry.actor.id !== null ? ` #${entry.actor.id}` : ''})
              </Text>
            </Fact>
            <Fact label="Record">{recordLabel(entry)}</Fact>
            <Fact label="Request ID">
              {entry.requestId ? (
                <span className="mono">{entry.requestId}</span>
              ) : (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              )}
            </Fact>
            <Fact label="IP address">
              {entry.ip ? (
                <span className="mono">{entry.ip}</span>
              ) : (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              )}
            </Fact>
          </SimpleGrid>
          <Stack gap="xs">
            <Title order={4} fz="md">
              Changes
            </Title>
            <AuditChangesTable changes={entry.changes} refNames={entry.refNames} />
          </Stack>
          <Fact label="Hash (chains this entry to the one before it)">
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {entry.hash}
            </Code>
          </Fact>
        </Stack>
      ) : null}
    </Drawer>
  );
}
