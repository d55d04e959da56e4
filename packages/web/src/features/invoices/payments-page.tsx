import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  CloseButton,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCash, IconChartBar, IconPlus, IconSearch, IconUnlink } from '@tabler/icons-react';
import type { Payment, PaymentSummary } from '@bizdash/contracts/payments';
import { toMoneyString } from '@bizdash/domain/money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ExportMenu } from '../../components/export-menu';
import { CardList, ListCard, useIsPhone } from '../../components/list-cards';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { SortableTh } from '../../components/sortable-th';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage } from '../../lib/errors';
import { formatAmount, formatDate } from '../../lib/format';
import { useUrlText } from '../../lib/use-url-text';
import { useAllocatePayment, useDeallocatePayment, useOpenInvoices, usePayment, usePayments } from './api';
import { AllocationTable, allocatedPaise, paiseOf, type AllocationDraft } from './components/allocation-table';
import { MODE_LABELS } from './components/badges';
import { RecordPaymentModal } from './components/record-payment-modal';
import { PAGE_SIZES, usePaymentListParams } from './url-state';

const COLUMNS = 9;

export function PaymentsPage() {
  const { can } = useAuth();
  const { params, update } = usePaymentListParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const openId = Number(searchParams.get('payment')) || null;
  const query = usePayments(params);
  const isPhone = useIsPhone();
  const [isRecording, setRecording] = useState(false);
  const [search, setSearch] = useUrlText(params.q ?? '', (q) => update({ q: q || null }, { replace: true }));
  const items = query.data?.items ?? [];

  function sortBy(field: 'date' | 'amount') {
    if (params.sort === field) update({ sort: field, order: params.order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: field, order: 'desc' });
  }
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
      <PageHeader
        title="Payments"
        description="Money received from clients and paid to suppliers, and the documents each one settles."
        actions={
          <>
            <ExportMenu
              path="/payments/export"
              query={{ ...params }}
              fileName={params.direction === 'made' ? 'payments-made' : 'payments'}
            />
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
      />
      <Paper withBorder p={0}>
        <Group gap="sm" p="md" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
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
          <TextInput
            aria-label="Search payments"
            placeholder="Reference or party name"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={
              search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null
            }
            w={260}
          />
          <Switch
            label="With an unallocated advance"
            checked={params.unallocated === 'true'}
            onChange={(e) => update({ unallocated: e.currentTarget.checked ? 'true' : null })}
          />
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what="payments" onRetry={() => void query.refetch()} />
          </div>
        ) : isPhone ? (
          <PaymentCards items={items} isPending={query.isPending} onOpen={openPayment} />
        ) : (
          <Table.ScrollContainer minWidth={860} type="native">
            <Table highlightOnHover={items.length > 0} verticalSpacing="sm" data-testid="payments-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableTh
                    isSorted={params.sort === 'date'}
                    order={params.order}
                    onSort={() => sortBy('date')}
                    w={120}
                  >
                    Date
                  </SortableTh>
                  <Table.Th w={80}>Payment</Table.Th>
                  <Table.Th>Party</Table.Th>
                  <Table.Th>Mode</Table.Th>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th>Settles</Table.Th>
                  <SortableTh
                    isSorted={params.sort === 'amount'}
                    order={params.order}
                    onSort={() => sortBy('amount')}
                    align="right"
                  >
                    Amount
                  </SortableTh>
                  <Table.Th className="num-cell">TDS</Table.Th>
                  <Table.Th className="num-cell">Unallocated</Table.Th>
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
                          No payments here yet.
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((p) => (
                    <Table.Tr
                      key={p.id}
                      className="row-clickable"
                      onClick={() => openPayment(p.id)}
                      tabIndex={0}
                      onKeyDown={(e) => e.key === 'Enter' && openPayment(p.id)}
                      data-testid={`payment-row-${p.id}`}
                    >
                      <Table.Td className="num">{formatDate(p.date)}</Table.Td>
                      <Table.Td className="num" c="dimmed">
                        #{p.id}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.party.name}</Text>
                        <Badge size="xs" variant="light" color={p.direction === 'received' ? 'teal' : 'grape'}>
                          {p.direction === 'received' ? 'Received' : 'Paid'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{MODE_LABELS[p.mode]}</Table.Td>
                      <Table.Td>{p.reference ?? ''}</Table.Td>
                      <Table.Td data-testid="payment-settles">
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
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={p.amount} fw={500} />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={p.tdsAmount} c="dimmed" />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount
                          value={p.unallocatedAmount}
                          c={paiseOf(p.unallocatedAmount) > 0 ? 'orange' : 'dimmed'}
                        />
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
          page={params.page}
          pageSize={params.pageSize}
          total={query.data.total}
          pageSizes={PAGE_SIZES}
          noun="payments"
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize })}
        />
      ) : null}
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
function PaymentCards({
  items,
  isPending,
  onOpen,
}: {
  items: PaymentSummary[];
  isPending: boolean;
  onOpen: (id: number) => void;
}) {
  if (isPending) {
    return (
      <CardList p="sm">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={96} radius="md" />
        ))}
      </CardList>
    );
  }
  if (items.length === 0) {
    return (
      <Stack align="center" py={40} gap="xs" c="dimmed">
        <IconCash size={24} />
        <Text size="sm" inherit>
          No payments here yet.
        </Text>
      </Stack>
    );
  }
  return (
    <CardList p="sm" data-testid="payments-cards">
      {items.map((p) => (
        <ListCard key={p.id} onOpen={() => onOpen(p.id)} data-testid={`payment-card-${p.id}`}>
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
        </ListCard>
      ))}
    </CardList>
  );
}
