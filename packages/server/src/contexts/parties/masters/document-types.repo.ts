import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { DocumentTypeRow, DocumentTypesTable } from './masters.tables';

/** SQL of document types. */

export function findDocumentType(executor: Executor, id: number): Promise<DocumentTypeRow | undefined> {
  return executor.selectFrom('document_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertDocumentType(
  executor: Executor,
  values: Insertable<DocumentTypesTable>,
): Promise<DocumentTypeRow> {
  return executor.insertInto('document_types').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateDocumentType(
  executor: Executor,
  id: number,
  values: Updateable<DocumentTypesTable>,
): Promise<DocumentTypeRow> {
  return executor
    .updateTable('document_types')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many live order types require a document type, and the first three of their names. */
export async function liveOrderTypesRequiring(
  executor: Executor,
  documentTypeId: number,
): Promise<{ count: number; names: string[] }> {
  const live = executor
    .selectFrom('order_type_documents')
    .innerJoin('order_types', 'order_types.id', 'order_type_documents.order_type_id')
    .where('order_type_documents.document_type_id', '=', documentTypeId)
    .where('order_types.archived_at', 'is', null);
  const count = await live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const names = await live
    .select('order_types.name')
    .orderBy('order_types.name')
    .orderBy('order_types.id')
    .limit(3)
    .execute();
  return { count: Number(count.n), names: names.map((n) => n.name) };
}
