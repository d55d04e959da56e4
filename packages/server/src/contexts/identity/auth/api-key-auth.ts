import { timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from '@bizdash/domain/permissions';
import type { Actor, RequestContext } from '../../../platform/request-context';
import { sha256 } from '../../../platform/security/secrets';
import type { AuthCore } from './auth-core';
import * as authRepo from './auth.repo';

const API_KEY_RE = /^bzk_([A-Za-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

/** Authenticating a request made with an API key. */
export function makeApiKeyAuth(core: AuthCore) {
  const { database, audit, clock } = core;

  /**
   * The actor behind an API key. Use is recorded: last_used_at at most once a minute, and an `api_key.used` audit
   * entry at most once an hour per key (every change it makes is audited on its own anyway).
   */
  async function authenticateApiKey(token: string, ctx: RequestContext): Promise<Actor | null> {
    const match = API_KEY_RE.exec(token);
    if (!match) return null;
    const key = await authRepo.findApiKeyByPrefix(database.db, match[1] ?? '');
    if (!key || key.revoked_at || !isRole(key.role)) return null;
    const expected = Buffer.from(key.key_hash, 'hex');
    const actual = Buffer.from(sha256(token), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const actor: Actor = { type: 'api_key', id: key.id, name: key.name, role: key.role as Role };
    const now = clock.now();
    const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
    const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
    if (!key.last_used_at || key.last_used_at < minuteAgo) {
      await database.transaction(async (tx) => {
        const shouldAudit = !key.last_audited_at || key.last_audited_at < hourAgo;
        await authRepo.recordApiKeyUse(tx, key.id, now.toISOString(), shouldAudit);
        if (shouldAudit) {
          await audit.record(tx, { ...ctx, actor }, { action: 'api_key.used', entity: 'api_key', entityId: key.id });
        }
      });
    }
    return actor;
  }

  return { authenticateApiKey };
}
