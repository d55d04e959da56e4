import type { BoardQuery, StageCode } from '@bizdash/contracts/orders';
import { addDays, startOfLocalDay } from '@bizdash/domain/orders/calendar';
import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { applyOrderSort, orderTerms, TERMINAL, viewsOf, whereOrders, type FilterContext } from './orders-query.repo';

/** The board's columns: per stage its total, the closed orders outside the window, and the first cards. */
export async function boardOrders(
  executor: Executor,
  query: BoardQuery,
  fc: FilterContext,
  stages: readonly StageCode[],
) {
  // An unfiltered board reads the kept stage counts instead of grouping every order; the closed-within window is
  // applied per closed column below, so it never forces a GROUP BY over the whole history.
  const counts =
    orderTerms(query, fc, 'count').length === 0
      ? await executor.selectFrom('order_stage_counts').select(['stage_code', 'total']).execute()
      : await whereOrders(executor.selectFrom('orders'), query, fc, 'count')
          .select(['orders.stage_code', (eb) => eb.fn.countAll<number>().as('total')])
          .groupBy('orders.stage_code')
          .execute();
  const totals = new Map(counts.map((c) => [c.stage_code, Number(c.total)]));
  const direction = query.sort === 'createdAt' || query.sort === 'priority' ? 'desc' : 'asc';
  // Closed on or after the start of the local day N-1 days ago: "the last 30 days" includes today.
  const closedSince =
    query.closedWithinDays === undefined
      ? null
      : startOfLocalDay(addDays(fc.today, 1 - query.closedWithinDays), fc.timeZone);
  const columns = [];
  for (const stage of stages) {
    const windowed = closedSince !== null && TERMINAL.includes(stage);
    // stage_code = ? and closed_at >= ? is a range of orders_closed_report_idx (stage_code, closed_at).
    const inStage = <O>(qb: SelectQueryBuilder<DB, 'orders', O>) => {
      const q = whereOrders(qb, { ...query, stage }, fc);
      return windowed ? q.where('orders.closed_at', '>=', closedSince) : q;
    };
    const allTotal = totals.get(stage) ?? 0;
    const total =
      windowed && allTotal > 0
        ? Number(
            (
              await inStage(executor.selectFrom('orders'))
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        : allTotal;
    const ids =
      total === 0
        ? []
        : await applyOrderSort(inStage(executor.selectFrom('orders').select('orders.id')), query.sort, direction)
            .limit(query.perStage)
            .execute();
    columns.push({
      stage,
      total,
      hiddenClosed: allTotal - total,
      rows: await viewsOf(
        executor,
        ids.map((r) => r.id),
      ),
    });
  }
  return columns;
}
