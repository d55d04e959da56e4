import { GstinCheck, GstinParams } from '@bizdash/contracts/gstin';
import type { Api } from '../../../platform/http/route-config';
import type { GstinService } from './gstin.service';

export function registerGstinRoutes(app: Api, { gstin }: { gstin: GstinService }) {
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
