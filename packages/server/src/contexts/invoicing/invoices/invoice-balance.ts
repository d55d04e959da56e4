import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import type { OrderLink } from './order-link';
import type { InvoiceRow } from './invoices.tables';
import { findSettlementBasis, sumAllocated, sumIssuedCredits, updateInvoice } from './invoices.repo';
import { findLockedPeriod } from './period-locks.repo';

/** Kept here for the callers that import it beside the settlement helpers. */
export { lockInvoice } from './invoices.repo';

/** Refuses (PERIOD_LOCKED) when the month of `date` is locked. */
export async function assertPeriodOpen(executor: Executor, date: string, field = 'date'): Promise<void> {
  const period = date.slice(0, 7);
  const lock = await findLockedPeriod(executor, period);
  if (lock) {
    throw new AppError('PERIOD_LOCKED', `${period} is locked; unlock the period to change documents dated in it`, {
      field,
      period,
    });
  }
}

/** Settlement figures a document would have given its allocations and credit notes. */
export function settlementOf(
  row: Pick<InvoiceRow, 'status' | 'type' | 'grand_total_paise'>,
  paid: number,
  credited: number,
): Pick<InvoiceRow, 'amount_paid_paise' | 'amount_credited_paise' | 'balance_due_paise' | 'payment_status'> {
  // Drafts, cancelled documents and credit notes are not payable: no balance, no payment status.
  if (row.status !== 'issued' || row.type === 'credit_note') {
    return { amount_paid_paise: paid, amount_credited_paise: credited, balance_due_paise: 0, payment_status: null };
  }
  const balance = Number(row.grand_total_paise) - paid - credited;
  const status = balance <= 0 ? 'paid' : paid + credited === 0 ? 'unpaid' : 'partial';
  return {
    amount_paid_paise: paid,
    amount_credited_paise: credited,
    balance_due_paise: balance,
    payment_status: status,
  };
}

/**
 * Recomputes amount paid (sum of allocations), amount credited (sum of ISSUED credit notes against it), balance due
 * and payment status of one document from their sources, in the caller's transaction. Every change to an
 * allocation, a payment or a credit note calls this, so the denormalised columns never drift.
 */
export async function refreshSettlement(
  executor: Executor,
  invoiceId: number,
  updatedAt: string,
  orderLink: Pick<OrderLink, 'documentChanged'>,
): Promise<void> {
  const row = await findSettlementBasis(executor, invoiceId);
  if (!row) return;
  const paid = await sumAllocated(executor, invoiceId);
  const credited = await sumIssuedCredits(executor, invoiceId);
  const next = settlementOf(row, paid, credited);
  await updateInvoice(executor, invoiceId, { ...next, updated_at: updatedAt });
  // An order is billed through its invoices: its amount due and received follow every change settled here.
  await orderLink.documentChanged(executor, invoiceId, updatedAt);
}
