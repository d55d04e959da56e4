import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@bizdash/domain/errors';
import { can } from '@bizdash/domain/permissions';
import type { AuthService } from '../contexts/identity/auth/auth.service';
import { anonymousContext } from '../platform/request-context';
import { isUndeclaredSurface } from '../platform/http/route-config';

/**
 * Runs before the body is parsed: works out who is calling (access token or API key), then checks the route's
 * declared access against the permissions table. Authentication failures are 401, missing permissions 403.
 */
export function makeAuthGuard(
  auth: Pick<AuthService, 'authenticateAccessToken' | 'authenticateApiKey'>,
  options: { publicApiDocs?: boolean } = {},
) {
  return async function authGuard(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    request.ctx = anonymousContext(request.id, request.ip);
    const url = request.routeOptions.url;
    // The Swagger UI plugin's pages declare nothing; they map out the whole API, so they need a login unless the
    // operator opened them (BIZDASH_PUBLIC_API_DOCS).
    const isApiDocs = url !== undefined && url.startsWith('/api/docs');
    const access = isApiDocs && !options.publicApiDocs ? 'authenticated' : request.routeOptions.config.access;
    if (access === undefined) {
      // Unmatched routes (404s) and plugin-owned pages have no declaration; everything under /api/v1 must.
      if (url === undefined || isUndeclaredSurface(url)) return;
      throw new AppError('FORBIDDEN', 'This route declares no access rule');
    }
    if (access === 'public') return;

    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new AppError('UNAUTHENTICATED', 'Log in to continue');
    const actor = token.startsWith('bzk_')
      ? await auth.authenticateApiKey(token, request.ctx)
      : await auth.authenticateAccessToken(token);
    if (!actor || !actor.role) throw new AppError('UNAUTHENTICATED', 'Your session has ended; log in again');
    request.ctx = { ...request.ctx, actor };

    if (access === 'authenticated') return;
    if (!can(actor.role, access)) {
      throw new AppError('FORBIDDEN', 'You do not have permission to do this', { action: access });
    }
  };
}
