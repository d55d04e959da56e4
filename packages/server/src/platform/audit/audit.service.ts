import { auditActionLabel, type AuditEntry, type AuditPage, type AuditQuery } from '@bizdash/contracts/audit';
import type { Database, DB } from '../db/database';
import { forUpdate } from '../db/dialect-sql';
import type { AuditLogTable } from './audit.tables';
import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import { canonicalJson, GENESIS_HASH, hashAuditEntry } from './audit-hash';
import { sql, type SqlBool, type Transaction } from 'kysely';

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
    const head = await forUpdate(
      dialect,
      tx.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', 1),
    ).executeTakeFirstOrThrow();

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
    await tx.insertInto('audit_log').values(row).execute();
    await tx
      .updateTable('audit_chain_head')
      .set({ last_seq: row.seq, last_hash: row.hash })
      .where('id', '=', 1)
      .execute();
    return row.seq;
  }

  /** Records an event in a transaction of its own (for events with no business write, such as a failed login). */
  async function recordStandalone(ctx: RequestContext, event: AuditEvent): Promise<number> {
    return database.transaction((tx) => record(tx, ctx, event));
  }

  async function list(query: AuditQuery, offsetMinutes = 330): Promise<AuditPage> {
    let q = database.db.selectFrom('audit_log').selectAll();
    if (query.entity) q = q.where('entity', '=', query.entity);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId).where('actor_type', 'in', ['user', 'api_key']);
    if (query.action) q = q.where('action', '=', query.action);
    if (query.q) q = q.where(matchesRecordSearch(query.q));
    if (query.from) q = q.where('at', '>=', startOfLocalDay(query.from, offsetMinutes));
    if (query.to) q = q.where('at', '<', startOfLocalDay(nextDay(query.to), offsetMinutes));
    if (query.cursor) q = q.where('seq', query.order === 'desc' ? '<' : '>', query.cursor);
    const rows = await q
      .orderBy('seq', query.order)
      .limit(query.limit + 1)
      .execute();
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const [labels, refs] = await Promise.all([entityLabels(database, page), referenceNames(database, page)]);
    return {
      items: page.map((row) =>
        toAuditEntry(row, labels.get(labelKey(row.entity, row.entity_id)) ?? null, refs.get(row.seq) ?? {}),
      ),
      nextCursor: hasMore ? (page[page.length - 1]?.seq ?? null) : null,
    };
  }

  /** Walks the whole chain in batches and reports the first entry whose content, link or sequence is wrong. */
  async function verify(batchSize = 2000): Promise<VerifyResult> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let count = 0;
    for (;;) {
      const rows = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq', 'asc')
        .limit(batchSize)
        .execute();
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
    const head = await database.db
      .selectFrom('audit_chain_head')
      .select(['last_seq', 'last_hash'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!head || head.last_seq !== count || head.last_hash !== prevHash) {
      return {
        ok: false,
        count,
        broken: { seq: count + 1, reason: `the chain ends at ${count} but its head says ${head?.last_seq ?? '?'}` },
      };
    }
    return { ok: true, count };
  }

  return { record, recordStandalone, list, verify };
}

function redact(changes: AuditChanges): AuditChanges {
  const out: AuditChanges = {};
  for (const [key, value] of Object.entries(changes)) {
    out[key] = SECRET_FIELDS.has(key) ? { before: '[redacted]', after: '[redacted]' } : value;
  }
  return out;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Entries about an invoice or order whose number contains the text, or a party whose name does: what people search
 * the log by. Each arm is an IN over a small id list, answered from audit_entity_idx (entity, entity_id).
 */
function matchesRecordSearch(text: string) {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  return sql<SqlBool>`(
    (entity = 'invoice' and entity_id in (select cast(id as varchar(20)) from invoices where lower(number) like ${pattern} escape '\\'))
    or (entity = 'order' and entity_id in (select cast(id as varchar(20)) from orders where lower(number) like ${pattern} escape '\\'))
    or (entity in ('party', 'parties') and entity_id in (select cast(id as varchar(20)) from parties where lower(name) like ${pattern} escape '\\'))
  )`;
}

const labelKey = (entity: string, id: string | null) => `${entity}:${id ?? ''}`;

/** Numeric ids of one entity on a page (entity_id is text; a non-numeric id names no row). */
function idsOf(rows: readonly AuditLogTable[], entities: readonly string[]): number[] {
  const ids = new Set<number>();
  for (const row of rows) {
    if (!entities.includes(row.entity) || row.entity_id === null) continue;
    const id = Number(row.entity_id);
    if (Number.isSafeInteger(id) && id > 0) ids.add(id);
  }
  return [...ids];
}

/**
 * What each record on a page is called today, by entity and id: one batched query per kind of record (at most seven
 * a page, never one per entry). Labels are current names, so a renamed party reads as it is called now.
 */
async function entityLabels(database: Database, rows: readonly AuditLogTable[]): Promise<Map<string, string>> {
  const { db } = database;
  const labels = new Map<string, string>();
  const put = (entities: readonly string[], id: number, label: string) => {
    for (const entity of entities) labels.set(labelKey(entity, String(id)), label);
  };
  const lookups: Promise<void>[] = [];
  const each = (entities: readonly string[], load: (ids: number[]) => Promise<{ id: number; label: string }[]>) => {
    const ids = idsOf(rows, entities);
    if (ids.length === 0) return;
    lookups.push(load(ids).then((found) => found.forEach((r) => put(entities, r.id, r.label))));
  };
  each(['invoice'], async (ids) =>
    (await db.selectFrom('invoices').select(['id', 'number', 'party_name']).where('id', 'in', ids).execute()).map(
      (r) => ({ id: r.id, label: `${r.number ?? 'Draft'} · ${r.party_name}` }),
    ),
  );
  each(['order'], async (ids) =>
    (
      await db
        .selectFrom('orders')
        .innerJoin('parties', 'parties.id', 'orders.client_id')
        .select(['orders.id', 'orders.number', 'parties.name'])
        .where('orders.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, label: `${r.number} · ${r.name}` })),
  );
  each(['party', 'parties'], async (ids) =>
    (await db.selectFrom('parties').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      label: r.name,
    })),
  );
  each(['payment'], async (ids) =>
    (
      await db
        .selectFrom('payments')
        .innerJoin('parties', 'parties.id', 'payments.party_id')
        .select(['payments.id', 'payments.direction', 'parties.name'])
        .where('payments.id', 'in', ids)
        .execute()
    ).map((r) => ({ id: r.id, label: `${r.direction === 'received' ? 'From' : 'To'} ${r.name}` })),
  );
  each(['user'], async (ids) =>
    (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      label: r.name,
    })),
  );
  each(['task'], async (ids) =>
    (await db.selectFrom('tasks').select(['id', 'title']).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      label: r.title,
    })),
  );
  each(['api_key'], async (ids) =>
    (await db.selectFrom('api_keys').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      label: r.name,
    })),
  );
  each(['item', 'items'], async (ids) =>
    (await db.selectFrom('items').select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => ({
      id: r.id,
      label: r.name,
    })),
  );
  await Promise.all(lookups);
  return labels;
}

/** Reference fields of recorded changes (each module writes its own casing) and the table their ids name. */
const REFERENCE_FIELDS: Record<
  string,
  'parties' | 'users' | 'order_types' | 'companies' | 'invoices' | 'orders' | 'payments'
> = {
  clientId: 'parties',
  client_id: 'parties',
  partnerId: 'parties',
  partner_id: 'parties',
  partyId: 'parties',
  party_id: 'parties',
  assigneeId: 'users',
  assignee_id: 'users',
  userId: 'users',
  user_id: 'users',
  orderTypeId: 'order_types',
  order_type_id: 'order_types',
  companyId: 'companies',
  company_id: 'companies',
  originalInvoiceId: 'invoices',
  original_invoice_id: 'invoices',
  invoiceId: 'invoices',
  invoice_id: 'invoices',
  orderId: 'orders',
  order_id: 'orders',
  // A receipt applied to a payment, an allocation: payments have no number of their own, so the app calls them
  // "Payment #id" with the party's name.
  paymentId: 'payments',
  payment_id: 'payments',
  appliedPaymentId: 'payments',
  applied_payment_id: 'payments',
};

/**
 * Names for the ids that reference fields in a page's changes, per entry: one query per referenced table (at most
 * seven a page), never one per entry or field.
 */
async function referenceNames(
  database: Database,
  rows: readonly AuditLogTable[],
): Promise<Map<number, Record<string, string>>> {
  const wanted = new Map<string, Set<number>>();
  const parsed = rows.map((row) => {
    const changes = row.changes ? (JSON.parse(row.changes) as AuditChanges) : {};
    const refs: { field: string; table: string; id: number }[] = [];
    for (const [field, change] of Object.entries(changes)) {
      const table = REFERENCE_FIELDS[field];
      if (!table) continue;
      for (const value of [change.before, change.after]) {
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) continue;
        refs.push({ field, table, id: value });
        wanted.set(table, (wanted.get(table) ?? new Set()).add(value));
      }
    }
    return { seq: row.seq, refs };
  });
  const names = new Map<string, string>();
  const { db } = database;
  await Promise.all(
    [...wanted].map(async ([table, idSet]) => {
      const ids = [...idSet];
      const found =
        table === 'invoices'
          ? (await db.selectFrom('invoices').select(['id', 'number']).where('id', 'in', ids).execute()).map((r) => ({
              id: r.id,
              name: r.number ?? 'Draft',
            }))
          : table === 'payments'
            ? (
                await db
                  .selectFrom('payments')
                  .innerJoin('parties', 'parties.id', 'payments.party_id')
                  .select(['payments.id as id', 'parties.name as party'])
                  .where('payments.id', 'in', ids)
                  .execute()
              ).map((r) => ({ id: r.id, name: `Payment #${r.id} · ${r.party}` }))
            : table === 'orders'
              ? await db.selectFrom('orders').select(['id', 'number as name']).where('id', 'in', ids).execute()
              : table === 'parties'
                ? await db.selectFrom('parties').select(['id', 'name']).where('id', 'in', ids).execute()
                : table === 'users'
                  ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
                  : table === 'order_types'
                    ? await db.selectFrom('order_types').select(['id', 'name']).where('id', 'in', ids).execute()
                    : await db.selectFrom('companies').select(['id', 'name']).where('id', 'in', ids).execute();
      for (const r of found) names.set(`${table}:${r.id}`, r.name);
    }),
  );
  const out = new Map<number, Record<string, string>>();
  for (const { seq, refs } of parsed) {
    const entry: Record<string, string> = {};
    for (const ref of refs) {
      const name = names.get(`${ref.table}:${ref.id}`);
      if (name !== undefined) entry[`${ref.field}:${ref.id}`] = name;
    }
    out.set(seq, entry);
  }
  return out;
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
