import type { OrderDocument } from '@bizdash/contracts/orders';
import type { DocumentStatus } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import { sniffAllowedType } from '../../../platform/storage/media-types';
import { joinKey, safeSlug } from '../../../platform/storage/storage-keys';
import { actorUserId, notify, recordOrderEvent } from './order-support';
import * as repo from './order-documents.repo';
import type { OrderDocumentsDeps } from './order-documents.steps';
import { emitStatusChanged, loadDocument, loadDocumentView, loadOrder, writeHistory } from './order-documents.steps';
import {
  assertOpen,
  displayName,
  openStoredFile,
  requireStorage,
  type FileDownload,
  type IncomingFile,
} from './order-documents.view';

export type OrderDocumentFilesDeps = OrderDocumentsDeps;

/** The files of an order's documents: uploading a new version and opening one to download. */
export function makeOrderDocumentFiles(deps: OrderDocumentFilesDeps) {
  const { database, audit, clock, uploadMaxBytes, refreshCompleteness } = deps;

  /**
   * Stores a new version of a document's file: streamed aside and hashed, its type sniffed from the bytes, then
   * linked under uploads/<client>/<order>/<document>-v<N>.<ext> in the same transaction that records it. Anything
   * refused (type, size) or failing leaves no file and no row behind.
   */
  async function upload(
    ctx: RequestContext,
    orderId: number,
    docId: number,
    file: IncomingFile,
  ): Promise<OrderDocument> {
    const storage = requireStorage(deps.storage);
    // Refuse early (before reading the bytes) what would be refused anyway.
    const precheck = await loadOrder(database.db, database.dialect, orderId);
    assertOpen(precheck);
    await loadDocument(database.db, orderId, docId);

    const staged = await storage.stage(file.stream, { maxBytes: uploadMaxBytes });
    let committedKey: string | null = null;
    try {
      const type = await sniffAllowedType(staged.head);
      const originalName = displayName(file.filename);
      return await database.transaction(async (tx) => {
        const order = await loadOrder(tx, database.dialect, orderId, { lock: true });
        assertOpen(order);
        const doc = await loadDocument(tx, orderId, docId);
        const version = (await repo.lastFileVersion(tx, docId)) + 1;
        const folder = ['uploads', safeSlug(order.client_name, 'client'), safeSlug(order.number, 'order')];
        const docSlug = safeSlug(doc.document_type_name, 'document');
        let key = joinKey(...folder, `${docSlug}-v${version}.${type.extension}`);
        // Two document types can share a slug ("Form 15G" and "Form-15G"): the document id keeps them apart.
        if (await storage.exists(key)) key = joinKey(...folder, `${docSlug}-d${docId}-v${version}.${type.extension}`);
        const now = clock.now().toISOString();
        const fileId = await repo.insertFile(tx, {
          order_id: orderId,
          order_document_id: docId,
          version,
          storage_key: key,
          original_name: originalName,
          media_type: type.mediaType,
          extension: type.extension,
          size_bytes: staged.sizeBytes,
          sha256: staged.sha256,
          uploaded_by: actorUserId(ctx),
          uploaded_at: now,
        });
        const from = doc.status as DocumentStatus;
        // A new file always means the document is back in hand and must go through submission again.
        const statusChange = from !== 'received';
        await repo.updateDocument(tx, docId, {
          current_file_id: fileId,
          ...(statusChange
            ? { status: 'received' as const, status_changed_at: now, rejection_reason: null, received_at: now }
            : {}),
          updated_at: now,
        });
        if (statusChange) {
          await writeHistory(tx, ctx, docId, from, 'received', 'New file uploaded', now);
          await emitStatusChanged(tx, orderId, docId, doc.document_type_name, from, 'received', now);
        }
        await refreshCompleteness(tx, orderId, now);
        await recordOrderEvent(tx, ctx, now, {
          orderId,
          kind: 'document.file_uploaded',
          payload: {
            documentId: docId,
            documentType: doc.document_type_name,
            fileId,
            version,
            fileName: originalName,
            sizeBytes: staged.sizeBytes,
            sha256: staged.sha256,
            ...(statusChange ? { from, to: 'received' } : {}),
          },
        });
        if (order.assignee_id !== null) {
          await notify(tx, ctx, now, {
            userId: order.assignee_id,
            kind: 'document_received',
            title: `${doc.document_type_name} received on ${order.number}`,
            body: originalName,
            orderId,
          });
        }
        await audit.record(tx, ctx, {
          action: 'order.document_uploaded',
          entity: 'order_document',
          entityId: docId,
          changes: {
            file: {
              before: null,
              after: { version, key, sha256: staged.sha256, sizeBytes: staged.sizeBytes, mediaType: type.mediaType },
            },
            ...(statusChange ? { status: { before: from, after: 'received' } } : {}),
          },
        });
        // Last step inside the transaction: if linking fails, the rows roll back.
        await staged.commit(key);
        committedKey = key;
        return loadDocumentView(tx, orderId, docId);
      });
    } catch (error) {
      await staged.discard();
      // The transaction failed after the file was linked: take the file away again.
      if (committedKey !== null) await storage.remove(committedKey);
      throw error;
    }
  }

  async function openFile(orderId: number, docId: number, fileId: number): Promise<FileDownload> {
    const storage = requireStorage(deps.storage);
    const row = await repo.findFile(database.db, orderId, docId, fileId);
    if (!row) throw new AppError('NOT_FOUND', `File ${fileId} not found on this document`);
    return openStoredFile(storage, row);
  }

  return { upload, openFile };
}
