import { Table, Text, TextInput } from '@mantine/core';
import type { InvoiceSummary } from '@bizdash/contracts/invoices';
import { toMoneyString, tryParseMoney } from '@bizdash/domain/money';
import { formatAmount, formatDate } from '../../../lib/format';

/** Amounts typed per invoice id, as decimal strings. */
export type AllocationDraft = Record<number, string>;

export function paiseOf(text: string | undefined): number {
  const paise = tryParseMoney((text ?? '').trim() || '0');
  return paise === null || paise < 0 ? 0 : paise;
}

/** Spreads `available` paise over the invoices in order (preferred one first), each up to its balance. */
export function autoAllocate(available: number, invoices: InvoiceSummary[], preferId?: number): AllocationDraft {
  const ordered = [...invoices].sort((a, b) => (a.id === preferId ? -1 : b.id === preferId ? 1 : 0));
  const out: AllocationDraft = {};
  let left = available;
  for (const invoice of ordered) {
    if (left <= 0) break;
    const balance = paiseOf(invoice.balanceDue);
    const take = Math.min(balance, left);
    if (take > 0) out[invoice.id] = toMoneyString(take);
    left -= take;
  }
  return out;
}

export function allocatedPaise(draft: AllocationDraft): number {
  return Object.values(draft).reduce((sum, v) => sum + paiseOf(v), 0);
}

interface AllocationTableProps {
  invoices: InvoiceSummary[];
  value: AllocationDraft;
  onChange: (value: AllocationDraft) => void;
  errors?: Record<number, string>;
}

/** Open documents of a party with their remaining balance and an amount to settle on each. */
export function AllocationTable({ invoices, value, onChange, errors = {} }: AllocationTableProps) {
  if (invoices.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="sm">
        No open documents for this party; the payment is kept as an advance.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={520} mah={280} type="native">
      <Table verticalSpacing={4} stickyHeader data-testid="allocation-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Document</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th className="num-cell">Balance</Table.Th>
            <Table.Th className="num-cell" w={150}>
              Allocate ₹
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id}>
              <Table.Td>
                <Text size="sm" className="mono">
                  {invoice.number}
                </Text>
                <Text size="xs" c="dimmed" className="num">
                  {formatDate(invoice.date)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="num" c={invoice.isOverdue ? 'red' : undefined}>
                  {formatDate(invoice.dueDate)}
                </Text>
              </Table.Td>
              <Table.Td className="num-cell">
                <Text size="sm" className="num">
                  {formatAmount(invoice.balanceDue)}
                </Text>
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  inputMode="decimal"
                  placeholder="0.00"
                  aria-label={`Allocate to ${invoice.number ?? invoice.id}`}
                  value={value[invoice.id] ?? ''}
                  onChange={(e) => onChange({ ...value, [invoice.id]: e.currentTarget.value.replace(/[^\d.]/g, '') })}
                  error={
                    errors[invoice.id] ?? (paiseOf(value[invoice.id]) > paiseOf(invoice.balanceDue) ? true : undefined)
                  }
                  styles={{ input: { textAlign: 'right' } }}
                  classNames={{ input: 'num' }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
