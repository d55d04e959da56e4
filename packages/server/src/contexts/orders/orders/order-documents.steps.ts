import type { DocumentStatus, OrderDocument } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import type { Completeness } from '@bizdash/domain/orders/lifecycle';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Dialect, Executor } from '../../../platform/db/database';
import type { FileStorage } from '../../../platform/storage/file-storage';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { actorName, actorUserId, type Tx } from './order-support';
import * as repo from './order-documents.repo';
import { toDocument } from './order-documents.view';

/** Steps the order-document use cases share: loading with NOT_FOUND, the status history and its outbox event. */

export async function loadOrder(
  executor: Executor,
  dialect: Dialect,
  orderId: number,
  options: { lock?: boolean } = {},
) {
  const order = await repo.findOrderHeader(executor, dialect, orderId, options);
  if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
  return order;
}

export async function loadDocument(executor: Executor, orderId: number, docId: number) {
  const doc = await repo.findDocument(executor, orderId, docId);
  if (!doc) throw new AppError('NOT_FOUND', `Document ${docId} is not required on order ${orderId}`);
  return doc;
}

export async function loadDocumentView(executor: Executor, orderId: number, docId: number): Promise<OrderDocument> {
  const row = await loadDocument(executor, orderId, docId);
  return toDocument(row, await repo.filesOf(executor, [row.id]));
}

export function writeHistory(
  tx: Tx,
  ctx: RequestContext,
  docId: number,
  from: DocumentStatus | null,
  to: DocumentStatus,
  reason: string | null,
  at: string,
): Promise<void> {
  return repo.insertHistory(tx, {
    order_document_id: docId,
    from_status: from,
    to_status: to,
    reason,
    actor_id: actorUserId(ctx),
    actor_name: actorName(ctx),
    at,
  });
}

/** The outbox event of a document's status change, in the transaction of the change. */
export function emitStatusChanged(
  tx: Tx,
  orderId: number,
  docId: number,
  documentType: string,
  from: string,
  to: string,
  at: string,
) {
  return emitEvent(
    tx,
    {
      type: 'document.status_changed',
      entity: 'order_document',
      entityId: docId,
      payload: { orderId, documentType, from, to },
    },
    at,
  );
}

/** What the order-document use cases (requirements and statuses, files) are made with. */
export interface OrderDocumentsDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  storage: FileStorage | undefined;
  uploadMaxBytes: number;
  refreshCompleteness: (executor: Executor, orderId: number, now: string) => Promise<Completeness>;
}
