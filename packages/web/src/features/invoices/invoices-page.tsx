import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Box,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import {
  IconChevronDown,
  IconFileInvoice,
  IconFilterOff,
  IconPlus,
  IconReceipt2,
  IconSearch,
} from '@tabler/icons-react';
import type { InvoiceSummary } from '@bizdash/contracts/invoices';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ExportMenu } from '../../components/export-menu';
import { useIsPhone } from '../../components/list-cards';
import { ListPagination, useClampPage } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { SortableTh } from '../../components/sortable-th';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatDate } from '../../lib/format';
import { useUrlText } from '../../lib/use-url-text';
import { useInvoices, usePartyById } from './api';
import { BulkActionBar } from './bulk-actions';
import { PaymentBadge, StatusBadge, TYPE_LABELS } from './components/badges';
import { DateField } from './components/date-field';
import { InvoiceCards } from './components/invoice-cards';
import { PartyPicker } from './components/party-picker';
import { PAGE_SIZES, useInvoiceListParams } from './url-state';

const TYPE_TABS = [
  { value: 'all', label: 'All' },
  { value: 'sales', label: 'Sales' },
  { value: 'purchase', label: 'Purchases' },
  { value: 'credit_note', label: 'Credit notes' },
  { value: 'debit_note', label: 'Debit notes' },
];
const STATUS_OPTIONS = [
  { value: 'draft', label: 'Drafts' },
  { value: 'issued', label: 'Issued' },
  { value: 'cancelled', label: 'Cancelled' },
];
const PAYMENT_OPTIONS = [
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'partial', label: 'Part paid' },
  { value: 'paid', label: 'Paid' },
  { value: 'overdue', label: 'Overdue' },
];
type Sort = 'date' | 'number' | 'total' | 'balance' | 'dueDate';
const FIRST_ORDER: Record<Sort, 'asc' | 'desc'> = {
  date: 'desc',
  number: 'desc',
  total: 'desc',
  balance: 'desc',
  dueDate: 'asc',
};
// Taxable value and total, not the tax between them: with the selection column the list must fit 1366 px without
// clipping its status badges (issue 18); the tax is on the document and in the GST reports.
const COLUMNS = 9;
/** The server takes at most this many documents in one bulk action. */
const MAX_SELECTED = 200;

export function InvoicesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { params, update } = useInvoiceListParams();
  const query = useInvoices(params);
  const isPhone = useIsPhone();
  const filterParty = usePartyById(params.partyId ?? null);
  const [search, setSearch] = useUrlText(params.q ?? '', (q) => update({ q: q || null }, { replace: true }));
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const hasFilters = Boolean(
    params.q || params.status || params.paymentStatus || params.partyId || params.from || params.to || params.overdue,
  );

  function sortBy(field: Sort) {
    if (params.sort === field) update({ sort: field, order: params.order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: field, order: FIRST_ORDER[field] });
  }

  const clampTo = useCallback((page: number) => update({ page }, { replace: true }), [update]);
  useClampPage(query.data, params.page, params.pageSize, clampTo);

  const open = (row: InvoiceSummary) => void navigate(`/invoices/${row.id}`);

  // Selected rows by id, kept across pages so a selection can span them (up to the bulk limit).
  const [selected, setSelected] = useState<Map<number, InvoiceSummary>>(new Map());
  const pageSelected = items.filter((r) => selected.has(r.id)).length;
  function toggle(row: InvoiceSummary) {
    setSelected((before) => {
      const next = new Map(before);
      if (next.has(row.id)) next.delete(row.id);
      else if (next.size < MAX_SELECTED) next.set(row.id, row);
      return next;
    });
  }
  function togglePage() {
    setSelected((before) => {
      const next = new Map(before);
      if (pageSelected === items.length) for (const r of items) next.delete(r.id);
      else for (const r of items) if (next.size < MAX_SELECTED) next.set(r.id, r);
      return next;
    });
  }

  return (
    <>
      <PageHeader
        title="Invoices"
        description="GST tax invoices, purchase bills, credit and debit notes, numbered per financial year."
        actions={
          <Group gap="sm">
            <ExportMenu path="/invoices/export" query={{ ...params }} fileName={params.type ?? 'invoices'} />
            {can('invoices.write') ? (
              <Group gap={0}>
                <Button
                  component={Link}
                  to="/invoices/new?type=sales"
                  leftSection={<IconPlus size={16} />}
                  style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
                >
                  New invoice
                </Button>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button
                      px={8}
                      aria-label="More new documents"
                      style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: '1px solid #fff4' }}
                    >
                      <IconChevronDown size={16} />
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      component={Link}
                      to="/invoices/new?type=sales"
                      leftSection={<IconFileInvoice size={16} />}
                    >
                      Sales invoice
                    </Menu.Item>
                    <Menu.Item
                      component={Link}
                      to="/invoices/new?type=purchase"
                      leftSection={<IconReceipt2 size={16} />}
                    >
                      Purchase bill
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            ) : null}
          </Group>
        }
      />

      <BulkActionBar selected={[...selected.values()]} onClear={() => setSelected(new Map())} />

      <Paper withBorder p={0}>
        <Stack gap="sm" p="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          {/* Five tabs are wider than a phone: they scroll in place rather than pushing the page sideways. */}
          <Box style={{ overflowX: 'auto' }} data-testid="invoice-type-tabs">
            <SegmentedControl
              data={TYPE_TABS}
              value={params.type ?? 'all'}
              onChange={(value) => update({ type: value === 'all' ? null : value })}
              aria-label="Filter by type"
            />
          </Box>
          <Group gap="sm" wrap="wrap" align="flex-end">
            <TextInput
              aria-label="Search invoices"
              placeholder="Number or party name"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              rightSection={
                search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null
              }
              w={240}
            />
            <PartyPicker
              label=""
              role={null}
              value={filterParty.data && params.partyId ? filterParty.data : null}
              onChange={(p) => update({ partyId: p?.id ?? null })}
              w={220}
            />
            <Select
              aria-label="Status"
              placeholder="Any status"
              data={STATUS_OPTIONS}
              value={params.status ?? null}
              onChange={(v) => update({ status: v })}
              clearable
              w={140}
            />
            <Select
              aria-label="Payment"
              placeholder="Any payment"
              data={PAYMENT_OPTIONS}
              value={params.paymentStatus ?? null}
              onChange={(v) => update({ paymentStatus: v })}
              clearable
              w={150}
            />
            <DateField
              aria-label="From"
              placeholder="From dd-mm-yyyy"
              value={params.from ?? null}
              onChange={(v) => update({ from: v })}
              clearable
              w={170}
            />
            <DateField
              aria-label="To"
              placeholder="To dd-mm-yyyy"
              value={params.to ?? null}
              onChange={(v) => update({ to: v })}
              clearable
              w={170}
            />
            <Switch
              label="Overdue only"
              checked={params.overdue === 'true'}
              onChange={(e) => update({ overdue: e.currentTarget.checked ? 'true' : null })}
              color="red"
              mb={8}
            />
            {hasFilters ? (
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconFilterOff size={16} />}
                onClick={() => {
                  setSearch('');
                  update({
                    q: null,
                    status: null,
                    paymentStatus: null,
                    partyId: null,
                    from: null,
                    to: null,
                    overdue: null,
                  });
                }}
              >
                Clear filters
              </Button>
            ) : null}
          </Group>
        </Stack>

        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError
              error={query.error}
              what="invoices"
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : isPhone ? (
          <InvoiceCards
            items={items}
            isPending={query.isPending}
            emptyText={
              hasFilters || params.type
                ? 'No documents match these filters.'
                : 'No invoices yet. Issue one and it appears here with its balance.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={1080} type="native">
            <Table
              highlightOnHover={items.length > 0}
              verticalSpacing="sm"
              style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
              data-testid="invoices-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Select this page"
                      checked={items.length > 0 && pageSelected === items.length}
                      indeterminate={pageSelected > 0 && pageSelected < items.length}
                      disabled={items.length === 0}
                      onChange={togglePage}
                    />
                  </Table.Th>
                  <SortableTh isSorted={params.sort === 'number'} order={params.order} onSort={() => sortBy('number')}>
                    Number
                  </SortableTh>
                  <SortableTh
                    isSorted={params.sort === 'date'}
                    order={params.order}
                    onSort={() => sortBy('date')}
                    w={120}
                  >
                    Date
                  </SortableTh>
                  <Table.Th>Party</Table.Th>
                  <Table.Th className="num-cell">Taxable</Table.Th>
                  <SortableTh
                    isSorted={params.sort === 'total'}
                    order={params.order}
                    onSort={() => sortBy('total')}
                    align="right"
                  >
                    Total
                  </SortableTh>
                  <SortableTh
                    isSorted={params.sort === 'balance'}
                    order={params.order}
                    onSort={() => sortBy('balance')}
                    align="right"
                  >
                    Balance
                  </SortableTh>
                  <SortableTh
                    isSorted={params.sort === 'dueDate'}
                    order={params.order}
                    onSort={() => sortBy('dueDate')}
                    w={120}
                  >
                    Due
                  </SortableTh>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMNS} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconFileInvoice size={24} />
                        <Text size="sm" inherit>
                          {hasFilters || params.type
                            ? 'No documents match these filters.'
                            : 'No invoices yet. Issue one and it appears here with its balance.'}
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((row) => (
                    <Table.Tr
                      key={row.id}
                      className="row-clickable"
                      onClick={() => open(row)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && e.target === e.currentTarget) open(row);
                      }}
                      tabIndex={0}
                      data-testid={`invoice-row-${row.id}`}
                    >
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        <Checkbox
                          aria-label={`Select ${row.number ?? `draft ${row.id}`}`}
                          checked={selected.has(row.id)}
                          onChange={() => toggle(row)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          fw={500}
                          component={Link}
                          to={`/invoices/${row.id}`}
                          onClick={(e) => e.stopPropagation()}
                          className="mono"
                          style={{ whiteSpace: 'nowrap' }}
                          c={row.status === 'cancelled' ? 'dimmed' : undefined}
                          td={row.status === 'cancelled' ? 'line-through' : undefined}
                        >
                          {row.number ?? `Draft #${row.id}`}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {TYPE_LABELS[row.type]}
                          {row.supplierNumber ? ` · ${row.supplierNumber}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num">
                          {formatDate(row.date)}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={260}>
                        <Text size="sm" lineClamp={2}>
                          {row.party.name}
                        </Text>
                        {row.party.gstin ? (
                          <Text size="xs" c="dimmed" className="mono">
                            {row.party.gstin}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={row.taxableValue} size="sm" />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Amount value={row.grandTotal} size="sm" fw={500} />
                      </Table.Td>
                      <Table.Td className="num-cell">
                        {row.paymentStatus ? (
                          <Amount value={row.balanceDue} size="sm" c={row.isOverdue ? 'red' : undefined} fw={500} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {PLACEHOLDER}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num" c={row.isOverdue ? 'red' : undefined}>
                          {formatDate(row.dueDate)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <StatusBadge status={row.status} />
                          <PaymentBadge status={row.paymentStatus} />
                        </Group>
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
          total={total}
          pageSizes={PAGE_SIZES}
          noun={total === 1 ? 'document' : 'documents'}
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize })}
        />
      ) : null}
    </>
  );
}
