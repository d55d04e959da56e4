import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconCash, IconPlus } from '@tabler/icons-react';
import type { Payout } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { formatDate } from '../../lib/format';
import { MODE_LABELS } from '../invoices/components/badges';
import { DateField } from '../invoices/components/date-field';
import { usePayouts } from '../orders/money-api';
import { RecordPayoutModal } from './record-payout-modal';
import { SettlementsTabs } from './settlements-routes';

const COLUMNS = 5;

/** Payouts to partners, newest first, with the orders each one paid. */
export function PayoutsPage() {
  const { can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(search.get('pageSize'))) ? Number(search.get('pageSize')) : 20;
  const from = search.get('from');
  const to = search.get('to');
  const partnerId = Number(search.get('partnerId')) || null;
  const query = usePayouts({ from, to, partnerId, page, pageSize });
  const [isRecording, setRecording] = useState(false);
  const items = query.data?.items ?? [];

  function update(changes: Record<string, string | null>) {
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  }

  return (
    <>
      <PageHeader
        title="Payouts"
        description="Money paid to partners against their approved settlements."
        actions={
          can('payouts.manage') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
              Record payout
            </Button>
          ) : null
        }
      />
      <SettlementsTabs />
      <Paper withBorder p={0}>
        <Group gap="sm" p="md" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <DateField label="From" w={160} value={from} onChange={(v) => update({ from: v })} clearable />
          <DateField label="To" w={160} value={to} onChange={(v) => update({ to: v })} clearable />
          {partnerId ? (
            <Button variant="subtle" size="xs" onClick={() => update({ partnerId: null })} mt="lg">
              All partners
            </Button>
          ) : null}
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what="payouts" onRetry={() => void query.refetch()} />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table highlightOnHover={items.length > 0} verticalSpacing="sm" data-testid="payouts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Date</Table.Th>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th>Mode</Table.Th>
                  <Table.Th>Paid against</Table.Th>
                  <Table.Th className="num-cell">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMNS} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconCash size={24} />
                        <Text size="sm" inherit>
                          No payouts here yet.
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((p) => <PayoutRow key={p.id} payout={p} />)
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
          noun="payouts"
          onPageChange={(p) => update({ page: String(p) })}
          onPageSizeChange={(size) => update({ pageSize: String(size) })}
        />
      ) : null}
      <RecordPayoutModal opened={isRecording} onClose={() => setRecording(false)} />
    </>
  );
}

function PayoutRow({ payout: p }: { payout: Payout }) {
  const shown = p.allocations.slice(0, 3);
  return (
    <Table.Tr data-testid="payout-row">
      <Table.Td className="num">{formatDate(p.date)}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/settlements/partners/${p.partner.id}/statement`} size="sm">
          {p.partner.name}
        </Anchor>
      </Table.Td>
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
          {shown.map((a) => a.orderNumber).join(', ')}
          {p.allocations.length > shown.length ? ` and ${p.allocations.length - shown.length} more` : ''}
        </Text>
      </Table.Td>
      <Table.Td className="num-cell">
        <Amount value={p.amount} fw={600} />
      </Table.Td>
    </Table.Tr>
  );
}
