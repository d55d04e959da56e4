/** The invoicing context's public face: what other contexts may import. */
export { makeInvoicesService } from './invoices/invoices.service';
export type { InvoicesService } from './invoices/invoices.service';
export type { OrderLink } from './invoices/order-link';
export type { InvoicePdfService } from './invoices/pdf/invoice-pdf.service';
export { makePaymentsService } from './payments/payments.service';
export type { PaymentsService } from './payments/payments.service';
