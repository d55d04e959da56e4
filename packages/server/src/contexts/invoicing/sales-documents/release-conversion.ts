import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';

/**
 * A draft invoice made from a quotation, proforma or challan is being deleted (in the caller's transaction): its
 * conversion is undone, so the challan's quantities are free to invoice again and the document is open again
 * (accepted if the client accepted it, else sent or draft). Invoices only delete drafts, so nothing was posted.
 */
export async function releaseConversion(tx: Transaction<DB>, invoiceId: number): Promise<void> {
  const conversions = await tx
    .selectFrom('sales_document_conversions')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .execute();
  for (const c of conversions) {
    const quantities = JSON.parse(c.quantities) as Record<string, number>; // written by convertToInvoice
    for (const [lineId, quantity] of Object.entries(quantities)) {
      await tx
        .updateTable('sales_document_lines')
        .set((eb) => ({ converted_quantity_milli: eb('converted_quantity_milli', '-', quantity) }))
        .where('id', '=', Number(lineId))
        .where('document_id', '=', c.document_id)
        .execute();
    }
    await tx.deleteFrom('sales_document_conversions').where('id', '=', c.id).execute();
    const doc = await tx
      .selectFrom('sales_documents')
      .select(['kind', 'status', 'converted_invoice_id', 'sent_at', 'responded_at'])
      .where('id', '=', c.document_id)
      .executeTakeFirstOrThrow();
    const other = await tx
      .selectFrom('sales_document_conversions')
      .select('invoice_id')
      .where('document_id', '=', c.document_id)
      .orderBy('id')
      .executeTakeFirst();
    const reopened =
      doc.kind === 'quotation' && doc.responded_at !== null ? 'accepted' : doc.sent_at !== null ? 'sent' : 'draft';
    await tx
      .updateTable('sales_documents')
      .set({
        converted_invoice_id: other?.invoice_id ?? null,
        ...(doc.status === 'converted' ? { status: reopened } : {}),
      })
      .where('id', '=', c.document_id)
      .execute();
  }
}
