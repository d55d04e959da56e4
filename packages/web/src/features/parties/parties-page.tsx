import { Link } from 'react-router';
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Text } from '@mantine/core';
import { IconPlus, IconUpload, IconUsersGroup } from '@tabler/icons-react';
import type { Party, PartyListItem } from '@bizdash/contracts/parties';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { ExportMenu } from '../../components/export-menu';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { PLACEHOLDER, formatAmount, formatNumber } from '../../lib/format';
import { useParties } from './api';
import { PartyRoleBadges } from './components/party-badges';
import { displayPhone, stateLabel } from './labels';
import { PARTY_LIST, usePartyListState } from './url-state';

const TABS = [
  { value: 'all', label: 'All' },
  { value: 'client', label: 'Clients' },
  { value: 'supplier', label: 'Suppliers' },
  { value: 'partner', label: 'Partners' },
];
const ARCHIVED_OPTIONS = [
  { value: 'false', label: 'Active parties' },
  { value: 'true', label: 'Archived only' },
  { value: 'all', label: 'Active and archived' },
];

function place(party: Party): string {
  const address = party.billingAddress ?? party.shippingAddress;
  if (!address) return PLACEHOLDER;
  const state = stateLabel(address.stateCode).replace(/^\d{2} · /, '');
  return [address.city, state].filter(Boolean).join(', ');
}

export function PartiesPage() {
  const { can } = useAuth();
  const canWrite = can('parties.write');
  const list = usePartyListState();
  const { state: params, update } = list;
  const query = useParties(params);

  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const showShare = params.role === 'partner' || items.some((p) => p.roles.includes('partner'));
  // The book's balance per party, for roles that may see money (the API sends null otherwise).
  const showBalance = can('money.read');
  const newPath = params.role ? `/parties/new?role=${params.role}` : '/parties/new';
  const noun = params.role ? `${params.role}${total === 1 ? '' : 's'}` : total === 1 ? 'party' : 'parties';

  const columns: ListColumn<PartyListItem>[] = [
    {
      key: 'name',
      label: 'Name',
      sort: 'name',
      render: (party) => (
        <>
          <Group gap={6} wrap="nowrap">
            <Text
              size="sm"
              fw={500}
              component={Link}
              to={`/parties/${party.id}`}
              onClick={(e) => e.stopPropagation()}
              c={party.isArchived ? 'dimmed' : undefined}
            >
              {party.name}
            </Text>
            {party.isArchived ? (
              <Badge size="xs" variant="outline" color="gray">
                Archived
              </Badge>
            ) : null}
          </Group>
          {party.legalName && party.legalName !== party.name ? (
            <Text size="xs" c="dimmed">
              {party.legalName}
            </Text>
          ) : null}
        </>
      ),
    },
    { key: 'roles', label: 'Roles', render: (party) => <PartyRoleBadges roles={party.roles} /> },
    {
      key: 'gstin',
      label: 'GSTIN',
      render: (party) => (
        <Text
          size="sm"
          className={party.gstin ? 'mono' : undefined}
          c={party.gstin ? undefined : 'dimmed'}
          style={{ whiteSpace: 'nowrap' }}
        >
          {party.gstin ?? PLACEHOLDER}
        </Text>
      ),
    },
    {
      key: 'phone',
      label: 'Phone',
      render: (party) => (
        <Text size="sm" className="num" style={{ whiteSpace: 'nowrap' }}>
          {party.phones[0] ? displayPhone(party.phones[0]) : PLACEHOLDER}
        </Text>
      ),
    },
    { key: 'place', label: 'City / state', render: (party) => <Text size="sm">{place(party)}</Text> },
    ...(showShare
      ? [
          {
            key: 'share',
            label: 'Revenue share',
            align: 'right' as const,
            render: (party: PartyListItem) => (
              <Text size="sm" className="num">
                {party.roles.includes('partner') && party.revenueShare
                  ? `${formatNumber(party.revenueShare)}%`
                  : PLACEHOLDER}
              </Text>
            ),
          },
        ]
      : []),
    ...(showBalance
      ? [
          {
            key: 'balance',
            label: 'Balance',
            className: 'num-cell',
            render: (party: PartyListItem) => (
              <span data-testid="party-balance">
                <PartyBalance value={party.balance} />
              </span>
            ),
          },
        ]
      : []),
    {
      key: 'createdAt',
      label: 'Created',
      sort: 'createdAt',
      w: 130,
      render: (party) => <DateTime value={party.createdAt} dateOnly />,
    },
  ];

  return (
    <ListPage
      title="Parties"
      description="The clients, suppliers and partners you do business with."
      exportMenu={
        <ExportMenu
          path="/parties/export"
          query={list.apiQuery}
          fileName={params.role ? `${params.role}s` : 'parties'}
        />
      }
      actions={
        canWrite ? (
          <>
            <Button component={Link} to="/parties/import" variant="default" leftSection={<IconUpload size={16} />}>
              Import
            </Button>
            <Button component={Link} to={newPath} leftSection={<IconPlus size={16} />}>
              New party
            </Button>
          </>
        ) : null
      }
      filtersTop={
        <SegmentedControl
          data={TABS}
          value={params.role ?? 'all'}
          onChange={(value) => update({ role: value === 'all' ? null : value })}
          aria-label="Filter by role"
          data-testid="party-role-tabs"
          style={{ alignSelf: 'flex-start' }}
        />
      }
      filters={
        <>
          <ListSearch
            aria-label="Search parties"
            placeholder="Search name, GSTIN, phone or email"
            value={params.q}
            onCommit={(q) => update({ q }, { replace: true })}
            style={{ flex: '1 1 260px' }}
            maw={400}
          />
          <Select
            aria-label="Archived parties"
            data={ARCHIVED_OPTIONS}
            value={params.archived}
            onChange={(value) => update({ archived: value ?? 'false' })}
            allowDeselect={false}
            w={200}
          />
        </>
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={query}
      what="parties"
      columns={columns}
      rowKey={(party) => party.id}
      rowProps={(party) => ({
        to: `/parties/${party.id}`,
        ariaLabel: `${party.name}, open details`,
        testId: `party-row-${party.id}`,
        cardTestId: `party-card-${party.id}`,
      })}
      sort={{ key: params.sort, order: params.order, onSort: (key) => list.sortBy(key as typeof params.sort) }}
      renderCard={(party) => <PartyCard party={party} showBalance={showBalance} />}
      tableTestId="parties-table"
      cardsTestId="parties-cards"
      minWidth={900}
      emptyIcon={<IconUsersGroup size={24} />}
      emptyText={
        params.role ? `No ${params.role}s yet.` : 'No parties yet. Add one and pick it on every order and invoice.'
      }
      noMatchText="No parties match these filters."
      emptyAction={
        canWrite ? (
          <Button component={Link} to={newPath} variant="light" size="xs" leftSection={<IconPlus size={14} />}>
            New party
          </Button>
        ) : null
      }
      paging={{
        page: params.page,
        pageSize: params.pageSize,
        pageSizes: PARTY_LIST.pageSizes,
        noun,
        onChange: update,
      }}
    />
  );
}

/** A balance as a person reads it: "₹11,800.00 Dr" (they owe us), "₹2,000.00 Cr" (we owe them), nothing when settled. */
function PartyBalance({ value }: { value: string | null }) {
  if (value === null || Number(value) === 0) {
    return (
      <Text size="sm" c="dimmed">
        {PLACEHOLDER}
      </Text>
    );
  }
  const owesUs = !value.startsWith('-');
  return (
    <Text size="sm" className="num" c={owesUs ? undefined : 'grape'} style={{ whiteSpace: 'nowrap' }}>
      {formatAmount(value.replace(/^-/, ''))} {owesUs ? 'Dr' : 'Cr'}
    </Text>
  );
}

/** A party on a phone: its roles, where it is, its phone (one tap to call) and balance. */
function PartyCard({ party, showBalance }: { party: PartyListItem; showBalance: boolean }) {
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text
          size="sm"
          fw={600}
          component={Link}
          to={`/parties/${party.id}`}
          c={party.isArchived ? 'dimmed' : undefined}
          style={{ minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {party.name}
        </Text>
        {showBalance ? <PartyBalance value={party.balance} /> : null}
      </Group>
      <Group gap={6} mt={4} wrap="wrap">
        <PartyRoleBadges roles={party.roles} />
        {party.isArchived ? (
          <Badge size="xs" variant="outline" color="gray">
            Archived
          </Badge>
        ) : null}
      </Group>
      <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
        <Text size="xs" c="dimmed" truncate className={party.gstin ? 'mono' : undefined}>
          {party.gstin ?? place(party)}
        </Text>
        {party.phones[0] ? (
          <Anchor href={`tel:${party.phones[0]}`} size="xs" className="num" style={{ whiteSpace: 'nowrap' }}>
            {displayPhone(party.phones[0])}
          </Anchor>
        ) : null}
      </Group>
    </>
  );
}
