import { useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconHistory } from '@tabler/icons-react';
import type { AuditEntry } from '@bizdash/contracts/audit';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { formatCount, formatDateTime } from '../../lib/format';
import { useAuditLog } from './api';
import {
  ACTOR_TYPE_LABELS,
  actionColor,
  actionLabel,
  actorName,
  changedFieldsSummary,
  entityNoun,
  recordPath,
} from './audit-labels';
import { AuditEntryDrawer } from './components/audit-entry-drawer';
import { AuditFiltersBar } from './components/audit-filters';
import { useAuditFilters } from './url-state';

const PAGE_SIZE = 50;
const COLUMN_COUNT = 6;

export function AuditPage() {
  const { filters, update, clear, activeCount } = useAuditFilters();
  const query = useAuditLog(filters, { limit: PAGE_SIZE });
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const isNewestFirst = filters.order !== 'asc';

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in BizDash: who made it, when, and what it changed. Entries are chained by hash and can't be edited."
      />
      <Paper withBorder p="md" mb="md">
        <AuditFiltersBar filters={filters} update={update} clear={clear} activeCount={activeCount} />
      </Paper>

      <Paper withBorder p={0}>
        <Group
          justify="space-between"
          px="md"
          py="sm"
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          <Text size="sm" c="dimmed" className="num">
            {query.data
              ? `Showing ${formatCount(entries.length, 'entry', 'entries')}${query.hasNextPage ? ' so far' : ''}`
              : ' '}
          </Text>
          <SegmentedControl
            size="xs"
            value={isNewestFirst ? 'desc' : 'asc'}
            onChange={(v) => update({ order: v })}
            data={[
              { value: 'desc', label: 'Newest first' },
              { value: 'asc', label: 'Oldest first' },
            ]}
            aria-label="Order"
          />
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError
              error={query.error}
              what="the audit log"
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={980} type="native">
            <Table highlightOnHover={entries.length > 0} verticalSpacing="sm" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80} className="num-cell">
                    #
                  </Table.Th>
                  <Table.Th w={190}>Time (IST)</Table.Th>
                  <Table.Th w={200}>Actor</Table.Th>
                  <Table.Th w={240}>Action</Table.Th>
                  <Table.Th w={260}>Record</Table.Th>
                  <Table.Th>Changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMN_COUNT} rows={10} />
                ) : entries.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMN_COUNT}>
                      <Stack align="center" py={40} gap={4} c="dimmed">
                        <IconHistory size={24} />
                        <Text size="sm" inherit>
                          {activeCount > 0 ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  entries.map((entry) => (
                    <Table.Tr
                      key={entry.seq}
                      className="row-clickable"
                      onClick={() => setSelected(entry)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') setSelected(entry);
                      }}
                      tabIndex={0}
                      aria-label={`Entry ${entry.seq}, open details`}
                      data-testid={`audit-row-${entry.seq}`}
                      data-action={entry.action}
                    >
                      <Table.Td className="num-cell">
                        <Text size="sm" c="dimmed" inherit>
                          {entry.seq}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num">
                          {formatDateTime(entry.at, { seconds: true })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} truncate>
                          {actorName(entry.actor)}
                        </Text>
                        {actorName(entry.actor) !== ACTOR_TYPE_LABELS[entry.actor.type] ? (
                          <Text size="xs" c="dimmed">
                            {ACTOR_TYPE_LABELS[entry.actor.type]}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={actionColor(entry.action)}
                          size="sm"
                          style={{ textTransform: 'none' }}
                        >
                          {entry.actionLabel || actionLabel(entry.action)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <RecordCell entry={entry} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={entry.changes ? undefined : 'dimmed'} lineClamp={2}>
                          {changedFieldsSummary(entry.changes) || '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {query.isError && query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what="more entries" onRetry={() => void query.fetchNextPage()} />
          </div>
        ) : null}
      </Paper>
      {query.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {isNewestFirst ? 'Load older entries' : 'Load newer entries'}
          </Button>
        </Group>
      ) : entries.length > 0 ? (
        <Text size="xs" c="dimmed" ta="center" mt="md">
          {isNewestFirst ? 'That is the oldest entry.' : 'That is the newest entry.'}
        </Text>
      ) : null}
      <AuditEntryDrawer entry={selected} onClose={() => setSelected(null)} />
    </>
  );
}

/** The record an entry is about: its kind, and its document number or name (a link where it has a page). */
function RecordCell({ entry }: { entry: AuditEntry }) {
  const path = recordPath(entry);
  const name = entry.entityLabel ?? (entry.entityId ? `#${entry.entityId}` : null);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {entityNoun(entry.entity)}
      </Text>
      {name ? (
        path ? (
          <Anchor component={Link} to={path} size="sm" onClick={(e) => e.stopPropagation()} lineClamp={2}>
            {name}
          </Anchor>
        ) : (
          <Text size="sm" lineClamp={2}>
            {name}
          </Text>
        )
      ) : null}
    </Stack>
  );
}
