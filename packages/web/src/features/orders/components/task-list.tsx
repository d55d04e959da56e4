import { useState } from 'react';
import { Link } from 'react-router';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconCalendar, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Priority } from '@bizdash/contracts/orders';
import type { Task } from '@bizdash/contracts/tasks';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useCreateTask, useDeleteTask, useUpdateTask } from '../api';
import { PRIORITY_OPTIONS } from '../labels';
import { PriorityBadge } from './order-badges';
import { AssigneeSelect } from './pickers';

export function TaskList({ tasks, showOrder, canWrite }: { tasks: Task[]; showOrder: boolean; canWrite: boolean }) {
  return (
    <Stack gap={0} data-testid="task-list">
      {tasks.map((task) => (
        <TaskRow key={task.id} task={task} showOrder={showOrder} canWrite={canWrite} />
      ))}
    </Stack>
  );
}

function TaskRow({ task, showOrder, canWrite }: { task: Task; showOrder: boolean; canWrite: boolean }) {
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const toggle = (checked: boolean) =>
    update.mutate(
      { id: task.id, patch: { isCompleted: checked } },
      { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
    );
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py="xs"
      px="sm"
      data-testid={`task-${task.id}`}
      data-overdue={task.isOverdue || undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: task.isOverdue ? 'var(--mantine-color-red-light)' : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
        <Checkbox
          mt={2}
          checked={task.isCompleted}
          onChange={(e) => toggle(e.currentTarget.checked)}
          disabled={!canWrite || update.isPending}
          aria-label={`${task.isCompleted ? 'Reopen' : 'Complete'} ${task.title}`}
        />
        <div style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text
              size="sm"
              fw={500}
              td={task.isCompleted ? 'line-through' : undefined}
              c={task.isCompleted ? 'dimmed' : undefined}
              truncate
            >
              {task.title}
            </Text>
            <PriorityBadge priority={task.priority} />
          </Group>
          <Group gap={8} wrap="wrap">
            {showOrder && task.order ? (
              <Anchor component={Link} to={`/orders/${task.order.id}`} size="xs" className="mono">
                {task.order.number}
              </Anchor>
            ) : null}
            {showOrder && !task.order ? (
              <Text size="xs" c="dimmed">
                Standalone
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {task.assignee?.name ?? 'Unassigned'}
            </Text>
            {task.description ? (
              <Text size="xs" c="dimmed" truncate maw={360}>
                {task.description}
              </Text>
            ) : null}
          </Group>
        </div>
      </Group>
      <Group gap="xs" wrap="nowrap">
        {task.isOverdue ? (
          <Badge color="red" variant="light" size="sm">
            Overdue
          </Badge>
        ) : task.isDueToday ? (
          <Badge color="orange" variant="light" size="sm">
            Due today
          </Badge>
        ) : null}
        <Text
          size="sm"
          className="num"
          c={task.isOverdue ? 'red' : 'dimmed'}
          fw={task.isOverdue ? 600 : undefined}
          w={90}
          ta="right"
        >
          {task.dueDate ? formatDate(task.dueDate) : 'No date'}
        </Text>
        {canWrite ? (
          <Tooltip label="Delete task">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Delete ${task.title}`}
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { id: task.id, orderId: task.order?.id },
                  { onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }) },
                )
              }
            >
              <IconTrash size={15} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
    </Group>
  );
}

/** Title, due date, assignee and priority; on an order or standalone. */
export function NewTaskForm({
  orderId,
  defaultAssigneeId,
  onDone,
}: {
  orderId: number | null;
  defaultAssigneeId: number | null;
  onDone?: () => void;
}) {
  const create = useCreateTask();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(defaultAssigneeId ? String(defaultAssigneeId) : null);
  const [priority, setPriority] = useState<Priority>('normal');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    if (!title.trim()) {
      setErrors({ title: 'Say what needs doing' });
      return;
    }
    create.mutate(
      { title: title.trim(), orderId, dueDate, assigneeId: assigneeId ? Number(assigneeId) : null, priority },
      {
        onSuccess: () => {
          setTitle('');
          setDueDate(null);
          setPriority('normal');
          setErrors({});
          onDone?.();
        },
        onError: (e) => {
          const fields = fieldErrorsOf(e);
          setErrors(Object.keys(fields).length ? fields : { title: errorMessage(e) });
        },
      },
    );
  };

  return (
    <Paper withBorder p="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="xs" style={{ alignItems: 'end' }}>
          <TextInput
            label="Task"
            placeholder="Call the registrar"
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setErrors({});
            }}
            error={errors.title}
            style={{ gridColumn: 'span 2' }}
          />
          <DatePickerInput
            label="Due"
            placeholder="dd-mm-yyyy"
            valueFormat="DD-MM-YYYY"
            value={dueDate}
            onChange={setDueDate}
            clearable
            leftSection={<IconCalendar size={16} />}
            error={errors.dueDate}
          />
          <AssigneeSelect label="Assignee" placeholder="Unassigned" value={assigneeId} onChange={setAssigneeId} />
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <Select
              label="Priority"
              data={PRIORITY_OPTIONS}
              value={priority}
              onChange={(v) => setPriority((v as Priority | null) ?? 'normal')} // options are priorities
              allowDeselect={false}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={14} />}>
              Add
            </Button>
          </Group>
        </SimpleGrid>
      </form>
    </Paper>
  );
}
