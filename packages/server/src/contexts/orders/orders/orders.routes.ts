import { IdParams } from '@bizdash/contracts/common';
import {
  AddDocumentsInput,
  AssigneeList,
  AssigneeQuery,
  Board,
  BoardQuery,
  CreateOrderInput,
  DownloadQuery,
  ListOrdersQuery,
  OrderDetail,
  OrderDocument,
  OrderDocumentDetail,
  OrderDocumentList,
  OrderDocumentParams,
  OrderFileParams,
  Order,
  OrderPage,
  OrderStageSettings,
  SetDocumentStatusInput,
  TimelinePage,
  TimelineQuery,
  TransitionInput,
  UpdateOrderInput,
  UpdateOrderStageSettingsInput,
} from '@bizdash/contracts/orders';
import { ExportFormat } from '@bizdash/contracts/imports';
import type { Api } from '../../../platform/http/route-config';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import { pagesOf, sendExport } from '../../../platform/export/table-export';
import { registerCommentRoutes } from './comments.routes';
import { registerNotificationRoutes } from './notifications.routes';
import { ORDER_EXPORT_COLUMNS } from './orders-export';
import type { OrdersService } from './orders.service';
import { registerTaskRoutes } from './tasks.routes';
import { isInlineRequested, readSingleFile, sendDownload } from './upload-http';

export interface OrderRoutesDeps {
  orders: OrdersService;
  calendar: Pick<BusinessCalendar, 'current'>;
}

/** Orders, their lifecycle, timeline, documents and files; plus tasks, comments and notifications. */
export function registerOrderRoutes(app: Api, services: OrderRoutesDeps) {
  const { orders } = services;
  const tags = ['orders'];

  app.get(
    '/api/v1/orders',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'List orders: filters, search (number, title, client), sort and paging with a total',
        querystring: ListOrdersQuery,
        response: { 200: OrderPage },
      },
    },
    async (request) => orders.list(request.ctx, request.query),
  );

  app.get(
    '/api/v1/orders/export',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary:
          'Export the orders list, with the same filters and order, as CSV or XLSX (money columns need money.read)',
        querystring: ListOrdersQuery.omit({ page: true, pageSize: true }).extend({ format: ExportFormat }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      // Created and Closed are instants, written as their day in the business's zone.
      const { timeZone, today } = await services.calendar.current();
      return sendExport(
        reply,
        {
          format,
          fileName: 'orders',
          sheetName: 'Orders',
          columns: ORDER_EXPORT_COLUMNS,
          rowSchema: Order,
          rows: pagesOf((page, pageSize) => orders.list(request.ctx, { ...filters, page, pageSize })),
          timeZone,
        },
        today,
      );
    },
  );

  app.get(
    '/api/v1/orders/board',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Every stage with its count and first orders, for the board (same filters as the list)',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (request) => orders.board(request.ctx, request.query),
  );

  app.get(
    '/api/v1/orders/assignees',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Active staff users by name, for assignee pickers and @mentions',
        querystring: AssigneeQuery,
        response: { 200: AssigneeList },
      },
    },
    async (request) => orders.assignees(request.query),
  );

  app.post(
    '/api/v1/orders',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Create an order (stage received); fees, charges, due date and documents default from its type',
        body: CreateOrderInput,
        response: { 201: OrderDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await orders.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/orders/:id',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'One order with its allowed moves and a suggested one',
        params: IdParams,
        response: { 200: OrderDetail },
      },
    },
    async (request) => orders.get(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/orders/:id',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Change an open order (orders are never deleted; the stage changes through transitions)',
        params: IdParams,
        body: UpdateOrderInput,
        response: { 200: OrderDetail },
      },
    },
    async (request) => orders.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/orders/:id/transitions',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Move to another stage (409 INVALID_TRANSITION lists the allowed ones; reopening needs a reason)',
        params: IdParams,
        body: TransitionInput,
        response: { 200: OrderDetail },
      },
    },
    async (request) => orders.transition(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/orders/:id/history',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'The order timeline: stage changes, documents, uploads, comments, tasks (and later money events)',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: TimelinePage },
      },
    },
    async (request) => orders.history(request.params.id, request.query),
  );

  // ---- documents

  app.get(
    '/api/v1/orders/:id/documents',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Required documents with their files and completeness',
        params: IdParams,
        response: { 200: OrderDocumentList },
      },
    },
    async (request) => orders.documents.list(request.params.id),
  );

  app.post(
    '/api/v1/orders/:id/documents',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Require more documents',
        params: IdParams,
        body: AddDocumentsInput,
        response: { 201: OrderDocumentList },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orders.documents.add(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orders/:id/documents/:docId',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'One required document with its files and status history',
        params: OrderDocumentParams,
        response: { 200: OrderDocumentDetail },
      },
    },
    async (request) => orders.documents.get(request.params.id, request.params.docId),
  );

  app.delete(
    '/api/v1/orders/:id/documents/:docId',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Stop requiring a document (its files are kept)',
        params: OrderDocumentParams,
        response: { 200: OrderDocumentList },
      },
    },
    async (request) => orders.documents.remove(request.ctx, request.params.id, request.params.docId),
  );

  app.post(
    '/api/v1/orders/:id/documents/:docId/status',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Set a document status (rejected needs a reason)',
        params: OrderDocumentParams,
        body: SetDocumentStatusInput,
        response: { 200: OrderDocument },
      },
    },
    async (request) => orders.documents.setStatus(request.ctx, request.params.id, request.params.docId, request.body),
  );

  app.post(
    '/api/v1/orders/:id/documents/:docId/files',
    {
      config: { access: 'orders.write' },
      schema: {
        tags,
        summary: 'Upload a new version (multipart field "file"; PDF, JPEG, PNG, WEBP, DOCX, XLSX; 413/415 otherwise)',
        consumes: ['multipart/form-data'],
        params: OrderDocumentParams,
        response: { 201: OrderDocument },
      },
    },
    async (request, reply) => {
      const file = await readSingleFile(request, orders.uploadMaxBytes);
      const doc = await orders.documents.upload(request.ctx, request.params.id, request.params.docId, file);
      return reply.code(201).send(doc);
    },
  );

  app.get(
    '/api/v1/orders/:id/documents/:docId/files/:fileId',
    {
      config: { access: 'orders.read' },
      schema: {
        tags,
        summary: 'Download a file version; ?inline=1 shows PDF and images in the browser',
        params: OrderFileParams,
        querystring: DownloadQuery,
      },
    },
    async (request, reply) => {
      const { id, docId, fileId } = request.params;
      const file = await orders.documents.openFile(id, docId, fileId);
      return sendDownload(reply, file, isInlineRequested(request.query.inline));
    },
  );

  // ---- stage settings (here because the lifecycle is this module's)

  app.get(
    '/api/v1/settings/order-stages',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['settings'],
        summary: 'Stage labels and which lifecycle moves are switched on',
        response: { 200: OrderStageSettings },
      },
    },
    async () => orders.stages.get(),
  );

  app.put(
    '/api/v1/settings/order-stages',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Rename stages and switch lifecycle moves off (codes never change)',
        body: UpdateOrderStageSettingsInput,
        response: { 200: OrderStageSettings },
      },
    },
    async (request) => orders.stages.update(request.ctx, request.body),
  );

  registerTaskRoutes(app, services);
  registerCommentRoutes(app, services);
  registerNotificationRoutes(app, services);
}
