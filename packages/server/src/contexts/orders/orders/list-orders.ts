import type {
  AssigneeList,
  AssigneeQuery,
  Board,
  BoardQuery,
  ListOrdersQuery,
  OrderPage,
} from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { STAGE_CODES, isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { documentsOfOrders } from '../order-money/order-billing';
import type { OrderDetails } from './order-detail';
import { activeStaffUsers } from './order-references.repo';
import { loadStageConfig } from './order-stages';
import { actorCan, actorUserId, assertCalendarDate } from './order-support';
import { toOrder, type OrderDocumentRef } from './order-view';
import type { OrdersRepo } from './orders.repo';

export interface ListOrdersDeps {
  database: Database;
  repo: OrdersRepo;
  details: OrderDetails;
}

/** The order list, the board and the assignee picker. */
export function makeListOrders({ database, repo, details }: ListOrdersDeps) {
  async function list(ctx: RequestContext, query: ListOrdersQuery): Promise<OrderPage> {
    // A filter reveals what the answer hides: a role that may not read payment status may not filter on it.
    if (query.paymentStatus && !actorCan(ctx, 'money.read')) {
      throw new AppError('FORBIDDEN', 'You may not filter orders by payment status', { field: 'paymentStatus' });
    }
    assertCalendarDate(query.from, 'from');
    assertCalendarDate(query.to, 'to');
    const [config, t] = await Promise.all([loadStageConfig(database.db), details.today()]);
    const { rows, total } = await repo.list(query, {
      dialect: database.dialect,
      today: t.today,
      timeZone: t.timeZone,
      userId: actorUserId(ctx),
    });
    const options = details.viewOptions(ctx, config, t.today);
    const documents = options.canSeeMoney
      ? await documentsOfOrders(
          database.db,
          rows.map((r) => r.id),
        )
      : new Map();
    return {
      items: rows.map((r) => toOrder(r, options, documents.get(r.id))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function board(ctx: RequestContext, query: BoardQuery): Promise<Board> {
    assertCalendarDate(query.from, 'from');
    assertCalendarDate(query.to, 'to');
    const [config, t] = await Promise.all([loadStageConfig(database.db), details.today()]);
    const columns = await repo.board(
      query,
      { dialect: database.dialect, today: t.today, timeZone: t.timeZone, userId: actorUserId(ctx) },
      STAGE_CODES,
    );
    const options = details.viewOptions(ctx, config, t.today);
    const documents: Map<number, OrderDocumentRef[]> = options.canSeeMoney
      ? await documentsOfOrders(
          database.db,
          columns.flatMap((c) => c.rows.map((r) => r.id)),
        )
      : new Map();
    return {
      columns: columns.map((c) => ({
        stage: { code: c.stage, label: config.labels[c.stage], isTerminal: isTerminalStage(c.stage) },
        total: c.total,
        hiddenClosed: c.hiddenClosed,
        items: c.rows.map((r) => toOrder(r, options, documents.get(r.id))),
      })),
    };
  }

  /** Active staff users by name, for pickers and mentions. */
  async function assignees(query: AssigneeQuery): Promise<AssigneeList> {
    const rows = await activeStaffUsers(database.db, database.dialect, query);
    return { items: rows };
  }

  return { list, board, assignees };
}
