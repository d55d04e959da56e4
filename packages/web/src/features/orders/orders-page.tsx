import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconLayoutKanban, IconList, IconPackage, IconPlus } from '@tabler/icons-react';
import type { Order } from '@bizdash/contracts/orders';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { ExportMenu } from '../../components/export-menu';
import { ListPage, type ListColumn, type ListPageProps } from '../../components/list-page/list-page';
import { PLACEHOLDER, formatAmount, formatDate } from '../../lib/format';
import { useOrders } from './api';
import { Completeness, OverdueBadge, PriorityBadge, StageBadge } from './components/order-badges';
import { MoveStageMenu } from './components/move-stage-menu';
import { OrderFilters } from './components/order-filters';
import { PaymentStatusBadge } from './components/order-money-badges';
import { OrdersBoard } from './components/orders-board';
import { ORDER_LIST, listQuery, useOrderListState } from './url-state';

type OrderList = ReturnType<typeof useOrderListState>;

export function OrdersPage() {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const list = useOrderListState();
  const { state, update } = list;
  const isList = state.view === 'list';

  // What the list and the board share: the header, the view switch and the filters.
  const shell = {
    title: 'Orders',
    description: 'Every order from enquiry to completion: its stage, documents, tasks and conversation.',
    actions: (
      <>
        <SegmentedControl
          aria-label="View"
          value={state.view}
          onChange={(v) => update({ view: v }, { replace: true })}
          data={[
            {
              value: 'list',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconList size={15} />
                  List
                </Group>
              ),
            },
            {
              value: 'board',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconLayoutKanban size={15} />
                  Board
                </Group>
              ),
            },
          ]}
          data-testid="orders-view"
        />
        {isList ? <ExportMenu path="/orders/export" query={listQuery(state)} fileName="orders" /> : null}
        {canWrite ? (
          <Button component={Link} to="/orders/new" leftSection={<IconPlus size={16} />}>
            New order
          </Button>
        ) : null}
      </>
    ),
    filters: <OrderFilters state={state} update={update} showStage={isList} />,
    filtersLayout: 'grid',
    activeFilterCount: list.activeFilterCount,
    onClearFilters: list.clearFilters,
    what: 'orders',
    columns: [],
    rowKey: (order: Order) => order.id,
    emptyText: 'No orders yet.',
  } satisfies ListPageProps<Order>;

  return isList ? (
    <OrdersList list={list} shell={shell} />
  ) : (
    <ListPage<Order> {...shell} body={<OrdersBoard state={state} />} />
  );
}

function OrdersList({ list, shell }: { list: OrderList; shell: ListPageProps<Order> }) {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const showMoney = can('money.read');
  const { state, update } = list;
  const query = useOrders(listQuery(state));
  const total = query.data?.total ?? 0;

  const columns: ListColumn<Order>[] = [
    {
      key: 'number',
      label: 'Order',
      sort: 'number',
      maw: 320,
      render: (order) => (
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Text
              size="sm"
              fw={600}
              className="mono"
              component={Link}
              to={`/orders/${order.id}`}
              onClick={(e) => e.stopPropagation()}
            >
              {order.number}
            </Text>
            <PriorityBadge priority={order.priority} />
          </Group>
          <Text size="sm" truncate>
            {order.title}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {order.orderType.name}
            {order.company ? ` · ${order.company.name}` : ''}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'client',
      label: 'Client',
      render: (order) => (
        <>
          <Text size="sm">{order.client.name}</Text>
          {order.partner ? (
            <Text size="xs" c="dimmed">
              via {order.partner.name}
            </Text>
          ) : null}
        </>
      ),
    },
    { key: 'stage', label: 'Stage', render: (order) => <StageBadge stage={order.stage} /> },
    { key: 'documents', label: 'Documents', render: (order) => <Completeness value={order.documents} /> },
    {
      key: 'assignee',
      label: 'Assignee',
      render: (order) => (
        <Text size="sm" c={order.assignee ? undefined : 'dimmed'}>
          {order.assignee?.name ?? 'Unassigned'}
        </Text>
      ),
    },
    {
      key: 'dueDate',
      label: 'Due',
      sort: 'dueDate',
      w: 130,
      render: (order) => (
        <Stack gap={2} align="flex-start">
          <Text
            size="sm"
            className="num"
            c={order.isOverdue ? 'red' : undefined}
            fw={order.isOverdue ? 600 : undefined}
          >
            {order.dueDate ? formatDate(order.dueDate) : PLACEHOLDER}
          </Text>
          {order.isOverdue ? <OverdueBadge /> : null}
        </Stack>
      ),
    },
    ...(showMoney
      ? [
          {
            key: 'fees',
            label: 'Fees',
            className: 'num-cell',
            render: (order: Order): ReactNode => (
              <>
                <Text size="sm" className="num">
                  {formatAmount(order.fees)}
                </Text>
                {order.paymentStatus ? <PaymentStatusBadge status={order.paymentStatus} size="xs" mt={2} /> : null}
              </>
            ),
          },
        ]
      : []),
    {
      key: 'createdAt',
      label: 'Created',
      sort: 'createdAt',
      w: 130,
      render: (order) => <DateTime value={order.createdAt} dateOnly />,
    },
  ];

  return (
    <ListPage
      {...shell}
      query={query}
      columns={columns}
      rowKey={(order) => order.id}
      rowProps={(order) => ({
        to: `/orders/${order.id}`,
        ariaLabel: `${order.number} ${order.title}, open details`,
        testId: `order-row-${order.id}`,
        cardTestId: `order-card-${order.id}`,
        highlight: order.isOverdue,
        data: order.isOverdue ? { 'data-overdue': 'true' } : undefined,
      })}
      sort={{ key: state.sort, order: state.order, onSort: (key) => list.sortBy(key as typeof state.sort) }}
      renderCard={(order) => <OrderCard order={order} showMoney={showMoney} canWrite={canWrite} />}
      tableTestId="orders-table"
      cardsTestId="orders-cards"
      minWidth={1000}
      emptyIcon={<IconPackage size={24} />}
      emptyText="No orders yet. Create one to track its documents, tasks and stage."
      noMatchText="No orders match these filters."
      emptyAction={
        canWrite ? (
          <Button component={Link} to="/orders/new" variant="light" size="xs" leftSection={<IconPlus size={14} />}>
            New order
          </Button>
        ) : null
      }
      paging={{
        page: state.page,
        pageSize: state.pageSize,
        pageSizes: ORDER_LIST.pageSizes,
        noun: total === 1 ? 'order' : 'orders',
        onChange: update,
      }}
    />
  );
}

/** An order on a phone: what a table row says first, and the stage one tap from moving. */
function OrderCard({ order, showMoney, canWrite }: { order: Order; showMoney: boolean; canWrite: boolean }) {
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} className="mono" component={Link} to={`/orders/${order.id}`} truncate>
            {order.number}
          </Text>
          <PriorityBadge priority={order.priority} />
        </Group>
        <StageBadge stage={order.stage} />
      </Group>
      <Text size="sm" lineClamp={2}>
        {order.title}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {order.client.name}
        {order.partner ? ` · via ${order.partner.name}` : ''}
      </Text>
      <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
        <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
          <Text size="xs" c={order.isOverdue ? 'red' : 'dimmed'} fw={order.isOverdue ? 600 : undefined}>
            Due <span className="num">{order.dueDate ? formatDate(order.dueDate) : PLACEHOLDER}</span>
          </Text>
          {order.isOverdue ? <OverdueBadge /> : null}
          {showMoney ? (
            <Text size="xs" className="num">
              {formatAmount(order.fees)}
            </Text>
          ) : null}
        </Group>
        {canWrite ? (
          // The one-tap move keeps its full width; the due date and fees wrap beside it instead.
          <div style={{ flexShrink: 0 }}>
            <MoveStageMenu order={order} />
          </div>
        ) : null}
      </Group>
    </>
  );
}
