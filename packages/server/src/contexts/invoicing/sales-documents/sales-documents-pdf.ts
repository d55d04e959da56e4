import type { Invoice, InvoiceCopy } from '@bizdash/contracts/invoices';
import type { SalesDocument } from '@bizdash/contracts/sales-documents';
import type { Database } from '../../../platform/db/database';
import { documentFromInvoice } from '../invoices/pdf/from-invoice';
import type { InvoiceDocument } from '../invoices/pdf/invoice-document';
import { invoiceLogo } from '../invoices/pdf/invoice-logo';
import { renderInvoicePdf } from '../invoices/pdf/invoice-pdf';
import type { SalesDocumentsService } from './sales-documents.service';

/** dd-mm-yyyy */
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

const CHALLAN_REASONS: Record<NonNullable<SalesDocument['challanReason']>, string> = {
  job_work: 'Job work',
  supply_on_approval: 'Supply on approval',
  supply_of_liquid_gas: 'Supply of liquid gas (quantity not known at removal)',
  other: 'Other than by way of supply',
};

/** The document as an invoice-shaped value, so the one invoice layout prints it. */
function asInvoice(doc: SalesDocument): Invoice {
  return {
    id: doc.id,
    type: 'sales',
    kind: 'tax_invoice',
    direction: 'receivable',
    status: 'issued',
    number: doc.number,
    financialYear: doc.financialYear,
    date: doc.date,
    dueDate: null,
    party: doc.party,
    business: doc.business,
    tax: doc.tax,
    roundToRupee: doc.roundToRupee,
    lines: doc.lines,
    totals: doc.totals,
    amountInWords: doc.amountInWords,
    original: null,
    noteReason: null,
    relatedNotes: [],
    supplierNumber: null,
    supplierDate: null,
    itc: null,
    exportDetails: null,
    orderId: null,
    notes: doc.notes,
    terms: doc.terms,
    amountPaid: '0.00',
    amountCredited: '0.00',
    balanceDue: '0.00',
    paymentStatus: null,
    isOverdue: false,
    einvoice: { irn: null, ackNo: null, ackDate: null, signedQrCode: null, status: null },
    // Delivery challans carry an e-way bill (printed as on invoices); the other kinds keep it all null.
    ewayBill: doc.ewayBill,
    issuedAt: doc.createdAt,
    cancelledAt: null,
    cancelReason: null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** Title, number label, extra lines and statement of each kind; no payment blocks (nothing is payable on them). */
export function salesDocumentPdfDocument(doc: SalesDocument): InvoiceDocument {
  const base = documentFromInvoice(asInvoice(doc));
  const meta: [string, string][] = [];
  let title: string;
  let numberLabel: string;
  let statement: string | null;
  switch (doc.kind) {
    case 'quotation':
      title = 'Quotation';
      numberLabel = 'Quotation no.';
      if (doc.validUntil) meta.push(['Valid until', ddmmyyyy(doc.validUntil)]);
      statement = 'This is a quotation, not an invoice. Prices and taxes as on the date of quotation.';
      break;
    case 'proforma':
      title = 'Proforma Invoice';
      numberLabel = 'Proforma no.';
      if (doc.validUntil) meta.push(['Valid until', ddmmyyyy(doc.validUntil)]);
      statement = 'PROFORMA INVOICE, NOT A TAX INVOICE. No input tax credit may be claimed on it.';
      break;
    case 'delivery_challan':
      title = 'Delivery Challan';
      numberLabel = 'Challan no.';
      if (doc.challanReason) meta.push(['Purpose', CHALLAN_REASONS[doc.challanReason]]);
      if (doc.transport) meta.push(['Transport', doc.transport]);
      statement =
        'Delivery challan under Rule 55 of the CGST Rules, 2017: goods moved other than by way of a tax invoice.';
      break;
  }
  return {
    ...base,
    isDraft: doc.status === 'draft',
    isCancelled: doc.status === 'cancelled',
    bank: null,
    upiId: null,
    irn: null,
    variant: {
      title,
      numberLabel,
      meta,
      statement,
      ...(doc.kind === 'delivery_challan' ? { recipientHeading: 'Consignee' } : {}),
    },
  };
}

export function makeSalesDocumentPdf(deps: { database: Database; salesDocuments: Pick<SalesDocumentsService, 'get'> }) {
  return async function pdf(id: number, copies: readonly InvoiceCopy[]) {
    const doc = await deps.salesDocuments.get(id);
    const logo = await invoiceLogo(deps.database.db, { status: 'draft', business: doc.business });
    const bytes = await renderInvoicePdf({ ...salesDocumentPdfDocument(doc), logo }, { copies });
    return { document: doc, bytes };
  };
}
