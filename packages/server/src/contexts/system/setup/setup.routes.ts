import { SetupInput, SetupResult, SetupStatus } from '@bizdash/contracts/auth';
import type { Api } from '../../../platform/http/route-config';
import type { SetupService } from './setup.service';

export function registerSetupRoutes(app: Api, { setup }: { setup: SetupService }) {
  app.get(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: { tags: ['setup'], summary: 'Whether first-run setup is still needed', response: { 200: SetupStatus } },
    },
    async () => ({ needsSetup: await setup.needsSetup(), businessName: await setup.businessName() }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Create the business and its owner; accepted only while no user exists',
        body: SetupInput,
        response: { 201: SetupResult },
      },
    },
    async (request, reply) => {
      const result = await setup.run(request.ctx, request.body);
      return reply.code(201).send(result);
    },
  );
}
