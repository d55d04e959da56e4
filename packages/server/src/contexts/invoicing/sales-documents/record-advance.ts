import type { RecordAdvanceInput, SalesDocument } from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import { applyProformaAdvances } from './proforma-advances';
import * as conversionsRepo from './sales-document-conversions.repo';
import { lockOrThrow, type GetSalesDocument, type SalesDocumentsServiceDeps } from './sales-documents-core';
import * as repo from './sales-documents.repo';

/** An advance received against a proforma: a customer payment of the party, linked to the proforma. */
export function makeRecordAdvance(
  { database, audit, clock, payments }: Pick<SalesDocumentsServiceDeps, 'database' | 'audit' | 'clock' | 'payments'>,
  get: GetSalesDocument,
) {
  async function recordAdvance(ctx: RequestContext, id: number, input: RecordAdvanceInput): Promise<SalesDocument> {
    await database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, database.dialect, id);
      if (row.kind !== 'proforma') throw new AppError('INVALID_STATE', 'Advances are received against a proforma');
      if (row.status === 'cancelled') throw new AppError('INVALID_STATE', 'The proforma is cancelled');
      // An unallocated customer payment: the money book sees an advance of the party; the proforma only links it.
      const paymentId = await payments.createIn(tx, ctx, {
        direction: 'received',
        partyId: row.party_id,
        date: input.date,
        amount: input.amount,
        mode: input.mode,
        reference: input.reference ?? null,
        tdsAmount: '0',
        notes: `Advance against proforma ${row.number}`,
        allocations: [],
      });
      const now = clock.now().toISOString();
      await conversionsRepo.insertAdvance(tx, { document_id: id, payment_id: paymentId, created_at: now });
      // Received after its tax invoice was issued: applied to that invoice now, as issuing would have.
      for (const c of await repo.conversionsOf(tx, id)) {
        if (c.status === 'issued') await applyProformaAdvances(tx, ctx, payments, Number(c.id));
      }
      await audit.record(tx, ctx, {
        action: 'sales_document.advance_recorded',
        entity: 'sales_document',
        entityId: id,
        changes: { paymentId: { before: null, after: paymentId }, amount: { before: null, after: input.amount } },
      });
    });
    return get(id);
  }

  return { recordAdvance };
}
