import { IdParams, Ok } from '@bizdash/contracts/common';
import {
  AgeingQuery,
  AgeingReport,
  AllocatePaymentInput,
  CreatePaymentInput,
  LedgerQuery,
  ListPaymentsQuery,
  PartyLedger,
  Payment,
  PaymentAllocationParams,
  PaymentPage,
  PaymentSummary,
  UpdatePaymentInput,
} from '@bizdash/contracts/payments';
import { ExportFormat } from '@bizdash/contracts/imports';
import { dateInZone } from '@bizdash/domain/dates';
import type { Api } from '../../../platform/http/route-config';
import type { Clock } from '../../../platform/clock';
import { pagesOf, sendExport } from '../../../platform/export/table-export';
import { PAYMENT_EXPORT_COLUMNS } from './payments-export';
import type { PaymentsService } from './payments.service';

/** Payments in both directions with their allocations, the ageing report and the party ledger. */
export function registerPaymentRoutes(app: Api, services: { payments: PaymentsService; clock: Clock }) {
  const { payments } = services;
  const tags = ['payments'];

  app.get(
    '/api/v1/payments',
    {
      config: { access: 'money.read' },
      schema: {
        tags,
        summary: 'List payments: filter by direction, party, mode, period, unallocated; q = reference or party',
        querystring: ListPaymentsQuery,
        response: { 200: PaymentPage },
      },
    },
    async (request) => payments.list(request.query),
  );

  app.get(
    '/api/v1/payments/export',
    {
      config: { access: 'money.read' },
      schema: {
        tags,
        summary: 'Export the payments list, with the same filters and order, as CSV or XLSX',
        querystring: ListPaymentsQuery.omit({ page: true, pageSize: true }).extend({ format: ExportFormat }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      return sendExport(
        reply,
        {
          format,
          fileName:
            filters.direction === 'made' ? 'payments-made' : filters.direction ? 'payments-received' : 'payments',
          sheetName: 'Payments',
          columns: PAYMENT_EXPORT_COLUMNS,
          rowSchema: PaymentSummary,
          rows: pagesOf((page, pageSize) => payments.list({ ...filters, page, pageSize })),
        },
        dateInZone(services.clock.now()),
      );
    },
  );

  app.post(
    '/api/v1/payments',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Record a payment received or made, optionally allocated to documents (409 OVER_ALLOCATION)',
        body: CreatePaymentInput,
        response: { 201: Payment },
      },
    },
    async (request, reply) => reply.code(201).send(await payments.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/payments/:id',
    {
      config: { access: 'money.read' },
      schema: { tags, summary: 'One payment with its allocations', params: IdParams, response: { 200: Payment } },
    },
    async (request) => payments.get(request.params.id),
  );

  app.patch(
    '/api/v1/payments/:id',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: "Change a payment's own fields",
        params: IdParams,
        body: UpdatePaymentInput,
        response: { 200: Payment },
      },
    },
    async (request) => payments.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/payments/:id',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Delete a payment; the documents it settled get their balance back',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await payments.remove(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/payments/:id/allocations',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Allocate (more of) a payment to documents',
        params: IdParams,
        body: AllocatePaymentInput,
        response: { 200: Payment },
      },
    },
    async (request) => payments.allocate(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/payments/:id/allocations/:invoiceId',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: "Remove a payment's allocation to one document",
        params: PaymentAllocationParams,
        response: { 200: Payment },
      },
    },
    async (request) => payments.deallocate(request.ctx, request.params.id, request.params.invoiceId),
  );

  app.get(
    '/api/v1/reports/ageing',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'Receivables or payables ageing by party: not due, 0-30, 31-60, 61-90, >90 days past due',
        querystring: AgeingQuery,
        response: { 200: AgeingReport },
      },
    },
    async (request) => payments.ageing(request.query),
  );

  app.get(
    '/api/v1/parties/:id/ledger',
    {
      config: { access: 'money.read' },
      schema: {
        tags: ['parties'],
        summary: 'Party ledger: opening balance, documents and payments with running balance, closing balance',
        params: IdParams,
        querystring: LedgerQuery,
        response: { 200: PartyLedger },
      },
    },
    async (request) => payments.ledger(request.params.id, request.query),
  );
}
