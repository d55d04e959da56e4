import type {
  AddDocumentsInput,
  DocumentStatus,
  OrderDocument,
  OrderDocumentDetail,
  OrderDocumentList,
  SetDocumentStatusInput,
} from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { assertDocumentTransition } from '@bizdash/domain/orders/lifecycle';
import type { RequestContext } from '../../../platform/request-context';
import { makeOrderDocumentFiles } from './order-document-files';
import { excerpt, notify, recordOrderEvent, type Tx } from './order-support';
import * as repo from './order-documents.repo';
import type { OrderDocumentsDeps } from './order-documents.steps';
import { emitStatusChanged, loadDocument, loadDocumentView, loadOrder, writeHistory } from './order-documents.steps';
import { assertOpen, stampsFor, toDocument } from './order-documents.view';
import { completenessFromRow } from './orders.repo';

export type { OrderDocumentsDeps } from './order-documents.steps';

export { displayName, requireStorage, type FileDownload, type IncomingFile } from './order-documents.view';

/** The documents an order requires, their statuses and history; files through `order-document-files.ts`. */
export function makeOrderDocumentsService(deps: OrderDocumentsDeps) {
  const { database, audit, clock, uploadMaxBytes, refreshCompleteness } = deps;

  const { dialect } = database;
  const files = makeOrderDocumentFiles(deps);

  async function list(orderId: number): Promise<OrderDocumentList> {
    const order = await repo.findOrderRow(database.db, orderId);
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    const rows = await repo.listDocuments(database.db, orderId);
    const fileRows = await repo.filesOf(
      database.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => toDocument(r, fileRows)),
      completeness: completenessFromRow(order),
      maxUploadBytes: uploadMaxBytes,
    };
  }

  async function get(orderId: number, docId: number): Promise<OrderDocumentDetail> {
    const doc = await loadDocumentView(database.db, orderId, docId);
    const history = await repo.historyOf(database.db, docId);
    return {
      ...doc,
      history: history.map((h) => ({
        id: h.id,
        from: h.from_status as DocumentStatus | null,
        to: h.to_status as DocumentStatus,
        reason: h.reason,
        actor: h.actor_name === null ? null : { id: h.actor_id, name: h.actor_name },
        at: h.at,
      })),
    };
  }

  /**
   * Makes document types required on an order (in the given order, after the existing ones). A type removed earlier
   * comes back with its files and status. `silent` leaves the timeline alone (order creation says it all).
   */
  async function requireIn(
    tx: Tx,
    ctx: RequestContext,
    orderId: number,
    types: readonly { id: number; name: string }[],
    now: string,
    options: { silent?: boolean } = {},
  ): Promise<number[]> {
    if (types.length === 0) return [];
    const existing = await repo.allDocumentsOf(tx, orderId);
    let position = existing.reduce((max, d) => Math.max(max, d.position), 0);
    const ids: number[] = [];
    for (const type of types) {
      const found = existing.find((d) => d.document_type_id === type.id);
      if (found && found.removed_at === null) {
        throw new AppError('DUPLICATE', `${type.name} is already required on this order`, {
          field: 'documentTypeIds',
          documentTypeId: type.id,
        });
      }
      if (found) {
        position += 1;
        await repo.restoreDocument(tx, found.id, position, now);
        ids.push(found.id);
      } else {
        position += 1;
        const id = await repo.insertDocument(tx, {
          order_id: orderId,
          document_type_id: type.id,
          position,
          status: 'pending',
          status_changed_at: now,
          rejection_reason: null,
          current_file_id: null,
          received_at: null,
          submitted_at: null,
          accepted_at: null,
          removed_at: null,
          created_at: now,
          updated_at: now,
        });
        await writeHistory(tx, ctx, id, null, 'pending', null, now);
        ids.push(id);
      }
      if (!options.silent) {
        await recordOrderEvent(tx, ctx, now, {
          orderId,
          kind: 'document.required',
          payload: { documentId: ids[ids.length - 1], documentTypeId: type.id, documentType: type.name },
        });
      }
    }
    await refreshCompleteness(tx, orderId, now);
    return ids;
  }

  async function add(ctx: RequestContext, orderId: number, input: AddDocumentsInput): Promise<OrderDocumentList> {
    const unique = [...new Set(input.documentTypeIds)];
    await database.transaction(async (tx) => {
      const order = await loadOrder(tx, dialect, orderId, { lock: true });
      assertOpen(order);
      const types = await repo.documentTypesByIds(tx, unique);
      const byId = new Map(types.map((t) => [t.id, t]));
      const ordered = unique.map((id, i) => {
        const type = byId.get(id);
        if (!type) {
          throw new AppError('VALIDATION_FAILED', `documentTypeIds.${i}: document type ${id} does not exist`, {
            field: `documentTypeIds.${i}`,
          });
        }
        if (type.archived_at !== null) {
          throw new AppError('VALIDATION_FAILED', `documentTypeIds.${i}: ${type.name} is archived`, {
            field: `documentTypeIds.${i}`,
          });
        }
        return type;
      });
      const now = clock.now().toISOString();
      const ids = await requireIn(tx, ctx, orderId, ordered, now);
      await audit.record(tx, ctx, {
        action: 'order.documents_required',
        entity: 'order',
        entityId: orderId,
        changes: {
          requiredDocuments: { before: null, after: ordered.map((t) => t.name) },
          documentIds: { before: null, after: ids },
        },
      });
    });
    return list(orderId);
  }

  /** Stops requiring a document. The row and its files stay (history), hidden from the list and the counts. */
  async function remove(ctx: RequestContext, orderId: number, docId: number): Promise<OrderDocumentList> {
    await database.transaction(async (tx) => {
      const order = await loadOrder(tx, dialect, orderId, { lock: true });
      assertOpen(order);
      const doc = await loadDocument(tx, orderId, docId);
      const now = clock.now().toISOString();
      await repo.markRemoved(tx, docId, now);
      await refreshCompleteness(tx, orderId, now);
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'document.removed',
        payload: { documentId: docId, documentTypeId: doc.document_type_id, documentType: doc.document_type_name },
      });
      await audit.record(tx, ctx, {
        action: 'order.document_removed',
        entity: 'order',
        entityId: orderId,
        changes: { requiredDocument: { before: doc.document_type_name, after: null } },
      });
    });
    return list(orderId);
  }

  async function setStatus(
    ctx: RequestContext,
    orderId: number,
    docId: number,
    input: SetDocumentStatusInput,
  ): Promise<OrderDocument> {
    return database.transaction(async (tx) => {
      const order = await loadOrder(tx, dialect, orderId, { lock: true });
      assertOpen(order);
      const doc = await loadDocument(tx, orderId, docId);
      const from = doc.status as DocumentStatus;
      const reason = input.reason?.trim() ? input.reason.trim() : null;
      assertDocumentTransition(from, input.status, reason ?? undefined);
      const now = clock.now().toISOString();
      await repo.updateDocument(tx, docId, {
        status: input.status,
        status_changed_at: now,
        rejection_reason: input.status === 'rejected' ? reason : null,
        ...stampsFor(input.status, now),
        updated_at: now,
      });
      await writeHistory(tx, ctx, docId, from, input.status, reason, now);
      await refreshCompleteness(tx, orderId, now);
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: 'document.status_changed',
        payload: { documentId: docId, documentType: doc.document_type_name, from, to: input.status, reason },
      });
      await emitStatusChanged(tx, orderId, docId, doc.document_type_name, from, input.status, now);
      if (input.status === 'received' && order.assignee_id !== null) {
        await notify(tx, ctx, now, {
          userId: order.assignee_id,
          kind: 'document_received',
          title: `${doc.document_type_name} received on ${order.number}`,
          body: excerpt(order.title),
          orderId,
        });
      }
      await audit.record(tx, ctx, {
        action: 'order.document_status_changed',
        entity: 'order_document',
        entityId: docId,
        changes: {
          status: { before: from, after: input.status },
          ...(reason ? { reason: { before: null, after: reason } } : {}),
        },
      });
      return loadDocumentView(tx, orderId, docId);
    });
  }

  return { list, get, add, requireIn, remove, setStatus, ...files };
}
