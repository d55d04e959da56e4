import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconLayoutKanban, IconList, IconPackage, IconPlus } from '@tabler/icons-react';
import type { Order } from '@bizdash/contracts/orders';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { ExportMenu } from '../../components/export-menu';
import { CardList, ListCard, useIsPhone } from '../../components/list-cards';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { SortableTh } from '../../components/sortable-th';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatAmount, formatDate } from '../../lib/format';
import { useOrders } from './api';
import { Completeness, OverdueBadge, PriorityBadge, StageBadge } from './components/order-badges';
import { MoveStageMenu } from './components/move-stage-menu';
import { OrderFilters } from './components/order-filters';
import { PaymentStatusBadge } from './components/order-money-badges';
import { OrdersBoard } from './components/orders-board';
import { PAGE_SIZES, listQuery, useOrderListParams, type OrderSort } from './url-state';

const FIRST_ORDER: Record<OrderSort, 'asc' | 'desc'> = {
  createdAt: 'desc',
  dueDate: 'asc',
  number: 'desc',
  priority: 'desc',
};

export function OrdersPage() {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const { state, update, activeFilterCount } = useOrderListParams();

  return (
    <>
      <PageHeader
        title="Orders"
        description="Every order from enquiry to completion: its stage, documents, tasks and conversation."
        actions={
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
            {state.view === 'list' ? (
              <ExportMenu path="/orders/export" query={listQuery(state)} fileName="orders" />
            ) : null}
            {canWrite ? (
              <Button component={Link} to="/orders/new" leftSection={<IconPlus size={16} />}>
                New order
              </Button>
            ) : null}
          </>
        }
      />
      <Paper withBorder p="md" mb="md">
        <OrderFilters
          state={state}
          update={update}
          activeFilterCount={activeFilterCount}
          showStage={state.view === 'list'}
        />
      </Paper>
      {state.view === 'board' ? <OrdersBoard state={state} /> : <OrdersTable />}
    </>
  );
}

function OrdersTable() {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const showMoney = can('money.read');
  const navigate = useNavigate();
  const { state, update, activeFilterCount } = useOrderListParams();
  const query = useOrders(listQuery(state));
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const columnCount = showMoney ? 8 : 7;

  function sortBy(field: OrderSort) {
    if (state.sort === field) update({ sort: field, order: state.order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: field, order: FIRST_ORDER[field] });
  }

  useEffect(() => {
    if (query.data && query.data.items.length === 0 && query.data.total > 0 && state.page > 1) {
      update({ page: Math.max(1, Math.ceil(query.data.total / state.pageSize)) }, { replace: true });
    }
  }, [query.data, state.page, state.pageSize, update]);

  const open = (order: Order) => void navigate(`/orders/${order.id}`);
  const isPhone = useIsPhone();

  return (
    <>
      <Paper withBorder={!isPhone} p={0} bg={isPhone ? 'transparent' : undefined}>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError
              error={query.error}
              what="orders"
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : isPhone ? (
          <OrderCards
            orders={items}
            isPending={query.isPending}
            emptyText={
              activeFilterCount > 0
                ? 'No orders match these filters.'
                : 'No orders yet. Create one to track its documents, tasks and stage.'
            }
            showMoney={showMoney}
            canWrite={canWrite}
          />
        ) : (
          <Table.ScrollContainer minWidth={1000} type="native">
            <Table
              highlightOnHover={items.length > 0}
              verticalSpacing="sm"
              style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
              data-testid="orders-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <SortableTh isSorted={state.sort === 'number'} order={state.order} onSort={() => sortBy('number')}>
                    Order
                  </SortableTh>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Stage</Table.Th>
                  <Table.Th>Documents</Table.Th>
                  <Table.Th>Assignee</Table.Th>
                  <SortableTh
                    isSorted={state.sort === 'dueDate'}
                    order={state.order}
                    onSort={() => sortBy('dueDate')}
                    w={130}
                  >
                    Due
                  </SortableTh>
                  {showMoney ? <Table.Th className="num-cell">Fees</Table.Th> : null}
                  <SortableTh
                    isSorted={state.sort === 'createdAt'}
                    order={state.order}
                    onSort={() => sortBy('createdAt')}
                    w={130}
                  >
                    Created
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={columnCount} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={columnCount}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconPackage size={24} />
                        <Text size="sm" inherit>
                          {activeFilterCount > 0
                            ? 'No orders match these filters.'
                            : 'No orders yet. Create one to track its documents, tasks and stage.'}
                        </Text>
                        {canWrite && activeFilterCount === 0 ? (
                          <Button
                            component={Link}
                            to="/orders/new"
                            variant="light"
                            size="xs"
                            leftSection={<IconPlus size={14} />}
                          >
                            New order
                          </Button>
                        ) : null}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((order) => (
                    <Table.Tr
                      key={order.id}
                      className="row-clickable"
                      onClick={() => open(order)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && e.target === e.currentTarget) open(order);
                      }}
                      tabIndex={0}
                      aria-label={`${order.number} ${order.title}, open details`}
                      data-testid={`order-row-${order.id}`}
                      data-overdue={order.isOverdue || undefined}
                      bg={order.isOverdue ? 'var(--mantine-color-red-light)' : undefined}
                    >
                      <Table.Td maw={320}>
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
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{order.client.name}</Text>
                        {order.partner ? (
                          <Text size="xs" c="dimmed">
                            via {order.partner.name}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <StageBadge stage={order.stage} />
                      </Table.Td>
                      <Table.Td>
                        <Completeness value={order.documents} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={order.assignee ? undefined : 'dimmed'}>
                          {order.assignee?.name ?? 'Unassigned'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
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
                      </Table.Td>
                      {showMoney ? (
                        <Table.Td className="num-cell">
                          <Text size="sm" className="num">
                            {formatAmount(order.fees)}
                          </Text>
                          {order.paymentStatus ? (
                            <PaymentStatusBadge status={order.paymentStatus} size="xs" mt={2} />
                          ) : null}
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        <DateTime value={order.createdAt} dateOnly />
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
          page={state.page}
          pageSize={state.pageSize}
          total={total}
          pageSizes={PAGE_SIZES}
          noun={total === 1 ? 'order' : 'orders'}
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize })}
        />
      ) : null}
    </>
  );
}

/** The list on a phone: a card per order with what a table row says first, and the stage one tap from moving. */
function OrderCards({
  orders,
  isPending,
  emptyText,
  showMoney,
  canWrite,
}: {
  orders: Order[];
  isPending: boolean;
  emptyText: string;
  showMoney: boolean;
  canWrite: boolean;
}) {
  if (isPending) return <CardSkeletons />;
  if (orders.length === 0) {
    return (
      <Stack align="center" py={40} gap="xs" c="dimmed">
        <IconPackage size={24} />
        <Text size="sm" inherit ta="center">
          {emptyText}
        </Text>
      </Stack>
    );
  }
  return (
    <CardList data-testid="orders-cards">
      {orders.map((order) => (
        <ListCard
          key={order.id}
          to={`/orders/${order.id}`}
          highlight={order.isOverdue}
          data-testid={`order-card-${order.id}`}
        >
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
            {canWrite ? <MoveStageMenu order={order} /> : null}
          </Group>
        </ListCard>
      ))}
    </CardList>
  );
}

function CardSkeletons() {
  return (
    <CardList>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} h={104} radius="md" />
      ))}
    </CardList>
  );
}
