import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Checkbox, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChecks, IconCoins } from '@tabler/icons-react';
import type { SettlementEntry } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { shortPercent } from '../orders/components/settlement-card';
import { useApproveEntries, useApproveEntry, useSettlements } from '../orders/money-api';
import { SettlementsTabs } from './settlements-routes';

const DATA_COLUMNS = 9;

function pageParams(search: URLSearchParams) {
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(search.get('pageSize'))) ? Number(search.get('pageSize')) : 20;
  return { page, pageSize };
}

/** Settlements and adjustments waiting for a manager's approval (or, switched, those already approved). */
export function ApprovalsPage() {
  const { can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') === 'approved' ? 'approved' : 'draft';
  const kind = search.get('kind') === 'settlement' || search.get('kind') === 'adjustment' ? search.get('kind') : null;
  const { page, pageSize } = pageParams(search);
  const query = useSettlements({ status, kind, page, pageSize });
  const approve = useApproveEntry();
  const canApprove = can('settlements.approve') && status === 'draft';
  const items = query.data?.items ?? [];
  const approveMany = useApproveEntries();
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  // Only rows on screen count: a filter or page change (or an approval elsewhere) leaves none selected unseen.
  const selected = items.filter((e) => picked.has(e.id));
  const allSelected = items.length > 0 && selected.length === items.length;
  const columns = DATA_COLUMNS + (canApprove ? 1 : 0);

  function toggle(id: number, on: boolean) {
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function approveSelected() {
    const entries = selected;
    approveMany.mutate(
      entries.map((e) => e.id),
      {
        onSuccess: (res) => {
          setPicked(new Set());
          notifications.show({
            color: 'teal',
            message: `${res.items.length} ${res.items.length === 1 ? 'entry' : 'entries'} approved`,
          });
        },
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: 'None approved',
            message: `${errorMessage(e).replace(/\.?$/, '.')} The list is refreshed; check the selection and try again.`,
          }),
      },
    );
  }

  function update(changes: Record<string, string | null>) {
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  }

  function approveEntry(entry: SettlementEntry) {
    approve.mutate(entry, {
      onSuccess: () => notifications.show({ color: 'teal', message: `${entry.orderNumber}: ${entry.kind} approved` }),
      onError: (e) => notifications.show({ color: 'red', title: 'Not approved', message: errorMessage(e) }),
    });
  }

  return (
    <>
      <PageHeader
        title="Settlements"
        description="Each closed order's split between the partner and the business. Approval freezes it; later changes come back as adjustments."
      />
      <SettlementsTabs />
      <Paper withBorder p={0}>
        <Group gap="sm" p="md" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <SegmentedControl
            aria-label="Status"
            data={[
              { value: 'draft', label: 'Waiting for approval' },
              { value: 'approved', label: 'Approved' },
            ]}
            value={status}
            onChange={(v) => update({ status: v === 'approved' ? 'approved' : null })}
          />
          <SegmentedControl
            aria-label="Kind"
            data={[
              { value: 'all', label: 'All' },
              { value: 'settlement', label: 'Settlements' },
              { value: 'adjustment', label: 'Adjustments' },
            ]}
            value={kind ?? 'all'}
            onChange={(v) => update({ kind: v === 'all' ? null : v })}
          />
          {canApprove ? (
            <Button
              ml="auto"
              color="teal"
              leftSection={<IconChecks size={16} />}
              disabled={selected.length === 0}
              loading={approveMany.isPending}
              onClick={approveSelected}
              data-testid="settlements-approve-selected"
            >
              {selected.length > 0 ? `Approve selected (${selected.length})` : 'Approve selected'}
            </Button>
          ) : null}
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what="settlements" onRetry={() => void query.refetch()} />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={1080} type="native">
            <Table highlightOnHover={items.length > 0} verticalSpacing="sm" data-testid="settlements-table">
              <Table.Thead>
                <Table.Tr>
                  {canApprove ? (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label="Select all on this page"
                        checked={allSelected}
                        indeterminate={selected.length > 0 && !allSelected}
                        disabled={items.length === 0}
                        onChange={(ev) =>
                          setPicked(ev.currentTarget.checked ? new Set(items.map((e) => e.id)) : new Set())
                        }
                      />
                    </Table.Th>
                  ) : null}
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th w={120}>Kind</Table.Th>
                  <Table.Th className="num-cell">Revenue</Table.Th>
                  <Table.Th className="num-cell">Net</Table.Th>
                  <Table.Th className="num-cell">Share</Table.Th>
                  <Table.Th className="num-cell">Partner share</Table.Th>
                  <Table.Th className="num-cell">Business share</Table.Th>
                  <Table.Th>{status === 'draft' ? '' : 'Approved'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={columns} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={columns}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconCoins size={24} />
                        <Text size="sm" inherit>
                          {status === 'draft' ? 'Nothing waiting for approval.' : 'Nothing approved yet.'}
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((e) => (
                    <Table.Tr key={e.id} data-testid="settlement-row">
                      {canApprove ? (
                        <Table.Td>
                          <Checkbox
                            aria-label={`Select ${e.kind} of ${e.orderNumber}`}
                            checked={picked.has(e.id)}
                            onChange={(ev) => toggle(e.id, ev.currentTarget.checked)}
                          />
                        </Table.Td>
                      ) : null}
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/orders/${e.orderId}`} size="sm" className="mono">
                          {e.orderNumber}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {e.outcome === 'failed' ? 'Failed' : 'Completed'} · {formatDate(e.computedAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {e.partner?.name ?? (
                          <Text c="dimmed" size="sm">
                            No partner
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} c={e.kind === 'adjustment' ? 'orange' : undefined}>
                          {e.kind === 'adjustment' ? 'Adjustment' : 'Settlement'}
                        </Text>
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={e.revenue} />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={e.net} />
                      </Table.Td>
                      <Table.Td className="num-cell">{shortPercent(e.sharePercent)}%</Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={e.partnerShare} fw={600} />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={e.businessShare} />
                      </Table.Td>
                      <Table.Td>
                        {canApprove ? (
                          <Button
                            size="compact-sm"
                            color="teal"
                            variant="light"
                            leftSection={<IconCheck size={14} />}
                            loading={approve.isPending && approve.variables.id === e.id}
                            onClick={() => approveEntry(e)}
                            aria-label={`Approve ${e.kind} of ${e.orderNumber}`}
                          >
                            Approve
                          </Button>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {formatDate(e.approvedAt)}
                            {e.approvedBy ? ` · ${e.approvedBy.name}` : ''}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {query.data ? (
        <ListPagination
          page={page}
          pageSize={pageSize}
          total={query.data.total}
          noun="entries"
          onPageChange={(p) => update({ page: String(p) })}
          onPageSizeChange={(size) => update({ pageSize: String(size) })}
        />
      ) : null}
    </>
  );
}
