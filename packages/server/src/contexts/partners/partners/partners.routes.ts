import type { FastifyReply } from 'fastify';
import { IdParams } from '@bizdash/contracts/common';
import {
  CreatePayoutInput,
  PartnerBalancePage,
  PartnerBalanceQuery,
  type PartnerStatement,
  Payout,
  PayoutListQuery,
  PayoutPage,
  PortalOrder,
  PortalOrderPage,
  PortalOrderQuery,
  PortalSummary,
  SettlementListQuery,
  SettlementPage,
  StatementQuery,
} from '@bizdash/contracts/order-money';
import type { Api } from '../../../platform/http/route-config';
import type { Clock } from '../../../platform/clock';
import type { SettingsService } from '../../parties/index';
import type { PartnersService } from './partners.service';
import { renderStatementPdf } from './statement-pdf';
import { statementWorkbook } from './statement-xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface PartnerRoutesDeps {
  partners: PartnersService;
  clock: Clock;
  settings: Pick<SettingsService, 'getBusiness'>;
}

/**
 * Payouts, partner balances and statements (staff), and the partner portal (role partner, scoped to the login's
 * partner party by the service).
 */
export function registerPartnerRoutes(app: Api, services: PartnerRoutesDeps) {
  const { partners } = services;
  const tags = ['partners'];

  /** The statement as JSON, or rendered as PDF (inline) or XLSX (download) with the business's letterhead. */
  async function sendStatement(reply: FastifyReply, statement: PartnerStatement, format: StatementQuery['format']) {
    if (format === 'json') return statement;
    const generatedAt = services.clock.now().toISOString();
    const business = await services.settings.getBusiness();
    const name = `partner-statement-${statement.partner.id}-${statement.from}-${statement.to}`;
    if (format === 'pdf') {
      const bytes = await renderStatementPdf(statement, business, generatedAt);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(bytes);
    }
    const bytes = await statementWorkbook(statement, business.tradeName ?? business.name, generatedAt);
    return reply.type(XLSX).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(bytes);
  }

  app.get(
    '/api/v1/payouts',
    {
      config: { access: 'payouts.read' },
      schema: {
        tags,
        summary: 'Payouts to partners, newest first; filter by partner and date range',
        querystring: PayoutListQuery,
        response: { 200: PayoutPage },
      },
    },
    async (request) => partners.listPayouts(request.query),
  );

  app.post(
    '/api/v1/payouts',
    {
      config: { access: 'payouts.manage' },
      schema: {
        tags,
        summary:
          'Record a payout to a partner, allocated by hand or to approved settlements oldest first ' +
          '(409 OVER_ALLOCATION above the balance owed)',
        body: CreatePayoutInput,
        response: { 201: Payout },
      },
    },
    async (request, reply) => reply.code(201).send(await partners.createPayout(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/payouts/:id',
    {
      config: { access: 'payouts.read' },
      schema: { tags, summary: 'One payout with its allocations', params: IdParams, response: { 200: Payout } },
    },
    async (request) => partners.getPayout(request.params.id),
  );

  app.get(
    '/api/v1/partners/balances',
    {
      config: { access: 'payouts.read' },
      schema: {
        tags,
        summary: 'Balance owed to each partner (approved shares − payouts) and the share pending approval',
        querystring: PartnerBalanceQuery,
        response: { 200: PartnerBalancePage },
      },
    },
    async (request) => partners.balances(request.query),
  );

  app.get(
    '/api/v1/partners/:id/statement',
    {
      config: { access: 'payouts.read' },
      schema: {
        tags,
        summary: 'Partner statement for a period (format=json|pdf|xlsx): opening, settlements, payouts, closing',
        params: IdParams,
        querystring: StatementQuery,
      },
    },
    async (request, reply) =>
      sendStatement(
        reply,
        await partners.statement(request.params.id, request.query.from, request.query.to),
        request.query.format,
      ),
  );

  // ---- partner portal: every route resolves the partner from the caller, never from the request.

  app.get(
    '/api/v1/portal/summary',
    {
      config: { access: 'portal.read' },
      schema: {
        tags: ['portal'],
        summary: "The partner's order counts, balance owed, pending share and total paid out",
        response: { 200: PortalSummary },
      },
    },
    async (request) => partners.portal.summary(request.ctx),
  );

  app.get(
    '/api/v1/portal/orders',
    {
      config: { access: 'portal.read' },
      schema: {
        tags: ['portal'],
        summary: "The partner's own orders, newest first; q = number or title, stage filter",
        querystring: PortalOrderQuery,
        response: { 200: PortalOrderPage },
      },
    },
    async (request) => partners.portal.listOrders(request.ctx, request.query),
  );

  app.get(
    '/api/v1/portal/orders/:id',
    {
      config: { access: 'portal.read' },
      schema: {
        tags: ['portal'],
        summary: "One of the partner's orders (404 for anyone else's)",
        params: IdParams,
        response: { 200: PortalOrder },
      },
    },
    async (request) => partners.portal.getOrder(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/portal/settlements',
    {
      config: { access: 'portal.read' },
      schema: {
        tags: ['portal'],
        summary: "The partner's settlement entries (settlements and adjustments), newest first",
        querystring: SettlementListQuery,
        response: { 200: SettlementPage },
      },
    },
    async (request) => partners.portal.listSettlements(request.ctx, request.query),
  );

  app.get(
    '/api/v1/portal/payouts',
    {
      config: { access: 'portal.read' },
      schema: {
        tags: ['portal'],
        summary: 'Payouts made to the partner, newest first',
        querystring: PayoutListQuery,
        response: { 200: PayoutPage },
      },
    },
    async (request) => partners.portal.listPayouts(request.ctx, request.query),
  );

  app.get(
    '/api/v1/portal/statement',
    {
      config: { access: 'portal.read' },
      schema: {
        tags: ['portal'],
        summary: "The partner's own statement for a period (format=json|pdf|xlsx)",
        querystring: StatementQuery,
      },
    },
    async (request, reply) =>
      sendStatement(
        reply,
        await partners.portal.statement(request.ctx, request.query.from, request.query.to),
        request.query.format,
      ),
  );
}
