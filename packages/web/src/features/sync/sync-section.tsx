import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Switch,
  Table,
  Tabs,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil, IconPlus, IconRepeat, IconTrash } from '@tabler/icons-react';
import type { SyncRecordState, SyncTarget } from '@bizdash/contracts/sync';
import { DateTime } from '../../components/date-time';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import {
  useDeleteTarget,
  useDeliveries,
  useReplayDelivery,
  useSyncRecords,
  useSyncTargets,
  useUpdateTarget,
} from './api';
import { EVENT_LABELS, KIND_LABELS, TargetForm } from './target-form';

const STATE_COLORS: Record<SyncRecordState, string> = {
  pending: 'blue',
  synced: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

/**
 * Settings → Sync and webhooks: where business events go (webhooks, Google Sheets, the XLSX ledger). `?target=<id>`
 * opens that target's sync log.
 */
export function SyncSection() {
  const [search, setSearch] = useSearchParams();
  const targetId = Number(search.get('target')) || null;
  const targets = useSyncTargets();
  if (targetId !== null) {
    const target = targets.data?.items.find((t) => t.id === targetId);
    if (targets.isPending) return <PageLoader />;
    if (targets.isError)
      return <QueryError error={targets.error} what="sync targets" onRetry={() => void targets.refetch()} />;
    if (!target) {
      return (
        <Text>
          That target no longer exists. <Anchor onClick={() => setSearch({})}>Back to sync targets</Anchor>
        </Text>
      );
    }
    return <SyncLog target={target} onBack={() => setSearch({})} />;
  }
  return <TargetList targets={targets} onOpenLog={(id) => setSearch({ target: String(id) })} />;
}

function TargetList({
  targets,
  onOpenLog,
}: {
  targets: ReturnType<typeof useSyncTargets>;
  onOpenLog: (id: number) => void;
}) {
  const [editing, setEditing] = useState<SyncTarget | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const update = useUpdateTarget();
  const remove = useDeleteTarget();

  return (
    <>
      <PageHeader
        title="Sync and webhooks"
        description="Each issued invoice, payment and order change is sent to every active target, through the background queue: a target that is down is retried and never blocks the change itself."
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setEditing(null);
              setFormOpen(true);
            }}
          >
            Add target
          </Button>
        }
      />
      {targets.isError ? (
        <QueryError error={targets.error} what="sync targets" onRetry={() => void targets.refetch()} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="sync-targets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th>Records</Table.Th>
                  <Table.Th>Active</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {targets.isPending ? (
                  <TableSkeletonRows columns={5} rows={3} />
                ) : targets.data.items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="lg">
                        No targets yet. Add a webhook, a Google Sheet or the XLSX ledger workbook.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  targets.data.items.map((target) => (
                    <Table.Tr key={target.id}>
                      <Table.Td>
                        <Anchor fw={600} onClick={() => onOpenLog(target.id)}>
                          {target.name}
                        </Anchor>
                        <Group gap={6}>
                          <Badge size="xs" variant="light">
                            {KIND_LABELS[target.kind]}
                          </Badge>
                          <Text size="xs" c="dimmed" truncate maw={320}>
                            {'url' in target.config
                              ? target.config.url
                              : 'spreadsheetId' in target.config
                                ? target.config.spreadsheetId
                                : 'fileName' in target.config
                                  ? target.config.fileName
                                  : ''}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={target.events.map((e) => EVENT_LABELS[e]).join(', ')} multiline maw={320}>
                          <Text size="sm">{formatNumber(target.events.length)} events</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" variant="light" color="teal" className="num">
                            {formatNumber(target.counts.synced)} synced
                          </Badge>
                          {target.counts.pending > 0 ? (
                            <Badge size="sm" variant="light" color="blue" className="num">
                              {formatNumber(target.counts.pending)} pending
                            </Badge>
                          ) : null}
                          {target.counts.failed > 0 ? (
                            <Badge size="sm" variant="light" color="red" className="num">
                              {formatNumber(target.counts.failed)} failed
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Switch
                          aria-label={`${target.name} active`}
                          checked={target.isActive}
                          onChange={(e) =>
                            update.mutate(
                              { id: target.id, isActive: e.currentTarget.checked },
                              {
                                onError: (err) =>
                                  notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(err) }),
                              },
                            )
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="xs" variant="light" onClick={() => onOpenLog(target.id)}>
                            Sync log
                          </Button>
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Edit ${target.name}`}
                            onClick={() => {
                              setEditing(target);
                              setFormOpen(true);
                            }}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${target.name}`}
                            onClick={() => {
                              if (!window.confirm(`Delete ${target.name} and its sync log?`)) return;
                              remove.mutate(target.id, {
                                onError: (err) =>
                                  notifications.show({
                                    color: 'red',
                                    title: 'Not deleted',
                                    message: errorMessage(err),
                                  }),
                              });
                            }}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <TargetForm target={editing} opened={formOpen} onClose={() => setFormOpen(false)} />
    </>
  );
}

function SyncLog({ target, onBack }: { target: SyncTarget; onBack: () => void }) {
  const [tab, setTab] = useState<string>('records');
  return (
    <>
      <Button variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} />} onClick={onBack} mb="xs" px={0}>
        Sync targets
      </Button>
      <PageHeader
        title={`Sync log: ${target.name}`}
        description={`${KIND_LABELS[target.kind]} · each record, its state, the last error and how many attempts it took.`}
      />
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'records')} mb="md">
        <Tabs.List>
          <Tabs.Tab value="records">Records</Tabs.Tab>
          {target.kind === 'webhook' ? <Tabs.Tab value="deliveries">Deliveries</Tabs.Tab> : null}
        </Tabs.List>
      </Tabs>
      {tab === 'deliveries' && target.kind === 'webhook' ? <Deliveries target={target} /> : <Records target={target} />}
    </>
  );
}

function Records({ target }: { target: SyncTarget }) {
  const [state, setState] = useState<SyncRecordState | ''>('');
  const [page, setPage] = useState(1);
  const records = useSyncRecords(target.id, state, page);
  return (
    <>
      <SegmentedControl
        mb="sm"
        value={state || 'all'}
        onChange={(v) => {
          setPage(1);
          setState(v === 'all' ? '' : (v as SyncRecordState));
        }}
        data={[
          { value: 'all', label: 'All' },
          { value: 'pending', label: 'Pending' },
          { value: 'synced', label: 'Synced' },
          { value: 'failed', label: 'Failed' },
          { value: 'cancelled', label: 'Cancelled' },
        ]}
      />
      {records.isError ? (
        <QueryError error={records.error} what="the sync log" onRetry={() => void records.refetch()} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="sync-records">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Record</Table.Th>
                  <Table.Th>Last event</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Last error</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.isPending ? (
                  <TableSkeletonRows columns={6} />
                ) : records.data.items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text c="dimmed" ta="center" py="lg">
                        Nothing has been sent to this target yet.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  records.data.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Text size="sm" tt="capitalize">
                          {r.entity} {r.entityId}
                        </Text>
                        {r.rowRef ? (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {r.rowRef}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {r.lastEventType
                            ? (EVENT_LABELS[r.lastEventType as keyof typeof EVENT_LABELS] ?? r.lastEventType)
                            : '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATE_COLORS[r.state]} variant="light">
                          {r.state}
                        </Badge>
                      </Table.Td>
                      <Table.Td className="num">{formatNumber(r.attempts)}</Table.Td>
                      <Table.Td maw={360}>
                        <Text
                          size="xs"
                          c={r.lastError ? 'red.8' : 'dimmed'}
                          ff={r.lastError ? 'monospace' : undefined}
                          lineClamp={3}
                        >
                          {r.lastError ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={r.updatedAt} relative />
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {records.data ? (
        <ListPagination
          page={page}
          pageSize={records.data.pageSize}
          total={records.data.total}
          onPageChange={setPage}
          noun="records"
        />
      ) : null}
    </>
  );
}

function Deliveries({ target }: { target: SyncTarget }) {
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries(target.id, page, true);
  const replay = useReplayDelivery();
  return (
    <>
      {deliveries.isError ? (
        <QueryError error={deliveries.error} what="deliveries" onRetry={() => void deliveries.refetch()} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="webhook-deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Attempt</Table.Th>
                  <Table.Th>Response</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deliveries.isPending ? (
                  <TableSkeletonRows columns={5} />
                ) : deliveries.data.items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="lg">
                        No deliveries yet.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  deliveries.data.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <DateTime value={d.createdAt} seconds />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {EVENT_LABELS[d.eventType as keyof typeof EVENT_LABELS] ?? d.eventType}{' '}
                          <Text span size="xs" c="dimmed">
                            #{d.eventId}
                          </Text>
                        </Text>
                      </Table.Td>
                      <Table.Td className="num">
                        {d.attempt}
                        {d.replay ? (
                          <Badge size="xs" ml={6} variant="outline">
                            replay
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td maw={360}>
                        <Group gap={6} wrap="nowrap">
                          <Badge color={d.ok ? 'teal' : 'red'} variant="light" className="num">
                            {d.status ?? 'no answer'}
                          </Badge>
                          <Text size="xs" c="dimmed" className="num">
                            {formatNumber(d.durationMs)} ms
                          </Text>
                        </Group>
                        {d.error ? (
                          <Text size="xs" c="red.8" ff="monospace" lineClamp={2}>
                            {d.error}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label="Send this event again">
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRepeat size={14} />}
                            loading={replay.isPending && replay.variables?.deliveryId === d.id}
                            onClick={() =>
                              replay.mutate(
                                { targetId: target.id, deliveryId: d.id },
                                {
                                  onSuccess: () => notifications.show({ color: 'teal', message: 'Replay queued' }),
                                  onError: (err) =>
                                    notifications.show({
                                      color: 'red',
                                      title: 'Not replayed',
                                      message: errorMessage(err),
                                    }),
                                },
                              )
                            }
                          >
                            Replay
                          </Button>
                        </Tooltip>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {deliveries.data ? (
        <ListPagination
          page={page}
          pageSize={deliveries.data.pageSize}
          total={deliveries.data.total}
          onPageChange={setPage}
          noun="deliveries"
        />
      ) : null}
    </>
  );
}
