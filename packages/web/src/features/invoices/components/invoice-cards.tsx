import { Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { InvoiceSummary } from '@bizdash/contracts/invoices';
import { Amount } from '../../../components/amount';
import { PLACEHOLDER, formatDate } from '../../../lib/format';
import { PaymentBadge, StatusBadge, TYPE_LABELS } from '../../../components/badges';

/**
 * A document on a phone: its number, party, dates, total and balance. Bulk selection stays with the desktop table; a
 * tap opens the document, where paying, emailing and its link are one tap away.
 */
export function InvoiceCard({ row }: { row: InvoiceSummary }) {
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text
            size="sm"
            fw={600}
            component={Link}
            to={`/invoices/${row.id}`}
            className="mono"
            truncate
            c={row.status === 'cancelled' ? 'dimmed' : undefined}
            td={row.status === 'cancelled' ? 'line-through' : undefined}
            style={{ display: 'block' }}
          >
            {row.number ?? `Draft #${row.id}`}
          </Text>
          <Text size="xs" c="dimmed">
            {TYPE_LABELS[row.type]}
            {row.supplierNumber ? ` · ${row.supplierNumber}` : ''}
          </Text>
        </div>
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={row.status} />
          <PaymentBadge status={row.paymentStatus} />
        </Group>
      </Group>
      <Text size="sm" truncate mt={4}>
        {row.party.name}
      </Text>
      <Group justify="space-between" gap="xs" mt={6} wrap="nowrap" align="flex-end">
        <Text size="xs" c="dimmed">
          <span className="num">{formatDate(row.date)}</span>
          {' · due '}
          <Text span inherit className="num" c={row.isOverdue ? 'red' : undefined} fw={row.isOverdue ? 600 : 400}>
            {formatDate(row.dueDate)}
          </Text>
        </Text>
        <Stack gap={0} align="flex-end">
          <Amount value={row.grandTotal} size="sm" fw={600} />
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {'Balance '}
            {row.paymentStatus ? <Amount value={row.balanceDue} c={row.isOverdue ? 'red' : undefined} /> : PLACEHOLDER}
          </Text>
        </Stack>
      </Group>
    </>
  );
}
