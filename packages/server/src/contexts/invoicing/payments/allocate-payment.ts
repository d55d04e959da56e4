import type { AllocatePaymentInput, AllocationInput, Payment } from '@bizdash/contracts/payments';
import { AppError } from '@bizdash/domain/errors';
import { parseAmount } from '@bizdash/domain/money';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { lockInvoice, refreshSettlement } from '../invoices/invoice-balance';
import { DIRECTION_OF, loadPayment, lockPayment, m, type PaymentsServiceDeps } from './payment-core';
import * as repo from './payments.repo';
import type { PaymentRow } from './payments.tables';

/** Allocating a payment to the documents it settles, and taking allocations back. */
export function makePaymentAllocation({ database, audit, clock, orderLink }: PaymentsServiceDeps) {
  const { dialect } = database;

  /**
   * Adds allocations of one payment, each checked against the document's balance (locked) and all together against
   * the payment's settlement (amount + TDS). Throws OVER_ALLOCATION naming the field; the caller's transaction rolls
   * everything back.
   */
  async function applyAllocations(
    tx: Transaction<DB>,
    payment: PaymentRow,
    allocations: AllocationInput[],
    now: string,
  ) {
    const merged = new Map<number, { amount: number; index: number }>();
    allocations.forEach((a, index) => {
      const amount = parseAmount(a.amount, `allocations.${index}.amount`);
      const prev = merged.get(a.invoiceId);
      merged.set(a.invoiceId, { amount: (prev?.amount ?? 0) + amount, index: prev?.index ?? index });
    });
    let allocated = Number(payment.allocated_paise);
    for (const [invoiceId, { amount, index }] of merged) {
      const field = `allocations.${index}`;
      const invoice = await lockInvoice(tx, dialect, invoiceId);
      if (!invoice)
        throw new AppError('VALIDATION_FAILED', `${field}.invoiceId: document ${invoiceId} does not exist`, {
          field: `${field}.invoiceId`,
        });
      if (invoice.party_id !== payment.party_id) {
        throw new AppError('VALIDATION_FAILED', `${field}.invoiceId: document ${invoiceId} belongs to another party`, {
          field: `${field}.invoiceId`,
        });
      }
      if (invoice.direction !== DIRECTION_OF[payment.direction]) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${field}.invoiceId: a payment ${payment.direction} settles ${DIRECTION_OF[payment.direction]} documents`,
          { field: `${field}.invoiceId` },
        );
      }
      if (invoice.status !== 'issued' || invoice.type === 'credit_note') {
        throw new AppError(
          'INVALID_STATE',
          `Document ${invoice.number ?? invoice.id} is not an issued, payable document`,
          {
            field: `${field}.invoiceId`,
            status: invoice.status,
          },
        );
      }
      if (amount > Number(invoice.balance_due_paise)) {
        throw new AppError(
          'OVER_ALLOCATION',
          `Document ${invoice.number ?? invoice.id} has ${m(Math.max(0, Number(invoice.balance_due_paise)))} due; cannot allocate ${m(amount)}`,
          { field: `${field}.amount`, balanceDue: m(invoice.balance_due_paise) },
        );
      }
      const existing = await repo.allocationOf(tx, payment.id, invoiceId);
      if (existing) {
        await repo.setAllocationAmount(tx, payment.id, invoiceId, Number(existing.amount_paise) + amount);
      } else {
        await repo.insertAllocation(tx, {
          payment_id: payment.id,
          invoice_id: invoiceId,
          amount_paise: amount,
          created_at: now,
        });
      }
      allocated += amount;
      await refreshSettlement(tx, invoiceId, now, orderLink);
    }
    const settlement = Number(payment.amount_paise) + Number(payment.tds_paise);
    if (allocated > settlement) {
      throw new AppError(
        'OVER_ALLOCATION',
        `Allocations total ${m(allocated)} but the payment settles only ${m(settlement)} (amount + TDS)`,
        { field: 'allocations', settlement: m(settlement) },
      );
    }
    await repo.setAllocated(tx, payment.id, allocated, now);
    return [...merged.entries()].map(([invoiceId, { amount }]) => ({ invoiceId, amount: m(amount) }));
  }

  async function allocate(ctx: RequestContext, id: number, input: AllocatePaymentInput): Promise<Payment> {
    await database.transaction((tx) => allocateIn(tx, ctx, id, input.allocations));
    return loadPayment(database.db, id);
  }

  /** Adds allocations of a payment inside the caller's transaction (an order's advance applied to its invoice). */
  async function allocateIn(tx: Transaction<DB>, ctx: RequestContext, id: number, allocations: AllocationInput[]) {
    const payment = await lockPayment(tx, dialect, id);
    const now = clock.now().toISOString();
    const applied = await applyAllocations(tx, payment, allocations, now);
    await audit.record(tx, ctx, {
      action: 'payment.allocated',
      entity: 'payment',
      entityId: id,
      changes: { allocations: { before: null, after: applied } },
    });
  }

  /** Removes every allocation of a payment inside the caller's transaction; the documents get their balance back. */
  async function deallocateAllIn(tx: Transaction<DB>, ctx: RequestContext, id: number): Promise<void> {
    await lockPayment(tx, dialect, id);
    const allocations = await repo.allocationsOf(tx, id, { ordered: true });
    if (allocations.length === 0) return;
    const now = clock.now().toISOString();
    for (const a of allocations) await lockInvoice(tx, dialect, a.invoice_id);
    await repo.deleteAllocations(tx, id);
    await repo.setAllocated(tx, id, 0, now);
    for (const a of allocations) await refreshSettlement(tx, a.invoice_id, now, orderLink);
    await audit.record(tx, ctx, {
      action: 'payment.deallocated',
      entity: 'payment',
      entityId: id,
      changes: {
        allocations: {
          before: allocations.map((a) => ({ invoiceId: a.invoice_id, amount: m(a.amount_paise) })),
          after: null,
        },
      },
    });
  }

  async function deallocate(ctx: RequestContext, id: number, invoiceId: number): Promise<Payment> {
    await database.transaction(async (tx) => {
      const payment = await lockPayment(tx, dialect, id);
      const existing = await repo.allocationOf(tx, id, invoiceId);
      if (!existing) throw new AppError('NOT_FOUND', `Payment ${id} is not allocated to document ${invoiceId}`);
      await lockInvoice(tx, dialect, invoiceId);
      const now = clock.now().toISOString();
      await repo.deleteAllocation(tx, id, invoiceId);
      await repo.setAllocated(tx, id, Number(payment.allocated_paise) - Number(existing.amount_paise), now);
      await refreshSettlement(tx, invoiceId, now, orderLink);
      await audit.record(tx, ctx, {
        action: 'payment.deallocated',
        entity: 'payment',
        entityId: id,
        changes: { allocation: { before: { invoiceId, amount: m(existing.amount_paise) }, after: null } },
      });
    });
    return loadPayment(database.db, id);
  }

  return { applyAllocations, allocate, allocateIn, deallocate, deallocateAllIn };
}

export type PaymentAllocation = ReturnType<typeof makePaymentAllocation>;
