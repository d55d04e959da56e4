import type { AuditLogTable } from './audit.tables';
import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The stored columns of one entry that its hash covers: everything but the hash itself. */
export type HashedAuditFields = Omit<AuditLogTable, 'hash'>;

/** SHA-256 over the entry's content and the previous entry's hash. */
export function hashAuditEntry(entry: HashedAuditFields): string {
  const content = canonicalJson([
    entry.seq,
    entry.at,
    entry.actor_type,
    entry.actor_id,
    entry.actor_name,
    entry.action,
    entry.entity,
    entry.entity_id,
    entry.changes,
    entry.request_id,
    entry.ip,
    entry.prev_hash,
  ]);
  return createHash('sha256').update(content).digest('hex');
}
