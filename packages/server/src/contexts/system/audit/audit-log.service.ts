import { auditActionLabel, type AuditEntry, type AuditPage, type AuditQuery } from '@bizdash/contracts/audit';
import type { AuditLogTable } from '../../../platform/audit/audit.tables';
import type { Database } from '../../../platform/db/database';
import * as repo from './audit-log.repo';

export interface AuditLogServiceDeps {
  database: Database;
}

export type AuditLogService = ReturnType<typeof makeAuditLogService>;

/**
 * Reading the audit trail (the chain itself is platform/audit): pages filtered by record, actor, action and local
 * dates, each entry with what its record and the references in its changes are called today.
 */
export function makeAuditLogService({ database }: AuditLogServiceDeps) {
  async function list(query: AuditQuery, offsetMinutes = 330): Promise<AuditPage> {
    const rows = await repo.pageOfEntries(database.db, {
      entity: query.entity,
      entityId: query.entityId,
      actorId: query.actorId,
      action: query.action,
      q: query.q,
      fromInstant: query.from ? startOfLocalDay(query.from, offsetMinutes) : undefined,
      toInstant: query.to ? startOfLocalDay(nextDay(query.to), offsetMinutes) : undefined,
      cursor: query.cursor,
      order: query.order,
      limit: query.limit,
    });
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const [labels, refs] = await Promise.all([
      repo.entityLabels(database.db, page),
      repo.referenceNames(database.db, page),
    ]);
    return {
      items: page.map((row) =>
        toAuditEntry(row, labels.get(repo.labelKey(row.entity, row.entity_id)) ?? null, refs.get(row.seq) ?? {}),
      ),
      nextCursor: hasMore ? (page[page.length - 1]?.seq ?? null) : null,
    };
  }

  return { list };
}

function toAuditEntry(row: AuditLogTable, entityLabel: string | null, refNames: Record<string, string>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: {
      type: row.actor_type as AuditEntry['actor']['type'],
      id: row.actor_id,
      name: row.actor_name,
    },
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entity: row.entity,
    entityId: row.entity_id,
    entityLabel,
    refNames,
    changes: row.changes ? (JSON.parse(row.changes) as AuditEntry['changes']) : null,
    requestId: row.request_id,
    ip: row.ip,
    hash: row.hash,
  };
}

/** The UTC instant at which a local calendar day starts, for a fixed offset such as IST (+330 minutes). */
export function startOfLocalDay(isoDate: string, offsetMinutes: number): string {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00.000Z`);
  return new Date(utcMidnight - offsetMinutes * 60_000).toISOString();
}

function nextDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
