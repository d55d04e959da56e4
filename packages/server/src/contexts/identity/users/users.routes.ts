import { z } from 'zod';
import { IdParams } from '@bizdash/contracts/common';
import {
  CreateUserInput,
  ListUsersQuery,
  ResetPasswordInput,
  UpdateUserInput,
  User,
  UserPage,
} from '@bizdash/contracts/users';
import type { Api } from '../../../platform/http/route-config';
import type { UsersService } from './users.service';

export function registerUserRoutes(app: Api, { users }: { users: UsersService }) {
  app.get(
    '/api/v1/users',
    {
      config: { access: 'users.read' },
      schema: { tags: ['users'], summary: 'List users', querystring: ListUsersQuery, response: { 200: UserPage } },
    },
    async (request) => users.list(request.query),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], summary: 'Create a user', body: CreateUserInput, response: { 201: User } },
    },
    async (request, reply) => reply.code(201).send(await users.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'users.read' },
      schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User } },
    },
    async (request) => users.get(request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Rename, change role, disable or enable a user (disabling ends their sessions)',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: User },
      },
    },
    async (request) => users.update(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: "Set a new password for a user (ends the user's sessions)",
        params: IdParams,
        body: ResetPasswordInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await users.resetPassword(request.ctx, request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );
}
