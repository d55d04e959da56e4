import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Action } from '@bizdash/domain/permissions';
import type { RequestContext } from '../request-context';

/**
 * What a route requires: an action from the permissions table, `authenticated` (any signed-in user or key),
 * or `public` (no credentials at all). Every /api route must declare one; start-up fails otherwise.
 */
export type RouteAccess = Action | 'authenticated' | 'public';

export interface RouteInfo {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** The declared response schemas by status code (zod), for the field-visibility checks. */
  response?: unknown;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    /** Every route as registered, with its declared access: for the route audit test and diagnostics. */
    routeTable: readonly RouteInfo[];
  }
}

/** Routes outside the declared API that plugins own: the API docs and the static web app. */
export function isUndeclaredSurface(url: string): boolean {
  return url.startsWith('/api/docs') || !url.startsWith('/api');
}

/** The Fastify instance routes are registered on, typed by the zod contracts. */
export type Api = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;
