import type { Payment, UpdatePaymentInput } from '@bizdash/contracts/payments';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { parseAmount, parseMoney } from '@bizdash/domain/money';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import { diffRecords } from '../../../platform/audit/audit.service';
import type { RequestContext } from '../../../platform/request-context';
import { assertPeriodOpen, refreshSettlement } from '../invoices/invoice-balance';
import { auditView, loadPayment, lockPayment, m, type PaymentsServiceDeps } from './payment-core';
import * as repo from './payments.repo';

/**
 * Changing and deleting a payment. A payment recorded as an order receipt (order_receipts.payment_id) is the receipt
 * in the one book: its date, amount, mode and existence follow the receipt, so they are changed on the order, never
 * here.
 */
export function makeChangePayment({ database, audit, clock, orderLink }: PaymentsServiceDeps) {
  const { dialect } = database;

  async function update(ctx: RequestContext, id: number, input: UpdatePaymentInput): Promise<Payment> {
    if (input.date) financialYearOf(input.date, 'date');
    await database.transaction(async (tx) => {
      const receipt = await repo.receiptOfPayment(tx, id);
      const current = receipt ? await lockPayment(tx, dialect, id) : undefined;
      const isChanged = (text: string | undefined, paise: number | string) =>
        text !== undefined && parseMoney(text) !== Number(paise);
      if (
        receipt &&
        current &&
        ((input.date !== undefined && input.date !== current.date) ||
          (input.mode !== undefined && input.mode !== current.mode) ||
          isChanged(input.amount, current.amount_paise) ||
          isChanged(input.tdsAmount, current.tds_paise))
      ) {
        throw new AppError(
          'INVALID_STATE',
          `Payment ${id} is receipt ${receipt.id} of order ${receipt.number}; change its date, amount or mode on the order`,
          { orderId: receipt.order_id, receiptId: receipt.id },
        );
      }
      await updateIn(tx, ctx, id, input);
    });
    return loadPayment(database.db, id);
  }

  /** Changes a payment inside the caller's transaction (an order receipt's payment follows the receipt). */
  async function updateIn(tx: Transaction<DB>, ctx: RequestContext, id: number, input: UpdatePaymentInput) {
    if (input.date) financialYearOf(input.date, 'date');
    const amount = input.amount === undefined ? undefined : parseAmount(input.amount, 'amount');
    const tds = input.tdsAmount === undefined ? undefined : parseAmount(input.tdsAmount, 'tdsAmount');
    const before = await lockPayment(tx, dialect, id);
    await assertPeriodOpen(tx, before.date);
    if (input.date) await assertPeriodOpen(tx, input.date);
    const nextAmount = amount ?? Number(before.amount_paise);
    const nextTds = tds ?? Number(before.tds_paise);
    if (nextAmount + nextTds < Number(before.allocated_paise)) {
      throw new AppError(
        'OVER_ALLOCATION',
        `${m(before.allocated_paise)} of this payment is allocated; deallocate before reducing it below that`,
        { field: amount !== undefined ? 'amount' : 'tdsAmount', allocated: m(before.allocated_paise) },
      );
    }
    const after = await repo.updatePayment(tx, id, {
      ...(input.date !== undefined ? { date: input.date } : {}),
      amount_paise: nextAmount,
      tds_paise: nextTds,
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
      ...(input.reference !== undefined ? { reference: input.reference?.trim() || null } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      updated_at: clock.now().toISOString(),
    });
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length > 0) {
      await audit.record(tx, ctx, { action: 'payment.updated', entity: 'payment', entityId: id, changes });
    }
  }

  /** Deletes a payment and its allocations; every document it settled gets its balance back. */
  async function remove(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const receipt = await repo.receiptOfPayment(tx, id);
      if (receipt) {
        throw new AppError(
          'INVALID_STATE',
          `Payment ${id} is receipt ${receipt.id} of order ${receipt.number}; delete the receipt on the order instead`,
          { orderId: receipt.order_id, receiptId: receipt.id },
        );
      }
      await removeIn(tx, ctx, id);
    });
  }

  /** Deletes a payment and its allocations inside the caller's transaction (an order receipt being deleted). */
  async function removeIn(tx: Transaction<DB>, ctx: RequestContext, id: number): Promise<void> {
    const before = await lockPayment(tx, dialect, id);
    await assertPeriodOpen(tx, before.date);
    const allocations = await repo.allocationsOf(tx, id, { ordered: false });
    const now = clock.now().toISOString();
    await repo.deleteAllocations(tx, id);
    await repo.deletePayment(tx, id);
    for (const a of allocations) await refreshSettlement(tx, a.invoice_id, now, orderLink);
    await audit.record(tx, ctx, {
      action: 'payment.deleted',
      entity: 'payment',
      entityId: id,
      changes: diffRecords(
        {
          ...auditView(before),
          allocations: allocations.map((a) => ({ invoiceId: a.invoice_id, amount: m(a.amount_paise) })),
        },
        null,
      ),
    });
  }

  return { update, updateIn, remove, removeIn };
}
