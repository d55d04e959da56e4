import { ActionIcon, Anchor, Menu, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { notifications } from '@mantine/notifications';
import { IconFileInvoice } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Receipt } from '@bizdash/contracts/order-money';
import type { InvoicePage } from '@bizdash/contracts/invoices';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatAmount } from '../../../lib/format';

/** The order's issued invoices that still have something to pay: what a receipt can be applied to. */
function useOpenOrderInvoices(orderId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['invoices', 'open-for-order', orderId],
    queryFn: ({ signal }) =>
      api.get<InvoicePage>(
        '/invoices',
        { orderId, direction: 'receivable', status: 'issued', open: 'true', pageSize: 20 },
        signal,
      ),
    enabled,
  });
}

/**
 * Every receipt is a customer payment (issue 14), allocated by the server to the order's invoices: it shows as such.
 * Only a receipt left without a payment (none since the 202612050900 migration) still offers "apply".
 */
export function ApplyReceipt({ orderId, receipt, canWrite }: { orderId: number; receipt: Receipt; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const open = useOpenOrderInvoices(orderId, canWrite && receipt.appliedPaymentId === null);
  const apply = useMutation({
    mutationFn: (invoiceId: number) =>
      api.post<Receipt>(`/orders/${orderId}/receipts/${receipt.id}/apply`, { invoiceId }),
    onSuccess: async () => {
      await Promise.all(
        ['money', 'orders', 'invoices', 'audit'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
      );
      notifications.show({ color: 'green', message: 'Receipt applied to the invoice' });
    },
    onError: (e: unknown) => notifications.show({ color: 'red', title: 'Not applied', message: errorMessage(e) }),
  });

  if (receipt.appliedPaymentId !== null) {
    return (
      <Tooltip
        label={`Payment #${receipt.appliedPaymentId}: allocated to the order's invoice, or the client's advance until one is issued`}
      >
        <Anchor
          component={Link}
          to={`/payments?payment=${receipt.appliedPaymentId}`}
          size="xs"
          className="num"
          data-testid="receipt-applied"
        >
          #{receipt.appliedPaymentId}
        </Anchor>
      </Tooltip>
    );
  }
  const invoices = open.data?.items ?? [];
  if (!canWrite || invoices.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label="Apply to the order's invoice">
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={`Apply receipt of ${formatAmount(receipt.amount)} to an invoice`}
            loading={apply.isPending}
          >
            <IconFileInvoice size={15} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Apply to invoice</Menu.Label>
        {invoices.map((invoice) => (
          <Menu.Item key={invoice.id} onClick={() => apply.mutate(invoice.id)}>
            <Text size="sm">
              {invoice.number} · balance {formatAmount(invoice.balanceDue)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
