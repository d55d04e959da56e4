import { Link } from 'react-router';
import { Badge, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RecurringProfile } from '@bizdash/contracts/recurring';
import { IconPlayerPlay, IconPlus, IconRepeat } from '@tabler/icons-react';
import { useAuth } from '../../app/auth/auth-context';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { defineList, text, useListUrlState } from '../../components/list-page/use-list-url-state';
import { PLACEHOLDER, formatCount, formatDate } from '../../lib/format';
import { errorMessage } from '../../lib/errors';
import { useRecurringProfiles, useRunRecurringNow } from './api';
import { scheduleText } from './schedule-text';

/** The profiles list's URL: a search and the page (the API pages by 50). */
const RECURRING_LIST = defineList({ params: { q: text() }, pageSizes: [50] });

function NextRun({ p }: { p: RecurringProfile }) {
  return !p.isActive ? (
    <Badge color="gray" variant="light" size="sm">
      Paused
    </Badge>
  ) : p.nextRunDate ? (
    <Text size="sm" className="num" data-testid="next-run">
      {formatDate(p.nextRunDate)}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      Finished
    </Text>
  );
}

const COLUMNS: ListColumn<RecurringProfile>[] = [
  {
    key: 'name',
    label: 'Profile',
    render: (p) => (
      <Text size="sm" fw={500} component={Link} to={`/recurring/${p.id}`} onClick={(e) => e.stopPropagation()}>
        {p.name}
      </Text>
    ),
  },
  { key: 'party', label: 'Party', render: (p) => <Text size="sm">{p.party.name}</Text> },
  {
    key: 'schedule',
    label: 'Schedule',
    render: (p) => <Text size="sm">{scheduleText(p.frequency, p.dayOfMonth)}</Text>,
  },
  { key: 'next', label: 'Next run', w: 130, render: (p) => <NextRun p={p} /> },
  {
    key: 'runs',
    label: 'Runs',
    w: 90,
    className: 'num-cell',
    render: (p) => (
      <Text size="sm" className="num">
        {p.maxRuns ? `${p.runCount} of ${p.maxRuns}` : p.runCount || PLACEHOLDER}
      </Text>
    ),
  },
  {
    key: 'mode',
    label: 'Mode',
    render: (p) => (
      <Text size="sm" c="dimmed">
        {p.autoIssue ? (p.autoEmail ? 'Issue and email' : 'Issue') : 'Draft for review'}
      </Text>
    ),
  },
];

/** Recurring invoice profiles, soonest next run first. */
export function RecurringListPage() {
  const { can } = useAuth();
  const list = useListUrlState(RECURRING_LIST);
  const { state, update } = list;
  const query = useRecurringProfiles(state.page, state.q ?? '');
  const runNow = useRunRecurringNow();
  const total = query.data?.total ?? 0;

  function run() {
    runNow.mutate(undefined, {
      onSuccess: (r) =>
        notifications.show({
          color: r.failed > 0 ? 'orange' : 'green',
          title: 'Due runs made',
          message: `${formatCount(r.issued, 'invoice')} issued, ${formatCount(r.created, 'draft')} left to review, ${r.failed} failed`,
        }),
      onError: (error) => notifications.show({ color: 'red', title: 'Run failed', message: errorMessage(error) }),
    });
  }

  return (
    <ListPage
      title="Recurring invoices"
      description="Retainers billed every month, quarter or year: each run makes its invoice once, dated its run date."
      actions={
        <>
          {can('invoices.issue') ? (
            <Button
              variant="default"
              leftSection={<IconPlayerPlay size={16} />}
              onClick={run}
              loading={runNow.isPending}
            >
              Run due now
            </Button>
          ) : null}
          {can('invoices.write') ? (
            <Button component={Link} to="/recurring/new" leftSection={<IconPlus size={16} />}>
              New profile
            </Button>
          ) : null}
        </>
      }
      filters={
        <ListSearch
          aria-label="Search profiles"
          placeholder="Profile or party name"
          value={state.q}
          onCommit={(q) => update({ q }, { replace: true })}
          w={{ base: '100%', xs: 260 }}
        />
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={query}
      what="recurring profiles"
      columns={COLUMNS}
      rowKey={(p) => p.id}
      rowProps={(p) => ({
        to: `/recurring/${p.id}`,
        testId: `recurring-row-${p.id}`,
        cardTestId: `recurring-card-${p.id}`,
      })}
      tableTestId="recurring-table"
      cardsTestId="recurring-cards"
      minWidth={800}
      emptyIcon={<IconRepeat size={24} />}
      emptyText="No recurring invoices yet. Set one up for a monthly retainer."
      noMatchText="No profile matches."
      paging={{
        page: state.page,
        pageSize: state.pageSize,
        pageSizes: RECURRING_LIST.pageSizes,
        noun: total === 1 ? 'profile' : 'profiles',
        onChange: update,
      }}
    />
  );
}
