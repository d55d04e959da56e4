import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Collapse, Group, Paper, SegmentedControl, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useAuth, useMe } from '../../app/auth/auth-context';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { useTasks } from './api';
import { NewTaskForm, TaskList } from './components/task-list';

const STATUS = ['open', 'done', 'all'] as const;
type Status = (typeof STATUS)[number];

/** "My tasks": tasks assigned to the signed-in user, due first; overdue ones stand out. */
export function TasksPage() {
  const me = useMe();
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status: Status = (STATUS as readonly string[]).includes(statusParam ?? '') ? (statusParam as Status) : 'open'; // checked
  const overdue = searchParams.get('overdue') === 'true';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const [isAdding, setAdding] = useState(false);
  const query = useTasks({
    assignee: 'me',
    status,
    overdue: overdue ? 'true' : undefined,
    sort: 'dueDate',
    order: 'asc',
    page,
    pageSize: 50,
  });

  const set = (key: string, value: string | null) =>
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value === null) next.delete(key);
      else next.set(key, value);
      if (key !== 'page') next.delete('page');
      return next;
    });

  return (
    <>
      <PageHeader
        title="My tasks"
        description={`Everything assigned to ${me.name}, soonest due first.`}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding((a) => !a)}>
              New task
            </Button>
          ) : null
        }
      />
      <Collapse expanded={isAdding}>
        <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
          <NewTaskForm orderId={null} defaultAssigneeId={me.id} onDone={() => setAdding(false)} />
        </div>
      </Collapse>
      <Paper withBorder p={0}>
        <Group p="md" gap="md" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <SegmentedControl
            aria-label="Task status"
            value={status}
            onChange={(v) => set('status', v === 'open' ? null : v)}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'done', label: 'Done' },
              { value: 'all', label: 'All' },
            ]}
          />
          <Switch
            label="Overdue only"
            checked={overdue}
            onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
          />
        </Group>
        {query.isPending ? (
          <Stack p="md" gap="sm">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={36} />
            ))}
          </Stack>
        ) : query.isError ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError
              error={query.error}
              what="tasks"
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : query.data.items.length === 0 ? (
          <Stack align="center" py={40} gap="xs" c="dimmed">
            <IconChecklist size={24} />
            <Text size="sm" inherit>
              {status === 'open' ? 'Nothing open. Well done.' : 'No tasks here.'}
            </Text>
          </Stack>
        ) : (
          <TaskList tasks={query.data.items} showOrder canWrite={canWrite} />
        )}
      </Paper>
      {query.data ? (
        <ListPagination
          page={page}
          pageSize={query.data.pageSize}
          total={query.data.total}
          noun={query.data.total === 1 ? 'task' : 'tasks'}
          onPageChange={(p) => set('page', String(p))}
        />
      ) : null}
    </>
  );
}
