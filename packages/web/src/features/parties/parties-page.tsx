import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFilterOff, IconPlus, IconSearch, IconUpload, IconUsersGroup } from '@tabler/icons-react';
import type { Party, PartyListItem } from '@bizdash/contracts/parties';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { ExportMenu } from '../../components/export-menu';
import { CardList, ListCard, useIsPhone } from '../../components/list-cards';
import { ListPagination, useClampPage } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { SortableTh } from '../../components/sortable-th';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatAmount, formatNumber } from '../../lib/format';
import { useUrlText } from '../../lib/use-url-text';
import { useParties } from './api';
import { PartyRoleBadges } from './components/party-badges';
import { displayPhone, stateLabel } from './labels';
import { PAGE_SIZES, usePartyListParams, type SortField } from './url-state';

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
const FIRST_ORDER: Record<SortField, 'asc' | 'desc'> = { name: 'asc', createdAt: 'desc', updatedAt: 'desc' };

function place(party: Party): string {
  const address = party.billingAddress ?? party.shippingAddress;
  if (!address) return PLACEHOLDER;
  const state = stateLabel(address.stateCode).replace(/^\d{2} · /, '');
  return [address.city, state].filter(Boolean).join(', ');
}

export function PartiesPage() {
  const { can } = useAuth();
  const canWrite = can('parties.write');
  const navigate = useNavigate();
  const { params, update } = usePartyListParams();
  const query = useParties(params);
  const isPhone = useIsPhone();
  const [search, setSearch] = useUrlText(params.q ?? '', (q) => update({ q: q || null }, { replace: true }));

  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const showShare = params.role === 'partner' || items.some((p) => p.roles.includes('partner'));
  // The book's balance per party, for roles that may see money (the API sends null otherwise).
  const showBalance = can('money.read');
  const columnCount = 6 + (showShare ? 1 : 0) + (showBalance ? 1 : 0);
  const hasFilters = Boolean(params.q || params.archived !== 'false');

  function sortBy(field: SortField) {
    if (params.sort === field) update({ sort: field, order: params.order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: field, order: FIRST_ORDER[field] });
  }

  const clampTo = useCallback((page: number) => update({ page }, { replace: true }), [update]);
  useClampPage(query.data, params.page, params.pageSize, clampTo);

  const noun = params.role ? `${params.role}${total === 1 ? '' : 's'}` : total === 1 ? 'party' : 'parties';

  return (
    <>
      <PageHeader
        title="Parties"
        description="The clients, suppliers and partners you do business with."
        actions={
          <Group gap="sm">
            <ExportMenu
              path="/parties/export"
              query={{ ...params }}
              fileName={params.role ? `${params.role}s` : 'parties'}
            />
            {canWrite ? (
              <Button component={Link} to="/parties/import" variant="default" leftSection={<IconUpload size={16} />}>
                Import
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                component={Link}
                to={params.role ? `/parties/new?role=${params.role}` : '/parties/new'}
                leftSection={<IconPlus size={16} />}
              >
                New party
              </Button>
            ) : null}
          </Group>
        }
      />

      <Paper withBorder p={0}>
        <Stack gap="sm" p="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <SegmentedControl
            data={TABS}
            value={params.role ?? 'all'}
            onChange={(value) => update({ role: value === 'all' ? null : value })}
            aria-label="Filter by role"
            data-testid="party-role-tabs"
            style={{ alignSelf: 'flex-start' }}
          />
          <Group gap="sm" wrap="wrap">
            <TextInput
              aria-label="Search parties"
              placeholder="Search name, GSTIN, phone or email"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              rightSection={
                search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null
              }
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
            {hasFilters ? (
              <Button
                variant="subtle"
                color="gray"
                leftSection={<IconFilterOff size={16} />}
                onClick={() => {
                  setSearch('');
                  update({ q: null, archived: null });
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
              what="parties"
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : isPhone ? (
          <PartyCards
            items={items}
            isPending={query.isPending}
            showBalance={showBalance}
            emptyText={
              hasFilters
                ? 'No parties match these filters.'
                : params.role
                  ? `No ${params.role}s yet.`
                  : 'No parties yet. Add one and pick it on every order and invoice.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table
              highlightOnHover={items.length > 0}
              verticalSpacing="sm"
              style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
              data-testid="parties-table"
            >
              <Table.Thead>
                <Table.Tr>
                  <SortableTh isSorted={params.sort === 'name'} order={params.order} onSort={() => sortBy('name')}>
                    Name
                  </SortableTh>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>GSTIN</Table.Th>
                  <Table.Th>Phone</Table.Th>
                  <Table.Th>City / state</Table.Th>
                  {showShare ? <Table.Th style={{ textAlign: 'right' }}>Revenue share</Table.Th> : null}
                  {showBalance ? <Table.Th className="num-cell">Balance</Table.Th> : null}
                  <SortableTh
                    isSorted={params.sort === 'createdAt'}
                    order={params.order}
                    onSort={() => sortBy('createdAt')}
                    w={130}
                  >
                    Created
                  </SortableTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={columnCount} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={columnCount}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconUsersGroup size={24} />
                        <Text size="sm" inherit>
                          {hasFilters
                            ? 'No parties match these filters.'
                            : params.role
                              ? `No ${params.role}s yet.`
                              : 'No parties yet. Add one and pick it on every order and invoice.'}
                        </Text>
                        {canWrite && !hasFilters ? (
                          <Button
                            component={Link}
                            to={params.role ? `/parties/new?role=${params.role}` : '/parties/new'}
                            variant="light"
                            size="xs"
                            leftSection={<IconPlus size={14} />}
                          >
                            New party
                          </Button>
                        ) : null}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((party) => (
                    <Table.Tr
                      key={party.id}
                      className="row-clickable"
                      onClick={() => void navigate(`/parties/${party.id}`)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && e.target === e.currentTarget) void navigate(`/parties/${party.id}`);
                      }}
                      tabIndex={0}
                      aria-label={`${party.name}, open details`}
                      data-testid={`party-row-${party.id}`}
                    >
                      <Table.Td>
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
                      </Table.Td>
                      <Table.Td>
                        <PartyRoleBadges roles={party.roles} />
                      </Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          className={party.gstin ? 'mono' : undefined}
                          c={party.gstin ? undefined : 'dimmed'}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {party.gstin ?? PLACEHOLDER}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" className="num" style={{ whiteSpace: 'nowrap' }}>
                          {party.phones[0] ? displayPhone(party.phones[0]) : PLACEHOLDER}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{place(party)}</Text>
                      </Table.Td>
                      {showShare ? (
                        <Table.Td style={{ textAlign: 'right' }}>
                          <Text size="sm" className="num">
                            {party.roles.includes('partner') && party.revenueShare
                              ? `${formatNumber(party.revenueShare)}%`
                              : PLACEHOLDER}
                          </Text>
                        </Table.Td>
                      ) : null}
                      {showBalance ? (
                        <Table.Td className="num-cell" data-testid="party-balance">
                          <PartyBalance value={party.balance} />
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        <DateTime value={party.createdAt} dateOnly />
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
          noun={noun}
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize })}
        />
      ) : null}
    </>
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

/** The parties list on a phone: a card per party with its roles, where it is, its phone (one tap to call) and balance. */
function PartyCards({
  items,
  isPending,
  showBalance,
  emptyText,
}: {
  items: PartyListItem[];
  isPending: boolean;
  showBalance: boolean;
  emptyText: string;
}) {
  if (isPending) {
    return (
      <CardList p="sm">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={88} radius="md" />
        ))}
      </CardList>
    );
  }
  if (items.length === 0) {
    return (
      <Stack align="center" py={40} gap="xs" c="dimmed">
        <IconUsersGroup size={24} />
        <Text size="sm" inherit ta="center">
          {emptyText}
        </Text>
      </Stack>
    );
  }
  return (
    <CardList p="sm" data-testid="parties-cards">
      {items.map((party) => (
        <ListCard key={party.id} to={`/parties/${party.id}`} data-testid={`party-card-${party.id}`}>
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
        </ListCard>
      ))}
    </CardList>
  );
}
