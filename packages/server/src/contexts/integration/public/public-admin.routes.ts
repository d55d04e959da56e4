import { IdParams } from '@bizdash/contracts/common';
import {
  CreatedPublicLink,
  CreatePublicLinkInput,
  LeadPage,
  ListLeadsQuery,
  PublicLink,
  PublicLinkList,
  PublicLinkParams,
} from '@bizdash/contracts/public';
import type { Api } from '../../../platform/http/route-config';
import type { PublicService } from './public.service';

/** Staff side of the public surface, on the admin listener: leads, and the links staff hand to clients. */
export function registerPublicAdminRoutes(app: Api, services: { public: PublicService }) {
  const { public: publicSurface } = services;

  app.get(
    '/api/v1/leads',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['leads'],
        summary: 'Contact-form leads, newest first; search by name, email or phone',
        querystring: ListLeadsQuery,
        response: { 200: LeadPage },
      },
    },
    async (request) => publicSurface.listLeads(request.query),
  );

  // ---- upload links
  app.post(
    '/api/v1/orders/:id/upload-links',
    {
      config: { access: 'orders.write' },
      schema: {
        tags: ['orders'],
        summary: "Make an expiring link through which the client uploads the order's pending documents",
        description: 'The answer carries the token; it is shown this once and stored only as a hash.',
        params: IdParams,
        body: CreatePublicLinkInput,
        response: { 201: CreatedPublicLink },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await publicSurface.createUploadLink(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orders/:id/upload-links',
    {
      config: { access: 'orders.read' },
      schema: {
        tags: ['orders'],
        summary: "The order's upload links with their state (never their tokens)",
        params: IdParams,
        response: { 200: PublicLinkList },
      },
    },
    async (request) => publicSurface.listUploadLinks(request.params.id),
  );

  app.delete(
    '/api/v1/orders/:id/upload-links/:linkId',
    {
      config: { access: 'orders.write' },
      schema: {
        tags: ['orders'],
        summary: 'Revoke an upload link; it stops working at once',
        params: PublicLinkParams,
        response: { 200: PublicLink },
      },
    },
    async (request) => publicSurface.revokeUploadLink(request.ctx, request.params.id, request.params.linkId),
  );

  // ---- invoice view links
  app.post(
    '/api/v1/invoices/:id/view-links',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags: ['invoices'],
        summary: "Make an expiring link through which the client views and downloads the invoice's PDF",
        params: IdParams,
        body: CreatePublicLinkInput,
        response: { 201: CreatedPublicLink },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await publicSurface.createInvoiceViewLink(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/invoices/:id/view-links',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags: ['invoices'],
        summary: "The invoice's view links with their state",
        params: IdParams,
        response: { 200: PublicLinkList },
      },
    },
    async (request) => publicSurface.listInvoiceViewLinks(request.params.id),
  );

  app.delete(
    '/api/v1/invoices/:id/view-links/:linkId',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags: ['invoices'],
        summary: 'Revoke an invoice view link',
        params: PublicLinkParams,
        response: { 200: PublicLink },
      },
    },
    async (request) => publicSurface.revokeInvoiceViewLink(request.ctx, request.params.id, request.params.linkId),
  );
}
