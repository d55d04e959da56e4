import { PassThrough, type Readable } from 'node:stream';
import type { BulkResult, BulkRowResult } from '@bizdash/contracts/invoices-bulk';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { Zip, ZipPassThrough } from 'fflate';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoiceMailer } from './invoice-mailer';
import { findInvoiceDates, findInvoiceIds, findInvoiceNumbers } from './invoices.repo';
import type { InvoicesService } from './invoices.service';
import type { InvoicePdfService } from './pdf/invoice-pdf.service';

export interface InvoicesBulkDeps {
  database: Database;
  invoices: Pick<InvoicesService, 'issue'>;
  email: InvoiceMailer;
  invoicePdf: Pick<InvoicePdfService, 'pdf'>;
}

/** A file name from a document number: "INV/2026-27/0001" -> "INV-2026-27-0001". */
export function pdfFileName(number: string | null, id: number): string {
  return `${(number ?? `draft-${id}`).replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`;
}

function failed(id: number, error: unknown): BulkRowResult {
  // Only a rule's refusal is a row's problem; anything else (the database) is the request's and goes up.
  if (!isAppError(error)) throw error;
  return { id, ok: false, number: null, to: null, problem: { code: error.code, message: error.message } };
}

function summarise(results: BulkRowResult[]): BulkResult {
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/**
 * Actions on several selected documents (issue 20). Each document is its own transaction through the same service
 * call as the single action, so one refused document (a locked month, a back-dated number, a party without an
 * email) is reported on its row while the others go through: users expect the good ones done.
 */
export function makeInvoicesBulk({ database, invoices, email, invoicePdf }: InvoicesBulkDeps) {
  /** Issues the drafts in date order (numbers follow dates), answering in the order asked. */
  async function issue(ctx: RequestContext, ids: number[]): Promise<BulkResult> {
    const rows = await findInvoiceDates(database.db, ids);
    const dateOf = new Map(rows.map((r) => [Number(r.id), String(r.date)]));
    const order = [...ids].sort((a, b) => (dateOf.get(a) ?? '').localeCompare(dateOf.get(b) ?? '') || a - b);
    const byId = new Map<number, BulkRowResult>();
    for (const id of order) {
      try {
        const invoice = await invoices.issue(ctx, id);
        byId.set(id, { id, ok: true, number: invoice.number, to: null, problem: null });
      } catch (error) {
        byId.set(id, failed(id, error));
      }
    }
    return summarise(
      ids.map((id) => byId.get(id) ?? failed(id, new AppError('NOT_FOUND', `Document ${id} not found`))),
    );
  }

  /** Queues each issued document's email to its party's first address. */
  async function sendEmails(ctx: RequestContext, ids: number[]): Promise<BulkResult> {
    const results: BulkRowResult[] = [];
    for (const id of ids) {
      try {
        const queued = await email.sendInvoice(ctx, id, {});
        results.push({ id, ok: true, number: null, to: queued.to, problem: null });
      } catch (error) {
        results.push(failed(id, error));
      }
    }
    const numbers = await findInvoiceNumbers(database.db, ids);
    const numberOf = new Map(numbers.map((r) => [Number(r.id), r.number]));
    return summarise(results.map((r) => ({ ...r, number: numberOf.get(r.id) ?? null })));
  }

  /**
   * A zip of the selected documents' PDFs (one per id, named by number), streamed as each is rendered, so memory
   * holds one PDF at a time. Every id must exist (404 naming the missing ones) before the first byte is sent.
   */
  async function pdfZip(ids: number[]): Promise<Readable> {
    const rows = await findInvoiceIds(database.db, ids);
    const found = new Set(rows.map((r) => Number(r.id)));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError('NOT_FOUND', `Documents not found: ${missing.join(', ')}`, { ids: missing });
    }
    const out = new PassThrough();
    const zip = new Zip((error, chunk, final) => {
      if (error) {
        out.destroy(error);
        return;
      }
      out.write(chunk);
      if (final) out.end();
    });
    void (async () => {
      const used = new Set<string>();
      try {
        for (const id of ids) {
          const { invoice, bytes } = await invoicePdf.pdf(id, ['original']);
          let name = pdfFileName(invoice.number, invoice.id);
          if (used.has(name)) name = name.replace(/\.pdf$/, `-${id}.pdf`);
          used.add(name);
          // Stored, not deflated: a PDF's streams are compressed already.
          const entry = new ZipPassThrough(name);
          zip.add(entry);
          entry.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), true);
        }
        zip.end();
      } catch (error) {
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    })();
    return out;
  }

  return { issue, sendEmails, pdfZip };
}
