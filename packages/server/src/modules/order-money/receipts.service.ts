import type {
  ApplyReceiptInput,
  CreateReceiptInput,
  Receipt,
  ReceiptList,
  UpdateReceiptInput,
} from '@bizdash/contracts/order-money';
import { AppError } from '@bizdash/domain/errors';
import { toMoneyString } from '@bizdash/domain/money';
import { diffRecords } from '../../platform/audit/audit.service';
import type { Executor } from '../../platform/db/database';
import { emitEvent } from '../../platform/jobs/events';
import type { RequestContext } from '../../platform/request-context';
import { actorUserId, assertCalendarDate, invalid, recordOrderEvent } from '../orders/order-support';
import type { MoneyAttachments } from './attachments.service';
import { positivePaise, type OrderMoneyServiceDeps } from './money-support';
import { moneySummaryOf, selectReceipts, toReceipt } from './order-money.repo';
import { lockOrder, recomputeOrderMoney } from './recompute';

interface ReceiptFields {
  date: string;
  amount_paise: number;
  mode: Receipt['mode'];
  reference: string | null;
  cheque_number: string | null;
  cheque_date: string | null;
  note: string | null;
}

function auditView(r: ReceiptFields): Record<string, unknown> {
  return {
    date: r.date,
    amount: toMoneyString(Number(r.amount_paise)),
    mode: r.mode,
    reference: r.reference,
    chequeNumber: r.cheque_number,
    chequeDate: r.cheque_date,
    note: r.note,
  };
}

/** Cheque details belong to cheques only; a cheque needs its number. */
function normaliseCheque(r: ReceiptFields): ReceiptFields {
  if (r.mode !== 'cheque') return { ...r, cheque_number: null, cheque_date: null };
  if (!r.cheque_number) invalid('chequeNumber', 'is required for a cheque');
  return r;
}

/** Money received from the client for an order. Every change recomputes the order's money in its transaction. */
export function makeReceiptsService(deps: OrderMoneyServiceDeps, attachments: MoneyAttachments) {
  const { database, audit, clock } = deps;

  async function load(executor: Executor, orderId: number, id: number): Promise<Receipt> {
    const row = await selectReceipts(executor)
      .where('order_receipts.id', '=', id)
      .where('order_receipts.order_id', '=', orderId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
    return toReceipt(row);
  }

  async function list(orderId: number): Promise<ReceiptList> {
    const order = await database.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    // One order's receipts: a handful, on the (order_id, date, id) index.
    const rows = await selectReceipts(database.db)
      .where('order_receipts.order_id', '=', orderId)
      .orderBy('order_receipts.date')
      .orderBy('order_receipts.id')
      .execute();
    return { items: rows.map(toReceipt), money: moneySummaryOf(order) };
  }

  async function create(ctx: RequestContext, orderId: number, input: CreateReceiptInput): Promise<Receipt> {
    assertCalendarDate(input.date, 'date');
    assertCalendarDate(input.chequeDate, 'chequeDate');
    const fields = normaliseCheque({
      date: input.date,
      amount_paise: positivePaise(input.amount, 'amount'),
      mode: input.mode,
      reference: input.reference ?? null,
      cheque_number: input.chequeNumber ?? null,
      cheque_date: input.chequeDate ?? null,
      note: input.note ?? null,
    });
    return database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const now = clock.now().toISOString();
      const row = await tx
        .insertInto('order_receipts')
        .values({
          ...fields,
          order_id: orderId,
          file_key: null,
          file_name: null,
          file_type: null,
          file_size: null,
          created_by: actorUserId(ctx),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recomputeOrderMoney(tx, ctx, orderId, now);
      // Amounts stay out of the timeline: it is shown to staff, who may not see money.
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'receipt.created',
        payload: { receiptId: row.id, date: fields.date, mode: fields.mode },
      });
      await audit.record(tx, ctx, {
        action: 'receipt.created',
        entity: 'receipt',
        entityId: row.id,
        changes: diffRecords(null, { orderId, ...auditView(fields) }),
      });
      await emitEvent(
        tx,
        {
          type: 'receipt.recorded',
          entity: 'receipt',
          entityId: row.id,
          payload: { orderId, amount: toMoneyString(fields.amount_paise), date: fields.date, mode: fields.mode },
        },
        now,
      );
      return load(tx, orderId, row.id);
    });
  }

  async function update(ctx: RequestContext, orderId: number, id: number, input: UpdateReceiptInput): Promise<Receipt> {
    assertCalendarDate(input.date, 'date');
    assertCalendarDate(input.chequeDate, 'chequeDate');
    const amount = input.amount === undefined ? undefined : positivePaise(input.amount, 'amount');
    return database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const before = await tx
        .selectFrom('order_receipts')
        .selectAll()
        .where('id', '=', id)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
      if (
        before.payment_id !== null &&
        ((input.date !== undefined && input.date !== before.date) ||
          (amount !== undefined && amount !== Number(before.amount_paise)) ||
          (input.mode !== undefined && input.mode !== before.mode))
      ) {
        throw new AppError(
          'INVALID_STATE',
          `Receipt ${id} is applied to an invoice as payment ${before.payment_id}; delete that payment to change its date, amount or mode`,
          { paymentId: before.payment_id },
        );
      }
      const after = normaliseCheque({
        date: input.date ?? before.date,
        amount_paise: amount ?? Number(before.amount_paise),
        mode: input.mode ?? before.mode,
        reference: input.reference !== undefined ? input.reference : before.reference,
        cheque_number: input.chequeNumber !== undefined ? input.chequeNumber : before.cheque_number,
        cheque_date: input.chequeDate !== undefined ? input.chequeDate : before.cheque_date,
        note: input.note !== undefined ? input.note : before.note,
      });
      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length === 0) return load(tx, orderId, id);
      const now = clock.now().toISOString();
      await tx
        .updateTable('order_receipts')
        .set({ ...after, updated_at: now })
        .where('id', '=', id)
        .execute();
      await recomputeOrderMoney(tx, ctx, orderId, now);
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'receipt.updated',
        payload: { receiptId: id, fields: Object.keys(changes) },
      });
      await audit.record(tx, ctx, { action: 'receipt.updated', entity: 'receipt', entityId: id, changes });
      return load(tx, orderId, id);
    });
  }

  async function remove(ctx: RequestContext, orderId: number, id: number): Promise<void> {
    const fileKey = await database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const before = await tx
        .selectFrom('order_receipts')
        .selectAll()
        .where('id', '=', id)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      if (!before) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
      if (before.payment_id !== null) {
        throw new AppError(
          'INVALID_STATE',
          `Receipt ${id} is applied to an invoice as payment ${before.payment_id}; delete that payment first`,
          { paymentId: before.payment_id },
        );
      }
      const now = clock.now().toISOString();
      await tx.deleteFrom('order_receipts').where('id', '=', id).execute();
      await recomputeOrderMoney(tx, ctx, orderId, now);
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'receipt.deleted',
        payload: { receiptId: id, date: before.date, mode: before.mode },
      });
      await audit.record(tx, ctx, {
        action: 'receipt.deleted',
        entity: 'receipt',
        entityId: id,
        changes: diffRecords({ orderId, ...auditView(before), attachment: before.file_key }, null),
      });
      return before.file_key;
    });
    await attachments.discardFile(fileKey);
  }

  /**
   * Applies a receipt to the order's issued invoice (issue 6): records a payment received from the client for the
   * receipt's amount, allocated to the invoice up to its balance (any rest stays an advance), and links the two, in
   * one transaction. The receipt keeps counting towards the order's payment status; the payment settles the invoice.
   */
  async function apply(ctx: RequestContext, orderId: number, id: number, input: ApplyReceiptInput): Promise<Receipt> {
    const payments = deps.payments;
    if (!payments) throw new AppError('INTERNAL', 'Payments are not wired into order money');
    return database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const receipt = await tx
        .selectFrom('order_receipts')
        .selectAll()
        .where('id', '=', id)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      if (!receipt) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
      if (receipt.payment_id !== null) {
        throw new AppError('INVALID_STATE', `Receipt ${id} is already applied as payment ${receipt.payment_id}`, {
          paymentId: receipt.payment_id,
        });
      }
      const order = await tx
        .selectFrom('orders')
        .select(['number', 'client_id'])
        .where('id', '=', orderId)
        .executeTakeFirstOrThrow();
      const invoice = await tx
        .selectFrom('invoices')
        .select(['id', 'number', 'order_id', 'party_id', 'status', 'direction', 'balance_due_paise'])
        .where('id', '=', input.invoiceId)
        .executeTakeFirst();
      if (!invoice || invoice.order_id !== orderId || invoice.direction !== 'receivable') {
        invalid('invoiceId', `invoice ${input.invoiceId} is not an invoice of ${order.number}`);
      }
      if (invoice.status !== 'issued') invalid('invoiceId', 'must be an issued invoice');
      const balance = Number(invoice.balance_due_paise);
      if (balance <= 0) invalid('invoiceId', `${invoice.number ?? 'the invoice'} has nothing left to pay`);
      const amount = Number(receipt.amount_paise);
      const allocated = Math.min(amount, balance);
      const paymentId = await payments.createIn(tx, ctx, {
        direction: 'received',
        partyId: invoice.party_id,
        date: receipt.date,
        amount: toMoneyString(amount),
        mode: receipt.mode,
        reference: receipt.reference ?? receipt.cheque_number ?? `${order.number} receipt ${id}`,
        tdsAmount: '0',
        notes: `Receipt ${id} of ${order.number}`,
        allocations: [{ invoiceId: invoice.id, amount: toMoneyString(allocated) }],
      });
      const now = clock.now().toISOString();
      await tx
        .updateTable('order_receipts')
        .set({ payment_id: paymentId, updated_at: now })
        .where('id', '=', id)
        .execute();
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'receipt.applied',
        payload: { receiptId: id, invoiceId: invoice.id, invoiceNumber: invoice.number, paymentId },
      });
      await audit.record(tx, ctx, {
        action: 'receipt.applied',
        entity: 'receipt',
        entityId: id,
        changes: {
          paymentId: { before: null, after: paymentId },
          invoiceId: { before: null, after: invoice.id },
          allocated: { before: null, after: toMoneyString(allocated) },
        },
      });
      return load(tx, orderId, id);
    });
  }

  return { list, apply, get: (orderId: number, id: number) => load(database.db, orderId, id), create, update, remove };
}
