import type { Insertable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Dialect, Executor } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';
import type { InvoiceLinesTable, InvoiceRow, InvoicesTable } from './invoices.tables';

/** The queries of documents (invoices, notes, purchases) and their lines. */

export function findInvoice(executor: Executor, id: number) {
  return executor.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks and reads one document row (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises). */
export function lockInvoice(executor: Executor, dialect: Dialect, id: number): Promise<InvoiceRow | undefined> {
  return forUpdate(dialect, executor.selectFrom('invoices').selectAll().where('id', '=', id)).executeTakeFirst();
}

/** A document's lines in print order. */
export function findInvoiceLines(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

const refColumns = ['id', 'type', 'number', 'date', 'status', 'grand_total_paise'] as const;

/** What a note shows of the document it corrects. */
export function findDocumentRef(executor: Executor, id: number) {
  return executor.selectFrom('invoices').select(refColumns).where('id', '=', id).executeTakeFirst();
}

/** The notes correcting a document, oldest first. */
export function findNotesOf(executor: Executor, id: number) {
  return executor
    .selectFrom('invoices')
    .select(refColumns)
    .where('original_invoice_id', '=', id)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/** An issued note correcting the document, if any. */
export function findIssuedNoteOf(executor: Executor, id: number) {
  return executor
    .selectFrom('invoices')
    .select(['id', 'number'])
    .where('original_invoice_id', '=', id)
    .where('status', '=', 'issued')
    .executeTakeFirst();
}

export function findOrderIdOf(executor: Executor, id: number) {
  return executor.selectFrom('invoices').select('order_id').where('id', '=', id).executeTakeFirst();
}

/** Locks an order's row, as a receipt on the order takes it before its documents. */
export async function lockOrder(executor: Executor, dialect: Dialect, orderId: number): Promise<void> {
  await forUpdate(dialect, executor.selectFrom('orders').select('id').where('id', '=', orderId)).execute();
}

/** An issued payable document of the party already carrying this supplier number in the financial year. */
export function findIssuedSupplierNumber(
  executor: Executor,
  doc: Pick<InvoiceRow, 'party_id' | 'type' | 'financial_year'> & { supplier_number: string },
) {
  return executor
    .selectFrom('invoices')
    .select('id')
    .where('party_id', '=', doc.party_id)
    .where('type', '=', doc.type)
    .where('financial_year', '=', doc.financial_year)
    .where('supplier_number', '=', doc.supplier_number)
    .where('status', '=', 'issued')
    .executeTakeFirst();
}

export function insertInvoice(tx: Transaction<DB>, values: Insertable<InvoicesTable>): Promise<InvoiceRow> {
  return tx.insertInto('invoices').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateInvoiceReturning(
  tx: Transaction<DB>,
  id: number,
  values: Updateable<InvoicesTable>,
): Promise<InvoiceRow> {
  return tx.updateTable('invoices').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function updateInvoice(executor: Executor, id: number, values: Updateable<InvoicesTable>): Promise<void> {
  await executor.updateTable('invoices').set(values).where('id', '=', id).execute();
}

export async function deleteInvoiceLines(tx: Transaction<DB>, invoiceId: number): Promise<void> {
  await tx.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
}

export async function deleteInvoice(tx: Transaction<DB>, id: number): Promise<void> {
  await tx.deleteFrom('invoices').where('id', '=', id).execute();
}

/** `fresh`: the document was just inserted, so it has no lines to replace. */
export async function writeInvoiceLines(
  tx: Transaction<DB>,
  invoiceId: number,
  lines: readonly Omit<Insertable<InvoiceLinesTable>, 'invoice_id'>[],
  fresh = false,
): Promise<void> {
  if (!fresh) await deleteInvoiceLines(tx, invoiceId);
  // Chunked: SQLite limits the bound parameters of one statement.
  for (let i = 0; i < lines.length; i += 25) {
    const chunk = lines.slice(i, i + 25).map((l) => ({ ...l, invoice_id: invoiceId }));
    await tx.insertInto('invoice_lines').values(chunk).execute();
  }
}

/** The figures settlement starts from. */
export function findSettlementBasis(executor: Executor, invoiceId: number) {
  return executor
    .selectFrom('invoices')
    .select(['status', 'type', 'grand_total_paise'])
    .where('id', '=', invoiceId)
    .executeTakeFirst();
}

/** Sum of the payment allocations to a document. */
export async function sumAllocated(executor: Executor, invoiceId: number): Promise<number> {
  const paidRow = await executor
    .selectFrom('payment_allocations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_paise'), eb.val(0)).as('total'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return Number(paidRow.total);
}

/** Sum of the issued credit notes against a document. */
export async function sumIssuedCredits(executor: Executor, invoiceId: number): Promise<number> {
  const creditRow = await executor
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('grand_total_paise'), eb.val(0)).as('total'))
    .where('original_invoice_id', '=', invoiceId)
    .where('type', '=', 'credit_note')
    .where('status', '=', 'issued')
    .executeTakeFirstOrThrow();
  return Number(creditRow.total);
}

/** Ids and dates of the documents asked for (those that exist). */
export function findInvoiceDates(executor: Executor, ids: readonly number[]) {
  return executor.selectFrom('invoices').select(['id', 'date']).where('id', 'in', ids).execute();
}

/** Ids and numbers of the documents asked for (those that exist). */
export function findInvoiceNumbers(executor: Executor, ids: readonly number[]) {
  return executor.selectFrom('invoices').select(['id', 'number']).where('id', 'in', ids).execute();
}

/** Ids of the documents asked for that exist. */
export function findInvoiceIds(executor: Executor, ids: readonly number[]) {
  return executor.selectFrom('invoices').select(['id']).where('id', 'in', ids).execute();
}
