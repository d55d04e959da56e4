import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ChangePasswordInput,
  LoginInput,
  LoginResult,
  Me,
  SessionResult,
  TotpCodeInput,
  TotpDisableInput,
  TotpSetupResult,
} from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import type { Api } from '../../../platform/http/route-config';
import type { AuthService, IssuedSession } from './auth.service';

/** The refresh cookie is sent only to the auth routes, never readable by scripts, never sent cross-site. */
export const REFRESH_COOKIE = 'bizdash_rt';
const REFRESH_PATH = '/api/v1/auth';

function setRefreshCookie(request: FastifyRequest, reply: FastifyReply, issued: IssuedSession) {
  reply.setCookie(REFRESH_COOKIE, issued.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: REFRESH_PATH,
    expires: issued.refreshExpiresAt,
  });
}

function clearRefreshCookie(reply: FastifyReply) {
  reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_PATH, httpOnly: true, sameSite: 'strict' });
}

function publicPart(issued: IssuedSession) {
  return { accessToken: issued.accessToken, expiresIn: issued.expiresIn, user: issued.user };
}

export function registerAuthRoutes(app: Api, { auth }: { auth: AuthService }) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password (and TOTP code when enabled)',
        security: [],
        body: LoginInput,
        response: { 200: LoginResult },
      },
    },
    async (request, reply) => {
      const issued = await auth.login(request.ctx, request.body, request.headers['user-agent'] ?? null);
      setRefreshCookie(request, reply, issued);
      return publicPart(issued);
    },
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh cookie and get a new access token',
        security: [],
        response: { 200: LoginResult },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (!token) throw new AppError('REFRESH_TOKEN_INVALID', 'Please log in');
      try {
        const issued = await auth.refresh(request.ctx, token);
        setRefreshCookie(request, reply, issued);
        return publicPart(issued);
      } catch (error) {
        clearRefreshCookie(reply);
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Resume the session: a new access token if the refresh cookie is good, else authenticated: false',
        description:
          'For page load. Rotates the refresh cookie exactly as /auth/refresh does (reuse still ends the session), ' +
          'but answers 200 when there is no session, so a signed-out visit logs no error.',
        security: [],
        response: { 200: SessionResult },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (!token) return { authenticated: false as const };
      try {
        const issued = await auth.refresh(request.ctx, token);
        setRefreshCookie(request, reply, issued);
        return { authenticated: true as const, ...publicPart(issued) };
      } catch (error) {
        clearRefreshCookie(reply);
        const code = error instanceof AppError ? error.code : undefined;
        if (code === 'REFRESH_TOKEN_INVALID' || code === 'REFRESH_TOKEN_REUSED')
          return { authenticated: false as const };
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'End this session', security: [], response: { 204: z.null() } },
    },
    async (request, reply) => {
      await auth.logout(request.ctx, request.cookies[REFRESH_COOKIE]);
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'The signed-in user and what they may do', response: { 200: Me } },
    },
    async (request) => {
      const { actor } = request.ctx;
      if (actor.type !== 'user' || actor.id === null) throw new AppError('FORBIDDEN', 'API keys have no profile');
      return auth.me(actor.id);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password (other sessions are ended)',
        body: ChangePasswordInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.changePassword(request.ctx, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/totp/setup',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Start two-factor enrolment', response: { 200: TotpSetupResult } },
    },
    async (request) => auth.beginTotpSetup(request.ctx),
  );

  app.post(
    '/api/v1/me/totp/enable',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm enrolment with a code',
        body: TotpCodeInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.enableTotp(request.ctx, request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/totp/disable',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Turn two-factor off (needs the password)',
        body: TotpDisableInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.disableTotp(request.ctx, request.body.password);
      return reply.code(204).send(null);
    },
  );
}
