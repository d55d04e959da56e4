import { GstinCheck, GstinParams } from '@bizdash/contracts/gstin';
import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

export function registerGstinRoutes(app: Api, { gstin }: Services) {
  app.get(
    '/api/v1/gstin/:gstin',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['parties'],
        summary: 'Validate a GSTIN and, when a lookup provider is configured, fill its registered details',
        params: GstinParams,
        response: { 200: GstinCheck },
      },
    },
    async (request) => gstin.check(request.params.gstin),
  );
}
