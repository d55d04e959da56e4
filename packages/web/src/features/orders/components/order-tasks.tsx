import { Skeleton, Stack, Text } from '@mantine/core';
import { useMe } from '../../../app/auth/auth-context';
import { QueryError } from '../../../components/query-error';
import { useTasks } from '../api';
import { NewTaskForm, TaskList } from './task-list';

export function OrderTasks({ orderId, canWrite }: { orderId: number; canWrite: boolean }) {
  const me = useMe();
  const query = useTasks({ orderId, status: 'all', sort: 'dueDate', order: 'asc', pageSize: 200 });
  if (query.isPending) return <Skeleton height={80} />;
  if (query.isError) {
    return (
      <QueryError error={query.error} what="tasks" onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
    );
  }
  const tasks = query.data.items;
  return (
    <Stack gap="sm">
      {tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tasks on this order yet.
        </Text>
      ) : (
        <TaskList tasks={tasks} showOrder={false} canWrite={canWrite} />
      )}
      {canWrite ? <NewTaskForm orderId={orderId} defaultAssigneeId={me.id} /> : null}
    </Stack>
  );
}
