import type { Readable } from 'node:stream';
import type { DocumentStatus, OrderDocument, OrderFile, StageCode } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { allowedDocumentStatuses, isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import type { FileStorage } from '../../../platform/storage/file-storage';
import { isInlineExtension } from '../../../platform/storage/media-types';
import type { OrderDocumentRow, OrderFileRow } from './orders.tables';

/** What order documents look like to callers: upload and download shapes, names, and rows as JSON. Pure. */

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

/** A closed order's documents are frozen until it is reopened. */
export function assertOpen(order: { number: string; stage_code: string }) {
  if (isTerminalStage(order.stage_code as StageCode)) {
    throw new AppError('INVALID_STATE', `Order ${order.number} is closed; reopen it to change its documents`, {
      stage: order.stage_code,
    });
  }
}

/** The timestamp column a status sets when a document reaches it. */
export function stampsFor(to: DocumentStatus, now: string) {
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

function fileUrl(orderId: number, docId: number, fileId: number) {
  return `/api/v1/orders/${orderId}/documents/${docId}/files/${fileId}`;
}

export type FileWithUploader = OrderFileRow & { uploader_name: string | null };

function toFile(row: FileWithUploader, currentId: number | null): OrderFile {
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

export function toDocument(
  row: OrderDocumentRow & { document_type_name: string },
  files: FileWithUploader[],
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

/** A stored upload (a document version or a comment attachment) opened for download. */
export async function openStoredFile(
  storage: FileStorage,
  row: { storage_key: string; media_type: string; original_name: string; extension: string },
): Promise<FileDownload> {
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
