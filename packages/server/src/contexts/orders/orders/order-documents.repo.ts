import type { DocumentStatus } from '@bizdash/contracts/orders';
import type { Insertable } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import type { DocumentStatusHistoryTable, OrderDocumentsTable, OrderFilesTable } from './orders.tables';

/** The queries of an order's required documents, their files and status history. */

/** The order as the document screens need it (number, stage, assignee, client name); locked when asked. */
export function findOrderHeader(executor: Executor, dialect: Dialect, orderId: number, options: { lock?: boolean }) {
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
  return (options.lock ? forUpdate(dialect, query) : query).executeTakeFirst();
}

/** The whole order row (its stored completeness counts). */
export function findOrderRow(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
}

function selectDocuments(executor: Executor) {
  return executor
    .selectFrom('order_documents')
    .innerJoin('document_types', 'document_types.id', 'order_documents.document_type_id')
    .selectAll('order_documents')
    .select('document_types.name as document_type_name');
}

/** A document still required on the order, with its type's name. */
export function findDocument(executor: Executor, orderId: number, docId: number) {
  return selectDocuments(executor)
    .where('order_documents.id', '=', docId)
    .where('order_documents.order_id', '=', orderId)
    .where('order_documents.removed_at', 'is', null)
    .executeTakeFirst();
}

/** The documents still required on an order, in their order. */
export function listDocuments(executor: Executor, orderId: number) {
  return selectDocuments(executor)
    .where('order_documents.order_id', '=', orderId)
    .where('order_documents.removed_at', 'is', null)
    .orderBy('order_documents.position')
    .orderBy('order_documents.id')
    .execute();
}

/** Every file version of these documents with its uploader's name, newest version first. */
export async function filesOf(executor: Executor, docIds: number[]) {
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

export function historyOf(executor: Executor, docId: number) {
  return executor
    .selectFrom('document_status_history')
    .selectAll()
    .where('order_document_id', '=', docId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertHistory(
  executor: Executor,
  values: Insertable<DocumentStatusHistoryTable> & { from_status: DocumentStatus | null; to_status: DocumentStatus },
): Promise<void> {
  await executor.insertInto('document_status_history').values(values).execute();
}

/** Every document row of an order, removed ones included (a removed type can come back). */
export function allDocumentsOf(executor: Executor, orderId: number) {
  return executor
    .selectFrom('order_documents')
    .select(['id', 'document_type_id', 'position', 'removed_at'])
    .where('order_id', '=', orderId)
    .execute();
}

export async function restoreDocument(executor: Executor, docId: number, position: number, now: string) {
  await executor
    .updateTable('order_documents')
    .set({ removed_at: null, position, updated_at: now })
    .where('id', '=', docId)
    .execute();
}

export async function insertDocument(executor: Executor, values: Insertable<OrderDocumentsTable>): Promise<number> {
  const row = await executor.insertInto('order_documents').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function documentTypesByIds(executor: Executor, ids: number[]) {
  return executor.selectFrom('document_types').select(['id', 'name', 'archived_at']).where('id', 'in', ids).execute();
}

export async function markRemoved(executor: Executor, docId: number, now: string): Promise<void> {
  await executor
    .updateTable('order_documents')
    .set({ removed_at: now, updated_at: now })
    .where('id', '=', docId)
    .execute();
}

/** Changes a document's status, current file or stamps. */
export async function updateDocument(
  executor: Executor,
  docId: number,
  values: {
    status?: DocumentStatus;
    status_changed_at?: string;
    rejection_reason?: string | null;
    current_file_id?: number;
    received_at?: string;
    submitted_at?: string;
    accepted_at?: string;
    updated_at: string;
  },
): Promise<void> {
  await executor.updateTable('order_documents').set(values).where('id', '=', docId).execute();
}

/** The highest file version a document has (0 when none). */
export async function lastFileVersion(executor: Executor, docId: number): Promise<number> {
  const last = await executor
    .selectFrom('order_files')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('order_document_id', '=', docId)
    .executeTakeFirst();
  return Number(last?.version ?? 0);
}

export async function insertFile(executor: Executor, values: Insertable<OrderFilesTable>): Promise<number> {
  const row = await executor.insertInto('order_files').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findFile(executor: Executor, orderId: number, docId: number, fileId: number) {
  return executor
    .selectFrom('order_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('order_document_id', '=', docId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}
