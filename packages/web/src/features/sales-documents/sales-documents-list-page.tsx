import { Link } from 'react-router';
import { Badge, Button, Select, Text } from '@mantine/core';
import { IconFileDescription, IconPlus } from '@tabler/icons-react';
import {
  SalesDocumentStatus,
  type SalesDocumentKind,
  type SalesDocumentSummary,
} from '@bizdash/contracts/sales-documents';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { defineList, oneOf, text, useListUrlState } from '../../components/list-page/use-list-url-state';
import { PLACEHOLDER, formatDate } from '../../lib/format';
import { useSalesDocuments } from './api';
import { KINDS, STATUS_LABELS } from './kinds';

/** A quotations, proformas or challans list's URL: search, status and page (the kind is the route). */
const SALES_DOCUMENT_LIST = defineList({
  params: { q: text(), status: oneOf(SalesDocumentStatus.options) },
  pageSizes: [20, 50, 100],
  defaultPageSize: 50,
});

/** One kind's list, newest first; status filter and paging are done by the server. */
export function SalesDocumentsListPage({ kind }: { kind: SalesDocumentKind }) {
  const { can } = useAuth();
  const meta = KINDS[kind];
  const list = useListUrlState(SALES_DOCUMENT_LIST);
  const { state, update } = list;
  // A status this kind never has (a link from another kind's list) is no filter here.
  const status = state.status && meta.statuses.includes(state.status) ? state.status : undefined;
  const query = useSalesDocuments({ kind, status, q: state.q ?? '', page: state.page, pageSize: state.pageSize });

  const columns: ListColumn<SalesDocumentSummary>[] = [
    {
      key: 'number',
      label: 'Number',
      w: 170,
      render: (d) => (
        <Text
          size="sm"
          fw={500}
          className="num"
          component={Link}
          to={`${meta.path}/${d.id}`}
          onClick={(e) => e.stopPropagation()}
        >
          {d.number}
        </Text>
      ),
    },
    {
      key: 'date',
      label: 'Date',
      w: 110,
      render: (d) => (
        <Text size="sm" className="num">
          {formatDate(d.date)}
        </Text>
      ),
    },
    { key: 'party', label: 'Party', render: (d) => <Text size="sm">{d.party.name}</Text> },
    {
      key: 'validUntil',
      label: kind === 'delivery_challan' ? '' : 'Valid until',
      w: 120,
      hideOnCard: kind === 'delivery_challan',
      render: (d) => (
        <Text size="sm" className="num" c="dimmed">
          {kind === 'delivery_challan' ? '' : d.validUntil ? formatDate(d.validUntil) : PLACEHOLDER}
        </Text>
      ),
    },
    {
      key: 'status',
      label: 'Status',
      w: 110,
      render: (d) => (
        <Badge variant="light" color={STATUS_LABELS[d.status].color} size="sm">
          {STATUS_LABELS[d.status].label}
        </Badge>
      ),
    },
    {
      key: 'total',
      label: 'Total',
      w: 140,
      className: 'num-cell',
      render: (d) => <Amount value={d.grandTotal} size="sm" />,
    },
  ];

  return (
    <ListPage
      title={meta.title}
      description={meta.description}
      actions={
        can('invoices.write') ? (
          <Button component={Link} to={`${meta.path}/new`} leftSection={<IconPlus size={16} />}>
            New {meta.singular.toLowerCase()}
          </Button>
        ) : null
      }
      filters={
        <>
          <ListSearch
            aria-label="Search"
            placeholder="Number or party"
            value={state.q}
            onCommit={(q) => update({ q }, { replace: true })}
            w={{ base: '100%', xs: 240 }}
          />
          <Select
            aria-label="Status"
            placeholder="Any status"
            clearable
            data={meta.statuses.map((s) => ({ value: s, label: STATUS_LABELS[s].label }))}
            value={status ?? null}
            onChange={(v) => update({ status: v })}
            w={{ base: '100%', xs: 180 }}
            data-testid="status-filter"
          />
        </>
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={query}
      what={meta.title.toLowerCase()}
      columns={columns}
      rowKey={(d) => d.id}
      rowProps={(d) => ({
        to: `${meta.path}/${d.id}`,
        testId: `sales-document-row-${d.id}`,
        cardTestId: `sales-document-card-${d.id}`,
      })}
      tableTestId="sales-documents-table"
      cardsTestId="sales-documents-cards"
      minWidth={760}
      emptyIcon={<IconFileDescription size={24} />}
      emptyText={`No ${meta.title.toLowerCase()} yet.`}
      noMatchText="Nothing matches."
      paging={{
        page: state.page,
        pageSize: state.pageSize,
        pageSizes: SALES_DOCUMENT_LIST.pageSizes,
        noun: meta.title.toLowerCase(),
        onChange: update,
      }}
    />
  );
}
