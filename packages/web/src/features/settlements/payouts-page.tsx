import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconCash, IconPlus } from '@tabler/icons-react';
import type { Payout } from '@bizdash/contracts/order-money';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { defineList, isoDate, positiveInt, useListUrlState } from '../../components/list-page/use-list-url-state';
import { formatDate } from '../../lib/format';
import { MODE_LABELS } from '../../components/badges';
import { DateField } from '../../components/date-field';
import { usePayouts } from '../orders/money-api';
import { RecordPayoutModal } from './record-payout-modal';
import { SettlementsTabs } from './settlements-routes';

/** The payouts list's URL: a date range, a partner (from a partner's statement), and the page. */
const PAYOUT_LIST = defineList({
  params: { from: isoDate(), to: isoDate(), partnerId: positiveInt() },
  pageSizes: [20, 50, 100],
});

const partnerLink = (p: Payout) => (
  <Anchor component={Link} to={`/settlements/partners/${p.partner.id}/statement`} size="sm">
    {p.partner.name}
  </Anchor>
);

/** The orders a payout paid, the first three by number. */
function paidAgainst(p: Payout): string {
  const shown = p.allocations.slice(0, 3);
  const more = p.allocations.length - shown.length;
  return `${shown.map((a) => a.orderNumber).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

const COLUMNS: ListColumn<Payout>[] = [
  { key: 'date', label: 'Date', w: 110, className: 'num', render: (p) => formatDate(p.date) },
  { key: 'partner', label: 'Partner', render: partnerLink },
  {
    key: 'mode',
    label: 'Mode',
    render: (p) => (
      <>
        {MODE_LABELS[p.mode]}
        {p.reference ? (
          <Text span size="xs" c="dimmed">
            {' '}
            · {p.reference}
          </Text>
        ) : null}
      </>
    ),
  },
  {
    key: 'orders',
    label: 'Paid against',
    render: (p) => (
      <Text size="xs" c="dimmed">
        {paidAgainst(p)}
      </Text>
    ),
  },
  { key: 'amount', label: 'Amount', className: 'num-cell', render: (p) => <Amount value={p.amount} fw={600} /> },
];

/** Payouts to partners, newest first, with the orders each one paid. */
export function PayoutsPage() {
  const { can } = useAuth();
  const list = useListUrlState(PAYOUT_LIST);
  const { state, update } = list;
  const query = usePayouts(list.apiQuery);
  const [isRecording, setRecording] = useState(false);

  return (
    <>
      <ListPage
        title="Payouts"
        description="Money paid to partners against their approved settlements."
        actions={
          can('payouts.manage') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
              Record payout
            </Button>
          ) : null
        }
        beforeList={<SettlementsTabs />}
        filters={
          <>
            <DateField
              aria-label="From"
              placeholder="From dd-mm-yyyy"
              w={{ base: '100%', xs: 170 }}
              value={state.from ?? null}
              onChange={(v) => update({ from: v })}
              clearable
            />
            <DateField
              aria-label="To"
              placeholder="To dd-mm-yyyy"
              w={{ base: '100%', xs: 170 }}
              value={state.to ?? null}
              onChange={(v) => update({ to: v })}
              clearable
            />
            {state.partnerId ? (
              <Button variant="subtle" size="xs" onClick={() => update({ partnerId: null })}>
                All partners
              </Button>
            ) : null}
          </>
        }
        activeFilterCount={list.activeFilterCount}
        onClearFilters={list.clearFilters}
        query={query}
        what="payouts"
        columns={COLUMNS}
        rowKey={(p) => p.id}
        rowProps={() => ({ testId: 'payout-row', cardTestId: 'payout-card' })}
        renderCard={(p) => (
          <>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <div style={{ minWidth: 0 }}>{partnerLink(p)}</div>
              <Amount value={p.amount} fw={600} size="sm" />
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              <span className="num">{formatDate(p.date)}</span> · {MODE_LABELS[p.mode]}
              {p.reference ? ` · ${p.reference}` : ''}
            </Text>
            <Text size="xs" c="dimmed" mt={2} style={{ overflowWrap: 'anywhere' }}>
              {paidAgainst(p)}
            </Text>
          </>
        )}
        tableTestId="payouts-table"
        cardsTestId="payouts-cards"
        minWidth={760}
        emptyIcon={<IconCash size={24} />}
        emptyText="No payouts here yet."
        noMatchText="No payouts match these filters."
        paging={{
          page: state.page,
          pageSize: state.pageSize,
          pageSizes: PAYOUT_LIST.pageSizes,
          noun: 'payouts',
          onChange: update,
        }}
      />
      <RecordPayoutModal opened={isRecording} onClose={() => setRecording(false)} />
    </>
  );
}
