import { Health } from '@bizdash/contracts/health';
import type { Api } from '../../../platform/http/route-config';
import type { Database } from '../../../platform/db/database';
import { ping } from './health.repo';

export function registerHealthRoutes(app: Api, { database }: { database: Database }, version: string) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: Health } },
    },
    async () => {
      await ping(database.db);
      return { status: 'ok' as const, db: database.dialect, version };
    },
  );
}
