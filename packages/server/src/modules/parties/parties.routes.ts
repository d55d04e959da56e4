import { IdParams } from '@bizdash/contracts/common';
import {
  CreatePartyInput,
  DuplicateCheckQuery,
  DuplicateCheckResult,
  ListPartiesQuery,
  Party,
  PartyPage,
  PartyWithWarnings,
  UpdatePartyInput,
} from '@bizdash/contracts/parties';
import type { Api } from '../../http/route-config';
import type { Services } from '../../services';
import { registerGstinRoutes } from '../gstin/gstin.routes';

/** Parties and the GSTIN check their forms use. */
export function registerPartyRoutes(app: Api, services: Services) {
  const { parties } = services;
  registerGstinRoutes(app, services);

  app.get(
    '/api/v1/parties',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['parties'],
        summary: 'List parties: filter by role, archived state and tag; typo-tolerant search with q',
        querystring: ListPartiesQuery,
        response: { 200: PartyPage },
      },
    },
    async (request) => parties.list(request.query),
  );

  app.get(
    '/api/v1/parties/duplicates',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['parties'],
        summary: 'Other parties with the same GSTIN, phone or email',
        querystring: DuplicateCheckQuery,
        response: { 200: DuplicateCheckResult },
      },
    },
    async (request) => parties.checkDuplicates(request.query),
  );

  app.post(
    '/api/v1/parties',
    {
      config: { access: 'parties.write' },
      schema: {
        tags: ['parties'],
        summary: 'Create a party; the answer carries non-blocking warnings',
        body: CreatePartyInput,
        response: { 201: PartyWithWarnings },
      },
    },
    async (request, reply) => reply.code(201).send(await parties.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/parties/:id',
    {
      config: { access: 'parties.read' },
      schema: { tags: ['parties'], summary: 'One party', params: IdParams, response: { 200: Party } },
    },
    async (request) => parties.get(request.params.id),
  );

  app.patch(
    '/api/v1/parties/:id',
    {
      config: { access: 'parties.write' },
      schema: {
        tags: ['parties'],
        summary: 'Change a party; null clears a field; the answer carries non-blocking warnings',
        params: IdParams,
        body: UpdatePartyInput,
        response: { 200: PartyWithWarnings },
      },
    },
    async (request) => parties.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/parties/:id',
    {
      config: { access: 'parties.write' },
      schema: {
        tags: ['parties'],
        summary: 'Archive a party (409 IN_USE while orders or invoices use it)',
        params: IdParams,
        response: { 200: Party },
      },
    },
    async (request) => parties.archive(request.ctx, request.params.id),
  );
}
