import type { Invoice, InvoiceCopy } from '@bizdash/contracts/invoices';
import type { Database } from '../../../../platform/db/database';
import type { SettingsService } from '../../../parties/index';
import type { InvoicesService } from '../invoices.service';
import { documentFromInvoice } from './from-invoice';
import { invoiceLogo } from './invoice-logo';
import { renderInvoicePdf } from './invoice-pdf';

export interface InvoicePdfServiceDeps {
  database: Database;
  invoices: Pick<InvoicesService, 'get'>;
  settings: Pick<SettingsService, 'getBusiness'>;
}

/** "original,duplicate" (the route's query, already checked by its schema) -> the copies in the order asked. */
export function parseCopies(text: string | undefined): InvoiceCopy[] {
  if (!text) return ['original'];
  return text.split(',') as InvoiceCopy[]; // `as`: InvoicePdfQuery's pattern admits only the three names
}

/**
 * The printed invoice: the document, its logo and the business's LUT (for zero-rated supplies without IGST), in
 * the copies asked for (Rule 48).
 */
export type InvoicePdfService = ReturnType<typeof makeInvoicePdfService>;

export function makeInvoicePdfService({ database, invoices, settings }: InvoicePdfServiceDeps) {
  async function pdf(id: number, copies: readonly InvoiceCopy[]): Promise<{ invoice: Invoice; bytes: Buffer }> {
    const invoice = await invoices.get(id);
    const [logo, business] = await Promise.all([invoiceLogo(database.db, invoice), settings.getBusiness()]);
    const doc = { ...documentFromInvoice(invoice), logo, lut: business.lut };
    return { invoice, bytes: await renderInvoicePdf(doc, { copies }) };
  }
  return { pdf };
}
