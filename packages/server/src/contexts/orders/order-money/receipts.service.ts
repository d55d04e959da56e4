import type {
  ApplyReceiptInput,
  CreateReceiptInput,
  Receipt,
  ReceiptList,
  UpdateReceiptInput,
} from '@bizdash/contracts/order-money';
import { AppError } from '@bizdash/domain/errors';
import { toMoneyString } from '@bizdash/domain/money';
import { diffRecords } from '../../../platform/audit/audit.service';
import type { Executor } from '../../../platform/db/database';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import type { Selectable } from 'kysely';
import { actorUserId, assertCalendarDate, invalid, recordOrderEvent, type Tx } from '../orders/order-support';
import type { OrdersTable } from '../orders/orders.tables';
import type { MoneyAttachments } from './attachments.service';
import { positivePaise, type OrderMoneyServiceDeps } from './money-support';
import { allocateToOrder } from './order-billing';
import { moneySummaryOf, toReceipt } from './order-money.repo';
import { auditView, normaliseCheque, paymentInput, receiptFields, type ReceiptFields } from './receipt-fields';
import { lockOrder, recomputeOrderMoney } from './recompute';
import { findOrderRow } from './recompute.repo';
import {
  deleteReceipt,
  findInvoiceForReceipt,
  findReceipt,
  findReceiptView,
  getOrderRow,
  getPaymentAmounts,
  insertReceipt,
  receiptViewsOfOrder,
  updateReceipt,
} from './receipts.repo';

type OrderRow = Selectable<OrdersTable>;

/**
 * Money received from the client for an order. Each receipt is a customer payment (order_receipts.payment_id)
 * allocated to the order's invoices; every change recomputes the order's money in its transaction.
 */
export function makeReceiptsService(deps: OrderMoneyServiceDeps, attachments: MoneyAttachments) {
  const { database, audit, clock } = deps;

  function paymentsOf() {
    if (!deps.payments) throw new AppError('INTERNAL', 'Payments are not wired into order money');
    return deps.payments;
  }

  /**
   * Keeps a receipt's payment equal to the receipt (date, amount, mode, reference, note). A change of date or
   * amount re-allocates it within the same rules as a new receipt: allocations dropped, then the order's open
   * documents oldest first. A receipt without a payment (one whose payment was removed) gets one.
   */
  async function syncPayment(
    tx: Tx,
    ctx: RequestContext,
    order: OrderRow,
    paymentId: number | null,
    before: ReceiptFields,
    after: ReceiptFields,
  ): Promise<number> {
    const payments = paymentsOf();
    if (paymentId === null) {
      const created = await payments.createIn(tx, ctx, paymentInput(order, after));
      await allocateToOrder(tx, ctx, payments, created, order.id);
      return created;
    }
    const isMoneyChanged = before.date !== after.date || Number(before.amount_paise) !== after.amount_paise;
    if (isMoneyChanged) await payments.deallocateAllIn(tx, ctx, paymentId);
    const input = paymentInput(order, after);
    await payments.updateIn(tx, ctx, paymentId, {
      date: input.date,
      amount: input.amount,
      mode: input.mode,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
    });
    if (isMoneyChanged) await allocateToOrder(tx, ctx, payments, paymentId, order.id);
    return paymentId;
  }

  async function load(executor: Executor, orderId: number, id: number): Promise<Receipt> {
    const row = await findReceiptView(executor, orderId, id);
    if (!row) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
    return toReceipt(row);
  }

  async function list(orderId: number): Promise<ReceiptList> {
    const order = await findOrderRow(database.db, orderId);
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    // One order's receipts: a handful, on the (order_id, date, id) index.
    const rows = await receiptViewsOfOrder(database.db, orderId);
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
    const payments = paymentsOf();
    return database.transaction(async (tx) => {
      const order = await lockOrder(tx, database.dialect, orderId);
      const now = clock.now().toISOString();
      // The receipt is a customer payment in the one book: recorded through the payments module (period lock
      // included), then allocated to the order's open invoices; any rest is an advance of the client.
      const paymentId = await payments.createIn(tx, ctx, paymentInput(order, fields));
      const receiptId = await insertReceipt(tx, {
        ...fields,
        order_id: orderId,
        payment_id: paymentId,
        file_key: null,
        file_name: null,
        file_type: null,
        file_size: null,
        created_by: actorUserId(ctx),
        created_at: now,
        updated_at: now,
      });
      await allocateToOrder(tx, ctx, payments, paymentId, orderId);
      await recomputeOrderMoney(tx, ctx, orderId, now);
      // Amounts stay out of the timeline: it is shown to staff, who may not see money.
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'receipt.created',
        payload: { receiptId, date: fields.date, mode: fields.mode },
      });
      await audit.record(tx, ctx, {
        action: 'receipt.created',
        entity: 'receipt',
        entityId: receiptId,
        changes: diffRecords(null, { orderId, ...auditView(fields) }),
      });
      await emitEvent(
        tx,
        {
          type: 'receipt.recorded',
          entity: 'receipt',
          entityId: receiptId,
          payload: { orderId, amount: toMoneyString(fields.amount_paise), date: fields.date, mode: fields.mode },
        },
        now,
      );
      return load(tx, orderId, receiptId);
    });
  }

  async function update(ctx: RequestContext, orderId: number, id: number, input: UpdateReceiptInput): Promise<Receipt> {
    assertCalendarDate(input.date, 'date');
    assertCalendarDate(input.chequeDate, 'chequeDate');
    const amount = input.amount === undefined ? undefined : positivePaise(input.amount, 'amount');
    return database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const before = await findReceipt(tx, orderId, id);
      if (!before) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
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
      const order = await getOrderRow(tx, orderId);
      const paymentId = await syncPayment(tx, ctx, order, before.payment_id, before, after);
      await updateReceipt(tx, id, { ...after, payment_id: paymentId, updated_at: now });
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
      const before = await findReceipt(tx, orderId, id);
      if (!before) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
      const now = clock.now().toISOString();
      await deleteReceipt(tx, id);
      // Its payment goes with it: allocations removed and the documents it settled get their balance back.
      if (before.payment_id !== null) await paymentsOf().removeIn(tx, ctx, before.payment_id);
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
   * "Apply to invoice" (issue 6), kept for API callers: a receipt is a payment from the start and is allocated to
   * the order's open invoices automatically, so this allocates what is still unallocated of the receipt's payment
   * to the given issued invoice of the order, up to its balance. Nothing left to allocate answers INVALID_STATE.
   */
  async function apply(ctx: RequestContext, orderId: number, id: number, input: ApplyReceiptInput): Promise<Receipt> {
    const payments = paymentsOf();
    return database.transaction(async (tx) => {
      const order = await lockOrder(tx, database.dialect, orderId);
      const receipt = await findReceipt(tx, orderId, id);
      if (!receipt) throw new AppError('NOT_FOUND', `Receipt ${id} not found on this order`);
      const invoice = await findInvoiceForReceipt(tx, input.invoiceId);
      if (
        !invoice ||
        (invoice.order_id ?? invoice.original_order_id) !== orderId ||
        invoice.direction !== 'receivable' ||
        invoice.type === 'credit_note'
      ) {
        invalid('invoiceId', `invoice ${input.invoiceId} is not an invoice of ${order.number}`);
      }
      if (invoice.status !== 'issued') invalid('invoiceId', 'must be an issued invoice');
      const balance = Number(invoice.balance_due_paise);
      if (balance <= 0) invalid('invoiceId', `${invoice.number ?? 'the invoice'} has nothing left to pay`);
      const now = clock.now().toISOString();
      // A receipt from before payments existed for receipts (or whose payment was removed) gets its payment now.
      const paymentId =
        receipt.payment_id ?? (await payments.createIn(tx, ctx, paymentInput(order, receiptFields(receipt))));
      if (receipt.payment_id === null) {
        await updateReceipt(tx, id, { payment_id: paymentId, updated_at: now });
      }
      const payment = await getPaymentAmounts(tx, paymentId);
      const unallocated = Number(payment.amount_paise) + Number(payment.tds_paise) - Number(payment.allocated_paise);
      if (unallocated <= 0) {
        throw new AppError('INVALID_STATE', `Receipt ${id} is already fully allocated as payment ${paymentId}`, {
          paymentId,
        });
      }
      const allocated = Math.min(unallocated, balance);
      await payments.allocateIn(tx, ctx, paymentId, [{ invoiceId: invoice.id, amount: toMoneyString(allocated) }]);
      await recomputeOrderMoney(tx, ctx, orderId, now);
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
          paymentId: { before: receipt.payment_id, after: paymentId },
          invoiceId: { before: null, after: invoice.id },
          allocated: { before: null, after: toMoneyString(allocated) },
        },
      });
      return load(tx, orderId, id);
    });
  }

  return { list, apply, get: (orderId: number, id: number) => load(database.db, orderId, id), create, update, remove };
}
