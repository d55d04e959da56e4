import type { OrderDetail } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { allowedTargets, isReopen, suggestTransition } from '@bizdash/domain/orders/lifecycle';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Database, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { documentsOfOrders } from '../order-money/order-billing';
import { actorCan } from './order-support';
import { loadStageConfig, type StageConfig } from './order-stages';
import { completenessFromRow, toOrder, type OrderDocumentRef } from './order-view';
import type { OrderViewRow } from './orders-query.repo';
import type { OrdersRepo } from './orders.repo';

export interface OrderDetailsDeps {
  database: Database;
  /** Business time: due dates and overdue are judged by today's date. */
  calendar: BusinessCalendar;
  repo: OrdersRepo;
}

/** How the order use cases read today, their view options and an order's detail answer. */
export function makeOrderDetails({ database, calendar, repo }: OrderDetailsDeps) {
  async function today(executor: Executor = database.db) {
    const { timeZone, today: date } = await calendar.current(executor);
    return { timeZone, today: date };
  }

  function viewOptions(ctx: RequestContext, stageConfig: StageConfig, todayDate: string) {
    return { stages: stageConfig, today: todayDate, canSeeMoney: actorCan(ctx, 'money.read') };
  }

  function detailOf(
    ctx: RequestContext,
    row: OrderViewRow,
    config: StageConfig,
    todayDate: string,
    documents: readonly OrderDocumentRef[],
  ): OrderDetail {
    const order = toOrder(row, viewOptions(ctx, config, todayDate), documents);
    const stage = order.stage.code;
    const suggestion = suggestTransition(stage, completenessFromRow(row), config.disabled);
    const canReopen = actorCan(ctx, 'orders.reopen');
    return {
      ...order,
      allowedTransitions: allowedTargets(stage, config.disabled)
        .filter((to) => canReopen || !isReopen(stage, to))
        .map((to) => ({ to, label: config.labels[to], isReopen: isReopen(stage, to) })),
      suggestedTransition: suggestion
        ? {
            to: suggestion.to,
            label: config.labels[suggestion.to],
            reason: suggestion.reason,
            message:
              suggestion.reason === 'all_documents_accepted'
                ? `Every required document is accepted: move to ${config.labels[suggestion.to]}?`
                : `Every required document is received: move to ${config.labels[suggestion.to]}?`,
          }
        : null,
    };
  }

  /** Reads an order as its detail answer (inside a transaction when given one). */
  async function loadDetail(ctx: RequestContext, executor: Executor, id: number): Promise<OrderDetail> {
    const row = await repo.findView(executor, id);
    if (!row) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    const [config, t] = await Promise.all([loadStageConfig(executor), today(executor)]);
    const documents = await documentsOfOrders(executor, [id]);
    return detailOf(ctx, row, config, t.today, documents.get(id) ?? []);
  }

  return { today, viewOptions, loadDetail };
}

export type OrderDetails = ReturnType<typeof makeOrderDetails>;
