import type { ListTasksQuery } from '@bizdash/contracts/tasks';
import type { Expression, ExpressionBuilder, Insertable, SqlBool, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { TasksTable } from './orders.tables';

/** The queries of tasks. */

function selectTasks(executor: Executor) {
  return executor
    .selectFrom('tasks')
    .leftJoin('orders', 'orders.id', 'tasks.order_id')
    .leftJoin('users as assignee', 'assignee.id', 'tasks.assignee_id')
    .leftJoin('users as completer', 'completer.id', 'tasks.completed_by')
    .leftJoin('users as creator', 'creator.id', 'tasks.created_by')
    .selectAll('tasks')
    .select([
      'orders.number as order_number',
      'orders.title as order_title',
      'assignee.name as assignee_name',
      'completer.name as completer_name',
      'creator.name as creator_name',
    ]);
}

/** A task with the number and title of its order and the names of the users it points to. */
export type TaskViewRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export function findTaskView(executor: Executor, id: number) {
  return selectTasks(executor).where('tasks.id', '=', id).executeTakeFirst();
}

export function findTaskRow(executor: Executor, id: number) {
  return executor.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrderNumber(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').select(['id', 'number']).where('id', '=', orderId).executeTakeFirst();
}

/** The list's filter; `userId` is the caller, for assignee=me; `today` judges overdue and due today. */
function taskFilter(query: ListTasksQuery, userId: number | null, today: string) {
  return (eb: ExpressionBuilder<DB, 'tasks'>) => {
    const terms: Expression<SqlBool>[] = [];
    if (query.assignee === 'me' && userId !== null) terms.push(eb('tasks.assignee_id', '=', userId));
    else if (query.assignee === 'none') terms.push(eb('tasks.assignee_id', 'is', null));
    else if (typeof query.assignee === 'number') terms.push(eb('tasks.assignee_id', '=', query.assignee));
    if (query.orderId !== undefined) terms.push(eb('tasks.order_id', '=', query.orderId));
    if (query.status === 'open') terms.push(eb('tasks.completed_at', 'is', null));
    if (query.status === 'done') terms.push(eb('tasks.completed_at', 'is not', null));
    if (query.overdue === 'true') {
      terms.push(eb('tasks.due_date', '<', today), eb('tasks.completed_at', 'is', null));
    }
    if (query.overdue === 'false') {
      terms.push(
        eb.or([
          eb('tasks.due_date', 'is', null),
          eb('tasks.due_date', '>=', today),
          eb('tasks.completed_at', 'is not', null),
        ]),
      );
    }
    if (query.dueToday === 'true') terms.push(eb('tasks.due_date', '=', today));
    if (query.dueToday === 'false') {
      terms.push(eb.or([eb('tasks.due_date', 'is', null), eb('tasks.due_date', '<>', today)]));
    }
    return eb.and(terms);
  };
}

/** A page of tasks as the list asks, and how many match. */
export async function pageOfTasks(executor: Executor, query: ListTasksQuery, userId: number | null, today: string) {
  const filter = taskFilter(query, userId, today);
  const countRow = await executor
    .selectFrom('tasks')
    .where(filter)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = selectTasks(executor).where(filter);
  const direction = query.order;
  if (query.sort === 'dueDate') {
    rows = rows.orderBy('tasks.due_date', (ob) => (direction === 'asc' ? ob.asc() : ob.desc()).nullsLast());
  } else if (query.sort === 'priority') {
    rows = rows.orderBy('tasks.priority', direction);
  } else {
    rows = rows.orderBy('tasks.created_at', direction);
  }
  const page = await rows
    .orderBy('tasks.id', direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows: page, total: Number(countRow.total) };
}

export function insertTask(executor: Executor, values: Insertable<TasksTable>) {
  return executor.insertInto('tasks').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateTask(executor: Executor, id: number, changes: Updateable<TasksTable>) {
  return executor.updateTable('tasks').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Deletes a task, first unlinking the notifications that point to it. */
export async function deleteTask(executor: Executor, id: number): Promise<void> {
  await executor.updateTable('notifications').set({ task_id: null }).where('task_id', '=', id).execute();
  await executor.deleteFrom('tasks').where('id', '=', id).execute();
}
