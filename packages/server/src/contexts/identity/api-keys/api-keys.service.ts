import { randomBytes } from 'node:crypto';
import type { ApiKey, CreateApiKeyInput, CreateApiKeyResult } from '@bizdash/contracts/users';
import { AppError } from '@bizdash/domain/errors';
import { assignableRoles } from '@bizdash/domain/permissions';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { randomToken, sha256 } from '../../../platform/security/secrets';
import * as repo from './api-keys.repo';

export interface ApiKeysServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type ApiKeysService = ReturnType<typeof makeApiKeysService>;

const PREFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function newPrefix(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += PREFIX_ALPHABET[b % PREFIX_ALPHABET.length];
  return out;
}

/** API keys for integrations: `bzk_<prefix>_<secret>`, shown once, stored as SHA-256, acting with one role. */
export function makeApiKeysService({ database, audit, clock }: ApiKeysServiceDeps) {
  const toApiKey = (row: repo.ApiKeyWithCreatorRow): ApiKey => ({
    id: row.id,
    name: row.name,
    prefix: `bzk_${row.prefix}`,
    role: row.role,
    createdAt: row.created_at,
    createdBy: { id: row.creator_id, name: row.creator_name },
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  });

  async function list(): Promise<{ items: ApiKey[] }> {
    const rows = await repo.list(database.db);
    return { items: rows.map(toApiKey) };
  }

  async function create(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyResult> {
    if (ctx.actor.type !== 'user' || ctx.actor.id === null || !ctx.actor.role) {
      throw new AppError('FORBIDDEN', 'Only a signed-in person can create API keys');
    }
    if (!assignableRoles(ctx.actor.role).includes(input.role)) {
      throw new AppError('OWNER_ONLY', `Only an owner can create a key with the ${input.role} role`, {
        field: 'role',
      });
    }
    const prefix = newPrefix();
    const token = `bzk_${prefix}_${randomToken(32)}`;
    const createdBy = ctx.actor.id;
    const id = await database.transaction(async (tx) => {
      const keyId = await repo.insert(tx, {
        name: input.name,
        prefix,
        key_hash: sha256(token),
        role: input.role,
        created_by: createdBy,
        created_at: clock.now().toISOString(),
        last_used_at: null,
        last_audited_at: null,
        revoked_at: null,
      });
      await audit.record(tx, ctx, {
        action: 'api_key.created',
        entity: 'api_key',
        entityId: keyId,
        changes: { name: { before: null, after: input.name }, role: { before: null, after: input.role } },
      });
      return keyId;
    });
    const row = await repo.getWithCreator(database.db, id);
    return { apiKey: toApiKey(row), token };
  }

  async function revoke(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const key = await repo.findById(tx, id);
      if (!key) throw new AppError('NOT_FOUND', `API key ${id} not found`);
      if (key.revoked_at) return;
      const now = clock.now().toISOString();
      await repo.revoke(tx, id, now);
      await audit.record(tx, ctx, {
        action: 'api_key.revoked',
        entity: 'api_key',
        entityId: id,
        changes: { revoked_at: { before: null, after: now } },
      });
    });
  }

  return { list, create, revoke };
}
