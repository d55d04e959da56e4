import type { Invoice, InvoicePage, ListInvoicesQuery } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import type { InvoicesServiceDeps } from './invoices-deps';
import { pageOfInvoices } from './invoices-list.repo';
import { toDocumentRef, toInvoice, toSummary } from './invoice-mapping';
import { findDocumentRef, findInvoice, findInvoiceLines, findNotesOf } from './invoices.repo';

/** Reading documents: one in full, or a filtered page of summaries. */
export function makeInvoiceReader({ database, calendar }: Pick<InvoicesServiceDeps, 'database' | 'calendar'>) {
  const { dialect } = database;

  async function load(executor: Executor, id: number): Promise<Invoice> {
    const row = await findInvoice(executor, id);
    if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
    // Sequential on purpose: one pooled connection per request keeps the pool small under load.
    const lines = await findInvoiceLines(executor, id);
    const original =
      row.original_invoice_id === null ? undefined : await findDocumentRef(executor, row.original_invoice_id);
    const notes = await findNotesOf(executor, id);
    const today = await calendar.today(executor);
    return toInvoice(row, lines, original ? toDocumentRef(original) : null, notes.map(toDocumentRef), today);
  }

  /** The full document (lines, tax, totals, snapshots, balance): the PDF and e-invoice builders read this. */
  function get(id: number): Promise<Invoice> {
    return load(database.db, id);
  }

  async function list(query: ListInvoicesQuery): Promise<InvoicePage> {
    const today = await calendar.today(database.db);
    const { rows, total } = await pageOfInvoices(database.db, dialect, query, today);
    return {
      items: rows.map((r) => toSummary(r, today)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return { get, list };
}
