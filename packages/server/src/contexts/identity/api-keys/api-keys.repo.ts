import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { ApiKeysTable } from './api-keys.tables';

/** SQL of API keys. */

/** Keys with the id and name of the user who created them. */
function selectWithCreator(executor: Executor) {
  return executor
    .selectFrom('api_keys as k')
    .innerJoin('users as u', 'u.id', 'k.created_by')
    .select([
      'k.id',
      'k.name',
      'k.prefix',
      'k.role',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      'u.id as creator_id',
      'u.name as creator_name',
    ]);
}

export type ApiKeyWithCreatorRow = Awaited<ReturnType<ReturnType<typeof selectWithCreator>['executeTakeFirstOrThrow']>>;

/** Live keys first, newest first; at most 500. */
export function list(executor: Executor): Promise<ApiKeyWithCreatorRow[]> {
  return selectWithCreator(executor).orderBy('k.revoked_at', 'desc').orderBy('k.id', 'desc').limit(500).execute();
}

export function getWithCreator(executor: Executor, id: number): Promise<ApiKeyWithCreatorRow> {
  return selectWithCreator(executor).where('k.id', '=', id).executeTakeFirstOrThrow();
}

export async function insert(executor: Executor, row: Insertable<ApiKeysTable>): Promise<number> {
  const inserted = await executor.insertInto('api_keys').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function findById(executor: Executor, id: number) {
  return executor.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revoke(executor: Executor, id: number, at: string): Promise<void> {
  await executor.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
}
