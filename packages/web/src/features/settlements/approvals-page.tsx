import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Checkbox, Group, SegmentedControl, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChecks, IconCoins } from '@tabler/icons-react';
import type { SettlementEntry } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { defineList, oneOf, setting, useListUrlState } from '../../components/list-page/use-list-url-state';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { shortPercent } from '../orders/components/settlement-card';
import { useApproveEntries, useApproveEntry, useSettlements } from '../orders/money-api';
import { SettlementsTabs } from './settlements-routes';

/** The settlements list's URL: waiting or approved, settlements or adjustments (both tabs), and the page. */
const SETTLEMENT_LIST = defineList({
  params: {
    status: setting(oneOf(['draft', 'approved'], 'draft')),
    kind: setting(oneOf(['settlement', 'adjustment'])),
  },
  pageSizes: [20, 50, 100],
});

const orderCell = (e: SettlementEntry) => (
  <div style={{ whiteSpace: 'nowrap' }}>
    <Anchor component={Link} to={`/orders/${e.orderId}`} size="sm" className="mono">
      {e.orderNumber}
    </Anchor>
    <Text size="xs" c="dimmed">
      {e.outcome === 'failed' ? 'Failed' : 'Completed'} · {formatDate(e.computedAt)}
    </Text>
  </div>
);

const kindText = (e: SettlementEntry) => (
  <Text size="sm" fw={500} c={e.kind === 'adjustment' ? 'orange' : undefined}>
    {e.kind === 'adjustment' ? 'Adjustment' : 'Settlement'}
  </Text>
);

const partnerName = (e: SettlementEntry) =>
  e.partner?.name ?? (
    <Text c="dimmed" size="sm" span>
      No partner
    </Text>
  );

/** Settlements and adjustments waiting for a manager's approval (or, switched, those already approved). */
export function ApprovalsPage() {
  const { can } = useAuth();
  const list = useListUrlState(SETTLEMENT_LIST);
  const { state, update } = list;
  const { status } = state;
  const query = useSettlements(list.apiQuery);
  const approve = useApproveEntry();
  const canApprove = can('settlements.approve') && status === 'draft';
  const items = query.data?.items ?? [];
  const approveMany = useApproveEntries();
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  // Only rows on screen count: a filter or page change (or an approval elsewhere) leaves none selected unseen.
  const selected = items.filter((e) => picked.has(e.id));
  const allSelected = items.length > 0 && selected.length === items.length;

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

  function approveEntry(entry: SettlementEntry) {
    approve.mutate(entry, {
      onSuccess: () => notifications.show({ color: 'teal', message: `${entry.orderNumber}: ${entry.kind} approved` }),
      onError: (e) => notifications.show({ color: 'red', title: 'Not approved', message: errorMessage(e) }),
    });
  }

  const approval = (e: SettlementEntry) =>
    canApprove ? (
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
    );

  const pick = (e: SettlementEntry) => (
    <Checkbox
      aria-label={`Select ${e.kind} of ${e.orderNumber}`}
      checked={picked.has(e.id)}
      onChange={(ev) => toggle(e.id, ev.currentTarget.checked)}
    />
  );

  const columns: ListColumn<SettlementEntry>[] = [
    ...(canApprove
      ? [
          {
            key: 'select',
            label: (
              <Checkbox
                aria-label="Select all on this page"
                checked={allSelected}
                indeterminate={selected.length > 0 && !allSelected}
                disabled={items.length === 0}
                onChange={(ev) => setPicked(ev.currentTarget.checked ? new Set(items.map((e) => e.id)) : new Set())}
              />
            ),
            w: 40,
            isControl: true,
            render: pick,
          },
        ]
      : []),
    { key: 'order', label: 'Order', render: orderCell },
    { key: 'partner', label: 'Partner', render: partnerName },
    { key: 'kind', label: 'Kind', w: 120, render: kindText },
    { key: 'revenue', label: 'Revenue', className: 'num-cell', render: (e) => <Amount value={e.revenue} /> },
    { key: 'net', label: 'Net', className: 'num-cell', render: (e) => <Amount value={e.net} /> },
    { key: 'share', label: 'Share', className: 'num-cell', render: (e) => `${shortPercent(e.sharePercent)}%` },
    {
      key: 'partnerShare',
      label: 'Partner share',
      className: 'num-cell',
      render: (e) => <Amount value={e.partnerShare} fw={600} />,
    },
    {
      key: 'businessShare',
      label: 'Business share',
      className: 'num-cell',
      render: (e) => <Amount value={e.businessShare} />,
    },
    { key: 'approval', label: status === 'draft' ? '' : 'Approved', render: approval },
  ];

  return (
    <ListPage
      title="Settlements"
      description="Each closed order's split between the partner and the business. Approval freezes it; later changes come back as adjustments."
      beforeList={<SettlementsTabs />}
      filters={
        <>
          <SegmentedControl
            aria-label="Status"
            data={[
              { value: 'draft', label: 'Waiting for approval' },
              { value: 'approved', label: 'Approved' },
            ]}
            value={status}
            onChange={(v) => update({ status: v })}
          />
          <SegmentedControl
            aria-label="Kind"
            data={[
              { value: 'all', label: 'All' },
              { value: 'settlement', label: 'Settlements' },
              { value: 'adjustment', label: 'Adjustments' },
            ]}
            value={state.kind ?? 'all'}
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
        </>
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={query}
      what="settlements"
      columns={columns}
      rowKey={(e) => e.id}
      rowProps={() => ({ testId: 'settlement-row', cardTestId: 'settlement-card' })}
      renderCard={(e) => (
        <>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
              {canApprove ? pick(e) : null}
              {orderCell(e)}
            </Group>
            <Amount value={e.partnerShare} fw={600} size="sm" />
          </Group>
          <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ minWidth: 0 }} truncate>
              {e.partner?.name ?? 'No partner'} · {shortPercent(e.sharePercent)}% of <Amount value={e.net} />
            </Text>
            {kindText(e)}
          </Group>
          <Group justify="flex-end" mt={6}>
            {approval(e)}
          </Group>
        </>
      )}
      tableTestId="settlements-table"
      cardsTestId="settlements-cards"
      minWidth={1080}
      emptyIcon={<IconCoins size={24} />}
      emptyText={status === 'draft' ? 'Nothing waiting for approval.' : 'Nothing approved yet.'}
      paging={{
        page: state.page,
        pageSize: state.pageSize,
        pageSizes: SETTLEMENT_LIST.pageSizes,
        noun: 'entries',
        onChange: update,
      }}
    />
  );
}
