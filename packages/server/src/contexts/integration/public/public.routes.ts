import type { FastifyReply } from 'fastify';
import {
  ContactInput,
  TokenDocumentParams,
  TokenParams,
  UploadLinkResult,
  UploadLinkView,
} from '@bizdash/contracts/public';
import { z } from 'zod';
import type { Api } from '../../../platform/http/route-config';
import type { OrdersService } from '../../orders/index';
import { readSingleFile } from '../../orders/index';
import type { SettingsService } from '../../parties/index';
import { contactPage, invoicePage, PUBLIC_CSS, uploadPage } from './public-pages';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import { wantsHtml } from '../../../platform/http/public-html';
import type { PublicService } from './public.service';

export interface PublicRoutesDeps {
  public: PublicService;
  settings: Pick<SettingsService, 'getBusiness'>;
  /** Only for the upload size limit. */
  orders: Pick<OrdersService, 'uploadMaxBytes'>;
  /** Expiry dates on the pages are written in business time. */
  calendar: Pick<BusinessCalendar, 'timeZone'>;
}

export interface PublicRoutesOptions {
  /** Contact form submissions allowed per IP per window. */
  contactRateLimit: { max: number; timeWindowMs: number };
}

export { wantsHtml };

function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

const PageQuery = z.object({ sent: z.string().optional() });
const UploadPageQuery = z.object({ uploaded: z.string().max(200).optional() });
const PdfQuery = z.object({ download: z.string().optional() });

/**
 * The routes of the public listener: the contact form, upload links and invoice view links. Nothing here reads data
 * back beyond what a link's token opens. Registered only on the public app (http/public-app.ts).
 */
export function registerPublicRoutes(app: Api, services: PublicRoutesDeps, options: PublicRoutesOptions) {
  const { public: publicSurface } = services;
  const hide = { hide: true };

  async function businessName(): Promise<string> {
    try {
      return (await services.settings.getBusiness()).name;
    } catch {
      return 'us'; // before first-run setup there is no business yet
    }
  }

  app.get('/', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.redirect('/public/contact'),
  );

  app.get('/public/assets/public.css', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PUBLIC_CSS),
  );

  // ---- contact form
  app.get(
    '/public/contact',
    { config: { access: 'public' }, schema: { ...hide, querystring: PageQuery } },
    async (request, reply) =>
      sendPage(reply, contactPage({ businessName: await businessName(), sent: request.query.sent === '1' })),
  );

  app.post(
    '/public/contact',
    {
      config: {
        access: 'public',
        rateLimit: { max: options.contactRateLimit.max, timeWindow: options.contactRateLimit.timeWindowMs },
      },
      schema: { ...hide, body: ContactInput },
    },
    async (request, reply) => {
      // A honeypot hit is answered exactly like a real submission, so a bot learns nothing.
      await publicSurface.submitContact(request.ctx, request.body, { userAgent: request.headers['user-agent'] });
      if (wantsHtml(request)) return reply.redirect('/public/contact?sent=1', 303);
      return reply.code(201).send();
    },
  );

  // ---- upload links
  app.get(
    '/public/upload/:token',
    { config: { access: 'public' }, schema: { ...hide, params: TokenParams, querystring: UploadPageQuery } },
    async (request, reply) => {
      const view = await publicSurface.uploadLinkView(request.params.token);
      if (!wantsHtml(request)) return reply.send(UploadLinkView.parse(view));
      return sendPage(
        reply,
        uploadPage({
          businessName: await businessName(),
          token: request.params.token,
          view,
          uploaded: request.query.uploaded ?? null,
          maxUploadBytes: services.orders.uploadMaxBytes,
          timeZone: await services.calendar.timeZone(),
        }),
      );
    },
  );

  app.post(
    '/public/upload/:token/documents/:docId',
    { config: { access: 'public' }, schema: { ...hide, params: TokenDocumentParams } },
    async (request, reply) => {
      const { token, docId } = request.params;
      const file = await readSingleFile(request, services.orders.uploadMaxBytes);
      const result = await publicSurface.uploadThroughLink(request.ctx, token, docId, file);
      if (wantsHtml(request)) {
        return reply.redirect(`/public/upload/${token}?uploaded=${encodeURIComponent(result.document)}`, 303);
      }
      return reply.code(201).send(UploadLinkResult.parse(result));
    },
  );

  // ---- invoice view links
  app.get(
    '/public/invoice/:token',
    { config: { access: 'public' }, schema: { ...hide, params: TokenParams } },
    async (request, reply) => {
      const { invoice, expiresAt } = await publicSurface.invoiceViewSummary(request.params.token);
      const timeZone = await services.calendar.timeZone();
      return sendPage(reply, invoicePage({ token: request.params.token, invoice, expiresAt, timeZone }));
    },
  );

  app.get(
    '/public/invoice/:token/pdf',
    { config: { access: 'public' }, schema: { ...hide, params: TokenParams, querystring: PdfQuery } },
    async (request, reply) => {
      const { invoice, bytes } = await publicSurface.invoiceViewPdf(request.ctx, request.params.token);
      const name = (invoice.number ?? `invoice-${invoice.id}`).replace(/[^A-Za-z0-9-]+/g, '-');
      const disposition = request.query.download === '1' ? 'attachment' : 'inline';
      return reply
        .type('application/pdf')
        .header('content-disposition', `${disposition}; filename="${name}.pdf"`)
        .send(bytes);
    },
  );
}
