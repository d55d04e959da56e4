import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconChartBar, IconPlus, IconUnlink } from '@tabler/icons-react';
import type { Payment, PaymentSummary } from '@bizdash/contracts/payments';
import { toMoneyString } from '@bizdash/domain/money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ExportMenu } from '../../components/export-menu';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { errorMessage } from '../../lib/errors';
import { formatAmount, formatDate } from '../../lib/format';
import { useAllocatePayment, useDeallocatePayment, useOpenInvoices, usePayment, usePayments } from './api';
import { AllocationTable, allocatedPaise, paiseOf, type AllocationDraft } from './components/allocation-table';
import { MODE_LABELS } from '../../components/badges';
import { RecordPaymentModal } from './components/record-payment-modal';
import { PAYMENT_LIST, usePaymentListState } from './url-state';

const COLUMNS: ListColumn<PaymentSummary>[] = [
  { key: 'date', label: 'Date', sort: 'date', w: 120, className: 'num', render: (p) => formatDate(p.date) },
  {
    key: 'id',
    label: 'Payment',
    w: 80,
    render: (p) => (
      <Text span inherit c="dimmed" className="num">
        #{p.id}
      </Text>
    ),
  },
  {
    key: 'party',
    label: 'Party',
    render: (p) => (
      <>
        <Text size="sm">{p.party.name}</Text>
        <Badge size="xs" variant="light" color={p.direction === 'received' ? 'teal' : 'grape'}>
          {p.direction === 'received' ? 'Received' : 'Paid'}
        </Badge>
      </>
    ),
  },
  { key: 'mode', label: 'Mode', render: (p) => MODE_LABELS[p.mode] },
  { key: 'reference', label: 'Reference', render: (p) => p.reference ?? '' },
  {
    key: 'settles',
    label: 'Settles',
    render: (p) => (
      <div data-testid="payment-settles">
        {p.settles.length === 0 ? (
          <Text size="sm" c="dimmed">
            Advance
          </Text>
        ) : (
          <Group gap={6} wrap="wrap">
            {p.settles.map((s) => (
              <Anchor
                key={s.invoiceId}
                component={Link}
                to={`/invoices/${s.invoiceId}`}
                size="sm"
                className="num"
                onClick={(e) => e.stopPropagation()}
              >
                {s.number ?? `#${s.invoiceId}`}
              </Anchor>
            ))}
          </Group>
        )}
      </div>
    ),
  },
  {
    key: 'amount',
    label: 'Amount',
    sort: 'amount',
    align: 'right',
    className: 'num-cell',
    render: (p) => <Amount value={p.amount} fw={500} />,
  },
  { key: 'tds', label: 'TDS', className: 'num-cell', render: (p) => <Amount value={p.tdsAmount} c="dimmed" /> },
  {
    key: 'unallocated',
    label: 'Unallocated',
    className: 'num-cell',
    render: (p) => <Amount value={p.unallocatedAmount} c={paiseOf(p.unallocatedAmount) > 0 ? 'orange' : 'dimmed'} />,
  },
];

export function PaymentsPage() {
  const { can } = useAuth();
  const list = usePaymentListState();
  const { state: params, update } = list;
  const [searchParams, setSearchParams] = useSearchParams();
  const openId = Number(searchParams.get('payment')) || null;
  const query = usePayments(params);
  const [isRecording, setRecording] = useState(false);

  // The open payment is its own URL parameter beside the list's, so a link can open it in the drawer.
  function openPayment(id: number | null) {
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('payment', String(id));
      else next.delete('payment');
      return next;
    });
  }

  return (
    <>
      <ListPage
        title="Payments"
        description="Money received from clients and paid to suppliers, and the documents each one settles."
        exportMenu={
          <ExportMenu
            path="/payments/export"
            query={list.apiQuery}
            fileName={params.direction === 'made' ? 'payments-made' : 'payments'}
          />
        }
        actions={
          <>
            <Button variant="default" component={Link} to="/payments/ageing" leftSection={<IconChartBar size={16} />}>
              Ageing
            </Button>
            {can('money.write') ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
                Record payment
              </Button>
            ) : null}
          </>
        }
        filters={
          <>
            <SegmentedControl
              data={[
                { value: 'all', label: 'All' },
                { value: 'received', label: 'Received' },
                { value: 'made', label: 'Paid' },
              ]}
              value={params.direction ?? 'all'}
              onChange={(v) => update({ direction: v === 'all' ? null : v })}
              aria-label="Direction"
            />
            <ListSearch
              aria-label="Search payments"
              placeholder="Reference or party name"
              value={params.q}
              onCommit={(q) => update({ q }, { replace: true })}
              w={{ base: '100%', xs: 260 }}
            />
            <Switch
              label="With an unallocated advance"
              checked={params.unallocated === 'true'}
              onChange={(e) => update({ unallocated: e.currentTarget.checked ? 'true' : null })}
            />
          </>
        }
        activeFilterCount={list.activeFilterCount}
        onClearFilters={list.clearFilters}
        query={query}
        what="payments"
        columns={COLUMNS}
        rowKey={(p) => p.id}
        rowProps={(p) => ({
          onOpen: () => openPayment(p.id),
          testId: `payment-row-${p.id}`,
          cardTestId: `payment-card-${p.id}`,
        })}
        sort={{ key: params.sort, order: params.order, onSort: (key) => list.sortBy(key as typeof params.sort) }}
        renderCard={(p) => <PaymentCard p={p} />}
        tableTestId="payments-table"
        cardsTestId="payments-cards"
        minWidth={860}
        emptyIcon={<IconCash size={24} />}
        emptyText="No payments here yet."
        noMatchText="No payments match these filters."
        paging={{
          page: params.page,
          pageSize: params.pageSize,
          pageSizes: PAYMENT_LIST.pageSizes,
          noun: 'payments',
          onChange: update,
        }}
      />
      <RecordPaymentModal opened={isRecording} onClose={() => setRecording(false)} onSaved={(p) => openPayment(p.id)} />
      <Drawer opened={openId !== null} onClose={() => openPayment(null)} position="right" size="xl" title="Payment">
        {openId !== null ? <PaymentDetail id={openId} /> : null}
      </Drawer>
    </>
  );
}

function PaymentDetail({ id }: { id: number }) {
  const { can } = useAuth();
  const query = usePayment(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} what="the payment" onRetry={() => void query.refetch()} />;
  return <PaymentBody payment={query.data} canWrite={can('money.write')} />;
}

function PaymentBody({ payment, canWrite }: { payment: Payment; canWrite: boolean }) {
  const deallocate = useDeallocatePayment();
  const allocate = useAllocatePayment();
  const open = useOpenInvoices(payment.party.id, payment.direction === 'received' ? 'receivable' : 'payable');
  const [draft, setDraft] = useState<AllocationDraft>({});
  const available = paiseOf(payment.unallocatedAmount);
  const typed = allocatedPaise(draft);

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Text fw={600}>
          {payment.direction === 'received' ? 'Received from' : 'Paid to'}{' '}
          <Anchor component={Link} to={`/payments/ledger/${payment.party.id}`}>
            {payment.party.name}
          </Anchor>
        </Text>
        <Text size="sm" c="dimmed">
          {formatDate(payment.date)} · {MODE_LABELS[payment.mode]}
          {payment.reference ? ` · ${payment.reference}` : ''}
        </Text>
      </Stack>
      <Group gap="xl">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Amount
          </Text>
          <Amount value={payment.amount} fw={700} />
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            TDS
          </Text>
          <Amount value={payment.tdsAmount} />
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Allocated
          </Text>
          <Amount value={payment.allocatedAmount} />
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Unallocated
          </Text>
          <Amount value={payment.unallocatedAmount} c={available > 0 ? 'orange' : undefined} fw={600} />
        </Stack>
      </Group>

      <Text size="sm" fw={600}>
        Settles
      </Text>
      {payment.allocations.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not allocated to any document.
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {payment.allocations.map((a) => (
              <Table.Tr key={a.invoiceId}>
                <Table.Td>
                  <Anchor component={Link} to={`/invoices/${a.invoiceId}`} size="sm" className="mono">
                    {a.invoiceNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td className="num">{formatDate(a.invoiceDate)}</Table.Td>
                <Table.Td className="num-cell">{formatAmount(a.amount)}</Table.Td>
                <Table.Td w={40}>
                  {canWrite ? (
                    <Tooltip label="Remove this allocation">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Deallocate from ${a.invoiceNumber ?? a.invoiceId}`}
                        loading={deallocate.isPending && deallocate.variables?.invoiceId === a.invoiceId}
                        onClick={() =>
                          deallocate.mutate(
                            { id: payment.id, invoiceId: a.invoiceId },
                            { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
                          )
                        }
                      >
                        <IconUnlink size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {canWrite && available > 0 ? (
        <>
          <Text size="sm" fw={600}>
            Allocate the remaining {formatAmount(payment.unallocatedAmount)}
          </Text>
          <AllocationTable invoices={open.data?.items ?? []} value={draft} onChange={setDraft} />
          <Group justify="flex-end">
            <Text size="sm" c={typed > available ? 'red' : 'dimmed'}>
              {formatAmount(toMoneyString(typed))} of {formatAmount(payment.unallocatedAmount)}
            </Text>
            <Button
              disabled={typed === 0 || typed > available}
              loading={allocate.isPending}
              onClick={() =>
                allocate.mutate(
                  {
                    id: payment.id,
                    allocations: Object.entries(draft)
                      .filter(([, v]) => paiseOf(v) > 0)
                      .map(([invoiceId, v]) => ({ invoiceId: Number(invoiceId), amount: toMoneyString(paiseOf(v)) })),
                  },
                  {
                    onSuccess: () => setDraft({}),
                    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                  },
                )
              }
            >
              Allocate
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}

/** The payments list on a phone: a card per payment with its party, amount, what it settles and what is left over. */
/** A payment on a phone: who, when and how much, and the documents it settles. */
function PaymentCard({ p }: { p: PaymentSummary }) {
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {p.party.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            <span className="num">{formatDate(p.date)}</span> · #{p.id} · {MODE_LABELS[p.mode]}
            {p.reference ? ` · ${p.reference}` : ''}
          </Text>
        </div>
        <Stack gap={2} align="flex-end">
          <Amount value={p.amount} size="sm" fw={600} />
          <Badge size="xs" variant="light" color={p.direction === 'received' ? 'teal' : 'grape'}>
            {p.direction === 'received' ? 'Received' : 'Paid'}
          </Badge>
        </Stack>
      </Group>
      <Group justify="space-between" gap="xs" mt={6} wrap="nowrap" align="flex-start">
        {p.settles.length === 0 ? (
          <Text size="xs" c="dimmed">
            Advance
          </Text>
        ) : (
          <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
            {p.settles.map((s) => (
              <Anchor key={s.invoiceId} component={Link} to={`/invoices/${s.invoiceId}`} size="xs" className="num">
                {s.number ?? `#${s.invoiceId}`}
              </Anchor>
            ))}
          </Group>
        )}
        {paiseOf(p.unallocatedAmount) > 0 ? (
          <Text size="xs" c="orange" style={{ whiteSpace: 'nowrap' }}>
            Unallocated <Amount value={p.unallocatedAmount} />
          </Text>
        ) : null}
      </Group>
    </>
  );
}
