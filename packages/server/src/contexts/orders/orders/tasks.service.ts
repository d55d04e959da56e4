import type { CreateTaskInput, ListTasksQuery, Task, TaskPage, UpdateTaskInput } from '@bizdash/contracts/tasks';
import { AppError } from '@bizdash/domain/errors';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import {
  actorName,
  actorUserId,
  assertAssignableUser,
  assertCalendarDate,
  excerpt,
  invalid,
  notify,
  priorityOf,
  priorityRank,
  recordOrderEvent,
  requireUser,
  type Tx,
} from './order-support';
import {
  deleteTask,
  findOrderNumber,
  findTaskRow,
  findTaskView,
  insertTask,
  pageOfTasks,
  updateTask,
  type TaskViewRow,
} from './tasks.repo';

export interface TasksServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: what is due or overdue is judged by today's date. */
  calendar: BusinessCalendar;
}

export type TasksService = ReturnType<typeof makeTasksService>;

function ref(id: number | null, name: string | null) {
  return id === null ? null : { id, name: name ?? `#${id}` };
}

function toTask(row: TaskViewRow, today: string): Task {
  const open = row.completed_at === null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    order:
      row.order_id === null ? null : { id: row.order_id, number: row.order_number ?? '', title: row.order_title ?? '' },
    assignee: ref(row.assignee_id, row.assignee_name),
    dueDate: row.due_date,
    priority: priorityOf(row.priority),
    isCompleted: !open,
    completedAt: row.completed_at,
    completedBy: ref(row.completed_by, row.completer_name),
    isOverdue: open && row.due_date !== null && row.due_date < today,
    isDueToday: open && row.due_date === today,
    createdBy: ref(row.created_by, row.creator_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function auditView(row: {
  title: string;
  description: string | null;
  order_id: number | null;
  assignee_id: number | null;
  due_date: string | null;
  priority: number;
  completed_at: string | null;
}) {
  return {
    title: row.title,
    description: row.description,
    orderId: row.order_id,
    assigneeId: row.assignee_id,
    dueDate: row.due_date,
    priority: row.priority,
    completedAt: row.completed_at,
  };
}

export function makeTasksService({ database, audit, clock, calendar }: TasksServiceDeps) {
  function today(executor: Executor = database.db): Promise<string> {
    return calendar.today(executor);
  }

  async function load(executor: Executor, id: number): Promise<TaskViewRow> {
    const row = await findTaskView(executor, id);
    if (!row) throw new AppError('NOT_FOUND', `Task ${id} not found`);
    return row;
  }

  async function assertOrder(executor: Executor, orderId: number) {
    const order = await findOrderNumber(executor, orderId);
    if (!order) invalid('orderId', `order ${orderId} does not exist`);
    return order;
  }

  async function list(ctx: RequestContext, query: ListTasksQuery): Promise<TaskPage> {
    const todayDate = await today();
    const userId = query.assignee === 'me' ? requireUser(ctx) : null;
    const { rows, total } = await pageOfTasks(database.db, query, userId, todayDate);
    return {
      items: rows.map((r) => toTask(r, todayDate)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function get(id: number): Promise<Task> {
    return toTask(await load(database.db, id), await today());
  }

  async function event(
    tx: Tx,
    ctx: RequestContext,
    now: string,
    orderId: number | null,
    kind: string,
    task: { id: number; title: string },
  ) {
    if (orderId === null) return;
    await recordOrderEvent(tx, ctx, now, { orderId, kind, payload: { taskId: task.id, title: task.title } });
  }

  async function notifyAssignee(
    tx: Tx,
    ctx: RequestContext,
    now: string,
    task: { id: number; title: string; order_id: number | null },
    assigneeId: number,
  ) {
    const order = task.order_id === null ? null : await assertOrder(tx, task.order_id);
    await notify(tx, ctx, now, {
      userId: assigneeId,
      kind: 'task_assigned',
      title: `${actorName(ctx)} assigned you a task${order ? ` on ${order.number}` : ''}`,
      body: excerpt(task.title),
      orderId: task.order_id,
      taskId: task.id,
    });
  }

  async function create(ctx: RequestContext, input: CreateTaskInput): Promise<Task> {
    assertCalendarDate(input.dueDate, 'dueDate');
    return database.transaction(async (tx) => {
      if (input.orderId != null) await assertOrder(tx, input.orderId);
      if (input.assigneeId != null) await assertAssignableUser(tx, input.assigneeId, 'assigneeId');
      const now = clock.now().toISOString();
      const row = await insertTask(tx, {
        order_id: input.orderId ?? null,
        title: input.title,
        description: input.description ?? null,
        assignee_id: input.assigneeId ?? null,
        due_date: input.dueDate ?? null,
        priority: priorityRank(input.priority),
        completed_at: null,
        completed_by: null,
        created_by: actorUserId(ctx),
        created_at: now,
        updated_at: now,
      });
      await event(tx, ctx, now, row.order_id, 'task.created', row);
      if (row.assignee_id !== null) await notifyAssignee(tx, ctx, now, row, row.assignee_id);
      await audit.record(tx, ctx, {
        action: 'task.created',
        entity: 'task',
        entityId: row.id,
        changes: diffRecords(null, auditView(row)),
      });
      return toTask(await load(tx, row.id), await today(tx));
    });
  }

  async function update(ctx: RequestContext, id: number, input: UpdateTaskInput): Promise<Task> {
    assertCalendarDate(input.dueDate, 'dueDate');
    return database.transaction(async (tx) => {
      const before = await findTaskRow(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Task ${id} not found`);
      if (input.orderId != null && input.orderId !== before.order_id) await assertOrder(tx, input.orderId);
      const reassigned = input.assigneeId != null && input.assigneeId !== before.assignee_id;
      if (reassigned && input.assigneeId != null) await assertAssignableUser(tx, input.assigneeId, 'assigneeId');
      const now = clock.now().toISOString();
      const completing = input.isCompleted === true && before.completed_at === null;
      const reopening = input.isCompleted === false && before.completed_at !== null;
      const after = await updateTask(tx, id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.orderId !== undefined ? { order_id: input.orderId } : {}),
        ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
        ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
        ...(input.priority !== undefined ? { priority: priorityRank(input.priority) } : {}),
        ...(completing ? { completed_at: now, completed_by: actorUserId(ctx) } : {}),
        ...(reopening ? { completed_at: null, completed_by: null } : {}),
        updated_at: now,
      });
      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length > 0) {
        const kind = completing ? 'task.completed' : reopening ? 'task.reopened' : 'task.updated';
        await event(tx, ctx, now, after.order_id, kind, after);
        await audit.record(tx, ctx, { action: kind, entity: 'task', entityId: id, changes });
      }
      if (reassigned && input.assigneeId != null) await notifyAssignee(tx, ctx, now, after, input.assigneeId);
      return toTask(await load(tx, id), await today(tx));
    });
  }

  /** Tasks are to-dos, not records of money: deleting removes the row, leaving the audit and timeline entries. */
  async function remove(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const before = await findTaskRow(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Task ${id} not found`);
      const now = clock.now().toISOString();
      await deleteTask(tx, id);
      await event(tx, ctx, now, before.order_id, 'task.deleted', before);
      await audit.record(tx, ctx, {
        action: 'task.deleted',
        entity: 'task',
        entityId: id,
        changes: diffRecords(auditView(before), null),
      });
    });
  }

  return { list, get, create, update, remove };
}
