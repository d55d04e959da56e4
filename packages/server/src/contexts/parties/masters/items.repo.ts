import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { ItemRow, ItemsTable } from './masters.tables';

/** SQL of items. */

export function findItem(executor: Executor, id: number): Promise<ItemRow | undefined> {
  return executor.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertItem(executor: Executor, values: Insertable<ItemsTable>): Promise<ItemRow> {
  return executor.insertInto('items').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateItem(executor: Executor, id: number, values: Updateable<ItemsTable>): Promise<ItemRow> {
  return executor.updateTable('items').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
