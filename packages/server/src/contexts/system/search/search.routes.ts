import { SearchQuery, SearchResult } from '@bizdash/contracts/search';
import type { Api } from '../../../platform/http/route-config';
import type { SearchService } from './search.service';

export function registerSearchRoutes(app: Api, { search }: { search: SearchService }) {
  app.get(
    '/api/v1/search',
    {
      // Each source checks the caller's own permission; a role sees only what it may read.
      config: { access: 'authenticated' },
      schema: {
        tags: ['search'],
        summary: 'Global search (Ctrl+K) across parties, orders, invoices, companies and items',
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    async (request) => search.search(request.ctx, request.query),
  );
}
