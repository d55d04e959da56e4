import type { ListNotificationsQuery } from '@bizdash/contracts/notifications';
import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { NotificationsTable } from './orders.tables';

/** The queries of a user's inbox. */

function selectNotifications(executor: Executor) {
  return executor
    .selectFrom('notifications')
    .leftJoin('orders', 'orders.id', 'notifications.order_id')
    .selectAll('notifications')
    .select('orders.number as order_number');
}

/** A user's open tasks due on a day, with their order's number. */
export function openTasksDue(executor: Executor, userId: number, day: string) {
  return executor
    .selectFrom('tasks')
    .leftJoin('orders', 'orders.id', 'tasks.order_id')
    .select(['tasks.id', 'tasks.title', 'tasks.order_id', 'orders.number as order_number'])
    .where('tasks.assignee_id', '=', userId)
    .where('tasks.due_date', '=', day)
    .where('tasks.completed_at', 'is', null)
    .execute();
}

/** Which of the dedupe keys already have a notification. */
export function existingDedupeKeys(executor: Executor, keys: string[]) {
  return executor.selectFrom('notifications').select('dedupe_key').where('dedupe_key', 'in', keys).execute();
}

/** Writes notifications, skipping any whose dedupe key is already there. */
export async function insertNotificationsOnce(
  executor: Executor,
  rows: readonly Insertable<NotificationsTable>[],
): Promise<void> {
  await executor
    .insertInto('notifications')
    .values(rows)
    // Two tabs reading at once must not fail: the second insert of a key is simply skipped.
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export async function countUnread(executor: Executor, userId: number): Promise<number> {
  const row = await executor
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of a user's notifications, newest first, and how many match. */
export async function pageOfNotifications(executor: Executor, userId: number, query: ListNotificationsQuery) {
  let base = executor.selectFrom('notifications').where('user_id', '=', userId);
  if (query.unread === 'true') base = base.where('read_at', 'is', null);
  if (query.unread === 'false') base = base.where('read_at', 'is not', null);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let rows = selectNotifications(executor).where('notifications.user_id', '=', userId);
  if (query.unread === 'true') rows = rows.where('notifications.read_at', 'is', null);
  if (query.unread === 'false') rows = rows.where('notifications.read_at', 'is not', null);
  const page = await rows
    .orderBy('notifications.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows: page, total: Number(countRow.total) };
}

/** One of the user's notifications with its order's number. */
export function findUserNotification(executor: Executor, userId: number, id: number) {
  return selectNotifications(executor)
    .where('notifications.id', '=', id)
    .where('notifications.user_id', '=', userId)
    .executeTakeFirst();
}

export async function markNotificationRead(executor: Executor, id: number, now: string): Promise<void> {
  await executor.updateTable('notifications').set({ read_at: now }).where('id', '=', id).execute();
}

/** Marks every unread notification of the user read; answers how many. */
export async function markAllNotificationsRead(executor: Executor, userId: number, now: string): Promise<number> {
  const result = await executor
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
