import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { AuditChanges } from '../../../platform/audit/audit.service';
import type { AuditLogTable } from '../../../platform/audit/audit.tables';

/** The audit log as people read it: filtered pages, and what the records and references on a page are called. */

export interface AuditLogFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: number | undefined;
  action?: string | undefined;
  q?: string | undefined;
  /** Instants (ISO UTC) bounding the entries, from inclusive, to exclusive. */
  fromInstant?: string | undefined;
  toInstant?: string | undefined;
  cursor?: number | undefined;
  order: 'asc' | 'desc';
  limit: number;
}

/** One page of entries (one more than `limit`, so the caller knows whether there are more). */
export function pageOfEntries(executor: Executor, filter: AuditLogFilter) {
  let q = executor.selectFrom('audit_log').selectAll();
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId).where('actor_type', 'in', ['user', 'api_key']);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.q) q = q.where(matchesRecordSearch(filter.q));
  if (filter.fromInstant) q = q.where('at', '>=', filter.fromInstant);
  if (filter.toInstant) q = q.where('at', '<', filter.toInstant);
  if (filter.cursor) q = q.where('seq', filter.order === 'desc' ? '<' : '>', filter.cursor);
  return q
    .orderBy('seq', filter.order)
    .limit(filter.limit + 1)
    .execute();
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

export const labelKey = (entity: string, id: string | null) => `${entity}:${id ?? ''}`;

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
export async function entityLabels(db: Executor, rows: readonly AuditLogTable[]): Promise<Map<string, string>> {
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
export async function referenceNames(
  db: Executor,
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
