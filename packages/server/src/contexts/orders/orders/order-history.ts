import type { TimelinePage, TimelineQuery } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import type { Database } from '../../../platform/db/database';
import { loadStageConfig } from './order-stages';
import { pageOfOrderEvents, type OrdersRepo } from './orders.repo';
import { describeEvent } from './timeline';

export interface OrderHistoryDeps {
  database: Database;
  repo: OrdersRepo;
}

/** An order's timeline, a page at a time, with a summary of each entry in the business's stage labels. */
export function makeOrderHistory({ database, repo }: OrderHistoryDeps) {
  return async function history(id: number, query: TimelineQuery): Promise<TimelinePage> {
    const order = await repo.findRow(database.db, id);
    if (!order) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    const config = await loadStageConfig(database.db);
    const { rows, total } = await pageOfOrderEvents(database.db, id, query);
    return {
      items: rows.map((r) => {
        // Written only through recordOrderEvent as a JSON object.
        const payload = JSON.parse(r.payload) as Record<string, unknown>;
        return {
          id: r.id,
          kind: r.kind,
          at: r.at,
          actor: r.actor_name === null && r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '' },
          summary: describeEvent(r.kind, payload, config),
          payload,
        };
      }),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  };
}
