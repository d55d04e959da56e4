import { IdParams } from '@bizdash/contracts/common';
import { EwayBillFile, GenerateEwayBillInput, ImportEwayBillInput } from '@bizdash/contracts/ewaybill';
import { Invoice, InvoicePdfQuery } from '@bizdash/contracts/invoices';
import { OrderDetail } from '@bizdash/contracts/orders';
import {
  ConvertToInvoiceInput,
  ConvertToOrderInput,
  CreateSalesDocumentInput,
  CreateSalesDocumentLinkInput,
  ListSalesDocumentsQuery,
  RecordAdvanceInput,
  SalesDocument,
  SalesDocumentLink,
  SalesDocumentPage,
  SetSalesDocumentStatusInput,
  UpdateSalesDocumentInput,
} from '@bizdash/contracts/sales-documents';
import type { Api } from '../../../platform/http/route-config';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Database } from '../../../platform/db/database';
import { parseCopies } from '../invoices/pdf/invoice-pdf.service';
import type { SettingsService } from '../../parties/index';
import { makeChallanEwayBillService } from './challan-ewaybill';
import { makeSalesDocumentPdf } from './sales-documents-pdf';
import type { SalesDocumentsService } from './sales-documents.service';

export interface SalesDocumentRoutesDeps {
  salesDocuments: SalesDocumentsService;
  database: Database;
  audit: AuditService;
  settings: SettingsService;
}

/** Quotations, proforma invoices and delivery challans: not supplies, so invoices' permissions and no ledger. */
export function registerSalesDocumentRoutes(app: Api, services: SalesDocumentRoutesDeps) {
  const { salesDocuments } = services;
  const tags = ['sales-documents'];
  const pdf = makeSalesDocumentPdf({ database: services.database, salesDocuments });
  const ewayBills = makeChallanEwayBillService({
    database: services.database,
    audit: services.audit,
    salesDocuments,
    settings: services.settings,
  });

  app.get(
    '/api/v1/sales-documents',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'List quotations, proformas or delivery challans (one kind): filter by status, party, q',
        querystring: ListSalesDocumentsQuery,
        response: { 200: SalesDocumentPage },
      },
    },
    async (request) => salesDocuments.list(request.query),
  );

  app.post(
    '/api/v1/sales-documents',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Create a quotation, proforma or delivery challan, priced by the GST engine and numbered',
        body: CreateSalesDocumentInput,
        response: { 201: SalesDocument },
      },
    },
    async (request, reply) => reply.code(201).send(await salesDocuments.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/sales-documents/:id',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'One document with lines, totals, conversions and advances',
        params: IdParams,
        response: { 200: SalesDocument },
      },
    },
    async (request) => salesDocuments.get(request.params.id),
  );

  app.put(
    '/api/v1/sales-documents/:id',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Replace a draft or sent document (not once converted)',
        params: IdParams,
        body: UpdateSalesDocumentInput,
        response: { 200: SalesDocument },
      },
    },
    async (request) => salesDocuments.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/sales-documents/:id/status',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Mark sent, record the client’s acceptance or refusal (quotations), or cancel',
        params: IdParams,
        body: SetSalesDocumentStatusInput,
        response: { 200: SalesDocument },
      },
    },
    async (request) => salesDocuments.setStatus(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/sales-documents/:id/link',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'A public view link (quotations and proformas); the client can accept or decline a quotation there',
        params: IdParams,
        body: CreateSalesDocumentLinkInput.optional(),
        response: { 201: SalesDocumentLink },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await salesDocuments.createLink(
            request.ctx,
            request.params.id,
            request.body ?? CreateSalesDocumentLinkInput.parse({}),
          ),
        ),
  );

  app.post(
    '/api/v1/sales-documents/:id/convert-to-invoice',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'A draft sales invoice from the document (challans: per-line quantities up to what remains)',
        params: IdParams,
        body: ConvertToInvoiceInput.optional(),
        response: { 201: Invoice },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await salesDocuments.convertToInvoice(request.ctx, request.params.id, request.body ?? {})),
  );

  app.post(
    '/api/v1/sales-documents/:id/convert-to-order',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'An order from a service quotation: its order type, client, partner and fees',
        params: IdParams,
        body: ConvertToOrderInput.optional(),
        response: { 201: OrderDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await salesDocuments.convertToOrder(request.ctx, request.params.id, request.body ?? {})),
  );

  app.post(
    '/api/v1/sales-documents/:id/advances',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Record a payment received against a proforma (an advance, applied when its tax invoice is issued)',
        params: IdParams,
        body: RecordAdvanceInput,
        response: { 201: SalesDocument },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await salesDocuments.recordAdvance(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/sales-documents/:id/ewaybill',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary:
          "E-way bill JSON of a delivery challan for the portal's bulk generation (docType CHL; Part B as for " +
          'invoices). 409 for services only, and below the threshold unless `force`; other kinds refused',
        params: IdParams,
        body: GenerateEwayBillInput,
        response: { 200: EwayBillFile },
      },
    },
    async (request) => ewayBills.generate(request.params.id, request.body),
  );

  app.post(
    '/api/v1/sales-documents/:id/ewaybill/import',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary: 'Record the e-way bill the portal generated for a delivery challan: number, date and validity',
        params: IdParams,
        body: ImportEwayBillInput,
        response: { 200: SalesDocument },
      },
    },
    async (request) => ewayBills.importEwayBill(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/sales-documents/:id/pdf',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'The document as an A4 PDF in the invoice layout, titled by its kind; inline',
        params: IdParams,
        querystring: InvoicePdfQuery,
      },
    },
    async (request, reply) => {
      const { document, bytes } = await pdf(request.params.id, parseCopies(request.query.copies));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${document.number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf"`)
        .send(bytes);
    },
  );
}
