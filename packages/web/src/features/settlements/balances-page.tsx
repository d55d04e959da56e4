import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { IconCash, IconUsersGroup } from '@tabler/icons-react';
import type { PartnerBalance } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { defineList, flag, text, useListUrlState } from '../../components/list-page/use-list-url-state';
import { usePartnerBalances } from '../orders/money-api';
import { RecordPayoutModal } from './record-payout-modal';
import { SettlementsTabs } from './settlements-routes';

/** The partner balances list's URL: a name search, "only partners owed money", and the page. */
const BALANCE_LIST = defineList({
  params: { q: text(), owed: flag() },
  pageSizes: [20, 50, 100],
});

const isZero = (amount: string) => /^-?0+(\.0+)?$/.test(amount);

/** What the business owes each partner: approved shares less payouts, and what still waits for approval. */
export function BalancesPage() {
  const { can } = useAuth();
  const list = useListUrlState(BALANCE_LIST);
  const { state, update } = list;
  const query = usePartnerBalances(list.apiQuery);
  const [paying, setPaying] = useState<PartnerBalance | null | undefined>(undefined);

  const actions = (b: PartnerBalance) => (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button
        size="compact-sm"
        variant="subtle"
        component={Link}
        to={`/settlements/partners/${b.partner.id}/statement`}
      >
        Statement
      </Button>
      {can('payouts.manage') && !isZero(b.balanceOwed) ? (
        <Button size="compact-sm" variant="light" onClick={() => setPaying(b)}>
          Pay
        </Button>
      ) : null}
    </Group>
  );

  const columns: ListColumn<PartnerBalance>[] = [
    {
      key: 'partner',
      label: 'Partner',
      render: (b) => (
        <Anchor component={Link} to={`/settlements/partners/${b.partner.id}/statement`} size="sm">
          {b.partner.name}
        </Anchor>
      ),
    },
    { key: 'approved', label: 'Approved', className: 'num-cell', render: (b) => <Amount value={b.approved} /> },
    { key: 'paidOut', label: 'Paid out', className: 'num-cell', render: (b) => <Amount value={b.paidOut} /> },
    {
      key: 'owed',
      label: 'Balance owed',
      className: 'num-cell',
      render: (b) => <Amount value={b.balanceOwed} fw={700} data-testid="balance-owed" />,
    },
    {
      key: 'pending',
      label: 'Awaiting approval',
      className: 'num-cell',
      render: (b) => <Amount value={b.pending} c="dimmed" />,
    },
    { key: 'actions', label: null, isControl: true, hideOnCard: true, render: actions },
  ];

  return (
    <>
      <ListPage
        title="Partner balances"
        description="Approved partner shares, what has been paid out, and the balance owed to each partner."
        actions={
          can('payouts.manage') ? (
            <Button leftSection={<IconCash size={16} />} onClick={() => setPaying(null)}>
              Record payout
            </Button>
          ) : null
        }
        beforeList={<SettlementsTabs />}
        filters={
          <>
            <ListSearch
              aria-label="Search partners"
              placeholder="Partner name"
              value={state.q}
              onCommit={(q) => update({ q }, { replace: true })}
              w={{ base: '100%', xs: 260 }}
            />
            <Switch
              label="Only partners owed money"
              checked={state.owed === 'true'}
              onChange={(e) => update({ owed: e.currentTarget.checked ? 'true' : null })}
            />
          </>
        }
        activeFilterCount={list.activeFilterCount}
        onClearFilters={list.clearFilters}
        query={query}
        what="partner balances"
        columns={columns}
        rowKey={(b) => b.partner.id}
        rowProps={() => ({ testId: 'balance-row', cardTestId: 'balance-card' })}
        renderCard={(b) => (
          <Stack gap={4}>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Anchor
                component={Link}
                to={`/settlements/partners/${b.partner.id}/statement`}
                size="sm"
                fw={600}
                style={{ minWidth: 0, overflowWrap: 'anywhere' }}
              >
                {b.partner.name}
              </Anchor>
              <Amount value={b.balanceOwed} fw={700} size="sm" data-testid="balance-owed" />
            </Group>
            <Text size="xs" c="dimmed">
              Approved <Amount value={b.approved} /> · paid out <Amount value={b.paidOut} />
              {isZero(b.pending) ? null : (
                <>
                  {' '}
                  · awaiting <Amount value={b.pending} />
                </>
              )}
            </Text>
            {actions(b)}
          </Stack>
        )}
        tableTestId="balances-table"
        cardsTestId="balances-cards"
        minWidth={760}
        emptyIcon={<IconUsersGroup size={24} />}
        emptyText="No partner balances here."
        noMatchText="No partners match these filters."
        paging={{
          page: state.page,
          pageSize: state.pageSize,
          pageSizes: BALANCE_LIST.pageSizes,
          noun: 'partners',
          onChange: update,
        }}
      />
      <RecordPayoutModal
        opened={paying !== undefined}
        partner={paying ?? undefined}
        onClose={() => setPaying(undefined)}
      />
    </>
  );
}
