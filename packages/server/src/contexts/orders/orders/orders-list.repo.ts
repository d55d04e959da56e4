import type { ListOrdersQuery } from '@bizdash/contracts/orders';
import type { Executor } from '../../../platform/db/database';
import { applyOrderSort, orderTerms, TERMINAL, viewsOf, whereOrders, type FilterContext } from './orders-query.repo';

/**
 * The total of a list filtered by stage alone (or by closed alone), from order_stage_counts; null when other
 * filters apply and the list must count its rows.
 */
async function countedTotal(executor: Executor, query: ListOrdersQuery, fc: FilterContext): Promise<number | null> {
  const { stage, closed, ...rest } = query;
  const stages = stage && closed === undefined ? [stage] : !stage && closed === 'true' ? [...TERMINAL] : null;
  if (!stages || orderTerms(rest, fc, 'count').length > 0) return null;
  const row = await executor
    .selectFrom('order_stage_counts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total'), eb.lit(0)).as('total'))
    .where('stage_code', 'in', stages)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** A page of the order list and how many orders match. */
export async function listOrders(executor: Executor, query: ListOrdersQuery, fc: FilterContext) {
  const total =
    (await countedTotal(executor, query, fc)) ??
    Number(
      (
        await whereOrders(executor.selectFrom('orders'), query, fc, 'count')
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow()
      ).total,
    );
  const page = await applyOrderSort(
    whereOrders(executor.selectFrom('orders').select('orders.id'), query, fc),
    query.sort,
    query.order,
  )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    rows: await viewsOf(
      executor,
      page.map((r) => r.id),
    ),
    total,
  };
}
