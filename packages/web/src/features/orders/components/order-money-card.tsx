import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Expense, Receipt } from '@bizdash/contracts/order-money';
import type { OrderDetail } from '@bizdash/contracts/orders';
import { useAuth } from '../../../app/auth/auth-context';
import { Amount } from '../../../components/amount';
import { QueryError } from '../../../components/query-error';
import { API_BASE, downloadFile } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { ApplyReceipt } from './apply-receipt';
import { formatAmount, formatDate } from '../../../lib/format';
import { MODE_LABELS } from '../../../components/badges';
import { useDeleteMoneyItem, useExpenses, useReceipts, type MoneyItemKind } from '../money-api';
import { EXPENSE_CATEGORY_LABELS, PaymentStatusBadge } from './order-money-badges';
import { ExpenseModal, ReceiptModal } from './order-money-forms';

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="md" fw={600} component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

function AttachmentLink({ attachment }: { attachment: Receipt['attachment'] }) {
  if (!attachment) return null;
  // Links cannot carry the bearer token, so the file is fetched and handed to the browser.
  const path = attachment.downloadUrl.startsWith(API_BASE)
    ? attachment.downloadUrl.slice(API_BASE.length)
    : attachment.downloadUrl;
  return (
    <Tooltip label={attachment.name}>
      <ActionIcon
        variant="subtle"
        size="sm"
        aria-label={`Download ${attachment.name}`}
        onClick={() =>
          void downloadFile(path, undefined, attachment.name).catch((e: unknown) =>
            notifications.show({ color: 'red', title: 'Download failed', message: errorMessage(e) }),
          )
        }
      >
        <IconPaperclip size={15} />
      </ActionIcon>
    </Tooltip>
  );
}

function RowActions({
  label,
  onEdit,
  onDelete,
  isDeleting,
}: {
  label: string;
  onEdit: () => void;
  onDelete: () => void;
  isDeleting: boolean;
}) {
  return (
    <Group gap={2} wrap="nowrap" justify="flex-end">
      <ActionIcon variant="subtle" size="sm" aria-label={`Edit ${label}`} onClick={onEdit}>
        <IconPencil size={15} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        size="sm"
        aria-label={`Delete ${label}`}
        onClick={onDelete}
        loading={isDeleting}
      >
        <IconTrash size={15} />
      </ActionIcon>
    </Group>
  );
}

/**
 * Receipts from the client and expenses of the order, with the figures the server derives from them: amount due
 * (fees, or base charges once failed), received, balance and payment status. Closed orders keep taking receipts.
 */
export function OrderMoneyCard({ order }: { order: OrderDetail }) {
  const { can } = useAuth();
  const canWrite = can('money.write');
  const receipts = useReceipts(order.id);
  const expenses = useExpenses(order.id);
  const remove = useDeleteMoneyItem(order.id);
  const [editingReceipt, setEditingReceipt] = useState<Receipt | null | undefined>(undefined);
  const [editingExpense, setEditingExpense] = useState<Expense | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<{ kind: MoneyItemKind; id: number; what: string } | null>(null);
  const money = receipts.data?.money;

  function confirmDelete() {
    if (!deleting) return;
    remove.mutate(
      { kind: deleting.kind, id: deleting.id },
      {
        onSuccess: () => setDeleting(null),
        onError: (e) => notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(e) }),
      },
    );
  }

  return (
    <Paper withBorder p="md" data-testid="money-card">
      <Group justify="space-between" mb="sm">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          Money
        </Text>
        {money ? <PaymentStatusBadge status={money.paymentStatus} /> : null}
      </Group>
      {receipts.isError ? (
        <QueryError error={receipts.error} what="receipts" onRetry={() => void receipts.refetch()} />
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="md">
        <Figure
          label={order.stage.code === 'failed' ? 'Amount due (base charges + GST)' : 'Amount due (incl. GST)'}
          testId="amount-due"
        >
          <Amount value={money?.amountDue} />
        </Figure>
        <Figure label="Received" testId="amount-received">
          <Amount value={money?.amountReceived} />
        </Figure>
        <Figure label="Balance" testId="balance-due">
          <Amount value={money?.balanceDue} />
        </Figure>
        <Figure label="Expenses" testId="expenses-total">
          <Amount value={expenses.data?.total ?? money?.expenses} />
        </Figure>
      </SimpleGrid>

      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          Receipts
        </Text>
        {canWrite ? (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditingReceipt(null)}
          >
            Record receipt
          </Button>
        ) : null}
      </Group>
      {/* Dates, references and row actions do not fit a phone beside each other: the table scrolls in the card. */}
      <Table.ScrollContainer minWidth={460} type="native">
        <Table verticalSpacing={4} fz="sm" data-testid="receipts-table">
          <Table.Tbody>
            {receipts.data?.items.length === 0 ? (
              <Table.Tr>
                <Table.Td c="dimmed">No money received yet.</Table.Td>
              </Table.Tr>
            ) : null}
            {receipts.data?.items.map((r) => (
              <Table.Tr key={r.id} data-testid="receipt-row">
                <Table.Td className="num" w={100}>
                  {formatDate(r.date)}
                </Table.Td>
                <Table.Td>
                  {MODE_LABELS[r.mode]}
                  {r.mode === 'cheque' && r.chequeNumber ? ` ${r.chequeNumber}` : ''}
                  {r.reference ? (
                    <Text size="xs" c="dimmed">
                      {r.reference}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td className="num-cell">
                  <Amount value={r.amount} />
                </Table.Td>
                <Table.Td w={32}>
                  <AttachmentLink attachment={r.attachment} />
                </Table.Td>
                <Table.Td w={56}>
                  <ApplyReceipt orderId={order.id} receipt={r} canWrite={canWrite} />
                </Table.Td>
                {canWrite ? (
                  <Table.Td w={64}>
                    <RowActions
                      label={`receipt of ${formatAmount(r.amount)}`}
                      onEdit={() => setEditingReceipt(r)}
                      onDelete={() => setDeleting({ kind: 'receipts', id: r.id, what: 'receipt' })}
                      isDeleting={remove.isPending && remove.variables.id === r.id}
                    />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Group justify="space-between" mb={4} mt="md">
        <Text size="sm" fw={600}>
          Expenses
        </Text>
        {canWrite ? (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditingExpense(null)}
          >
            Add expense
          </Button>
        ) : null}
      </Group>
      {expenses.isError ? (
        <QueryError error={expenses.error} what="expenses" onRetry={() => void expenses.refetch()} />
      ) : null}
      <Table.ScrollContainer minWidth={420} type="native">
        <Table verticalSpacing={4} fz="sm" data-testid="expenses-table">
          <Table.Tbody>
            {expenses.data?.items.length === 0 ? (
              <Table.Tr>
                <Table.Td c="dimmed">No expenses recorded.</Table.Td>
              </Table.Tr>
            ) : null}
            {expenses.data?.items.map((x) => (
              <Table.Tr key={x.id} data-testid="expense-row">
                <Table.Td className="num" w={100}>
                  {formatDate(x.date)}
                </Table.Td>
                <Table.Td>
                  {EXPENSE_CATEGORY_LABELS[x.category]}
                  <Text span size="xs" c="dimmed">
                    {x.paidTo ? ` · ${x.paidTo}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td className="num-cell">
                  <Amount value={x.amount} />
                </Table.Td>
                <Table.Td w={32}>
                  <AttachmentLink attachment={x.attachment} />
                </Table.Td>
                {canWrite ? (
                  <Table.Td w={64}>
                    <RowActions
                      label={`expense of ${formatAmount(x.amount)}`}
                      onEdit={() => setEditingExpense(x)}
                      onDelete={() => setDeleting({ kind: 'expenses', id: x.id, what: 'expense' })}
                      isDeleting={remove.isPending && remove.variables.id === x.id}
                    />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {order.partner === null ? null : (
        <Text size="xs" c="dimmed" mt="sm">
          Expenses reduce the net shared with{' '}
          <Anchor size="xs" component={Link} to={`/parties/${order.partner.id}`}>
            {order.partner.name}
          </Anchor>
          .
        </Text>
      )}
      <ReceiptModal
        orderId={order.id}
        receipt={editingReceipt}
        suggestedAmount={
          money && !money.balanceDue.startsWith('-') && money.balanceDue !== '0.00' ? money.balanceDue : undefined
        }
        onClose={() => setEditingReceipt(undefined)}
      />
      <ExpenseModal orderId={order.id} expense={editingExpense} onClose={() => setEditingExpense(undefined)} />
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete this ${deleting?.what ?? ''}?`}
        centered
      >
        <Text size="sm">
          The order&apos;s payment status and settlement are recomputed. The deletion is kept in the audit log.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button color="red" loading={remove.isPending} onClick={confirmDelete}>
            Delete
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
