import { Link } from 'react-router';
import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Invoice } from '@bizdash/contracts/invoices';
import type { OrderDetail } from '@bizdash/contracts/orders';
import type { PaymentPage, PaymentSummary } from '@bizdash/contracts/payments';
import { Amount } from '../../../components/amount';
import { QueryError } from '../../../components/query-error';
import { api } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { MODE_LABELS, PaymentBadge, StatusBadge, TypeBadge } from '../../../components/badges';

/**
 * The order's invoices and notes, and the payments that settle them (issue 14: an order is billed through its
 * invoices, and every receipt on it is a payment). Payments are the receipts' own and any entered on the Payments
 * page and allocated to these documents.
 */
function useOrderBilling(order: OrderDetail) {
  const ids = order.invoiceIds;
  return useQuery({
    queryKey: ['invoices', 'of-order', order.id, ids.join(',')],
    queryFn: async ({ signal }) => {
      const documents = await Promise.all(ids.map((id) => api.get<Invoice>(`/invoices/${id}`, undefined, signal)));
      const pages = await Promise.all(
        ids.map((id) => api.get<PaymentPage>('/payments', { invoiceId: id, pageSize: 200 }, signal)),
      );
      // Receipts not allocated yet (advances) are payments of the order too.
      const receipts = await api.get<PaymentPage>(
        '/payments',
        { partyId: order.client.id, direction: 'received', unallocated: 'true', pageSize: 200 },
        signal,
      );
      const byId = new Map<number, PaymentSummary>();
      for (const p of pages.flatMap((page) => page.items)) byId.set(p.id, p);
      for (const p of receipts.items) if (p.notes?.startsWith(`Order ${order.number}`)) byId.set(p.id, p);
      const payments = [...byId.values()].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
      return { documents, payments };
    },
  });
}

export function OrderBillingCard({ order }: { order: OrderDetail }) {
  const billing = useOrderBilling(order);
  return (
    <Paper withBorder p="md" data-testid="order-billing">
      <Stack gap="sm">
        <Title order={4}>Invoices and payments</Title>
        {billing.error ? <QueryError error={billing.error} onRetry={() => void billing.refetch()} /> : null}
        {order.invoiceIds.length === 0 ? (
          <Text size="sm" c="dimmed">
            Not invoiced yet. The amount due is the {order.stage.code === 'failed' ? 'base charges' : 'fees'} plus GST;
            receipts are kept as the client&apos;s advance and settle the invoice when it is issued.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={4} data-testid="order-invoices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Document</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                  <Table.Th ta="right">Balance</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(billing.data?.documents ?? []).map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/invoices/${d.id}`} size="sm">
                        {d.number ?? `Draft #${d.id}`}
                      </Anchor>{' '}
                      <TypeBadge type={d.type} />
                    </Table.Td>
                    <Table.Td className="num">{formatDate(d.date)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={d.status} /> <PaymentBadge status={d.paymentStatus} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Amount value={d.totals.grandTotal} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Amount value={d.balanceDue} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {billing.data && billing.data.payments.length > 0 ? (
          <Table.ScrollContainer minWidth={400} type="native">
            <Table verticalSpacing={4} data-testid="order-payments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Payment</Table.Th>
                  <Table.Th>Mode</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Unallocated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {billing.data.payments.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td className="num">
                      #{p.id} · {formatDate(p.date)}
                    </Table.Td>
                    <Table.Td>{MODE_LABELS[p.mode]}</Table.Td>
                    <Table.Td ta="right">
                      <Amount value={p.amount} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Amount value={p.unallocatedAmount} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Paper>
  );
}
