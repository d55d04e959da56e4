import { Readable } from 'node:stream';
import { z } from 'zod';
import { IdParams, Ok } from '@bizdash/contracts/common';
import {
  CreateExpenseInput,
  ApplyReceiptInput,
  CreateReceiptInput,
  Expense,
  ExpenseList,
  OrderMoneyItemParams,
  OrderSettlement,
  Receipt,
  ReceiptList,
  SetShareInput,
  SettlementEntry,
  SettlementEntryParams,
  BulkApproveSettlementsInput,
  BulkApproveSettlementsResult,
  SettlementListQuery,
  SettlementPage,
  SettlementSettings,
  UpdateExpenseInput,
  UpdateReceiptInput,
} from '@bizdash/contracts/order-money';
import { DownloadQuery } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Api } from '../../../platform/http/route-config';
import type { OrderMoneyService } from './order-money.service';
import { isInlineRequested, sendDownload } from '../orders/upload-http';

const AttachmentQuery = z.object({
  /** The file's name on the uploader's machine (shown and offered on download). */
  name: z.string().max(255).optional(),
});

/** Receipts, expenses and their attachments; the order's settlement, its approval and share; pending approvals. */
export function registerOrderMoneyRoutes(app: Api, services: { orderMoney: OrderMoneyService }) {
  const { orderMoney } = services;
  const { receipts, expenses, attachments, settlements } = orderMoney;
  const tags = ['order money'];

  // ---- receipts

  app.get(
    '/api/v1/orders/:id/receipts',
    {
      config: { access: 'money.read' },
      schema: {
        tags,
        summary: "An order's receipts (by date) with its amount due, received, balance and payment status",
        params: IdParams,
        response: { 200: ReceiptList },
      },
    },
    async (request) => receipts.list(request.params.id),
  );

  app.post(
    '/api/v1/orders/:id/receipts',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Record money received from the client; the payment status and settlement follow at once',
        params: IdParams,
        body: CreateReceiptInput,
        response: { 201: Receipt },
      },
    },
    async (request, reply) => reply.code(201).send(await receipts.create(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/orders/:id/receipts/:itemId',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Change a receipt (audited)',
        params: OrderMoneyItemParams,
        body: UpdateReceiptInput,
        response: { 200: Receipt },
      },
    },
    async (request) => receipts.update(request.ctx, request.params.id, request.params.itemId, request.body),
  );

  app.delete(
    '/api/v1/orders/:id/receipts/:itemId',
    {
      config: { access: 'money.write' },
      schema: { tags, summary: 'Delete a receipt (audited)', params: OrderMoneyItemParams, response: { 200: Ok } },
    },
    async (request) => {
      await receipts.remove(request.ctx, request.params.id, request.params.itemId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/orders/:id/receipts/:itemId/apply',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary:
          "Apply a receipt to the order's issued invoice: records a payment allocated to it (up to its balance) in one transaction",
        params: OrderMoneyItemParams,
        body: ApplyReceiptInput,
        response: { 201: Receipt },
      },
    },
    async (request, reply) => {
      const receipt = await receipts.apply(request.ctx, request.params.id, request.params.itemId, request.body);
      return reply.code(201).send(receipt);
    },
  );

  // ---- expenses

  app.get(
    '/api/v1/orders/:id/expenses',
    {
      config: { access: 'money.read' },
      schema: {
        tags,
        summary: "An order's expenses (by date) with their total",
        params: IdParams,
        response: { 200: ExpenseList },
      },
    },
    async (request) => expenses.list(request.params.id),
  );

  app.post(
    '/api/v1/orders/:id/expenses',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Record an expense on an order; its settlement follows at once',
        params: IdParams,
        body: CreateExpenseInput,
        response: { 201: Expense },
      },
    },
    async (request, reply) => reply.code(201).send(await expenses.create(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/orders/:id/expenses/:itemId',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: 'Change an expense (audited)',
        params: OrderMoneyItemParams,
        body: UpdateExpenseInput,
        response: { 200: Expense },
      },
    },
    async (request) => expenses.update(request.ctx, request.params.id, request.params.itemId, request.body),
  );

  app.delete(
    '/api/v1/orders/:id/expenses/:itemId',
    {
      config: { access: 'money.write' },
      schema: { tags, summary: 'Delete an expense (audited)', params: OrderMoneyItemParams, response: { 200: Ok } },
    },
    async (request) => {
      await expenses.remove(request.ctx, request.params.id, request.params.itemId);
      return { ok: true as const };
    },
  );

  // ---- attachments (the same three routes for receipts and expenses)

  const kinds = [
    { path: 'receipts', table: 'order_receipts', noun: 'receipt', answer: Receipt, load: receipts.get },
    { path: 'expenses', table: 'order_expenses', noun: 'expense', answer: Expense, load: expenses.get },
  ] as const;

  // The file is the raw request body (any type: the bytes decide it), streamed to storage. Its own scope, so the
  // catch-all parser applies to these routes only.
  void app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    for (const kind of kinds) {
      scope.put(
        `/api/v1/orders/:id/${kind.path}/:itemId/attachment`,
        {
          config: { access: 'money.write' },
          schema: {
            tags,
            summary: `Attach a file to a ${kind.noun} (PDF, image or office file as the raw body; replaces any earlier one)`,
            params: OrderMoneyItemParams,
            querystring: AttachmentQuery,
            response: { 200: kind.answer },
          },
        },
        async (request) => {
          const body: unknown = request.body;
          if (!(body instanceof Readable)) {
            throw new AppError('VALIDATION_FAILED', 'file: send the file as the request body', { field: 'file' });
          }
          const { id, itemId } = request.params;
          await attachments.upload(request.ctx, kind.table, id, itemId, {
            stream: body,
            filename: request.query.name ?? '',
          });
          return kind.load(id, itemId);
        },
      );
    }
  });

  for (const kind of kinds) {
    app.get(
      `/api/v1/orders/:id/${kind.path}/:itemId/attachment`,
      {
        config: { access: 'money.read' },
        schema: {
          tags,
          summary: `Download a ${kind.noun}'s attachment; ?inline=1 shows PDF and images in the browser`,
          params: OrderMoneyItemParams,
          querystring: DownloadQuery,
        },
      },
      async (request, reply) => {
        const file = await attachments.open(kind.table, request.params.id, request.params.itemId);
        return sendDownload(reply, file, isInlineRequested(request.query.inline));
      },
    );

    app.delete(
      `/api/v1/orders/:id/${kind.path}/:itemId/attachment`,
      {
        config: { access: 'money.write' },
        schema: {
          tags,
          summary: `Remove a ${kind.noun}'s attachment`,
          params: OrderMoneyItemParams,
          response: { 200: kind.answer },
        },
      },
      async (request) => {
        const { id, itemId } = request.params;
        await attachments.remove(request.ctx, kind.table, id, itemId);
        return kind.load(id, itemId);
      },
    );
  }

  // ---- settlement

  app.get(
    '/api/v1/orders/:id/settlement',
    {
      config: { access: 'money.read' },
      schema: {
        tags,
        summary: "The partner's settlement of an order: projected while open, draft or approved once closed",
        params: IdParams,
        response: { 200: OrderSettlement },
      },
    },
    async (request) => settlements.get(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/orders/:id/settlement/approve',
    {
      config: { access: 'settlements.approve' },
      schema: {
        tags,
        summary: "Approve a closed order's draft settlement or pending adjustments (freezes them)",
        params: IdParams,
        response: { 200: OrderSettlement },
      },
    },
    async (request) => settlements.approveOrder(request.ctx, request.params.id),
  );

  app.put(
    '/api/v1/orders/:id/settlement/share',
    {
      config: { access: 'money.write' },
      schema: {
        tags,
        summary: "Set the order's partner share (closed orders too: an approved settlement gets an adjustment)",
        params: IdParams,
        body: SetShareInput,
        response: { 200: OrderSettlement },
      },
    },
    async (request) => settlements.setShare(request.ctx, request.params.id, request.body.sharePercent),
  );

  app.get(
    '/api/v1/settlements',
    {
      config: { access: 'money.read' },
      schema: {
        tags,
        summary: 'Settlement entries (status=draft: pending approvals), newest first',
        querystring: SettlementListQuery,
        response: { 200: SettlementPage },
      },
    },
    async (request) => settlements.list(request.query),
  );

  app.post(
    '/api/v1/settlements/approve',
    {
      config: { access: 'settlements.approve' },
      schema: {
        tags,
        summary: 'Approve several draft entries at once (at most 200; all or nothing)',
        body: BulkApproveSettlementsInput,
        response: { 200: BulkApproveSettlementsResult },
      },
    },
    async (request) => ({ items: await settlements.approveEntries(request.ctx, request.body.entryIds) }),
  );

  app.post(
    '/api/v1/settlements/:entryId/approve',
    {
      config: { access: 'settlements.approve' },
      schema: {
        tags,
        summary: 'Approve one draft settlement or adjustment',
        params: SettlementEntryParams,
        response: { 200: SettlementEntry },
      },
    },
    async (request) => settlements.approveEntry(request.ctx, request.params.entryId),
  );

  app.get(
    '/api/v1/settings/settlement',
    {
      config: { access: 'settings.read' },
      schema: {
        tags: ['settings'],
        summary: 'How partner settlements count revenue: contracted (fees) or collected (receipts)',
        response: { 200: SettlementSettings },
      },
    },
    async () => settlements.getSettings(),
  );

  app.put(
    '/api/v1/settings/settlement',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: 'Change the settlement basis (pending drafts follow; approved entries stay)',
        body: SettlementSettings,
        response: { 200: SettlementSettings },
      },
    },
    async (request) => settlements.setSettings(request.ctx, request.body),
  );
}
