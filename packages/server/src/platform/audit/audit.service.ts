import type { Database, DB } from '../db/database';
import * as repo from './audit.repo';
import type { AuditLogTable } from './audit.tables';
import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import { canonicalJson, GENESIS_HASH, hashAuditEntry } from './audit-hash';
import type { Transaction } from 'kysely';

export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditEvent {
  /** dotted verb, such as `user.created`, `auth.login_failed`, `party.updated` */
  action: string;
  entity: string;
  entityId?: string | number | null;
  changes?: AuditChanges | null;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  /** The first entry that breaks the chain, and how. */
  broken?: { seq: number; reason: string };
}

/** Fields never written to the audit log, whatever a caller passes. */
const SECRET_FIELDS = new Set(['password', 'password_hash', 'passwordHash', 'totp_secret', 'totpSecret', 'key_hash']);

/**
 * Changed fields between two versions of a record, as { field: { before, after } }. Secrets are recorded as
 * changed without their values.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = ['updated_at', 'updatedAt'],
): AuditChanges {
  const changes: AuditChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    const b = before?.[key] ?? null;
    const a = after?.[key] ?? null;
    if (canonicalJson(b) === canonicalJson(a)) continue;
    changes[key] = SECRET_FIELDS.has(key) ? { before: '[redacted]', after: '[redacted]' } : { before: b, after: a };
  }
  return changes;
}

export interface AuditServiceDeps {
  database: Database;
  clock: Clock;
}

export type AuditService = ReturnType<typeof makeAuditService>;

/**
 * The tamper-evident audit trail. `record` must be called inside the transaction of the change it records, so an
 * entry exists exactly when the change does.
 */
export function makeAuditService({ database, clock }: AuditServiceDeps) {
  const { dialect } = database;

  async function record(tx: Transaction<DB>, ctx: RequestContext, event: AuditEvent): Promise<number> {
    // Taking the chain head serialises writers on PostgreSQL; SQLite has one writer already.
    const head = await repo.lockChainHead(tx, dialect);

    const changes = event.changes ? redact(event.changes) : null;
    const row: AuditLogTable = {
      seq: head.last_seq + 1,
      at: clock.now().toISOString(),
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
      changes: changes && Object.keys(changes).length > 0 ? canonicalJson(changes) : null,
      request_id: ctx.requestId,
      ip: ctx.ip,
      prev_hash: head.last_hash,
      hash: '',
    };
    row.hash = hashAuditEntry(row);
    await repo.appendEntry(tx, row);
    return row.seq;
  }

  /** Records an event in a transaction of its own (for events with no business write, such as a failed login). */
  async function recordStandalone(ctx: RequestContext, event: AuditEvent): Promise<number> {
    return database.transaction((tx) => record(tx, ctx, event));
  }

  /** Walks the whole chain in batches and reports the first entry whose content, link or sequence is wrong. */
  async function verify(batchSize = 2000): Promise<VerifyResult> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let count = 0;
    for (;;) {
      const rows = await repo.entriesFrom(database.db, expectedSeq, batchSize);
      for (const row of rows) {
        if (row.seq !== expectedSeq) {
          return { ok: false, count, broken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` } };
        }
        if (row.prev_hash !== prevHash) {
          return { ok: false, count, broken: { seq: row.seq, reason: 'its link to the previous entry is broken' } };
        }
        if (hashAuditEntry(row) !== row.hash) {
          return { ok: false, count, broken: { seq: row.seq, reason: 'its content does not match its hash' } };
        }
        prevHash = row.hash;
        expectedSeq += 1;
        count += 1;
      }
      if (rows.length < batchSize) break;
    }
    const head = await repo.chainHead(database.db);
    if (!head || head.last_seq !== count || head.last_hash !== prevHash) {
      return {
        ok: false,
        count,
        broken: { seq: count + 1, reason: `the chain ends at ${count} but its head says ${head?.last_seq ?? '?'}` },
      };
    }
    return { ok: true, count };
  }

  return { record, recordStandalone, verify };
}

function redact(changes: AuditChanges): AuditChanges {
  const out: AuditChanges = {};
  for (const [key, value] of Object.entries(changes)) {
    out[key] = SECRET_FIELDS.has(key) ? { before: '[redacted]', after: '[redacted]' } : value;
  }
  return out;
}
