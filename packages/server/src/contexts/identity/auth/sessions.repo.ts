import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { RefreshTokensTable, SessionsTable } from './auth.tables';

/** SQL of sessions and their refresh tokens. */

export async function insertSession(executor: Executor, row: Insertable<SessionsTable>): Promise<void> {
  await executor.insertInto('sessions').values(row).execute();
}

export async function insertRefreshToken(executor: Executor, row: Insertable<RefreshTokensTable>): Promise<void> {
  await executor.insertInto('refresh_tokens').values(row).execute();
}

/** A refresh token with its session's state and its user's id. */
export function findRefreshToken(executor: Executor, tokenHash: string) {
  return executor
    .selectFrom('refresh_tokens as rt')
    .innerJoin('sessions as s', 's.id', 'rt.session_id')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'rt.used_at',
      'rt.expires_at as token_expires_at',
      'rt.successor_hash',
      'rt.successor_token',
      's.id as session_id',
      's.revoked_at',
      's.expires_at as session_expires_at',
      'u.id as user_id',
    ])
    .where('rt.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type RefreshTokenRow = NonNullable<Awaited<ReturnType<typeof findRefreshToken>>>;

/** Whether a refresh token was used, and until when it is good. */
export function findRefreshTokenUse(executor: Executor, tokenHash: string) {
  return executor
    .selectFrom('refresh_tokens')
    .select(['used_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findSessionIdByRefreshToken(executor: Executor, tokenHash: string): Promise<string | undefined> {
  const row = await executor
    .selectFrom('refresh_tokens')
    .select('session_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.session_id;
}

/**
 * Marks an unused refresh token used. True for exactly one of several concurrent claims: the others find it used
 * (on PostgreSQL they wait for the winner to commit first).
 */
export async function claimRefreshToken(executor: Executor, tokenHash: string, usedAt: string): Promise<boolean> {
  const claimed = await executor
    .updateTable('refresh_tokens')
    .set({ used_at: usedAt })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Records the token that replaced `tokenHash`: its hash, and the token itself encrypted for the grace window. */
export async function setRefreshSuccessor(
  executor: Executor,
  tokenHash: string,
  successorHash: string,
  successorToken: string,
): Promise<void> {
  await executor
    .updateTable('refresh_tokens')
    .set({ successor_hash: successorHash, successor_token: successorToken })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Drops the copy of `tokenHash` kept by its predecessor for the grace window. */
export async function dropSuccessorCopy(executor: Executor, tokenHash: string): Promise<void> {
  await executor
    .updateTable('refresh_tokens')
    .set({ successor_token: null })
    .where('successor_hash', '=', tokenHash)
    .execute();
}

export async function touchSession(executor: Executor, sessionId: string, at: string): Promise<void> {
  await executor.updateTable('sessions').set({ last_used_at: at }).where('id', '=', sessionId).execute();
}

export async function revokeSession(executor: Executor, sessionId: string, reason: string, at: string): Promise<void> {
  await executor
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live session of a user, optionally sparing one. */
export async function revokeUserSessions(
  executor: Executor,
  userId: number,
  reason: string,
  at: string,
  except?: string,
): Promise<void> {
  let q = executor
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  await q.execute();
}

/** A session with the name and role of its user (for logging out). */
export function findSessionWithUser(executor: Executor, sessionId: string) {
  return executor
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.revoked_at', 'u.id as user_id', 'u.name', 'u.role'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** What an access token's session and user say about it now (for authenticating a request). */
export function findSessionActor(executor: Executor, sessionId: string) {
  return executor
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.name', 'u.role', 'u.is_active', 's.revoked_at', 's.expires_at'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}
