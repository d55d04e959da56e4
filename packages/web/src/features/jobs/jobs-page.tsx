import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ActionIcon, Badge, Button, Group, Paper, Table, Tabs, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh, IconTrash } from '@tabler/icons-react';
import type { Job, JobState } from '@bizdash/contracts/jobs';
import { DateTime } from '../../components/date-time';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { errorMessage } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { useDiscardJob, useJobCounts, useJobs, useRetryJob } from './api';

const TABS: { value: JobState; label: string; color: string; empty: string }[] = [
  { value: 'queued', label: 'Queued', color: 'blue', empty: 'Nothing is waiting to run.' },
  { value: 'running', label: 'Running', color: 'cyan', empty: 'No job is running right now.' },
  { value: 'failed', label: 'Failed', color: 'orange', empty: 'No job is waiting for a retry.' },
  { value: 'dead', label: 'Dead', color: 'red', empty: 'No job has used up its attempts.' },
  { value: 'done', label: 'Done', color: 'teal', empty: 'No job has finished in the last week.' },
];

/** What a job is about, from its type and payload, in words. */
function describe(job: Job): string {
  const p = job.payload;
  if (job.type === 'sync.deliver') return `Event ${String(p.eventId)} to sync target ${String(p.targetId)}`;
  const parts = Object.entries(p)
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.join(', ');
}

/**
 * Background jobs: the durable queue by state. Failed jobs retry on their own (next run shown); dead ones used every
 * attempt and wait here for a retry or discard. The error text is the last attempt's.
 */
export function JobsPage() {
  const [search, setSearch] = useSearchParams();
  const state = (TABS.find((t) => t.value === search.get('state'))?.value ?? 'queued') as JobState;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const jobs = useJobs(state, page, pageSize);
  const counts = useJobCounts();
  const retry = useRetryJob();
  const discard = useDiscardJob();
  const tab = TABS.find((t) => t.value === state)!;
  const showNextRun = state === 'queued' || state === 'failed';

  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Webhook and ledger sync deliveries, emails and scheduled reminders run here, after the change that caused them has been saved. A failed job never undoes that change."
      />
      <Tabs
        value={state}
        onChange={(value) => {
          setPage(1);
          setSearch(value && value !== 'queued' ? { state: value } : {});
        }}
        mb="md"
      >
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab
              key={t.value}
              value={t.value}
              rightSection={
                counts.data ? (
                  <Badge size="sm" variant={t.value === state ? 'filled' : 'light'} color={t.color} className="num">
                    {formatNumber(counts.data[t.value])}
                  </Badge>
                ) : null
              }
            >
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {jobs.isError ? (
        <QueryError error={jobs.error} what="jobs" onRetry={() => void jobs.refetch()} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" data-testid="jobs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Job</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>{showNextRun ? 'Next run' : 'Updated'}</Table.Th>
                  <Table.Th>Error</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jobs.isPending ? (
                  <TableSkeletonRows columns={5} />
                ) : jobs.data.items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="lg">
                        {tab.empty}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  jobs.data.items.map((job) => (
                    <Table.Tr key={job.id} data-testid={`job-${job.id}`}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text fw={600} size="sm" ff="monospace">
                            {job.type}
                          </Text>
                          <Text size="xs" c="dimmed">
                            #{job.id}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed">
                          {describe(job)}
                        </Text>
                      </Table.Td>
                      <Table.Td className="num">
                        {job.attempts} / {job.maxAttempts}
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={showNextRun ? job.nextRunAt : job.updatedAt} relative />
                      </Table.Td>
                      <Table.Td maw={380}>
                        {job.lastError ? (
                          <Text size="xs" c="red.8" ff="monospace" lineClamp={3} title={job.lastError}>
                            {job.lastError}
                          </Text>
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} justify="flex-end" wrap="nowrap">
                          {job.state === 'failed' || job.state === 'dead' ? (
                            <Button
                              size="xs"
                              variant="light"
                              leftSection={<IconRefresh size={14} />}
                              loading={retry.isPending && retry.variables === job.id}
                              onClick={() =>
                                retry.mutate(job.id, {
                                  onSuccess: () =>
                                    notifications.show({ color: 'teal', message: `Job #${job.id} queued to run now` }),
                                  onError: (e) =>
                                    notifications.show({
                                      color: 'red',
                                      title: 'Not retried',
                                      message: errorMessage(e),
                                    }),
                                })
                              }
                            >
                              Retry
                            </Button>
                          ) : null}
                          {job.state !== 'running' && job.state !== 'done' ? (
                            <Tooltip label="Discard: the job will not run">
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Discard job ${job.id}`}
                                onClick={() => {
                                  if (!window.confirm(`Discard job #${job.id} (${job.type})? It will not run.`)) return;
                                  discard.mutate(job.id, {
                                    onError: (e) =>
                                      notifications.show({
                                        color: 'red',
                                        title: 'Not discarded',
                                        message: errorMessage(e),
                                      }),
                                  });
                                }}
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {jobs.data ? (
        <ListPagination
          page={page}
          pageSize={pageSize}
          total={jobs.data.total}
          onPageChange={setPage}
          onPageSizeChange={(size) => {
            setPageSize(size);
            setPage(1);
          }}
          noun="jobs"
        />
      ) : null}
    </>
  );
}
