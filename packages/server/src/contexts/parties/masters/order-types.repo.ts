import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { OrderTypesTable } from './masters.tables';

/** SQL of order type writes and their required documents (reads: masters.repo). */

export async function insertOrderType(executor: Executor, values: Insertable<OrderTypesTable>): Promise<number> {
  const row = await executor.insertInto('order_types').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOrderType(
  executor: Executor,
  id: number,
  values: Updateable<OrderTypesTable>,
): Promise<void> {
  await executor.updateTable('order_types').set(values).where('id', '=', id).execute();
}

/** The document types with these ids, with their names and archive marks. */
export function documentTypesByIds(executor: Executor, ids: readonly number[]) {
  return executor.selectFrom('document_types').select(['id', 'name', 'archived_at']).where('id', 'in', ids).execute();
}

/** Replaces the required documents of an order type with `ids`, in that order. */
export async function replaceRequiredDocuments(
  executor: Executor,
  orderTypeId: number,
  ids: readonly number[],
): Promise<void> {
  await executor.deleteFrom('order_type_documents').where('order_type_id', '=', orderTypeId).execute();
  if (ids.length > 0) {
    await executor
      .insertInto('order_type_documents')
      .values(ids.map((id, i) => ({ order_type_id: orderTypeId, document_type_id: id, position: i + 1 })))
      .execute();
  }
}
