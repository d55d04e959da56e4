import { Ok, PageQuery } from '@bizdash/contracts/common';
import {
  CreateSyncTargetInput,
  DeliveryParams,
  SyncRecordPage,
  SyncRecordQuery,
  SyncTarget,
  SyncTargetList,
  TargetIdParams,
  UpdateSyncTargetInput,
  WebhookDeliveryPage,
} from '@bizdash/contracts/sync';
import type { Api } from '../../../platform/http/route-config';
import type { SyncService } from './sync.service';

/** Settings -> Sync and webhooks: targets, each target's sync log, webhook deliveries and replay. */
export function registerSyncRoutes(app: Api, services: { sync: SyncService }) {
  const { sync } = services;
  const tags = ['sync'];
  const config = { access: 'jobs.manage' as const };

  app.get(
    '/api/v1/sync/targets',
    { config, schema: { tags, summary: 'Sync targets (secrets never returned)', response: { 200: SyncTargetList } } },
    async () => sync.list(),
  );
  app.post(
    '/api/v1/sync/targets',
    {
      config,
      schema: {
        tags,
        summary: 'Add a webhook, Google Sheets or XLSX target',
        body: CreateSyncTargetInput,
        response: { 201: SyncTarget },
      },
    },
    async (request, reply) => reply.code(201).send(await sync.create(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/sync/targets/:id',
    { config, schema: { tags, summary: 'One sync target', params: TargetIdParams, response: { 200: SyncTarget } } },
    async (request) => sync.get(request.params.id),
  );
  app.patch(
    '/api/v1/sync/targets/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Change a target; config fields left out (secrets included) keep their values',
        params: TargetIdParams,
        body: UpdateSyncTargetInput,
        response: { 200: SyncTarget },
      },
    },
    async (request) => sync.update(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/sync/targets/:id',
    {
      config,
      schema: { tags, summary: 'Remove a target with its sync log', params: TargetIdParams, response: { 200: Ok } },
    },
    async (request) => {
      await sync.remove(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/v1/sync/targets/:id/records',
    {
      config,
      schema: {
        tags,
        summary: "The target's sync log: each record, its state, last error and attempts",
        params: TargetIdParams,
        querystring: SyncRecordQuery,
        response: { 200: SyncRecordPage },
      },
    },
    async (request) => sync.records(request.params.id, request.query),
  );
  app.get(
    '/api/v1/sync/targets/:id/deliveries',
    {
      config,
      schema: {
        tags,
        summary: 'Webhook delivery log, newest first',
        params: TargetIdParams,
        querystring: PageQuery,
        response: { 200: WebhookDeliveryPage },
      },
    },
    async (request) => sync.deliveries(request.params.id, request.query),
  );
  app.post(
    '/api/v1/sync/targets/:id/deliveries/:deliveryId/replay',
    {
      config,
      schema: {
        tags,
        summary: "Send a delivery's event again (queued)",
        params: DeliveryParams,
        response: { 202: Ok },
      },
    },
    async (request, reply) => {
      await sync.replay(request.ctx, request.params.id, request.params.deliveryId);
      return reply.code(202).send({ ok: true as const });
    },
  );
}
