import type { ListLeadsQuery, PublicLinkKind } from '@bizdash/contracts/public';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Dialect, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';
import type { LeadsTable, PublicLinksTable } from './public.tables';

/** SQL of the public surface: leads, public links, and what the links look at (orders, their documents, invoices). */

/** Which links a staff listing or revocation looks at. */
export interface LinkScope {
  kind: PublicLinkKind;
  orderId?: number;
  invoiceId?: number;
}

export function insertLead(tx: Transaction<DB>, values: Insertable<LeadsTable>) {
  return tx.insertInto('leads').values(values).returning('id').executeTakeFirstOrThrow();
}

/** One page of leads, newest first, optionally matching `query.q` in name, email or phone. */
export async function leadsPage(executor: Executor, dialect: Dialect, query: ListLeadsQuery) {
  let base = executor.selectFrom('leads');
  if (query.q) {
    const q = query.q;
    base = base.where((eb) =>
      eb.or([containsText(dialect, 'name', q), containsText(dialect, 'email', q), containsText(dialect, 'phone', q)]),
    );
  }
  const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(count.total) };
}

/** The order's documents among `ids`, with their type names, in the order's own order. */
export function orderDocumentsIn(executor: Executor, orderId: number, ids: number[]) {
  return executor
    .selectFrom('order_documents')
    .innerJoin('document_types', 'document_types.id', 'order_documents.document_type_id')
    .select([
      'order_documents.id',
      'order_documents.status',
      'order_documents.removed_at',
      'order_documents.position',
      'document_types.name',
    ])
    .where('order_documents.order_id', '=', orderId)
    .where('order_documents.id', 'in', ids)
    .orderBy('order_documents.position')
    .orderBy('order_documents.id')
    .execute();
}

export function insertPublicLink(executor: Executor, values: Insertable<PublicLinksTable>) {
  return executor.insertInto('public_links').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The newest 100 links of a kind for an order or invoice. */
export function linksOf(executor: Executor, where: LinkScope) {
  let query = executor.selectFrom('public_links').selectAll().where('kind', '=', where.kind);
  if (where.orderId !== undefined) query = query.where('order_id', '=', where.orderId);
  if (where.invoiceId !== undefined) query = query.where('invoice_id', '=', where.invoiceId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(100).execute();
}

/** The link `linkId` when it is of the kind and belongs to the order or invoice. */
export function scopedLink(executor: Executor, where: LinkScope, linkId: number) {
  let query = executor.selectFrom('public_links').selectAll().where('id', '=', linkId).where('kind', '=', where.kind);
  if (where.orderId !== undefined) query = query.where('order_id', '=', where.orderId);
  if (where.invoiceId !== undefined) query = query.where('invoice_id', '=', where.invoiceId);
  return query.executeTakeFirst();
}

export async function revokeLink(tx: Transaction<DB>, linkId: number, now: string): Promise<void> {
  await tx.updateTable('public_links').set({ revoked_at: now }).where('id', '=', linkId).execute();
}

export function linkByTokenHash(executor: Executor, tokenHash: string, kind: PublicLinkKind) {
  return executor
    .selectFrom('public_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function markLinkUsed(executor: Executor, linkId: number, now: string): Promise<void> {
  await executor
    .updateTable('public_links')
    .set((eb) => ({ last_used_at: now, use_count: eb('use_count', '+', 1) }))
    .where('id', '=', linkId)
    .execute();
}

export function orderNumber(executor: Executor, orderId: number) {
  return executor.selectFrom('orders').select(['id', 'number']).where('id', '=', orderId).executeTakeFirst();
}

/** The order's documents in one of `statuses` and not removed, in position order. */
export function orderDocumentsWithStatus(executor: Executor, orderId: number, statuses: readonly string[]) {
  return executor
    .selectFrom('order_documents')
    .select('id')
    .where('order_id', '=', orderId)
    .where('removed_at', 'is', null)
    .where('status', 'in', [...statuses])
    .orderBy('position')
    .execute();
}

export function orderClientName(executor: Executor, orderId: number) {
  return executor
    .selectFrom('orders')
    .innerJoin('parties', 'parties.id', 'orders.client_id')
    .select('parties.name')
    .where('orders.id', '=', orderId)
    .executeTakeFirstOrThrow();
}

export function invoiceStatus(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('invoices')
    .select(['id', 'number', 'status'])
    .where('id', '=', invoiceId)
    .executeTakeFirst();
}
