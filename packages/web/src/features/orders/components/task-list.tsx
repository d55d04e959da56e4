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
import { IconArrowBackUp, IconCalendar, IconCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import type { Priority } from '@bizdash/contracts/orders';
import type { Task } from '@bizdash/contracts/tasks';
import { CardList, ListCard, useIsPhone } from '../../../components/list-cards';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useCreateTask, useDeleteTask, useUpdateTask } from '../api';
import { PRIORITY_OPTIONS } from '../labels';
import { PriorityBadge } from './order-badges';
import { AssigneeSelect } from './pickers';

/**
 * Tasks as rows, or as cards on a phone (390 px), where each card keeps "Mark done" one tap away and a tap elsewhere
 * opens the task's order.
 */
export function TaskList({ tasks, showOrder, canWrite }: { tasks: Task[]; showOrder: boolean; canWrite: boolean }) {
  const isPhone = useIsPhone();
  if (isPhone) {
    return (
      <CardList p="xs" data-testid="task-list">
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} showOrder={showOrder} canWrite={canWrite} />
        ))}
      </CardList>
    );
  }
  return (
    <Stack gap={0} data-testid="task-list">
      {tasks.map((task) => (
        <TaskRow key={task.id} task={task} showOrder={showOrder} canWrite={canWrite} />
      ))}
    </Stack>
  );
}

/** Complete or reopen, and delete: one task's actions, with failures as notifications. */
function useTaskActions(task: Task) {
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const onError = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) });
  return {
    toggle: (checked: boolean) => update.mutate({ id: task.id, patch: { isCompleted: checked } }, { onError }),
    isToggling: update.isPending,
    remove: () => remove.mutate({ id: task.id, orderId: task.order?.id }, { onError }),
    isRemoving: remove.isPending,
  };
}

function DueBadge({ task }: { task: Task }) {
  if (task.isOverdue) {
    return (
      <Badge color="red" variant="light" size="sm">
        Overdue
      </Badge>
    );
  }
  if (task.isDueToday) {
    return (
      <Badge color="orange" variant="light" size="sm">
        Due today
      </Badge>
    );
  }
  return null;
}

function TaskTitle({ task }: { task: Task }) {
  return (
    <Text
      size="sm"
      fw={500}
      td={task.isCompleted ? 'line-through' : undefined}
      c={task.isCompleted ? 'dimmed' : undefined}
      truncate
    >
      {task.title}
    </Text>
  );
}

/** The order a task is on (a link), "Standalone", or nothing when the list is the order's own. */
function TaskOrder({ task, showOrder }: { task: Task; showOrder: boolean }) {
  if (!showOrder) return null;
  if (!task.order) {
    return (
      <Text size="xs" c="dimmed">
        Standalone
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/orders/${task.order.id}`} size="xs" className="mono">
      {task.order.number}
    </Anchor>
  );
}

function DeleteTaskButton({ task, actions }: { task: Task; actions: ReturnType<typeof useTaskActions> }) {
  return (
    <Tooltip label="Delete task">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Delete ${task.title}`}
        loading={actions.isRemoving}
        onClick={actions.remove}
      >
        <IconTrash size={15} />
      </ActionIcon>
    </Tooltip>
  );
}

function TaskCard({ task, showOrder, canWrite }: { task: Task; showOrder: boolean; canWrite: boolean }) {
  const actions = useTaskActions(task);
  return (
    <ListCard
      to={task.order ? `/orders/${task.order.id}` : undefined}
      highlight={task.isOverdue}
      data-testid={`task-${task.id}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <TaskTitle task={task} />
            <Group gap={8} wrap="wrap">
              <TaskOrder task={task} showOrder={showOrder} />
              <Text size="xs" c="dimmed">
                {task.assignee?.name ?? 'Unassigned'}
              </Text>
            </Group>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <PriorityBadge priority={task.priority} />
            {canWrite ? <DeleteTaskButton task={task} actions={actions} /> : null}
          </Group>
        </Group>
        {task.description ? (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {task.description}
          </Text>
        ) : null}
        {/* Wraps rather than pushing the button past the card's edge when a due badge and a long date meet. */}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="nowrap">
            <Text size="sm" className="num" c={task.isOverdue ? 'red' : 'dimmed'} fw={task.isOverdue ? 600 : undefined}>
              {task.dueDate ? formatDate(task.dueDate) : 'No date'}
            </Text>
            <DueBadge task={task} />
          </Group>
          {canWrite ? (
            // The one thing done from a phone: a full-size button, not a checkbox to aim at.
            <Button
              size="sm"
              variant={task.isCompleted ? 'default' : 'light'}
              leftSection={task.isCompleted ? <IconArrowBackUp size={16} /> : <IconCheck size={16} />}
              loading={actions.isToggling}
              onClick={() => actions.toggle(!task.isCompleted)}
              aria-label={`${task.isCompleted ? 'Reopen' : 'Complete'} ${task.title}`}
            >
              {task.isCompleted ? 'Reopen' : 'Mark done'}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </ListCard>
  );
}

function TaskRow({ task, showOrder, canWrite }: { task: Task; showOrder: boolean; canWrite: boolean }) {
  const actions = useTaskActions(task);
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
          onChange={(e) => actions.toggle(e.currentTarget.checked)}
          disabled={!canWrite || actions.isToggling}
          aria-label={`${task.isCompleted ? 'Reopen' : 'Complete'} ${task.title}`}
        />
        <div style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <TaskTitle task={task} />
            <PriorityBadge priority={task.priority} />
          </Group>
          <Group gap={8} wrap="wrap">
            <TaskOrder task={task} showOrder={showOrder} />
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
        <DueBadge task={task} />
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
        {canWrite ? <DeleteTaskButton task={task} actions={actions} /> : null}
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
  const isPhone = useIsPhone();
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
            // Two columns wide where there are columns; a single-column phone grid would grow a second one.
            style={isPhone ? undefined : { gridColumn: 'span 2' }}
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
