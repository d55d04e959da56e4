import { DemoSetupInput, DemoSetupResult } from '@bizdash/contracts/demo';
import type { Api } from '../../../platform/http/route-config';
import { makeDemoService, type DemoServiceDeps } from './demo.service';

/** First run with a demo firm (the "Load a demo firm" button); public only while setup is not done. */
export function registerDemoRoutes(app: Api, services: DemoServiceDeps) {
  const demo = makeDemoService(services);
  app.post(
    '/api/v1/setup/demo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Set up with a demo firm (a year of orders, invoices, payments); accepted only while no user exists',
        body: DemoSetupInput,
        response: { 201: DemoSetupResult },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await demo.load(request.body, { requestId: request.id, ip: request.ip })),
  );
}
