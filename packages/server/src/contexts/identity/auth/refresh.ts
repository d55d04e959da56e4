import type { Transaction } from 'kysely';
import { AppError } from '@bizdash/domain/errors';
import type { DB } from '../../../db-schema';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import { decryptSecret, encryptSecret, sha256 } from '../../../platform/security/secrets';
import { REFRESH_GRACE_MS, summary, type AuthCore, type IssuedSession } from './auth-core';
import * as authRepo from './auth.repo';
import type { Sessions } from './sessions';
import * as sessionsRepo from './sessions.repo';

/** Refresh-token rotation, with the grace window for concurrent refreshes and revocation on reuse. */
export function makeRefresh(core: AuthCore, sessions: Pick<Sessions, 'issueRefreshToken' | 'revokeSession'>) {
  const { database, audit, clock, accessTokens, encryptionKey } = core;

  /**
   * Rotates a refresh token. The token just rotated, presented again within REFRESH_GRACE_MS while its successor is
   * still unused, answers with that same successor (a concurrent refresh). Any other reuse means two parties hold the
   * same family: the whole session is revoked and both must log in again.
   */
  async function refresh(ctx: RequestContext, token: string): Promise<IssuedSession> {
    const now = clock.now();
    const tokenHash = sha256(token);
    const readToken = (tx: Transaction<DB>) => sessionsRepo.findRefreshToken(tx, tokenHash);

    /** The successor issued for a concurrent refresh, or null when the grace window does not apply. */
    const graceAnswer = async (
      tx: Transaction<DB>,
      row: sessionsRepo.RefreshTokenRow,
    ): Promise<IssuedSession | null> => {
      if (!row.used_at || !row.successor_hash || !row.successor_token) return null;
      if (now.getTime() - Date.parse(row.used_at) > REFRESH_GRACE_MS) return null;
      const successor = await sessionsRepo.findRefreshTokenUse(tx, row.successor_hash);
      if (!successor || successor.used_at || successor.expires_at <= now.toISOString()) return null;
      const user = await authRepo.findUserByIdOrThrow(tx, row.user_id);
      if (!toBool(user.is_active)) return null;
      const accessToken = await accessTokens.issue({ userId: user.id, sessionId: row.session_id }, now);
      return {
        accessToken,
        expiresIn: accessTokens.ttlSeconds,
        user: summary(user),
        refreshToken: decryptSecret(encryptionKey, row.successor_token),
        refreshExpiresAt: new Date(successor.expires_at),
      };
    };

    const outcome = await database.transaction(async (tx) => {
      const row = await readToken(tx);
      if (!row) return { kind: 'invalid' as const };
      if (row.revoked_at || row.session_expires_at <= now.toISOString()) return { kind: 'invalid' as const };
      if (row.used_at) {
        const again = await graceAnswer(tx, row);
        if (again) return { kind: 'ok' as const, issued: again };
        await sessions.revokeSession(tx, row.session_id, 'refresh_token_reuse', now);
        const user = await authRepo.findUserByIdOrThrow(tx, row.user_id);
        await audit.record(
          tx,
          { ...ctx, actor: { type: 'user', id: user.id, name: user.name, role: user.role } },
          { action: 'auth.refresh_reuse', entity: 'session', entityId: row.session_id },
        );
        return { kind: 'reused' as const };
      }
      if (row.token_expires_at <= now.toISOString()) return { kind: 'invalid' as const };
      // Only one of two concurrent refreshes with the same token wins this update. On PostgreSQL the loser waits for
      // the winner to commit, then reads the successor it stored and answers with it (the grace window).
      const claimed = await sessionsRepo.claimRefreshToken(tx, tokenHash, now.toISOString());
      if (!claimed) {
        const after = await readToken(tx);
        const again = after ? await graceAnswer(tx, after) : null;
        return again ? { kind: 'ok' as const, issued: again } : { kind: 'invalid' as const };
      }
      const user = await authRepo.findUserByIdOrThrow(tx, row.user_id);
      if (!toBool(user.is_active)) return { kind: 'invalid' as const };
      await sessionsRepo.touchSession(tx, row.session_id, now.toISOString());
      const next = await sessions.issueRefreshToken(tx, row.session_id, now, new Date(row.session_expires_at));
      await sessionsRepo.setRefreshSuccessor(
        tx,
        tokenHash,
        sha256(next.token),
        encryptSecret(encryptionKey, next.token),
      );
      // This token's own predecessor can no longer be answered from the grace window (its successor is now used):
      // drop the copy of this token kept for it.
      await sessionsRepo.dropSuccessorCopy(tx, tokenHash);
      const accessToken = await accessTokens.issue({ userId: user.id, sessionId: row.session_id }, now);
      return {
        kind: 'ok' as const,
        issued: {
          accessToken,
          expiresIn: accessTokens.ttlSeconds,
          user: summary(user),
          refreshToken: next.token,
          refreshExpiresAt: next.expiresAt,
        },
      };
    });
    if (outcome.kind === 'reused') {
      throw new AppError('REFRESH_TOKEN_REUSED', 'This session was ended because its refresh token was reused');
    }
    if (outcome.kind === 'invalid') throw new AppError('REFRESH_TOKEN_INVALID', 'Please log in again');
    return outcome.issued;
  }

  return { refresh };
}
