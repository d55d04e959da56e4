import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconPlus, IconRepeat, IconSearch } from '@tabler/icons-react';
import { useAuth } from '../../app/auth/auth-context';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { PLACEHOLDER, formatCount, formatDate } from '../../lib/format';
import { errorMessage } from '../../lib/errors';
import { useRecurringProfiles, useRunRecurringNow } from './api';
import { scheduleText } from './schedule-text';

const COLUMNS = 6;

/** Recurring invoice profiles, soonest next run first. */
export function RecurringListPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const query = useRecurringProfiles(page, q.trim());
  const runNow = useRunRecurringNow();
  const items = query.data?.items ?? [];

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
    <>
      <PageHeader
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
      />
      <Paper withBorder p={0}>
        <Group p="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            aria-label="Search profiles"
            placeholder="Profile or party name"
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
            w={260}
          />
        </Group>
        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError error={query.error} what="recurring profiles" onRetry={() => void query.refetch()} />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={800} type="native">
            <Table highlightOnHover={items.length > 0} verticalSpacing="sm" data-testid="recurring-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Profile</Table.Th>
                  <Table.Th>Party</Table.Th>
                  <Table.Th>Schedule</Table.Th>
                  <Table.Th w={130}>Next run</Table.Th>
                  <Table.Th w={90} className="num-cell">
                    Runs
                  </Table.Th>
                  <Table.Th>Mode</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMNS} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMNS}>
                      <Stack align="center" py={40} gap="xs" c="dimmed">
                        <IconRepeat size={24} />
                        <Text size="sm" inherit>
                          {q ? 'No profile matches.' : 'No recurring invoices yet. Set one up for a monthly retainer.'}
                        </Text>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((p) => (
                    <Table.Tr
                      key={p.id}
                      className="row-clickable"
                      tabIndex={0}
                      onClick={() => void navigate(`/recurring/${p.id}`)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && e.target === e.currentTarget) void navigate(`/recurring/${p.id}`);
                      }}
                      data-testid={`recurring-row-${p.id}`}
                    >
                      <Table.Td>
                        <Text
                          size="sm"
                          fw={500}
                          component={Link}
                          to={`/recurring/${p.id}`}
                          onClick={(e) => e.stopPropagation()}
                        >
                          {p.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{p.party.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{scheduleText(p.frequency, p.dayOfMonth)}</Text>
                      </Table.Td>
                      <Table.Td>
                        {!p.isActive ? (
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
                        )}
                      </Table.Td>
                      <Table.Td className="num-cell">
                        <Text size="sm" className="num">
                          {p.maxRuns ? `${p.runCount} of ${p.maxRuns}` : p.runCount || PLACEHOLDER}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {p.autoIssue ? (p.autoEmail ? 'Issue and email' : 'Issue') : 'Draft for review'}
                        </Text>
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
          page={page}
          pageSize={50}
          total={query.data.total}
          noun={query.data.total === 1 ? 'profile' : 'profiles'}
          onPageChange={setPage}
        />
      ) : null}
    </>
  );
}
