import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { NotificationsTable, OrderEventsTable } from './orders.tables';

/** The queries behind order-support.ts: the assignable user check, timeline entries and notifications. */

/** A user as the assignee check reads them. */
export function findUserForAssignment(executor: Executor, userId: number) {
  return executor
    .selectFrom('users')
    .select(['id', 'name', 'role', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** Appends one row to an order's timeline. */
export async function insertOrderEvent(executor: Executor, values: Insertable<OrderEventsTable>): Promise<void> {
  await executor.insertInto('order_events').values(values).execute();
}

/** Writes one notification. */
export async function insertNotification(executor: Executor, values: Insertable<NotificationsTable>): Promise<void> {
  await executor.insertInto('notifications').values(values).execute();
}
