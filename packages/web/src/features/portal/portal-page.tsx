import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, CloseButton, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconCash, IconCoins, IconFileText, IconPackage, IconSearch } from '@tabler/icons-react';
import { Amount } from '../../components/amount';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatDate, formatNumber } from '../../lib/format';
import { useUrlText } from '../../lib/use-url-text';
import { MODE_LABELS } from '../../components/badges';
import { SettlementStatusBadge } from '../orders/components/order-money-badges';
import { shortPercent } from '../orders/components/settlement-card';
import { usePortalOrders, usePortalPayouts, usePortalSettlements, usePortalSummary } from '../orders/money-api';
import { StatementView } from '../settlements/statement-view';

const TABS = ['orders', 'settlements', 'payouts', 'statement'] as const;
type Tab = (typeof TABS)[number];

function SummaryCard({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} mt={4} component="div" data-testid={testId}>
        {children}
      </Text>
    </Paper>
  );
}

/** The partner's own view: their orders, settlements, payouts and statement. Read-only; the server scopes it. */
export function PortalPage() {
  const summary = usePortalSummary();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = TABS.find((t) => t === tabParam) ?? 'orders';

  return (
    <>
      <PageHeader
        title={summary.data ? summary.data.partner.name : 'Partner portal'}
        description="Your orders with us, your share of each, what has been approved and what has been paid."
      />
      {summary.isError ? (
        <QueryError error={summary.error} what="your summary" onRetry={() => void summary.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" mb="md">
          <SummaryCard label="Balance owed to you" testId="portal-balance">
            <Amount value={summary.data?.balanceOwed} />
          </SummaryCard>
          <SummaryCard label="Awaiting approval" testId="portal-pending">
            <Amount value={summary.data?.pending} />
          </SummaryCard>
          <SummaryCard label="Paid to you" testId="portal-paid">
            <Amount value={summary.data?.paidOut} />
          </SummaryCard>
          <SummaryCard label="Orders" testId="portal-orders-count">
            <span className="num">
              {summary.data
                ? `${formatNumber(summary.data.openOrders)} open · ${formatNumber(summary.data.closedOrders)} closed`
                : ''}
            </span>
          </SummaryCard>
        </SimpleGrid>
      )}
      <Paper withBorder p="md">
        <Tabs
          value={tab}
          onChange={(v) =>
            setSearch(
              () => {
                const next = new URLSearchParams();
                if (v && v !== 'orders') next.set('tab', v);
                return next;
              },
              { replace: true },
            )
          }
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="orders" leftSection={<IconPackage size={15} />}>
              Orders
            </Tabs.Tab>
            <Tabs.Tab value="settlements" leftSection={<IconCoins size={15} />}>
              Settlements
            </Tabs.Tab>
            <Tabs.Tab value="payouts" leftSection={<IconCash size={15} />}>
              Payouts
            </Tabs.Tab>
            <Tabs.Tab value="statement" leftSection={<IconFileText size={15} />}>
              Statement
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="orders">
            <PortalOrders />
          </Tabs.Panel>
          <Tabs.Panel value="settlements">
            <PortalSettlements />
          </Tabs.Panel>
          <Tabs.Panel value="payouts">
            <PortalPayouts />
          </Tabs.Panel>
          <Tabs.Panel value="statement">
            <StatementView partnerId="portal" linkOrders={false} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}

function usePaging() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  function changePageSize(size: number) {
    setPageSize(size);
    setPage(1);
  }
  return { page, pageSize, setPage, setPageSize: changePageSize };
}

function Empty({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Stack align="center" py={32} c="dimmed">
          <Text size="sm" inherit>
            {children}
          </Text>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function PortalOrders() {
  const paging = usePaging();
  const [q, setQ] = useState('');
  const [text, setText] = useUrlText(q, (value) => {
    setQ(value);
    paging.setPage(1);
  });
  const query = usePortalOrders({ q, page: paging.page, pageSize: paging.pageSize });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="sm">
      <TextInput
        aria-label="Search your orders"
        placeholder="Order number, title or client"
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setText('')} /> : null}
        w={300}
      />
      {query.isError && !query.data ? (
        <QueryError error={query.error} what="your orders" onRetry={() => void query.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={860} type="native">
          <Table verticalSpacing="sm" data-testid="portal-orders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Order</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Documents</Table.Th>
                <Table.Th className="num-cell">Fees</Table.Th>
                <Table.Th className="num-cell">Your share</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? (
                <TableSkeletonRows columns={6} />
              ) : items.length === 0 ? (
                <Empty colSpan={6}>No orders shared with you yet.</Empty>
              ) : (
                items.map((o) => (
                  <Table.Tr key={o.id} data-testid="portal-order-row">
                    <Table.Td>
                      <Text size="sm" className="mono">
                        {o.number}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {o.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>{o.clientName}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" size="sm" color="gray">
                        {o.stage.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="num">
                      {o.documents.required === 0
                        ? PLACEHOLDER
                        : `${formatNumber(o.documents.accepted)}/${formatNumber(o.documents.required)} accepted`}
                    </Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={o.fees} />
                    </Table.Td>
                    <Table.Td className="num-cell">
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Text size="xs" c="dimmed" className="num">
                          {shortPercent(o.sharePercent)}%
                        </Text>
                        <Amount value={o.partnerShare} fw={600} />
                      </Group>
                      <Group justify="flex-end" mt={2}>
                        <SettlementStatusBadge status={o.settlementStatus} size="xs" />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.data ? (
        <ListPagination
          page={paging.page}
          pageSize={paging.pageSize}
          total={query.data.total}
          noun="orders"
          onPageChange={paging.setPage}
          onPageSizeChange={paging.setPageSize}
        />
      ) : null}
    </Stack>
  );
}

function PortalSettlements() {
  const paging = usePaging();
  const query = usePortalSettlements({ page: paging.page, pageSize: paging.pageSize });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="sm">
      {query.isError && !query.data ? (
        <QueryError error={query.error} what="your settlements" onRetry={() => void query.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="sm" data-testid="portal-settlements">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Order</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th className="num-cell">Net</Table.Th>
                <Table.Th className="num-cell">Share</Table.Th>
                <Table.Th className="num-cell">Your share</Table.Th>
                <Table.Th className="num-cell">Paid</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? (
                <TableSkeletonRows columns={7} />
              ) : items.length === 0 ? (
                <Empty colSpan={7}>No settlements yet: they appear when your orders close.</Empty>
              ) : (
                items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className="mono">{e.orderNumber}</Table.Td>
                    <Table.Td>{e.kind === 'adjustment' ? 'Adjustment' : 'Settlement'}</Table.Td>
                    <Table.Td>
                      {e.status === 'approved' ? (
                        <Text size="sm">Approved {formatDate(e.approvedAt)}</Text>
                      ) : (
                        <SettlementStatusBadge status="draft" size="sm" />
                      )}
                    </Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={e.net} />
                    </Table.Td>
                    <Table.Td className="num-cell">{shortPercent(e.sharePercent)}%</Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={e.partnerShare} fw={600} />
                    </Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={e.paidOut} />
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.data ? (
        <ListPagination
          page={paging.page}
          pageSize={paging.pageSize}
          total={query.data.total}
          noun="entries"
          onPageChange={paging.setPage}
          onPageSizeChange={paging.setPageSize}
        />
      ) : null}
    </Stack>
  );
}

function PortalPayouts() {
  const paging = usePaging();
  const query = usePortalPayouts({ page: paging.page, pageSize: paging.pageSize });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="sm">
      {query.isError && !query.data ? (
        <QueryError error={query.error} what="your payouts" onRetry={() => void query.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing="sm" data-testid="portal-payouts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Date</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th>Paid against</Table.Th>
                <Table.Th className="num-cell">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? (
                <TableSkeletonRows columns={4} />
              ) : items.length === 0 ? (
                <Empty colSpan={4}>No payouts yet.</Empty>
              ) : (
                items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td className="num">{formatDate(p.date)}</Table.Td>
                    <Table.Td>
                      {MODE_LABELS[p.mode]}
                      {p.reference ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          · {p.reference}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {p.allocations.map((a) => a.orderNumber).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={p.amount} fw={600} />
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.data ? (
        <ListPagination
          page={paging.page}
          pageSize={paging.pageSize}
          total={query.data.total}
          noun="payouts"
          onPageChange={paging.setPage}
          onPageSizeChange={paging.setPageSize}
        />
      ) : null}
    </Stack>
  );
}
