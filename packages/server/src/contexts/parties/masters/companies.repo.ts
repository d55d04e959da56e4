import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { CompaniesTable } from './masters.tables';

/** SQL of company writes (reads join the registrar: masters.repo). */

export async function insertCompany(executor: Executor, values: Insertable<CompaniesTable>): Promise<number> {
  const row = await executor.insertInto('companies').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCompany(executor: Executor, id: number, values: Updateable<CompaniesTable>): Promise<void> {
  await executor.updateTable('companies').set(values).where('id', '=', id).execute();
}
