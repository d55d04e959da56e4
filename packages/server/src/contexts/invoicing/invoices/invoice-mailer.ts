import type { EmailQueued, SendInvoiceEmailInput } from '@bizdash/contracts/email';
import type { RequestContext } from '../../../platform/request-context';

/**
 * Emailing an issued document to its party: the integration context's email service does it (it renders the PDF
 * through this context's face). Declared here so invoicing does not import integration; the root wires it.
 */
export interface InvoiceMailer {
  sendInvoice(ctx: RequestContext, invoiceId: number, input: SendInvoiceEmailInput): Promise<EmailQueued>;
}
