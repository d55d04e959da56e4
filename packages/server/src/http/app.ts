import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { strictValidatorCompiler } from './strict-validator';
import { isAppError } from '@bizdash/domain/errors';
import type { Problem } from '@bizdash/contracts/common';
import type { TrustProxy } from '../env';
import type { Services } from '../services';
import { makeAuthGuard } from './auth-guard';
import { dropUnreadableInput, hideUnreadableFields } from './field-visibility';
import { buildProblem } from './problem';
import { isUndeclaredSurface, type RouteInfo } from '../platform/http/route-config';
import { registerHealthRoutes } from '../contexts/system/health/health.routes';
import { registerSetupRoutes } from '../contexts/system/setup/setup.routes';
import { registerDemoRoutes } from '../contexts/system/demo/demo.routes';
import { registerAuthRoutes } from '../contexts/identity/auth/auth.routes';
import { registerUserRoutes } from '../contexts/identity/users/users.routes';
import { registerApiKeyRoutes } from '../contexts/identity/api-keys/api-keys.routes';
import { registerAuditRoutes } from '../contexts/system/audit/audit.routes';
import { registerMastersRoutes } from '../contexts/parties/masters/masters.routes';
import { registerSettingsRoutes } from '../contexts/parties/settings/settings.routes';
import { registerPartyRoutes } from '../contexts/parties/parties/parties.routes';
import { registerImportRoutes } from '../contexts/parties/imports/imports.routes';
import { registerSearchRoutes } from '../contexts/system/search/search.routes';
import { registerOrderRoutes } from '../contexts/orders/orders/orders.routes';
import { registerInvoiceRoutes } from '../contexts/invoicing/invoices/invoices.routes';
import { registerInvoiceDocumentRoutes } from '../contexts/invoicing/invoices/invoice-documents.routes';
import { registerEwayBillRoutes } from '../contexts/invoicing/invoices/ewaybill/ewaybill.routes';
import { registerInvoiceBulkRoutes } from '../contexts/invoicing/invoices/invoices-bulk.routes';
import { registerRecurringRoutes } from '../contexts/invoicing/recurring/recurring.routes';
import { registerReturnsRoutes } from '../contexts/invoicing/returns/returns.routes';
import { registerPaymentRoutes } from '../contexts/invoicing/payments/payments.routes';
import { registerSalesDocumentRoutes } from '../contexts/invoicing/sales-documents/sales-documents.routes';
import { registerOrderMoneyRoutes } from '../contexts/orders/order-money/order-money.routes';
import { registerPartnerRoutes } from '../contexts/partners/partners/partners.routes';
import { registerJobRoutes } from '../contexts/integration/jobs/jobs.routes';
import { registerSyncRoutes } from '../contexts/integration/sync/sync.routes';
import { registerEmailRoutes } from '../contexts/integration/email/email.routes';
import { registerBackupRoutes } from '../contexts/system/backup/backup.routes';
import { registerReportRoutes } from '../contexts/analytics/reports/reports.routes';
import { registerDashboardRoutes } from '../contexts/analytics/dashboard/dashboard.routes';
import { registerPublicAdminRoutes } from '../contexts/integration/public/public-admin.routes';
import { registerAccountRoutes } from '../contexts/ledger/accounts/accounts.routes';

export interface AppOptions {
  services: Services;
  version: string;
  /** The built web app; when missing (tests, API-only runs) only the API is served. */
  webDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** TRUST_PROXY: a hop count or the proxies' addresses; never `true`, which believes any client's X-Forwarded-For. */
  trustProxy?: TrustProxy;
  /** BIZDASH_PUBLIC_API_DOCS: serve /api/docs and /api/openapi.json without a login. */
  publicApiDocs?: boolean;
}

/** Sent over HTTPS only (a browser ignores it over HTTP): a year, without subdomains the business may serve over HTTP. */
const HSTS = 'max-age=31536000';
/** The app uses none of these browser features; deny them to any script or frame that might try. */
const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), interest-cohort=()';

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * TRUST_PROXY as Fastify's trustProxy. Fastify 5 deliberately trusts nothing for a bare number, so a hop count
 * becomes proxy-addr's own rule: the socket peer and the next `hops - 1` X-Forwarded-For entries (counted from the
 * right) are proxies; the entry after them is the client, whatever a client wrote further left.
 */
export function fastifyTrustProxy(trust: TrustProxy | undefined): FastifyServerOptions['trustProxy'] {
  if (typeof trust === 'number') return trust > 0 ? (_address: string, hop: number) => hop < trust : false;
  return trust ?? false;
}

/** Builds the HTTP app: plugins, security headers, the auth guard, error mapping, OpenAPI, routes and the web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(strictValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every API route must say who may call it. Fail at start-up, not in production traffic.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routeTable.push({
        method: String(method),
        url: route.url,
        access: route.config?.access,
        response: route.schema?.response,
      });
    if (isUndeclaredSurface(route.url)) return;
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes style attributes and a <style> tag at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'", 'blob:'],
        // The installable app: its service worker (/sw.js) and web manifest, both same-origin.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  });

  // Uploads are read as streams by the routes that take them, each passing its own size limit.
  await app.register(fastifyMultipart);

  app.addHook('onRequest', makeAuthGuard(services.auth, { publicApiDocs: options.publicApiDocs ?? false }));
  // Field-level visibility: what a role may call is the guard's; which fields it then sees is decided here.
  app.addHook('preSerialization', hideUnreadableFields);
  app.addHook('preHandler', dropUnreadableInput);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // request.protocol is https only on a TLS socket or when a trusted proxy (TRUST_PROXY) says so.
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const instance = request.url.split('?')[0];
    const base = { instance, requestId: request.id };
    if (isAppError(error)) {
      const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      const problem = buildProblem(error.code, error.message, {
        ...base,
        ...(field ? { errors: [{ field, message: error.message }] } : {}),
        ...(error.details ? { details: error.details } : {}),
      });
      return sendProblem(reply, problem);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((issue) => {
        const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || where;
        return { field, message: `${field} ${issue.message}`.trim() };
      });
      const detail = errors.map((e) => e.message).join('; ');
      return sendProblem(reply, buildProblem('VALIDATION_FAILED', detail, { ...base, errors }));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(reply, buildProblem('PAYLOAD_TOO_LARGE', 'The request body is too large', base));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(reply, buildProblem('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (application/json)', base));
    }
    if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error.statusCode === 400 && error instanceof SyntaxError)
    ) {
      return sendProblem(reply, buildProblem('VALIDATION_FAILED', 'The request body is not valid JSON', base));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its contract');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendProblem(reply, buildProblem('INTERNAL', 'Something went wrong; the error has been logged', base));
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const wantsWebApp = (request.method === 'GET' || request.method === 'HEAD') && !url.startsWith('/api');
    if (wantsWebApp && options.webDir && existsSync(path.join(options.webDir, 'index.html'))) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendProblem(
      reply,
      buildProblem('ROUTE_NOT_FOUND', `No route ${request.method} ${url}`, { instance: url, requestId: request.id }),
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'BizDash API',
        version: options.version,
        description:
          'Operations and GST invoicing. Amounts are decimal strings in rupees ("1234.50"); dates are yyyy-mm-dd; ' +
          'instants are ISO 8601 UTC. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token from /auth/login, or an API key' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline styles; allow that on the docs pages only (their scripts stay hash-pinned).
    transformStaticCSP: (header) => header.replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
  });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/openapi.json',
    { config: { access: options.publicApiDocs ? 'public' : 'authenticated' }, schema: { hide: true } },
    async () => app.swagger(),
  );
  const { database, clock, audit, settings, invoices, invoicePdf, payments, email, orders } = services;
  // Each module gets only the services its routes use (issue 19): no routes file sees the whole composition root.
  registerHealthRoutes(typed, { database }, options.version);
  registerSetupRoutes(typed, { setup: services.setup });
  registerDemoRoutes(typed, { database, audit, clock, setup: services.setup, users: services.users });
  registerAuthRoutes(typed, { auth: services.auth });
  registerUserRoutes(typed, { users: services.users });
  registerApiKeyRoutes(typed, { apiKeys: services.apiKeys });
  registerAuditRoutes(typed, { auditLog: services.auditLog });
  registerMastersRoutes(typed, { masters: services.masters, clock });
  registerSettingsRoutes(typed, { settings });
  registerPartyRoutes(typed, { parties: services.parties, clock, accounts: services.accounts, gstin: services.gstin });
  registerImportRoutes(typed, { imports: services.imports });
  registerSearchRoutes(typed, { search: services.search });
  registerOrderRoutes(typed, { orders, calendar: services.calendar });
  registerInvoiceRoutes(typed, { invoices, invoiceFromOrder: services.invoiceFromOrder, calendar: services.calendar });
  registerInvoiceDocumentRoutes(typed, { database, audit, invoices, invoicePdf, payments, settings });
  registerEwayBillRoutes(typed, { database, audit, invoices, settings });
  registerInvoiceBulkRoutes(typed, { database, invoices, email, invoicePdf });
  registerRecurringRoutes(typed, { recurring: services.recurring });
  registerReturnsRoutes(typed, { returns: services.returns });
  registerPaymentRoutes(typed, { payments, clock });
  registerSalesDocumentRoutes(typed, { salesDocuments: services.salesDocuments, database, audit, settings });
  registerAccountRoutes(typed, {
    accounts: services.accounts,
    ledgerCheck: services.ledgerCheck,
    tallyExport: services.tallyExport,
    statementFiles: services.statementFiles,
    email,
  });
  registerOrderMoneyRoutes(typed, { orderMoney: services.orderMoney });
  registerPartnerRoutes(typed, { partners: services.partners, clock, settings });
  registerJobRoutes(typed, { jobs: services.jobs });
  registerSyncRoutes(typed, { sync: services.sync });
  registerEmailRoutes(typed, { email });
  registerBackupRoutes(typed, { backups: services.backups });
  registerReportRoutes(typed, { reports: services.reports, clock, calendar: services.calendar, settings });
  registerDashboardRoutes(typed, { dashboard: services.dashboard });
  registerPublicAdminRoutes(typed, { public: services.public });

  if (options.webDir && existsSync(options.webDir)) {
    await app.register(fastifyStatic, {
      root: path.resolve(options.webDir),
      wildcard: false,
      index: ['index.html'],
      // Off, or send's own "public, max-age=0" would replace the header set below.
      cacheControl: false,
      // Hashed assets never change; everything else (index.html, sw.js, the manifest) is revalidated on every
      // load, so a new release and its service worker are picked up at once instead of being cached for good.
      setHeaders: (res, filePath) => {
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  return app;
}

function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
