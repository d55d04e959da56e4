import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { SalesDocumentAdvancesTable, SalesDocumentConversionsTable } from './sales-documents.tables';

/** SQL of conversions (documents to invoices) and of the advances received against proformas. */

export async function setLineConverted(tx: Transaction<DB>, lineId: number, convertedMilli: number): Promise<void> {
  await tx
    .updateTable('sales_document_lines')
    .set({ converted_quantity_milli: convertedMilli })
    .where('id', '=', lineId)
    .execute();
}

export async function insertConversion(
  tx: Transaction<DB>,
  values: Insertable<SalesDocumentConversionsTable>,
): Promise<void> {
  await tx.insertInto('sales_document_conversions').values(values).execute();
}

export function conversionsOfInvoice(tx: Transaction<DB>, invoiceId: number) {
  return tx.selectFrom('sales_document_conversions').selectAll().where('invoice_id', '=', invoiceId).execute();
}

/** Gives `quantity` (milli) of the line back to invoice. */
export async function releaseLineQuantity(
  tx: Transaction<DB>,
  documentId: number,
  lineId: number,
  quantity: number,
): Promise<void> {
  await tx
    .updateTable('sales_document_lines')
    .set((eb) => ({ converted_quantity_milli: eb('converted_quantity_milli', '-', quantity) }))
    .where('id', '=', lineId)
    .where('document_id', '=', documentId)
    .execute();
}

export async function deleteConversion(tx: Transaction<DB>, id: number): Promise<void> {
  await tx.deleteFrom('sales_document_conversions').where('id', '=', id).execute();
}

/** What reopening a document looks at. */
export function documentForRelease(tx: Transaction<DB>, documentId: number) {
  return tx
    .selectFrom('sales_documents')
    .select(['kind', 'status', 'converted_invoice_id', 'sent_at', 'responded_at'])
    .where('id', '=', documentId)
    .executeTakeFirstOrThrow();
}

/** The document's oldest remaining conversion, if any. */
export function firstConversion(tx: Transaction<DB>, documentId: number) {
  return tx
    .selectFrom('sales_document_conversions')
    .select('invoice_id')
    .where('document_id', '=', documentId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertAdvance(
  tx: Transaction<DB>,
  values: Insertable<SalesDocumentAdvancesTable>,
): Promise<void> {
  await tx.insertInto('sales_document_advances').values(values).execute();
}

export function advancePayment(tx: Transaction<DB>, paymentId: number) {
  return tx
    .selectFrom('payments')
    .select(['amount_paise', 'tds_paise', 'allocated_paise', 'party_id'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
}

export function invoiceBalance(tx: Transaction<DB>, invoiceId: number) {
  return tx
    .selectFrom('invoices')
    .select(['balance_due_paise', 'party_id'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
}
