import type { Insertable, Updateable } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Executor } from '../../../platform/db/database';
import { selectExpenses } from './order-money.repo';

/** The queries of expenses.service.ts: an order's expenses. */

/** One expense of the order as shown, with its creator's name. */
export function findExpenseView(executor: Executor, orderId: number, id: number) {
  return selectExpenses(executor)
    .where('order_expenses.id', '=', id)
    .where('order_expenses.order_id', '=', orderId)
    .executeTakeFirst();
}

/** The order's expenses as shown, by date then id. */
export function expenseViewsOfOrder(executor: Executor, orderId: number) {
  return selectExpenses(executor)
    .where('order_expenses.order_id', '=', orderId)
    .orderBy('order_expenses.date')
    .orderBy('order_expenses.id')
    .execute();
}

/** The order's id and expenses total. */
export function findOrderExpensesTotal(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').select(['id', 'expenses_paise']).where('id', '=', orderId).executeTakeFirst();
}

/** One expense of the order as stored. */
export function findExpense(executor: Executor, orderId: number, id: number) {
  return executor
    .selectFrom('order_expenses')
    .selectAll()
    .where('id', '=', id)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

export async function insertExpense(executor: Executor, values: Insertable<DB['order_expenses']>): Promise<number> {
  const row = await executor.insertInto('order_expenses').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateExpense(
  executor: Executor,
  id: number,
  values: Updateable<DB['order_expenses']>,
): Promise<void> {
  await executor.updateTable('order_expenses').set(values).where('id', '=', id).execute();
}

export async function deleteExpense(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('order_expenses').where('id', '=', id).execute();
}
