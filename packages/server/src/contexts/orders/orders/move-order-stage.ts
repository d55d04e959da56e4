import type { OrderDetail, StageCode, TransitionInput } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { assertTransition, isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { recomputeOrderMoney } from '../order-money/recompute';
import type { OrderDetails } from './order-detail';
import { loadStageConfig } from './order-stages';
import { actorCan, actorName, actorUserId, recordOrderEvent } from './order-support';
import { insertStageHistory, setOrderStage, type OrdersRepo } from './orders.repo';

export interface MoveOrderStageDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  repo: OrdersRepo;
  details: OrderDetails;
}

/** Moves an order to another stage as the lifecycle and the business's switched-off moves allow. */
export function makeMoveOrderStage({ database, audit, clock, repo, details }: MoveOrderStageDeps) {
  return async function transition(ctx: RequestContext, id: number, input: TransitionInput): Promise<OrderDetail> {
    return database.transaction(async (tx) => {
      const before = await repo.findRowForUpdate(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Order ${id} not found`);
      const config = await loadStageConfig(tx);
      const from = before.stage_code as StageCode; // CHECK constraint holds it to the enum
      const note = input.note?.trim() ? input.note.trim() : null;
      const { isReopen: reopen } = assertTransition({
        from,
        to: input.to,
        disabled: config.disabled,
        canReopen: actorCan(ctx, 'orders.reopen'),
        note: note ?? undefined,
      });
      const now = clock.now().toISOString();
      await setOrderStage(tx, id, {
        stage_code: input.to,
        stage_changed_at: now,
        // closed_at marks the latest close; a reopen clears it.
        closed_at: isTerminalStage(input.to) ? now : null,
        updated_at: now,
      });
      await repo.moveStageCount(tx, from, input.to);
      // Amount due follows the outcome (base charges once failed); closing drafts the settlement, reopening drops it.
      await recomputeOrderMoney(tx, ctx, id, now);
      await insertStageHistory(tx, {
        order_id: id,
        from_stage: from,
        to_stage: input.to,
        note,
        actor_id: actorUserId(ctx),
        actor_name: actorName(ctx),
        at: now,
      });
      await recordOrderEvent(tx, ctx, now, {
        orderId: id,
        kind: 'order.stage_changed',
        payload: {
          from,
          to: input.to,
          fromLabel: config.labels[from],
          toLabel: config.labels[input.to],
          note,
          isReopen: reopen,
        },
      });
      await emitEvent(
        tx,
        {
          type: 'order.stage_changed',
          entity: 'order',
          entityId: id,
          payload: { from, to: input.to, isReopen: reopen },
        },
        now,
      );
      await audit.record(tx, ctx, {
        action: reopen ? 'order.reopened' : 'order.stage_changed',
        entity: 'order',
        entityId: id,
        changes: { stage: { before: from, after: input.to }, ...(note ? { note: { before: null, after: note } } : {}) },
      });
      return details.loadDetail(ctx, tx, id);
    });
  };
}
