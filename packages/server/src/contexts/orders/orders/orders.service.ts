import type { OrderDetail } from '@bizdash/contracts/orders';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { FileStorage } from '../../../platform/storage/file-storage';
import { makeCommentsService } from './comments.service';
import { makeCreateOrder } from './create-order';
import { makeListOrders } from './list-orders';
import { makeMoveOrderStage } from './move-order-stage';
import { makeNotificationsService } from './notifications.service';
import { makeOrderDetails } from './order-detail';
import { makeOrderDocumentsService } from './order-documents.service';
import { makeOrderHistory } from './order-history';
import { makeOrderStagesService } from './order-stages';
import { makeOrdersRepo } from './orders.repo';
import { makeTasksService } from './tasks.service';
import { makeUpdateOrder } from './update-order';

export interface OrdersServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: order numbers take today's financial year, due dates count from today. */
  calendar: BusinessCalendar;
  /** Where uploaded files go; without one, uploads answer INTERNAL (CLI runs that never upload). */
  storage?: FileStorage | undefined;
  /** Largest accepted upload in bytes (BIZDASH_UPLOAD_MAX_MB). */
  uploadMaxBytes?: number | undefined;
}

export type OrdersService = ReturnType<typeof makeOrdersService>;

export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Orders and what hangs off them. Each use case has its own file (create-order.ts, update-order.ts,
 * move-order-stage.ts, list-orders.ts, order-history.ts); their queries are in the *.repo.ts files beside them.
 */
export function makeOrdersService(deps: OrdersServiceDeps) {
  const { database, audit, clock, calendar } = deps;
  const repo = makeOrdersRepo(database);
  const uploadMaxBytes = deps.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  const stages = makeOrderStagesService({ database, audit, clock });
  const details = makeOrderDetails({ database, calendar, repo });

  async function get(ctx: RequestContext, id: number): Promise<OrderDetail> {
    return details.loadDetail(ctx, database.db, id);
  }

  const notifications = makeNotificationsService({ database, clock, calendar });
  const documents = makeOrderDocumentsService({
    database,
    audit,
    clock,
    storage: deps.storage,
    uploadMaxBytes,
    refreshCompleteness: repo.refreshCompleteness,
  });
  const tasks = makeTasksService({ database, audit, clock, calendar });
  const comments = makeCommentsService({ database, audit, clock, storage: deps.storage, uploadMaxBytes });
  const { list, board, assignees } = makeListOrders({ database, repo, details });

  return {
    create: makeCreateOrder({ database, audit, clock, repo, details, documents }),
    get,
    update: makeUpdateOrder({ database, audit, clock, repo, details, documents }),
    list,
    board,
    assignees,
    transition: makeMoveOrderStage({ database, audit, clock, repo, details }),
    history: makeOrderHistory({ database, repo }),
    uploadMaxBytes,
    stages,
    documents,
    tasks,
    comments,
    notifications,
  };
}
