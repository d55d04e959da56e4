import { randomUUID } from 'node:crypto';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { strictValidatorCompiler } from './strict-validator';
import { AppError, isAppError } from '@bizdash/domain/errors';
import type { Problem } from '@bizdash/contracts/common';
import type { TrustProxy } from '../env';
import type { Services } from '../services';
import { anonymousContext } from '../platform/request-context';
import { errorPage } from '../contexts/integration/public/public-pages';
import {
  registerPublicRoutes,
  wantsHtml,
  type PublicRoutesOptions,
} from '../contexts/integration/public/public.routes';
import { registerSalesDocumentPublicRoutes } from '../contexts/invoicing/sales-documents/sales-documents.public-routes';
import { makeSharedRateLimitStore } from '../contexts/integration/public/shared-rate-limit-store';
import { fastifyTrustProxy } from './app';
import { buildProblem } from './problem';
import type { RouteInfo } from '../platform/http/route-config';

export interface PublicAppOptions {
  services: Services;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: TrustProxy;
  /** Contact form submissions per IP; default 5 per 10 minutes. */
  contactRateLimit?: PublicRoutesOptions['contactRateLimit'];
}

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Link tokens are secrets: request logs show "/public/upload/[token]" instead. */
export function redactLinkTokens(url: string): string {
  return url.replace(/\/public\/(upload|invoice)\/[^/?#]+/g, '/public/$1/[token]');
}

function withTokenRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger || typeof logger !== 'object') return logger ?? false;
  return {
    ...logger,
    serializers: {
      ...logger.serializers,
      req: (req: { method?: string; url?: string; hostname?: string; ip?: string }) => ({
        method: req.method,
        url: redactLinkTokens(req.url ?? ''),
        host: req.hostname,
        remoteAddress: req.ip,
      }),
    },
  };
}

/**
 * The public listener (PUBLIC_PORT): a second Fastify instance that has only the public routes. The admin API is
 * not hidden here, it is absent: this instance never registers a /api route, so every one answers 404, and the
 * admin listener can stay on a private address (HOST) while this one faces the internet.
 */
export async function buildPublicApp(options: PublicAppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const app = Fastify({
    logger: withTokenRedaction(options.logger),
    trustProxy: fastifyTrustProxy(options.trustProxy),
    // JSON and form bodies here are a contact message at most; files arrive as multipart streams, metered apart.
    bodyLimit: 64 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(strictValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routeTable.push({ method: String(method), url: route.url, access: route.config?.access });
    // Plugins register no routes here; a route that is not public would be a mistake, so refuse to start.
    if (route.url.startsWith('/api') || route.config?.access !== 'public') {
      throw new Error(`The public app takes only public routes, not ${String(route.method)} ${route.url}`);
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        // The pages are plain HTML forms: no script runs at all.
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
    // Link tokens are in the address: never send it on to another site.
    referrerPolicy: { policy: 'no-referrer' },
  });

  await app.register(fastifyRateLimit, {
    global: false,
    // Counted in the database, not per process: several servers behind one proxy share each client's limit.
    store: makeSharedRateLimitStore(services.database, services.clock),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError('TOO_MANY_ATTEMPTS', `Too many requests; try again in ${seconds} seconds`, {
        retryAfterSeconds: seconds,
      });
    },
  });
  await app.register(fastifyMultipart);

  // Plain HTML forms post application/x-www-form-urlencoded; read it into an object for the zod schema.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.addHook('onRequest', async (request) => {
    request.ctx = anonymousContext(request.id, request.ip);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/public/assets/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const instance = request.url.split('?')[0];
    const base = { instance, requestId: request.id };
    if (isAppError(error)) {
      const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return sendProblem(
        request,
        reply,
        buildProblem(error.code, error.message, {
          ...base,
          ...(field ? { errors: [{ field, message: error.message }] } : {}),
        }),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((issue) => {
        const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || where;
        return { field, message: `${field} ${issue.message}`.trim() };
      });
      const detail = errors.map((e) => e.message).join('; ');
      return sendProblem(request, reply, buildProblem('VALIDATION_FAILED', detail, { ...base, errors }));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendProblem(request, reply, buildProblem('PAYLOAD_TOO_LARGE', 'The request body is too large', base));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(
        request,
        reply,
        buildProblem('UNSUPPORTED_MEDIA_TYPE', 'Send JSON or a form (application/x-www-form-urlencoded)', base),
      );
    }
    if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error.statusCode === 400 && error instanceof SyntaxError)
    ) {
      return sendProblem(request, reply, buildProblem('VALIDATION_FAILED', 'The request body is not valid JSON', base));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      buildProblem('INTERNAL', 'Something went wrong; the error has been logged', base),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    return sendProblem(
      request,
      reply,
      buildProblem('ROUTE_NOT_FOUND', `No route ${request.method} ${url}`, { instance: url, requestId: request.id }),
    );
  });

  const { settings, orders, salesDocuments, database } = services;
  registerPublicRoutes(
    app.withTypeProvider<ZodTypeProvider>(),
    { public: services.public, settings, orders, calendar: services.calendar },
    {
      contactRateLimit: options.contactRateLimit ?? { max: 5, timeWindowMs: 10 * 60 * 1000 },
    },
  );
  registerSalesDocumentPublicRoutes(app.withTypeProvider<ZodTypeProvider>(), { salesDocuments, database });
  return app;
}

/** problem+json, as on the admin listener; a browser opening a page gets the same status as a small HTML page. */
function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  reply.code(problem.status);
  if (wantsHtml(request) && !request.url.startsWith('/api')) {
    return reply.type('text/html; charset=utf-8').send(errorPage(problem.status, problem.title, problem.detail));
  }
  return reply.type('application/problem+json').send(problem);
}
