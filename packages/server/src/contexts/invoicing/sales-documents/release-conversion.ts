import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import * as conversionsRepo from './sales-document-conversions.repo';
import { updateDocument } from './sales-documents.repo';

/**
 * A draft invoice made from a quotation, proforma or challan is being deleted (in the caller's transaction): its
 * conversion is undone, so the challan's quantities are free to invoice again and the document is open again
 * (accepted if the client accepted it, else sent or draft). Invoices only delete drafts, so nothing was posted.
 */
export async function releaseConversion(tx: Transaction<DB>, invoiceId: number): Promise<void> {
  const conversions = await conversionsRepo.conversionsOfInvoice(tx, invoiceId);
  for (const c of conversions) {
    const quantities = JSON.parse(c.quantities) as Record<string, number>; // written by convertToInvoice
    for (const [lineId, quantity] of Object.entries(quantities)) {
      await conversionsRepo.releaseLineQuantity(tx, c.document_id, Number(lineId), quantity);
    }
    await conversionsRepo.deleteConversion(tx, c.id);
    const doc = await conversionsRepo.documentForRelease(tx, c.document_id);
    const other = await conversionsRepo.firstConversion(tx, c.document_id);
    const reopened =
      doc.kind === 'quotation' && doc.responded_at !== null ? 'accepted' : doc.sent_at !== null ? 'sent' : 'draft';
    await updateDocument(tx, c.document_id, {
      converted_invoice_id: other?.invoice_id ?? null,
      ...(doc.status === 'converted' ? { status: reopened } : {}),
    });
  }
}
