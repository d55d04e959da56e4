import { z } from 'zod';
import { IdParams } from '@bizdash/contracts/common';
import { ApiKeyList, CreateApiKeyInput, CreateApiKeyResult } from '@bizdash/contracts/users';
import type { Api } from '../../../platform/http/route-config';
import type { ApiKeysService } from './api-keys.service';

export function registerApiKeyRoutes(app: Api, { apiKeys }: { apiKeys: ApiKeysService }) {
  app.get(
    '/api/v1/api-keys',
    {
      config: { access: 'api_keys.manage' },
      schema: { tags: ['api-keys'], summary: 'List API keys', response: { 200: ApiKeyList } },
    },
    async () => apiKeys.list(),
  );

  app.post(
    '/api/v1/api-keys',
    {
      config: { access: 'api_keys.manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the token is returned only in this response',
        body: CreateApiKeyInput,
        response: { 201: CreateApiKeyResult },
      },
    },
    async (request, reply) => reply.code(201).send(await apiKeys.create(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      config: { access: 'api_keys.manage' },
      schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: IdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await apiKeys.revoke(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
