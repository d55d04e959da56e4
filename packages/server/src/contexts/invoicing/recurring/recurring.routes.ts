import { Ok } from '@bizdash/contracts/common';
import {
  ListRecurringProfilesQuery,
  RecurringIdParams,
  RecurringProfileDetail,
  RecurringProfilePage,
  RecurringTickResult,
  SaveRecurringProfileInput,
} from '@bizdash/contracts/recurring';
import type { Api } from '../../../platform/http/route-config';
import type { RecurringService } from './recurring.service';

/** Recurring invoice profiles: the list with next runs, one profile with its run history, and a manual pass. */
export function registerRecurringRoutes(app: Api, { recurring }: { recurring: RecurringService }) {
  const tags = ['recurring invoices'];

  app.get(
    '/api/v1/recurring-invoices',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'Recurring invoice profiles, soonest next run first',
        querystring: ListRecurringProfilesQuery,
        response: { 200: RecurringProfilePage },
      },
    },
    async (request) => recurring.list(request.query),
  );

  app.post(
    '/api/v1/recurring-invoices',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Create a profile (its invoice is checked by the invoice engine now, priced again at each run)',
        body: SaveRecurringProfileInput,
        response: { 201: RecurringProfileDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await recurring.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/recurring-invoices/:id',
    {
      config: { access: 'invoices.read' },
      schema: {
        tags,
        summary: 'One profile with its runs (invoice numbers and status), newest first',
        params: RecurringIdParams,
        response: { 200: RecurringProfileDetail },
      },
    },
    async (request) => recurring.get(request.params.id),
  );

  app.put(
    '/api/v1/recurring-invoices/:id',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Replace a profile; runs already made stay, the next run follows the new schedule',
        params: RecurringIdParams,
        body: SaveRecurringProfileInput,
        response: { 200: RecurringProfileDetail },
      },
    },
    async (request) => recurring.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/recurring-invoices/:id',
    {
      config: { access: 'invoices.write' },
      schema: {
        tags,
        summary: 'Delete a profile and its run history (the invoices it made stay)',
        params: RecurringIdParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await recurring.remove(request.ctx, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/recurring-invoices/run',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags,
        summary: 'Run every due profile now (the daily job does this at 06:00 and on start); each run happens once',
        response: { 200: RecurringTickResult },
      },
    },
    async () => recurring.runDue(),
  );
}
