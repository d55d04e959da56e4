import type { Readable } from 'node:stream';
import type {
  AddDocumentsInput,
  DocumentStatus,
  OrderDocument,
  OrderDocumentDetail,
  OrderDocumentList,
  OrderFile,
  SetDocumentStatusInput,
  StageCode,
} from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import {
  allowedDocumentStatuses,
  assertDocumentTransition,
  isTerminalStage,
  type Completeness,
} from '@bizdash/domain/orders/lifecycle';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { forUpdate } from '../../platform/db/dialect-sql';
import { emitEvent } from '../../platform/jobs/events';
import type { RequestContext } from '../../platform/request-context';
import type { FileStorage } from '../../platform/storage/file-storage';
import { isInlineExtension, sniffAllowedType } from '../../platform/storage/media-types';
import { joinKey, safeSlug } from '../../platform/storage/storage-keys';
import { actorName, actorUserId, excerpt, notify, recordOrderEvent, type Tx } from './order-support';
import { completenessFromRow } from './orders.repo';
import type { OrderDocumentRow, OrderFileRow } from './orders.tables';

export interface OrderDocumentsDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  storage: FileStorage | undefined;
  uploadMaxBytes: number;
  refreshCompleteness: (executor: Executor, orderId: number, now: string) => Promise<Completeness>;
}

/** An upload as the HTTP layer hands it over: the byte stream and the name it had on the user's machine. */
export interface IncomingFile {
  stream: Readable;
  filename: string;
}

export interface FileDownload {
  stream: Readable;
  sizeBytes: number;
  mediaType: string;
  /** Name to offer the browser: the original name when it has one, else the stored name. */
  fileName: string;
  /** The stored (ASCII-safe) name, for the header's plain filename. */
  storedName: string;
  isInline: boolean;
}

/** The name shown to people: the last path segment, control characters dropped, at most 200 characters. */
export function displayName(name: string | undefined): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 200);
}

export function requireStorage(storage: FileStorage | undefined): FileStorage {
  if (!storage) throw new AppError('INTERNAL', 'File storage is not configured');
  return storage;
}

function fileUrl(orderId: number, docId: number, fileId: number) {
  return `/api/v1/orders/${orderId}/documents/${docId}/files/${fileId}`;
}

export function makeOrderDocumentsService(deps: OrderDocumentsDeps) {
  const { database, audit, clock, uploadMaxBytes, refreshCompleteness } = deps;

  async function loadOrder(executor: Executor, orderId: number, options: { lock?: boolean } = {}) {
    const query = executor
      .selectFrom('orders')
      .innerJoin('parties', 'parties.id', 'orders.client_id')
      .select([
        'orders.id',
        'orders.number',
        'orders.title',
        'orders.stage_code',
        'orders.assignee_id',
        'parties.name as client_name',
      ])
      .where('orders.id', '=', orderId);
    const order = await (options.lock ? forUpdate(database.dialect, query) : query).executeTakeFirst();
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    return order;
  }

  /** The outbox event of a document's status change, in the transaction of the change. */
  function emitStatusChanged(
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

  function assertOpen(order: { number: string; stage_code: string }) {
    if (isTerminalStage(order.stage_code as StageCode)) {
      throw new AppError('INVALID_STATE', `Order ${order.number} is closed; reopen it to change its documents`, {
        stage: order.stage_code,
      });
    }
  }

  function selectDocuments(executor: Executor) {
    return executor
      .selectFrom('order_documents')
      .innerJoin('document_types', 'document_types.id', 'order_documents.document_type_id')
      .selectAll('order_documents')
      .select('document_types.name as document_type_name');
  }

  async function loadDocument(executor: Executor, orderId: number, docId: number) {
    const doc = await selectDocuments(executor)
      .where('order_documents.id', '=', docId)
      .where('order_documents.order_id', '=', orderId)
      .where('order_documents.removed_at', 'is', null)
      .executeTakeFirst();
    if (!doc) throw new AppError('NOT_FOUND', `Document ${docId} is not required on order ${orderId}`);
    return doc;
  }

  function toFile(row: OrderFileRow & { uploader_name: string | null }, currentId: number | null): OrderFile {
    const url = fileUrl(row.order_id, row.order_document_id, row.id);
    return {
      id: row.id,
      version: row.version,
      isCurrent: row.id === currentId,
      originalName: row.original_name,
      mediaType: row.media_type,
      extension: row.extension as OrderFile['extension'], // written only from the sniffed allow-list
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      uploadedAt: row.uploaded_at,
      uploadedBy: row.uploaded_by === null ? null : { id: row.uploaded_by, name: row.uploader_name ?? '' },
      downloadUrl: url,
      previewUrl: isInlineExtension(row.extension) ? `${url}?inline=1` : null,
    };
  }

  async function filesOf(executor: Executor, docIds: number[]) {
    if (docIds.length === 0) return [];
    return executor
      .selectFrom('order_files')
      .leftJoin('users', 'users.id', 'order_files.uploaded_by')
      .selectAll('order_files')
      .select('users.name as uploader_name')
      .where('order_files.order_document_id', 'in', docIds)
      .orderBy('order_files.version', 'desc')
      .execute();
  }

  function toDocument(
    row: OrderDocumentRow & { document_type_name: string },
    files: (OrderFileRow & { uploader_name: string | null })[],
  ): OrderDocument {
    const status = row.status as DocumentStatus; // CHECK constraint holds it to the enum
    const mine = files.filter((f) => f.order_document_id === row.id).map((f) => toFile(f, row.current_file_id));
    return {
      id: row.id,
      orderId: row.order_id,
      documentType: { id: row.document_type_id, name: row.document_type_name },
      position: row.position,
      status,
      statusChangedAt: row.status_changed_at,
      rejectionReason: status === 'rejected' ? row.rejection_reason : null,
      receivedAt: row.received_at,
      submittedAt: row.submitted_at,
      acceptedAt: row.accepted_at,
      currentFile: mine.find((f) => f.isCurrent) ?? null,
      files: mine,
      allowedStatuses: allowedDocumentStatuses(status),
      createdAt: row.created_at,
    };
  }

  async function list(orderId: number): Promise<OrderDocumentList> {
    const order = await database.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    const rows = await selectDocuments(database.db)
      .where('order_documents.order_id', '=', orderId)
      .where('order_documents.removed_at', 'is', null)
      .orderBy('order_documents.position')
      .orderBy('order_documents.id')
      .execute();
    const files = await filesOf(
      database.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => toDocument(r, files)),
      completeness: completenessFromRow(order),
      maxUploadBytes: uploadMaxBytes,
    };
  }

  async function loadDocumentView(executor: Executor, orderId: number, docId: number): Promise<OrderDocument> {
    const row = await loadDocument(executor, orderId, docId);
    return toDocument(row, await filesOf(executor, [row.id]));
  }

  async function get(orderId: number, docId: number): Promise<OrderDocumentDetail> {
    const doc = await loadDocumentView(database.db, orderId, docId);
    const history = await database.db
      .selectFrom('document_status_history')
      .selectAll()
      .where('order_document_id', '=', docId)
      .orderBy('at')
      .orderBy('id')
      .execute();
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

  async function writeHistory(
    tx: Tx,
    ctx: RequestContext,
    docId: number,
    from: DocumentStatus | null,
    to: DocumentStatus,
    reason: string | null,
    at: string,
  ) {
    await tx
      .insertInto('document_status_history')
      .values({
        order_document_id: docId,
        from_status: from,
        to_status: to,
        reason,
        actor_id: actorUserId(ctx),
        actor_name: actorName(ctx),
        at,
      })
      .execute();
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
    const existing = await tx
      .selectFrom('order_documents')
      .select(['id', 'document_type_id', 'position', 'removed_at'])
      .where('order_id', '=', orderId)
      .execute();
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
        await tx
          .updateTable('order_documents')
          .set({ removed_at: null, position, updated_at: now })
          .where('id', '=', found.id)
          .execute();
        ids.push(found.id);
      } else {
        position += 1;
        const row = await tx
          .insertInto('order_documents')
          .values({
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
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeHistory(tx, ctx, row.id, null, 'pending', null, now);
        ids.push(row.id);
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
      const order = await loadOrder(tx, orderId, { lock: true });
      assertOpen(order);
      const types = await tx
        .selectFrom('document_types')
        .select(['id', 'name', 'archived_at'])
        .where('id', 'in', unique)
        .execute();
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
      const order = await loadOrder(tx, orderId, { lock: true });
      assertOpen(order);
      const doc = await loadDocument(tx, orderId, docId);
      const now = clock.now().toISOString();
      await tx
        .updateTable('order_documents')
        .set({ removed_at: now, updated_at: now })
        .where('id', '=', docId)
        .execute();
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

  function stampsFor(to: DocumentStatus, now: string) {
    switch (to) {
      case 'received':
        return { received_at: now };
      case 'submitted':
        return { submitted_at: now };
      case 'accepted':
        return { accepted_at: now };
      case 'pending':
      case 'rejected':
        return {};
    }
  }

  async function setStatus(
    ctx: RequestContext,
    orderId: number,
    docId: number,
    input: SetDocumentStatusInput,
  ): Promise<OrderDocument> {
    return database.transaction(async (tx) => {
      const order = await loadOrder(tx, orderId, { lock: true });
      assertOpen(order);
      const doc = await loadDocument(tx, orderId, docId);
      const from = doc.status as DocumentStatus;
      const reason = input.reason?.trim() ? input.reason.trim() : null;
      assertDocumentTransition(from, input.status, reason ?? undefined);
      const now = clock.now().toISOString();
      await tx
        .updateTable('order_documents')
        .set({
          status: input.status,
          status_changed_at: now,
          rejection_reason: input.status === 'rejected' ? reason : null,
          ...stampsFor(input.status, now),
          updated_at: now,
        })
        .where('id', '=', docId)
        .execute();
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
    const precheck = await loadOrder(database.db, orderId);
    assertOpen(precheck);
    await loadDocument(database.db, orderId, docId);

    const staged = await storage.stage(file.stream, { maxBytes: uploadMaxBytes });
    let committedKey: string | null = null;
    try {
      const type = await sniffAllowedType(staged.head);
      const originalName = displayName(file.filename);
      return await database.transaction(async (tx) => {
        const order = await loadOrder(tx, orderId, { lock: true });
        assertOpen(order);
        const doc = await loadDocument(tx, orderId, docId);
        const last = await tx
          .selectFrom('order_files')
          .select((eb) => eb.fn.max('version').as('version'))
          .where('order_document_id', '=', docId)
          .executeTakeFirst();
        const version = Number(last?.version ?? 0) + 1;
        const folder = ['uploads', safeSlug(order.client_name, 'client'), safeSlug(order.number, 'order')];
        const docSlug = safeSlug(doc.document_type_name, 'document');
        let key = joinKey(...folder, `${docSlug}-v${version}.${type.extension}`);
        // Two document types can share a slug ("Form 15G" and "Form-15G"): the document id keeps them apart.
        if (await storage.exists(key)) key = joinKey(...folder, `${docSlug}-d${docId}-v${version}.${type.extension}`);
        const now = clock.now().toISOString();
        const fileRow = await tx
          .insertInto('order_files')
          .values({
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
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const from = doc.status as DocumentStatus;
        // A new file always means the document is back in hand and must go through submission again.
        const statusChange = from !== 'received';
        await tx
          .updateTable('order_documents')
          .set({
            current_file_id: fileRow.id,
            ...(statusChange
              ? { status: 'received', status_changed_at: now, rejection_reason: null, received_at: now }
              : {}),
            updated_at: now,
          })
          .where('id', '=', docId)
          .execute();
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
            fileId: fileRow.id,
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
    const row = await database.db
      .selectFrom('order_files')
      .selectAll()
      .where('id', '=', fileId)
      .where('order_document_id', '=', docId)
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `File ${fileId} not found on this document`);
    const stored = await storage.open(row.storage_key);
    return {
      stream: stored.stream,
      sizeBytes: stored.sizeBytes,
      mediaType: row.media_type,
      fileName: row.original_name,
      storedName: row.storage_key.split('/').pop() ?? `file.${row.extension}`,
      isInline: isInlineExtension(row.extension),
    };
  }

  return { list, get, add, requireIn, remove, setStatus, upload, openFile };
}
