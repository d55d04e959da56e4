import { useState } from 'react';
import { Anchor, Badge, Box, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconHistory } from '@tabler/icons-react';
import type { AuditEntry } from '@bizdash/contracts/audit';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { QueryError } from '../../components/query-error';
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

const COLUMNS: ListColumn<AuditEntry>[] = [
  {
    key: 'seq',
    label: '#',
    w: 80,
    className: 'num-cell',
    render: (entry) => (
      <Text size="sm" c="dimmed" inherit>
        {entry.seq}
      </Text>
    ),
  },
  {
    key: 'at',
    label: 'Time (IST)',
    w: 190,
    render: (entry) => (
      <Text size="sm" className="num">
        {formatDateTime(entry.at, { seconds: true })}
      </Text>
    ),
  },
  { key: 'actor', label: 'Actor', w: 200, render: (entry) => <ActorCell entry={entry} /> },
  { key: 'action', label: 'Action', w: 240, render: (entry) => <ActionBadge entry={entry} /> },
  { key: 'record', label: 'Record', w: 260, render: (entry) => <RecordCell entry={entry} /> },
  {
    key: 'changed',
    label: 'Changed',
    render: (entry) => (
      <Text size="sm" c={entry.changes ? undefined : 'dimmed'} lineClamp={2}>
        {changedFieldsSummary(entry.changes) || '—'}
      </Text>
    ),
  },
];

export function AuditPage() {
  const { filters, update, clearFilters, activeFilterCount } = useAuditFilters();
  const query = useAuditLog(filters, { limit: PAGE_SIZE });
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const isNewestFirst = filters.order !== 'asc';

  return (
    <>
      <ListPage
        title="Audit log"
        description="Every change made in BizDash: who made it, when, and what it changed. Entries are chained by hash and can't be edited."
        filters={<AuditFiltersBar filters={filters} update={update} />}
        filtersLayout="grid"
        activeFilterCount={activeFilterCount}
        onClearFilters={clearFilters}
        toolbar={
          <Group
            justify="space-between"
            px="md"
            py="sm"
            gap="xs"
            wrap="wrap"
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
        }
        // The log reads on by cursor ("Load older entries") rather than by page number.
        query={{ ...query, data: query.data ? { items: entries, total: entries.length } : undefined }}
        what="the audit log"
        columns={COLUMNS}
        rowKey={(entry) => entry.seq}
        rowProps={(entry) => ({
          onOpen: () => setSelected(entry),
          ariaLabel: `Entry ${entry.seq}, open details`,
          testId: `audit-row-${entry.seq}`,
          cardTestId: `audit-card-${entry.seq}`,
          data: { 'data-action': entry.action },
        })}
        renderCard={(entry) => <AuditCard entry={entry} />}
        tableTestId="audit-table"
        cardsTestId="audit-cards"
        minWidth={980}
        emptyIcon={<IconHistory size={24} />}
        emptyText="Nothing has been recorded yet."
        noMatchText="No entries match these filters."
        footer={
          <>
            {query.isError && query.data ? (
              <Box mt="md">
                <QueryError error={query.error} what="more entries" onRetry={() => void query.fetchNextPage()} />
              </Box>
            ) : null}
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
          </>
        }
      />
      <AuditEntryDrawer entry={selected} onClose={() => setSelected(null)} />
    </>
  );
}

function ActorCell({ entry }: { entry: AuditEntry }) {
  return (
    <>
      <Text size="sm" fw={500} truncate>
        {actorName(entry.actor)}
      </Text>
      {actorName(entry.actor) !== ACTOR_TYPE_LABELS[entry.actor.type] ? (
        <Text size="xs" c="dimmed">
          {ACTOR_TYPE_LABELS[entry.actor.type]}
        </Text>
      ) : null}
    </>
  );
}

function ActionBadge({ entry }: { entry: AuditEntry }) {
  return (
    <Badge
      variant="light"
      color={actionColor(entry.action)}
      size="sm"
      style={{ textTransform: 'none', maxWidth: '100%' }}
    >
      {entry.actionLabel || actionLabel(entry.action)}
    </Badge>
  );
}

/** An entry on a phone: what happened and to which record, then who and when, and the fields it changed. */
function AuditCard({ entry }: { entry: AuditEntry }) {
  const changed = changedFieldsSummary(entry.changes);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Box style={{ minWidth: 0 }}>
          <ActionBadge entry={entry} />
        </Box>
        <Text size="xs" c="dimmed" className="num" style={{ flexShrink: 0 }}>
          #{entry.seq}
        </Text>
      </Group>
      <RecordCell entry={entry} />
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Box style={{ minWidth: 0 }}>
          <ActorCell entry={entry} />
        </Box>
        <Text size="xs" c="dimmed" className="num" ta="right">
          {formatDateTime(entry.at, { seconds: true })}
        </Text>
      </Group>
      {changed ? (
        <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {changed}
        </Text>
      ) : null}
    </Stack>
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
