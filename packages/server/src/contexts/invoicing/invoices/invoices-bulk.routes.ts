import { BulkInvoiceIdsInput, BulkResult } from '@bizdash/contracts/invoices-bulk';
import type { Api } from '../../../platform/http/route-config';
import type { Database } from '../../../platform/db/database';
import type { InvoiceMailer } from './invoice-mailer';
import { makeInvoicesBulk } from './invoices-bulk';
import type { InvoicesService } from './invoices.service';
import type { InvoicePdfService } from './pdf/invoice-pdf.service';

export interface InvoiceBulkRoutesDeps {
  database: Database;
  invoices: InvoicesService;
  email: InvoiceMailer;
  invoicePdf: InvoicePdfService;
}

/** Bulk actions on the documents list's selected rows: per-row results, never all-or-nothing. */
export function registerInvoiceBulkRoutes(app: Api, services: InvoiceBulkRoutesDeps) {
  // Built here from the wired services so this adds no field to the composition root's Services.
  const bulk = makeInvoicesBulk({
    database: services.database,
    invoices: services.invoices,
    email: services.email,
    invoicePdf: services.invoicePdf,
  });
  const tags = ['invoices'];

  app.post(
    '/api/v1/invoices/bulk/issue',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary:
          'Issue the selected drafts (max 200), oldest date first; each succeeds or fails on its own row ' +
          '(not all-or-nothing: the good ones go through)',
        body: BulkInvoiceIdsInput,
        response: { 200: BulkResult },
      },
    },
    async (request) => bulk.issue(request.ctx, request.body.ids),
  );

  app.post(
    '/api/v1/invoices/bulk/email',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary: "Queue an email of each selected issued document to its party's first address (max 200), per row",
        body: BulkInvoiceIdsInput,
        response: { 200: BulkResult },
      },
    },
    async (request) => bulk.sendEmails(request.ctx, request.body.ids),
  );

  app.post(
    '/api/v1/invoices/bulk/pdf',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'The selected documents as one zip of PDFs named by number (max 200), streamed',
        body: BulkInvoiceIdsInput,
      },
    },
    async (request, reply) => {
      const stream = await bulk.pdfZip(request.body.ids);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="invoices-${request.body.ids.length}.zip"`)
        .send(stream);
    },
  );
}
