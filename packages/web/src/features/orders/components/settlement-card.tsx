import { useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconPencil } from '@tabler/icons-react';
import type { OrderSettlement, SettlementEntry } from '@bizdash/contracts/order-money';
import type { OrderDetail } from '@bizdash/contracts/orders';
import { useAuth } from '../../../app/auth/auth-context';
import { Amount } from '../../../components/amount';
import { PageLoader } from '../../../components/page-loader';
import { QueryError } from '../../../components/query-error';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useApproveOrderSettlement, useOrderSettlement, useSetShare } from '../money-api';
import { SettlementStatusBadge } from './order-money-badges';

function Line({
  label,
  children,
  strong,
  testId,
}: {
  label: string;
  children: ReactNode;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 600 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined} component="div" data-testid={testId}>
        {children}
      </Text>
    </Group>
  );
}

/** "40.00" → "40", "33.30" → "33.3": the share as people write it. */
export function shortPercent(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

function entryLabel(entry: SettlementEntry): string {
  return entry.kind === 'settlement' ? 'Settlement' : 'Adjustment';
}

/**
 * The partner's share of this order: projected while open, a draft once closed, frozen by approval. After approval a
 * change of inputs shows as a pending adjustment (the difference) that needs its own approval.
 */
export function SettlementCard({ order }: { order: OrderDetail }) {
  const query = useOrderSettlement(order.id);
  return (
    <Paper withBorder p="md" data-testid="settlement-card">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb="sm">
        Partner settlement
      </Text>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} what="the settlement" onRetry={() => void query.refetch()} />
      ) : (
        <SettlementBody settlement={query.data} />
      )}
    </Paper>
  );
}

function SettlementBody({ settlement: s }: { settlement: OrderSettlement }) {
  const { can } = useAuth();
  const approve = useApproveOrderSettlement(s.orderId);
  const [isEditingShare, setEditingShare] = useState(false);
  const pending = s.adjustments;
  const pendingAdjustments = pending.filter((e) => e.kind === 'adjustment');
  const approvedEntries = s.entries.filter((e) => e.status === 'approved');
  const canApprove = can('settlements.approve') && s.canApprove;

  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Group gap="xs">
          <SettlementStatusBadge status={s.status} />
          <Badge variant="default" size="sm">
            {s.basis === 'contracted' ? 'Contracted basis' : 'Collected basis'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {s.partner ? s.partner.name : 'No partner'}
        </Text>
      </Group>
      {s.status === 'projected' ? (
        <Text size="xs" c="dimmed">
          Projected as if the order completed today; nothing is stored until it closes.
        </Text>
      ) : null}
      <Line label={s.outcome === 'failed' ? 'Revenue (base charges)' : 'Revenue'} testId="settlement-revenue">
        <Amount value={s.revenue} />
      </Line>
      <Line label="Expenses" testId="settlement-expenses">
        <Amount value={s.expenses} />
      </Line>
      <Line label="Net" testId="settlement-net">
        <Amount value={s.net} />
      </Line>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm" c="dimmed">
          Partner&apos;s share
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" className="num" data-testid="settlement-share-percent">
            {shortPercent(s.sharePercent)}%
          </Text>
          {can('money.write') && s.partner ? (
            <Tooltip label="Change the share on this order">
              <ActionIcon variant="subtle" size="sm" aria-label="Edit share" onClick={() => setEditingShare(true)}>
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      </Group>
      <Divider my={4} />
      <Line label="Partner share" strong testId="settlement-partner-share">
        <Amount value={s.partnerShare} />
      </Line>
      <Line label="Business share" strong testId="settlement-business-share">
        <Amount value={s.businessShare} />
      </Line>

      {pendingAdjustments.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          mt="xs"
          data-testid="pending-adjustment"
          title="Adjustment waiting for approval"
        >
          {pendingAdjustments.map((a) => (
            <Text size="sm" key={a.id}>
              Partner <Amount value={a.partnerShare} fw={600} />, business <Amount value={a.businessShare} fw={600} />{' '}
              against what was approved; the approved figures stay as they are until this is approved.
            </Text>
          ))}
        </Alert>
      ) : null}

      {approvedEntries.length > 0 ? (
        <Table verticalSpacing={2} fz="xs" mt="xs" data-testid="settlement-entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Entry</Table.Th>
              <Table.Th>Approved</Table.Th>
              <Table.Th className="num-cell">Partner</Table.Th>
              <Table.Th className="num-cell">Paid out</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {approvedEntries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{entryLabel(e)}</Table.Td>
                <Table.Td className="num">
                  {formatDate(e.approvedAt)}
                  {e.approvedBy ? ` · ${e.approvedBy.name}` : ''}
                </Table.Td>
                <Table.Td className="num-cell">
                  <Amount value={e.partnerShare} />
                </Table.Td>
                <Table.Td className="num-cell">
                  <Amount value={e.paidOut} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}

      {canApprove ? (
        <Group justify="flex-end" mt="xs">
          <Button
            color="teal"
            leftSection={<IconCheck size={16} />}
            loading={approve.isPending}
            data-testid="approve-settlement"
            onClick={() =>
              approve.mutate(undefined, {
                onSuccess: () => notifications.show({ color: 'teal', message: 'Settlement approved' }),
                onError: (e) => notifications.show({ color: 'red', title: 'Not approved', message: errorMessage(e) }),
              })
            }
          >
            {pendingAdjustments.length > 0 ? 'Approve adjustment' : 'Approve settlement'}
          </Button>
        </Group>
      ) : null}
      <ShareModal
        key={s.sharePercent}
        orderId={s.orderId}
        current={s.sharePercent}
        isApproved={approvedEntries.length > 0}
        opened={isEditingShare}
        onClose={() => setEditingShare(false)}
      />
    </Stack>
  );
}

function ShareModal({
  orderId,
  current,
  isApproved,
  opened,
  onClose,
}: {
  orderId: number;
  current: string;
  isApproved: boolean;
  opened: boolean;
  onClose: () => void;
}) {
  const setShare = useSetShare(orderId);
  const [value, setValue] = useState(shortPercent(current));
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setError(null);
    try {
      await setShare.mutateAsync(value.trim());
      notifications.show({ color: 'teal', message: `Share set to ${value.trim()}%` });
      onClose();
    } catch (e) {
      setError(fieldErrorsOf(e).sharePercent ?? errorMessage(e));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Partner's share on this order" centered>
      <Stack gap="sm">
        <TextInput
          label="Share"
          rightSection="%"
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value.replace(/[^\d.]/g, ''))}
          error={error}
          classNames={{ input: 'num' }}
          data-autofocus
        />
        {isApproved ? (
          <Text size="xs" c="dimmed">
            The settlement is approved: a new share creates an adjustment for the difference, which needs approval.
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={setShare.isPending}>
            Save share
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
