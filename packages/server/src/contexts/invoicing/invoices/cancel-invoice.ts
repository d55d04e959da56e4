import type { CancelInvoiceInput, Invoice } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { assertPeriodOpen, refreshSettlement } from './invoice-balance';
import type { InvoicesServiceDeps } from './invoices-deps';
import { findIssuedNoteOf, lockInvoice, updateInvoice } from './invoices.repo';

/** Cancelling an issued document. */
export function makeCancelInvoice(
  { database, audit, clock, orderLink }: Pick<InvoicesServiceDeps, 'database' | 'audit' | 'clock' | 'orderLink'>,
  get: (id: number) => Promise<Invoice>,
) {
  const { dialect } = database;

  /** Issued -> cancelled with a reason; the number stays used. Refused while payments or notes rely on it. */
  async function cancel(ctx: RequestContext, id: number, input: CancelInvoiceInput): Promise<Invoice> {
    const reason = input.reason.trim();
    if (!reason) throw new AppError('REASON_REQUIRED', 'Say why the document is cancelled', { field: 'reason' });
    await database.transaction(async (tx) => {
      const before = await lockInvoice(tx, dialect, id);
      if (!before) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      if (before.status !== 'issued') {
        throw new AppError(
          'INVALID_STATE',
          before.status === 'draft' ? 'A draft has no number to cancel; delete it instead' : 'Already cancelled',
          { status: before.status },
        );
      }
      await assertPeriodOpen(tx, before.date);
      if (Number(before.amount_paid_paise) > 0) {
        throw new AppError('INVALID_STATE', 'Payments are allocated to this document; deallocate them first', {
          amountPaid: before.amount_paid_paise,
        });
      }
      const note = await findIssuedNoteOf(tx, id);
      if (note) {
        throw new AppError('INVALID_STATE', `Note ${note.number ?? note.id} corrects this document; cancel it first`, {
          noteId: note.id,
        });
      }
      const now = clock.now().toISOString();
      await updateInvoice(tx, id, { status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now });
      await refreshSettlement(tx, id, now, orderLink);
      if (before.type === 'credit_note' && before.original_invoice_id !== null) {
        await refreshSettlement(tx, before.original_invoice_id, now, orderLink);
      }
      await audit.record(tx, ctx, {
        action: 'invoice.cancelled',
        entity: 'invoice',
        entityId: id,
        changes: { status: { before: 'issued', after: 'cancelled' }, cancelReason: { before: null, after: reason } },
      });
      await emitEvent(
        tx,
        {
          type: 'invoice.cancelled',
          entity: 'invoice',
          entityId: id,
          payload: { type: before.type, number: before.number, partyId: before.party_id },
        },
        now,
      );
    });
    return get(id);
  }

  return { cancel };
}
