import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { RegistrarRow, RegistrarsTable } from './masters.tables';

/** SQL of registrars. */

export function findRegistrar(executor: Executor, id: number): Promise<RegistrarRow | undefined> {
  return executor.selectFrom('registrars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertRegistrar(executor: Executor, values: Insertable<RegistrarsTable>): Promise<RegistrarRow> {
  return executor.insertInto('registrars').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRegistrar(
  executor: Executor,
  id: number,
  values: Updateable<RegistrarsTable>,
): Promise<RegistrarRow> {
  return executor.updateTable('registrars').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** How many live companies a registrar serves, and the first three of their names. */
export async function liveCompaniesOf(
  executor: Executor,
  registrarId: number,
): Promise<{ count: number; names: string[] }> {
  const live = executor
    .selectFrom('companies')
    .where('registrar_id', '=', registrarId)
    .where('archived_at', 'is', null);
  const count = await live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const names = await live.select('name').orderBy('name').orderBy('id').limit(3).execute();
  return { count: Number(count.n), names: names.map((n) => n.name) };
}
