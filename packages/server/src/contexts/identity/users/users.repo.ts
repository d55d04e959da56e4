import type { ListUsersQuery, User } from '@bizdash/contracts/users';
import type { Database, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';
import { toBool } from '../../../platform/db/columns';
import type { NewUserRow, UserRow, UserUpdate } from './users.tables';

const SORT_COLUMNS = {
  name: 'name',
  email: 'email',
  role: 'role',
  createdAt: 'created_at',
  lastLoginAt: 'last_login_at',
} as const;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    isActive: toBool(row.is_active),
    totpEnabled: toBool(row.totp_enabled),
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    partnerPartyId: row.partner_party_id,
  };
}

export function makeUsersRepo(database: Database) {
  const { dialect } = database;

  async function list(query: ListUsersQuery) {
    let base = database.db.selectFrom('users');
    if (query.q) {
      const q = query.q;
      base = base.where((eb) => eb.or([containsText(dialect, 'name', q), containsText(dialect, 'email', q)]));
    }
    if (query.role) base = base.where('role', '=', query.role);
    if (query.status === 'active') base = base.where('is_active', '=', true);
    if (query.status === 'disabled') base = base.where('is_active', '=', false);

    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const column = SORT_COLUMNS[query.sort];
    const rows = await base
      .selectAll()
      .orderBy(column, query.order)
      // id breaks ties so pages never overlap or skip rows
      .orderBy('id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toUser), total: Number(countRow.total), page: query.page, pageSize: query.pageSize };
  }

  function findById(executor: Executor, id: number) {
    return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  function findByEmail(executor: Executor, email: string) {
    return executor.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  async function countActiveOwners(executor: Executor): Promise<number> {
    const row = await executor
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'owner')
      .where('is_active', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function count(executor: Executor): Promise<number> {
    const row = await executor
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return { list, findById, findByEmail, countActiveOwners, count };
}

/** Inserts a user and returns the stored row. */
export function insertUser(executor: Executor, row: NewUserRow): Promise<UserRow> {
  return executor.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates a user and returns the stored row. */
export function updateUser(executor: Executor, id: number, changes: UserUpdate): Promise<UserRow> {
  return executor.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function setPasswordHash(executor: Executor, id: number, passwordHash: string, at: string) {
  await executor
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The party a partner login would be linked to, with whether it is a partner. */
export function findPartyForLink(executor: Executor, partyId: number) {
  return executor.selectFrom('parties').select(['id', 'is_partner']).where('id', '=', partyId).executeTakeFirst();
}
