import { sql } from 'kysely';
import { Health } from '@bizdash/contracts/health';
import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

export function registerHealthRoutes(app: Api, { database }: Services, version: string) {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: Health } },
    },
    async () => {
      await sql`select 1`.execute(database.db);
      return { status: 'ok' as const, db: database.dialect, version };
    },
  );
}
