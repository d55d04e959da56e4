import type { Executor } from '../../../platform/db/database';
import type { UserRow } from '../users/users.tables';

/** SQL of signing in and of a user's own account: the users and api_keys rows that authentication reads and sets. */

export function findUserById(executor: Executor, id: number): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByIdOrThrow(executor: Executor, id: number): Promise<UserRow> {
  return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The user with this (already lower-cased) email. */
export function findUserByEmail(executor: Executor, email: string): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Who to tell about a lockout on this (already lower-cased) email. */
export function findUserContactByEmail(executor: Executor, email: string) {
  return executor.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', email).executeTakeFirst();
}

export async function setLastLogin(executor: Executor, userId: number, at: string): Promise<void> {
  await executor.updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
}

export async function setPasswordHash(executor: Executor, userId: number, passwordHash: string, at: string) {
  await executor
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: at, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Stores a new (encrypted) TOTP secret, not yet enabled. */
export async function setTotpSecret(executor: Executor, userId: number, encryptedSecret: string, at: string) {
  await executor
    .updateTable('users')
    .set({ totp_secret: encryptedSecret, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function enableTotp(executor: Executor, userId: number, at: string): Promise<void> {
  await executor.updateTable('users').set({ totp_enabled: true, updated_at: at }).where('id', '=', userId).execute();
}

/** Turns two-factor off and forgets the secret. */
export async function disableTotp(executor: Executor, userId: number, at: string): Promise<void> {
  await executor
    .updateTable('users')
    .set({ totp_enabled: false, totp_secret: null, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export function findApiKeyByPrefix(executor: Executor, prefix: string) {
  return executor.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).executeTakeFirst();
}

/** Records that a key was used at `at`, and that this use was audited when `audited`. */
export async function recordApiKeyUse(executor: Executor, id: number, at: string, audited: boolean): Promise<void> {
  await executor
    .updateTable('api_keys')
    .set({ last_used_at: at, ...(audited ? { last_audited_at: at } : {}) })
    .where('id', '=', id)
    .execute();
}
