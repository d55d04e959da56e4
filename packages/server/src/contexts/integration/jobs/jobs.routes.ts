import { IdParams, Ok } from '@bizdash/contracts/common';
import { Job, JobCounts, JobPage, ListJobsQuery } from '@bizdash/contracts/jobs';
import type { Api } from '../../../platform/http/route-config';
import type { JobsService } from './jobs.service';

/** The Jobs page's API: the durable queue per state, with retry and discard. */
export function registerJobRoutes(app: Api, services: { jobs: JobsService }) {
  const { jobs } = services;
  const tags = ['jobs'];
  const config = { access: 'jobs.manage' as const };

  app.get(
    '/api/v1/jobs',
    {
      config,
      schema: {
        tags,
        summary: 'Jobs in one state (queued, running, failed, dead, done)',
        querystring: ListJobsQuery,
        response: { 200: JobPage },
      },
    },
    async (request) => jobs.list(request.query),
  );
  app.get(
    '/api/v1/jobs/counts',
    { config, schema: { tags, summary: 'How many jobs are in each state', response: { 200: JobCounts } } },
    async () => jobs.counts(),
  );
  app.get(
    '/api/v1/jobs/:id',
    { config, schema: { tags, summary: 'One job', params: IdParams, response: { 200: Job } } },
    async (request) => jobs.get(request.params.id),
  );
  app.post(
    '/api/v1/jobs/:id/retry',
    {
      config,
      schema: {
        tags,
        summary: 'Run a failed or dead job again now (409 otherwise)',
        params: IdParams,
        response: { 200: Job },
      },
    },
    async (request) => jobs.retry(request.ctx, request.params.id),
  );
  app.delete(
    '/api/v1/jobs/:id',
    { config, schema: { tags, summary: 'Discard a job that is not running', params: IdParams, response: { 200: Ok } } },
    async (request) => {
      await jobs.discard(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );
}
