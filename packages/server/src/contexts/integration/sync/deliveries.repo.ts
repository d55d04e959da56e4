import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { WebhookDeliveriesTable } from './sync.tables';

/** A page of a target's webhook delivery log, newest first. */
export async function listDeliveriesPage(
  executor: Executor,
  targetId: number,
  query: { page: number; pageSize: number },
) {
  const base = executor.selectFrom('webhook_deliveries').where('target_id', '=', targetId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

/** A delivery of the target, with the event it carried. */
export function findDelivery(executor: Executor, targetId: number, deliveryId: number) {
  return executor
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_id'])
    .where('id', '=', deliveryId)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
}

/** How many times an event has been sent to a target so far. */
export async function countAttempts(executor: Executor, targetId: number, eventId: number): Promise<number> {
  const previous = await executor
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target_id', '=', targetId)
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(previous.n);
}

export async function insertDelivery(
  executor: Executor,
  row: Omit<Insertable<WebhookDeliveriesTable>, 'id'>,
): Promise<void> {
  await executor.insertInto('webhook_deliveries').values(row).execute();
}
