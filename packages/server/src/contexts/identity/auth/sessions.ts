import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import { toBool } from '../../../platform/db/columns';
import type { Actor, RequestContext } from '../../../platform/request-context';
import { randomToken, sha256 } from '../../../platform/security/secrets';
import type { UserRow } from '../users/users.tables';
import { summary, type AuthCore, type IssuedSession } from './auth-core';
import * as sessionsRepo from './sessions.repo';

/** Sessions: starting one, its refresh tokens, ending one or all of a user's, and checking an access token. */
export function makeSessions(core: AuthCore) {
  const { database, audit, clock, accessTokens, refreshTtlMs, sessionMaxAgeMs } = core;

  async function startSession(
    tx: Transaction<DB>,
    user: UserRow,
    ctx: RequestContext,
    userAgent: string | null,
  ): Promise<IssuedSession> {
    const now = clock.now();
    const sessionId = randomUUID();
    await sessionsRepo.insertSession(tx, {
      id: sessionId,
      user_id: user.id,
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
      expires_at: new Date(now.getTime() + sessionMaxAgeMs).toISOString(),
      revoked_at: null,
      revoked_reason: null,
      ip: ctx.ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    const refresh = await issueRefreshToken(tx, sessionId, now, new Date(now.getTime() + sessionMaxAgeMs));
    const accessToken = await accessTokens.issue({ userId: user.id, sessionId }, now);
    return {
      accessToken,
      expiresIn: accessTokens.ttlSeconds,
      user: summary(user),
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
    };
  }

  async function issueRefreshToken(tx: Transaction<DB>, sessionId: string, now: Date, sessionExpiresAt: Date) {
    const token = randomToken(32);
    const expiresAt = new Date(Math.min(now.getTime() + refreshTtlMs, sessionExpiresAt.getTime()));
    await sessionsRepo.insertRefreshToken(tx, {
      token_hash: sha256(token),
      session_id: sessionId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
      successor_hash: null,
      successor_token: null,
    });
    return { token, expiresAt };
  }

  async function revokeSession(tx: Transaction<DB>, sessionId: string, reason: string, now: Date) {
    await sessionsRepo.revokeSession(tx, sessionId, reason, now.toISOString());
  }

  /** Ends every session of a user, optionally sparing one (the one changing its own password). */
  async function revokeUserSessions(tx: Transaction<DB>, userId: number, reason: string, except?: string) {
    await sessionsRepo.revokeUserSessions(tx, userId, reason, clock.now().toISOString(), except);
  }

  async function logout(ctx: RequestContext, refreshToken: string | undefined): Promise<void> {
    const now = clock.now();
    await database.transaction(async (tx) => {
      let sessionId = ctx.actor.sessionId;
      if (!sessionId && refreshToken) {
        sessionId = await sessionsRepo.findSessionIdByRefreshToken(tx, sha256(refreshToken));
      }
      if (!sessionId) return;
      const session = await sessionsRepo.findSessionWithUser(tx, sessionId);
      if (!session || session.revoked_at) return;
      await revokeSession(tx, sessionId, 'logout', now);
      await audit.record(
        tx,
        { ...ctx, actor: { type: 'user', id: session.user_id, name: session.name, role: session.role } },
        { action: 'auth.logout', entity: 'user', entityId: session.user_id },
      );
    });
  }

  /** The actor behind an access token, or null when the token, its session or its user is no longer good. */
  async function authenticateAccessToken(token: string): Promise<Actor | null> {
    const now = clock.now();
    const claims = await accessTokens.verify(token, now);
    if (!claims) return null;
    const row = await sessionsRepo.findSessionActor(database.db, claims.sessionId);
    if (!row || row.id !== claims.userId || row.revoked_at || !toBool(row.is_active)) return null;
    if (row.expires_at <= now.toISOString()) return null;
    return { type: 'user', id: row.id, name: row.name, role: row.role, sessionId: claims.sessionId };
  }

  return { startSession, issueRefreshToken, revokeSession, revokeUserSessions, logout, authenticateAccessToken };
}

export type Sessions = ReturnType<typeof makeSessions>;
