import { IdParams, Ok } from '@bizdash/contracts/common';
import {
  CancelInvoiceInput,
  CreateInvoiceInput,
  IssueInvoiceInput,
  Invoice,
  InvoicePage,
  InvoicePreview,
  InvoiceSummary,
  ListInvoicesQuery,
  LockPeriodInput,
  PeriodLock,
  PeriodLockList,
  PeriodParams,
  UnlockPeriodInput,
  UpdateInvoiceInput,
} from '@bizdash/contracts/invoices';
import { ExportFormat } from '@bizdash/contracts/imports';
import type { Api } from '../../../platform/http/route-config';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import { pagesOf, sendExport } from '../../../platform/export/table-export';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoicesService } from './invoices.service';
import { INVOICE_EXPORT_COLUMNS } from './invoices-export';

export interface InvoiceRoutesDeps {
  invoices: InvoicesService;
  /** "Invoice this order" (the orders context makes the draft through this service's create). */
  invoiceFromOrder: (ctx: RequestContext, orderId: number) => Promise<Invoice>;
  calendar: Pick<BusinessCalendar, 'current'>;
}

/** GST documents (sales, purchase, credit and debit notes) and period locks. */
export function registerInvoiceRoutes(app: Api, services: InvoiceRoutesDeps) {
  const { invoices } = services;
  const tags = ['invoices'];

  app.post(
    '/api/v1/orders/:id/invoice',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: "Draft a tax invoice for an order's fees (order type's SAC and GST rate), linked to the order",
        params: IdParams,
        response: { 201: Invoice },
      },
    },
    async (request, reply) => reply.code(201).send(await services.invoiceFromOrder(request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/invoices',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'List documents: filter by type, kind, status, payment status, party, period, overdue, q',
        querystring: ListInvoicesQuery,
        response: { 200: InvoicePage },
      },
    },
    async (request) => invoices.list(request.query),
  );

  app.get(
    '/api/v1/invoices/export',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'Export the documents list, with the same filters and order, as CSV or XLSX',
        querystring: ListInvoicesQuery.omit({ page: true, pageSize: true }).extend({ format: ExportFormat }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const { timeZone, today } = await services.calendar.current();
      return sendExport(
        reply,
        {
          format,
          timeZone,
          fileName: filters.type ? `${filters.type.replace('_', '-')}s` : 'invoices',
          sheetName: 'Documents',
          columns: INVOICE_EXPORT_COLUMNS,
          rowSchema: InvoiceSummary,
          rows: pagesOf((page, pageSize) => invoices.list({ ...filters, page, pageSize })),
        },
        today,
      );
    },
  );

  app.post(
    '/api/v1/invoices/preview',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Compute a document (tax, lines, totals, words) without saving it',
        body: CreateInvoiceInput,
        response: { 200: InvoicePreview },
      },
    },
    async (request) => invoices.preview(request.body),
  );

  app.post(
    '/api/v1/invoices',
    {
      config: { access: 'invoices.write' },
      schema: { tags, summary: 'Create a draft document', body: CreateInvoiceInput, response: { 201: Invoice } },
    },
    async (request, reply) => reply.code(201).send(await invoices.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/invoices/:id',
    {
      config: { access: 'invoices.read' },
      schema: { tags, summary: 'One document in full', params: IdParams, response: { 200: Invoice } },
    },
    async (request) => invoices.get(request.params.id),
  );

  app.put(
    '/api/v1/invoices/:id',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Replace a draft (409 INVALID_STATE once issued)',
        params: IdParams,
        body: UpdateInvoiceInput,
        response: { 200: Invoice },
      },
    },
    async (request) => invoices.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/invoices/:id',
    {
      config: { access: 'invoices.write' },
      schema: { tags, summary: 'Delete a draft', params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await invoices.remove(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/invoices/:id/issue',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary:
          "Issue a draft: number it from its registration's series for its financial year and freeze it " +
          '(409 BACKDATED_ISSUE when dated before the latest document of that series, unless allowBackdated)',
        params: IdParams,
        body: IssueInvoiceInput.nullish(),
        response: { 200: Invoice },
      },
    },
    async (request) => invoices.issue(request.ctx, request.params.id, request.body ?? {}),
  );

  app.post(
    '/api/v1/invoices/:id/cancel',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary: 'Cancel an issued document with a reason; its number stays used',
        params: IdParams,
        body: CancelInvoiceInput,
        response: { 200: Invoice },
      },
    },
    async (request) => invoices.cancel(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/period-locks',
    {
      config: { access: 'invoices.read' },
      schema: { tags, summary: 'Locked months', response: { 200: PeriodLockList } },
    },
    async () => invoices.listLocks(),
  );

  app.post(
    '/api/v1/period-locks',
    {
      config: { access: 'invoices.issue' },
      schema: { tags, summary: 'Lock a month (yyyy-mm)', body: LockPeriodInput, response: { 201: PeriodLock } },
    },
    async (request, reply) => reply.code(201).send(await invoices.lockPeriod(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/period-locks/:period',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary: 'Unlock a month: owner or admin only, with a reason',
        params: PeriodParams,
        body: UnlockPeriodInput,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await invoices.unlockPeriod(request.ctx, request.params.period, request.body);
      return { ok: true as const };
    },
  );
}
