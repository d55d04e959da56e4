import type { CreateExpenseInput, Expense, ExpenseList, UpdateExpenseInput } from '@bizdash/contracts/order-money';
import { AppError } from '@bizdash/domain/errors';
import { toMoneyString } from '@bizdash/domain/money';
import { diffRecords } from '../../../platform/audit/audit.service';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { actorUserId, assertCalendarDate, recordOrderEvent } from '../orders/order-support';
import type { MoneyAttachments } from './attachments.service';
import { positivePaise, type OrderMoneyServiceDeps } from './money-support';
import {
  deleteExpense,
  expenseViewsOfOrder,
  findExpense,
  findExpenseView,
  findOrderExpensesTotal,
  insertExpense,
  updateExpense,
} from './expenses.repo';
import { toExpense } from './order-money.repo';
import { lockOrder, recomputeOrderMoney } from './recompute';

interface ExpenseFields {
  date: string;
  amount_paise: number;
  category: Expense['category'];
  paid_to: string | null;
  note: string | null;
}

function auditView(e: ExpenseFields): Record<string, unknown> {
  return {
    date: e.date,
    amount: toMoneyString(Number(e.amount_paise)),
    category: e.category,
    paidTo: e.paid_to,
    note: e.note,
  };
}

/**
 * What the business spent on an order (stamp duty, courier…): it reduces the settlement's net. Every change
 * recomputes the order's money, and so its draft settlement or adjustment, in its transaction.
 */
export function makeExpensesService(deps: OrderMoneyServiceDeps, attachments: MoneyAttachments) {
  const { database, audit, clock } = deps;

  async function load(executor: Executor, orderId: number, id: number): Promise<Expense> {
    const row = await findExpenseView(executor, orderId, id);
    if (!row) throw new AppError('NOT_FOUND', `Expense ${id} not found on this order`);
    return toExpense(row);
  }

  async function list(orderId: number): Promise<ExpenseList> {
    const order = await findOrderExpensesTotal(database.db, orderId);
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    const rows = await expenseViewsOfOrder(database.db, orderId);
    return { items: rows.map(toExpense), total: toMoneyString(Number(order.expenses_paise)) };
  }

  async function create(ctx: RequestContext, orderId: number, input: CreateExpenseInput): Promise<Expense> {
    assertCalendarDate(input.date, 'date');
    const fields: ExpenseFields = {
      date: input.date,
      amount_paise: positivePaise(input.amount, 'amount'),
      category: input.category,
      paid_to: input.paidTo ?? null,
      note: input.note ?? null,
    };
    return database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const now = clock.now().toISOString();
      const expenseId = await insertExpense(tx, {
        ...fields,
        order_id: orderId,
        file_key: null,
        file_name: null,
        file_type: null,
        file_size: null,
        created_by: actorUserId(ctx),
        created_at: now,
        updated_at: now,
      });
      await recomputeOrderMoney(tx, ctx, orderId, now);
      // Amounts stay out of the timeline: it is shown to staff, who may not see money.
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'expense.created',
        payload: { expenseId, date: fields.date, category: fields.category },
      });
      await audit.record(tx, ctx, {
        action: 'expense.created',
        entity: 'expense',
        entityId: expenseId,
        changes: diffRecords(null, { orderId, ...auditView(fields) }),
      });
      return load(tx, orderId, expenseId);
    });
  }

  async function update(ctx: RequestContext, orderId: number, id: number, input: UpdateExpenseInput): Promise<Expense> {
    assertCalendarDate(input.date, 'date');
    const amount = input.amount === undefined ? undefined : positivePaise(input.amount, 'amount');
    return database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const before = await findExpense(tx, orderId, id);
      if (!before) throw new AppError('NOT_FOUND', `Expense ${id} not found on this order`);
      const after: ExpenseFields = {
        date: input.date ?? before.date,
        amount_paise: amount ?? Number(before.amount_paise),
        category: input.category ?? before.category,
        paid_to: input.paidTo !== undefined ? input.paidTo : before.paid_to,
        note: input.note !== undefined ? input.note : before.note,
      };
      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length === 0) return load(tx, orderId, id);
      const now = clock.now().toISOString();
      await updateExpense(tx, id, { ...after, updated_at: now });
      await recomputeOrderMoney(tx, ctx, orderId, now);
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'expense.updated',
        payload: { expenseId: id, fields: Object.keys(changes) },
      });
      await audit.record(tx, ctx, { action: 'expense.updated', entity: 'expense', entityId: id, changes });
      return load(tx, orderId, id);
    });
  }

  async function remove(ctx: RequestContext, orderId: number, id: number): Promise<void> {
    const fileKey = await database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const before = await findExpense(tx, orderId, id);
      if (!before) throw new AppError('NOT_FOUND', `Expense ${id} not found on this order`);
      const now = clock.now().toISOString();
      await deleteExpense(tx, id);
      await recomputeOrderMoney(tx, ctx, orderId, now);
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'expense.deleted',
        payload: { expenseId: id, date: before.date, category: before.category },
      });
      await audit.record(tx, ctx, {
        action: 'expense.deleted',
        entity: 'expense',
        entityId: id,
        changes: diffRecords({ orderId, ...auditView(before), attachment: before.file_key }, null),
      });
      return before.file_key;
    });
    await attachments.discardFile(fileKey);
  }

  return { list, get: (orderId: number, id: number) => load(database.db, orderId, id), create, update, remove };
}
