import type { ListSalesDocumentsQuery, SalesDocumentKind } from '@bizdash/contracts/sales-documents';
import { defaultSeriesTemplate, renderSeries } from '@bizdash/domain/invoice-number';
import { AppError, isAppError } from '@bizdash/domain/errors';
import type { Insertable, Selectable, Transaction, Updateable } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import type { DB } from '../../../db-schema';
import type { SalesDocumentLinesTable, SalesDocumentLinksTable, SalesDocumentsTable } from './sales-documents.tables';

/** SQL of the sales-documents module: documents, lines, conversions, advances and view links. */

export type SalesDocumentRow = Selectable<SalesDocumentsTable>;
export type SalesDocumentLineRow = Selectable<SalesDocumentLinesTable>;

/** Each kind is numbered from its own series (settings: number series per GSTIN). */
export const SERIES_OF: Record<SalesDocumentKind, string> = {
  quotation: 'quotation',
  proforma: 'proforma',
  delivery_challan: 'delivery_challan',
};

/** Statuses a validity date turns into `expired` once it has passed. */
export const EXPIRING = ['draft', 'sent'] as const;

export function getRow(executor: Executor, id: number) {
  return executor.selectFrom('sales_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertDocument(tx: Transaction<DB>, values: Insertable<SalesDocumentsTable>) {
  return tx.insertInto('sales_documents').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Writes `values` on the document and returns the row as saved. */
export function saveDocument(tx: Transaction<DB>, id: number, values: Updateable<SalesDocumentsTable>) {
  return tx.updateTable('sales_documents').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function updateDocument(
  executor: Executor,
  id: number,
  values: Updateable<SalesDocumentsTable>,
): Promise<void> {
  await executor.updateTable('sales_documents').set(values).where('id', '=', id).execute();
}

/** The challan's status and e-way bill columns, under its lock. */
export function lockEwayBill(tx: Transaction<DB>, dialect: Dialect, id: number) {
  return forUpdate(
    dialect,
    tx
      .selectFrom('sales_documents')
      .select(['status', 'ewb_number', 'ewb_date', 'ewb_valid_until'])
      .where('id', '=', id),
  ).executeTakeFirst();
}

export function orderTypeExists(executor: Executor, id: number) {
  return executor.selectFrom('order_types').select('id').where('id', '=', id).executeTakeFirst();
}

export function orderTypeName(executor: Executor, id: number) {
  return executor.selectFrom('order_types').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function partnerFlag(executor: Executor, id: number) {
  return executor.selectFrom('parties').select(['id', 'is_partner']).where('id', '=', id).executeTakeFirst();
}

export function partyName(executor: Executor, id: number) {
  return executor.selectFrom('parties').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function lockRow(tx: Transaction<DB>, dialect: Dialect, id: number) {
  return forUpdate(dialect, tx.selectFrom('sales_documents').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function getLines(executor: Executor, id: number) {
  return executor
    .selectFrom('sales_document_lines')
    .selectAll()
    .where('document_id', '=', id)
    .orderBy('position')
    .execute();
}

export async function replaceLines(
  tx: Transaction<DB>,
  documentId: number,
  lines: Omit<Insertable<SalesDocumentLinesTable>, 'document_id'>[],
) {
  await tx.deleteFrom('sales_document_lines').where('document_id', '=', documentId).execute();
  // Chunked: SQLite limits the bound parameters of one statement.
  for (let i = 0; i < lines.length; i += 25) {
    const chunk = lines.slice(i, i + 25).map((l) => ({ ...l, document_id: documentId }));
    await tx.insertInto('sales_document_lines').values(chunk).execute();
  }
}

/**
 * The next number of the kind's series for the registration, under the series row's lock (as invoices take
 * theirs). These documents are not tax invoices, so no back-dating rule applies; numbers are still consecutive.
 */
export async function takeNumber(
  tx: Transaction<DB>,
  dialect: Dialect,
  doc: { series: string; fy: string; gstin: string; furtherStateCode: string | null; now: string },
): Promise<{ number: string; sequence: number }> {
  await tx
    .insertInto('number_series')
    .values({
      gstin: doc.gstin,
      document_type: doc.series,
      financial_year: doc.fy,
      template: defaultSeriesTemplate(doc.series, doc.furtherStateCode),
      next_sequence: 1,
      created_at: doc.now,
      updated_at: doc.now,
    })
    .onConflict((oc) => oc.columns(['gstin', 'document_type', 'financial_year']).doNothing())
    .execute();
  const row = await forUpdate(
    dialect,
    tx
      .selectFrom('number_series')
      .selectAll()
      .where('gstin', '=', doc.gstin)
      .where('document_type', '=', doc.series)
      .where('financial_year', '=', doc.fy),
  ).executeTakeFirstOrThrow();
  const sequence = Number(row.next_sequence);
  let number: string;
  try {
    number = renderSeries(row.template, { fy: doc.fy, seq: sequence });
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
      throw new AppError('SERIES_INVALID', `The ${doc.series} series for ${doc.fy} cannot number more documents`, {
        series: doc.series,
        financialYear: doc.fy,
      });
    }
    throw error;
  }
  await tx
    .updateTable('number_series')
    .set({ next_sequence: sequence + 1, updated_at: doc.now })
    .where('id', '=', row.id)
    .execute();
  return { number, sequence };
}

/** One page of a kind, newest first; `expired` and the live statuses it replaces are decided against `today`. */
export async function listPage(executor: Executor, query: ListSalesDocumentsQuery, today: string) {
  let q = executor.selectFrom('sales_documents').where('kind', '=', query.kind);
  if (query.status === 'expired') {
    q = q.where((eb) =>
      eb.or([eb('status', '=', 'expired'), eb.and([eb('status', 'in', [...EXPIRING]), eb('valid_until', '<', today)])]),
    );
  } else if (query.status === 'draft' || query.status === 'sent') {
    q = q
      .where('status', '=', query.status)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]));
  } else if (query.status) {
    q = q.where('status', '=', query.status);
  }
  if (query.partyId !== undefined) q = q.where('party_id', '=', Number(query.partyId));
  if (query.q) {
    const like = `%${query.q.toLowerCase()}%`;
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['number']), 'like', like), eb(eb.fn('lower', ['party_name']), 'like', like)]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export function conversionsOf(executor: Executor, documentId: number) {
  return executor
    .selectFrom('sales_document_conversions as c')
    .innerJoin('invoices as i', 'i.id', 'c.invoice_id')
    .select(['i.id', 'i.number', 'i.date', 'i.status', 'i.grand_total_paise'])
    .where('c.document_id', '=', documentId)
    .orderBy('c.id')
    .execute();
}

export function advancesOf(executor: Executor, documentId: number) {
  return executor
    .selectFrom('sales_document_advances as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['p.id', 'p.date', 'p.amount_paise', 'p.tds_paise', 'p.mode', 'p.reference', 'p.allocated_paise'])
    .where('a.document_id', '=', documentId)
    .orderBy('p.date')
    .orderBy('p.id')
    .execute();
}

export async function hasLiveLink(executor: Executor, documentId: number, now: string): Promise<boolean> {
  const row = await executor
    .selectFrom('sales_document_links')
    .select('id')
    .where('document_id', '=', documentId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

export function insertLink(tx: Transaction<DB>, values: Insertable<SalesDocumentLinksTable>) {
  return tx.insertInto('sales_document_links').values(values).returning('id').executeTakeFirstOrThrow();
}

/** A view of the link's document: when it was last opened. */
export async function touchLink(executor: Executor, id: number, now: string): Promise<void> {
  await executor.updateTable('sales_document_links').set({ last_used_at: now }).where('id', '=', id).execute();
}

export function linkByHash(executor: Executor, tokenHash: string) {
  return executor.selectFrom('sales_document_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Payments received against the proformas an invoice was converted from, with something left to allocate. */
export function openAdvancesForInvoice(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('sales_document_conversions as c')
    .innerJoin('sales_document_advances as a', 'a.document_id', 'c.document_id')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select('p.id')
    .where('c.invoice_id', '=', invoiceId)
    .where((eb) => eb('p.allocated_paise', '<', eb('p.amount_paise', '+', eb.ref('p.tds_paise'))))
    .orderBy('p.date')
    .orderBy('p.id')
    .execute();
}
