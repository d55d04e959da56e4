import { useState } from 'react';
import { Link } from 'react-router';
import { Box, Button, Checkbox, Group, Menu, SegmentedControl, Select, Switch, Text } from '@mantine/core';
import { IconChevronDown, IconFileInvoice, IconPlus, IconReceipt2 } from '@tabler/icons-react';
import type { InvoiceSummary } from '@bizdash/contracts/invoices';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ExportMenu } from '../../components/export-menu';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { PLACEHOLDER, formatDate } from '../../lib/format';
import { useInvoices, usePartyById } from './api';
import { BulkActionBar } from './bulk-actions';
import { PaymentBadge, StatusBadge, TYPE_LABELS } from '../../components/badges';
import { DateField } from '../../components/date-field';
import { InvoiceCard } from './components/invoice-cards';
import { PartyPicker } from './components/party-picker';
import { INVOICE_LIST, useInvoiceListState } from './url-state';

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
/** The server takes at most this many documents in one bulk action. */
const MAX_SELECTED = 200;

// Taxable value and total, not the tax between them: with the selection column the list must fit 1366 px without
// clipping its status badges (issue 18); the tax is on the document and in the GST reports.
const COLUMNS: ListColumn<InvoiceSummary>[] = [
  {
    key: 'number',
    label: 'Number',
    sort: 'number',
    render: (row) => (
      <>
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
      </>
    ),
  },
  {
    key: 'date',
    label: 'Date',
    sort: 'date',
    w: 120,
    render: (row) => (
      <Text size="sm" className="num">
        {formatDate(row.date)}
      </Text>
    ),
  },
  {
    key: 'party',
    label: 'Party',
    maw: 260,
    render: (row) => (
      <>
        <Text size="sm" lineClamp={2}>
          {row.party.name}
        </Text>
        {row.party.gstin ? (
          <Text size="xs" c="dimmed" className="mono">
            {row.party.gstin}
          </Text>
        ) : null}
      </>
    ),
  },
  {
    key: 'taxable',
    label: 'Taxable',
    className: 'num-cell',
    render: (row) => <Amount value={row.taxableValue} size="sm" />,
  },
  {
    key: 'total',
    label: 'Total',
    sort: 'total',
    align: 'right',
    className: 'num-cell',
    render: (row) => <Amount value={row.grandTotal} size="sm" fw={500} />,
  },
  {
    key: 'balance',
    label: 'Balance',
    sort: 'balance',
    align: 'right',
    className: 'num-cell',
    render: (row) =>
      row.paymentStatus ? (
        <Amount value={row.balanceDue} size="sm" c={row.isOverdue ? 'red' : undefined} fw={500} />
      ) : (
        <Text size="sm" c="dimmed">
          {PLACEHOLDER}
        </Text>
      ),
  },
  {
    key: 'dueDate',
    label: 'Due',
    sort: 'dueDate',
    w: 120,
    render: (row) => (
      <Text size="sm" className="num" c={row.isOverdue ? 'red' : undefined}>
        {formatDate(row.dueDate)}
      </Text>
    ),
  },
  {
    key: 'status',
    label: 'Status',
    render: (row) => (
      <Group gap={4} wrap="nowrap">
        <StatusBadge status={row.status} />
        <PaymentBadge status={row.paymentStatus} />
      </Group>
    ),
  },
];

export function InvoicesPage() {
  const { can } = useAuth();
  const list = useInvoiceListState();
  const { state: params, update } = list;
  const query = useInvoices(params);
  const filterParty = usePartyById(params.partyId ?? null);
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;

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

  // Bulk selection stays with the desktop table; the phone cards open the document.
  const selectColumn: ListColumn<InvoiceSummary> = {
    key: 'select',
    label: (
      <Checkbox
        aria-label="Select this page"
        checked={items.length > 0 && pageSelected === items.length}
        indeterminate={pageSelected > 0 && pageSelected < items.length}
        disabled={items.length === 0}
        onChange={togglePage}
      />
    ),
    w: 40,
    isControl: true,
    render: (row) => (
      <Checkbox
        aria-label={`Select ${row.number ?? `draft ${row.id}`}`}
        checked={selected.has(row.id)}
        onChange={() => toggle(row)}
      />
    ),
  };

  return (
    <ListPage
      title="Invoices"
      description="GST tax invoices, purchase bills, credit and debit notes, numbered per financial year."
      exportMenu={<ExportMenu path="/invoices/export" query={list.apiQuery} fileName={params.type ?? 'invoices'} />}
      actions={
        can('invoices.write') ? (
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
                <Menu.Item component={Link} to="/invoices/new?type=sales" leftSection={<IconFileInvoice size={16} />}>
                  Sales invoice
                </Menu.Item>
                <Menu.Item component={Link} to="/invoices/new?type=purchase" leftSection={<IconReceipt2 size={16} />}>
                  Purchase bill
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        ) : null
      }
      beforeList={<BulkActionBar selected={[...selected.values()]} onClear={() => setSelected(new Map())} />}
      filtersTop={
        // Five tabs are wider than a phone: they scroll in place rather than pushing the page sideways.
        <Box style={{ overflowX: 'auto' }} data-testid="invoice-type-tabs">
          <SegmentedControl
            data={TYPE_TABS}
            value={params.type ?? 'all'}
            onChange={(value) => update({ type: value === 'all' ? null : value })}
            aria-label="Filter by type"
          />
        </Box>
      }
      filters={
        <>
          <ListSearch
            aria-label="Search invoices"
            placeholder="Number or party name"
            value={params.q}
            onCommit={(q) => update({ q }, { replace: true })}
            w={{ base: '100%', xs: 240 }}
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
          />
        </>
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={query}
      what="invoices"
      columns={[selectColumn, ...COLUMNS]}
      rowKey={(row) => row.id}
      rowProps={(row) => ({
        to: `/invoices/${row.id}`,
        testId: `invoice-row-${row.id}`,
        cardTestId: `invoice-card-${row.id}`,
      })}
      sort={{ key: params.sort, order: params.order, onSort: (key) => list.sortBy(key as typeof params.sort) }}
      renderCard={(row) => <InvoiceCard row={row} />}
      tableTestId="invoices-table"
      cardsTestId="invoices-cards"
      minWidth={1080}
      emptyIcon={<IconFileInvoice size={24} />}
      emptyText={
        params.type
          ? 'No documents match these filters.'
          : 'No invoices yet. Issue one and it appears here with its balance.'
      }
      noMatchText="No documents match these filters."
      paging={{
        page: params.page,
        pageSize: params.pageSize,
        pageSizes: INVOICE_LIST.pageSizes,
        noun: total === 1 ? 'document' : 'documents',
        onChange: update,
      }}
    />
  );
}
