import { IdParams } from '@bizdash/contracts/common';
import { EInvoicePayload, ImportIrpResponseInput } from '@bizdash/contracts/einvoice';
import { Invoice, InvoicePdfQuery } from '@bizdash/contracts/invoices';
import { LedgerQuery } from '@bizdash/contracts/payments';
import type { Api } from '../../../platform/http/route-config';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Database } from '../../../platform/db/database';
import type { PaymentsService } from '../payments/payments.service';
import { ledgerWorkbook } from '../returns/ledger-xlsx';
import type { SettingsService } from '../../parties/index';
import { makeInvoiceDocumentsService } from './einvoice/einvoice.service';
import type { InvoicesService } from './invoices.service';
import { parseCopies, type InvoicePdfService } from './pdf/invoice-pdf.service';
import { renderLedgerPdf } from './pdf/ledger-pdf';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name from a document number: "INV/2026-27/0001" -> "INV-2026-27-0001". */
function fileNameOf(number: string | null, id: number): string {
  return (number ?? `draft-${id}`).replace(/[^A-Za-z0-9-]+/g, '-');
}

export interface InvoiceDocumentRoutesDeps {
  database: Database;
  audit: AuditService;
  invoices: InvoicesService;
  invoicePdf: InvoicePdfService;
  payments: Pick<PaymentsService, 'ledger'>;
  settings: Pick<SettingsService, 'getBusiness'>;
}

/** The documents made from an invoice: its PDF and its e-invoice JSON, and the import of the IRP's answer. */
export function registerInvoiceDocumentRoutes(app: Api, services: InvoiceDocumentRoutesDeps) {
  // Built here from the wired services so this module adds no field to the composition root's Services.
  const documents = makeInvoiceDocumentsService({
    database: services.database,
    audit: services.audit,
    invoices: services.invoices,
  });
  const printed = services.invoicePdf;

  app.get(
    '/api/v1/invoices/:id/pdf',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags: ['invoices'],
        summary:
          'The document as an A4 PDF (tax invoice, bill of supply, credit or debit note); inline. ' +
          '`copies` prints Rule 48 copies in order (original,duplicate,triplicate); default the original.',
        params: IdParams,
        querystring: InvoicePdfQuery,
      },
    },
    async (request, reply) => {
      const { invoice, bytes } = await printed.pdf(request.params.id, parseCopies(request.query.copies));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${fileNameOf(invoice.number, invoice.id)}.pdf"`)
        .send(bytes);
    },
  );

  app.get(
    '/api/v1/invoices/:id/einvoice',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags: ['invoices'],
        summary: 'E-invoice JSON (schema 1.1) for the IRP; issued B2B, SEZ and export documents only (else 409)',
        params: IdParams,
        response: { 200: EInvoicePayload },
      },
    },
    async (request) => documents.einvoice(request.params.id),
  );

  app.post(
    '/api/v1/invoices/:id/einvoice/response',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags: ['invoices'],
        summary: "Import the IRP's response: stores the IRN, acknowledgement and signed QR code on the document",
        params: IdParams,
        body: ImportIrpResponseInput,
        response: { 200: Invoice },
      },
    },
    async (request) => documents.importIrpResponse(request.ctx, request.params.id, request.body),
  );

  // The party ledger's JSON comes from the payments module; these routes only render it.
  app.get(
    '/api/v1/parties/:id/ledger.pdf',
    {
      config: { access: 'money.read' },
      schema: {
        tags: ['parties'],
        summary: 'Party statement of account as PDF (same period rules as the ledger JSON)',
        params: IdParams,
        querystring: LedgerQuery,
      },
    },
    async (request, reply) => {
      const [ledger, business] = await Promise.all([
        services.payments.ledger(request.params.id, request.query),
        services.settings.getBusiness(),
      ]);
      const bytes = await renderLedgerPdf(ledger, business);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="ledger-${ledger.party.id}-${ledger.from}-${ledger.to}.pdf"`)
        .send(bytes);
    },
  );

  app.get(
    '/api/v1/parties/:id/ledger.xlsx',
    {
      config: { access: 'money.read' },
      schema: {
        tags: ['parties'],
        summary: 'Party statement of account as XLSX',
        params: IdParams,
        querystring: LedgerQuery,
      },
    },
    async (request, reply) => {
      const ledger = await services.payments.ledger(request.params.id, request.query);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="ledger-${ledger.party.id}-${ledger.from}-${ledger.to}.xlsx"`,
        )
        .send(await ledgerWorkbook(ledger));
    },
  );
}
