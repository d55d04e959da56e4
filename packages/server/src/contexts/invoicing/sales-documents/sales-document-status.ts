import type { SalesDocumentStatus, SetSalesDocumentStatusInput } from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import {
  effectiveStatus,
  KIND_NAME,
  lockOrThrow,
  type GetSalesDocument,
  type SalesDocumentsServiceDeps,
} from './sales-documents-core';
import * as repo from './sales-documents.repo';
import type { SalesDocumentRow } from './sales-documents.repo';

const ALLOWED: Record<SetSalesDocumentStatusInput['status'], readonly SalesDocumentStatus[]> = {
  sent: ['draft'],
  accepted: ['draft', 'sent'],
  declined: ['draft', 'sent'],
  cancelled: ['draft', 'sent', 'accepted', 'declined', 'expired'],
};

export type ChangeSalesDocumentStatus = ReturnType<typeof makeSalesDocumentStatus>['changeStatus'];

/** A document's status moves (sent, accepted, declined, cancelled), each audited. */
export function makeSalesDocumentStatus(
  { database, audit, clock, calendar }: Pick<SalesDocumentsServiceDeps, 'database' | 'audit' | 'clock' | 'calendar'>,
  get: GetSalesDocument,
) {
  async function changeStatus(
    tx: Transaction<DB>,
    ctx: RequestContext,
    row: SalesDocumentRow,
    to: SetSalesDocumentStatusInput['status'],
    note: string | null,
  ) {
    const today = await calendar.today(tx);
    const current = effectiveStatus(row, today);
    if ((to === 'accepted' || to === 'declined') && row.kind !== 'quotation') {
      throw new AppError('INVALID_STATE', 'Only a quotation is accepted or declined', { status: current });
    }
    if (!ALLOWED[to].includes(current)) {
      throw new AppError('INVALID_STATE', `A ${current} ${KIND_NAME[row.kind].toLowerCase()} cannot become ${to}`, {
        status: current,
      });
    }
    const now = clock.now().toISOString();
    const responded = to === 'accepted' || to === 'declined';
    await repo.updateDocument(tx, row.id, {
      status: to,
      updated_at: now,
      ...(to === 'sent' ? { sent_at: now } : {}),
      ...(responded ? { responded_at: now, response_note: note } : {}),
    });
    await audit.record(tx, ctx, {
      action: `sales_document.${to}`,
      entity: 'sales_document',
      entityId: row.id,
      changes: { status: { before: current, after: to }, ...(note ? { note: { before: null, after: note } } : {}) },
    });
  }

  async function setStatus(ctx: RequestContext, id: number, input: SetSalesDocumentStatusInput) {
    await database.transaction(async (tx) => {
      const row = await lockOrThrow(tx, database.dialect, id);
      await changeStatus(tx, ctx, row, input.status, input.note ?? null);
    });
    return get(id);
  }

  return { changeStatus, setStatus };
}
