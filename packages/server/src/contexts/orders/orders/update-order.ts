import type { OrderDetail, StageCode, UpdateOrderInput } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { shareBpOf } from '../order-money/money-support';
import { recomputeOrderMoney } from '../order-money/recompute';
import type { OrderDetails } from './order-detail';
import { auditView, money } from './order-fields';
import { addTypeDocuments, assertCompany, assertOrderType, assertParty, type TypeDocuments } from './order-references';
import {
  actorName,
  assertAssignableUser,
  assertCalendarDate,
  excerpt,
  notify,
  priorityRank,
  recordOrderEvent,
} from './order-support';
import { orderSearchText, updateOrder, type OrdersRepo } from './orders.repo';

export interface UpdateOrderDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  repo: OrdersRepo;
  details: OrderDetails;
  documents: TypeDocuments;
}

/** Changes an open order's fields; money is recomputed and the type's documents added as the change needs. */
export function makeUpdateOrder({ database, audit, clock, repo, details, documents }: UpdateOrderDeps) {
  return async function update(ctx: RequestContext, id: number, input: UpdateOrderInput): Promise<OrderDetail> {
    assertCalendarDate(input.dueDate, 'dueDate');
    const sharePrice =
      input.sharePrice === undefined
        ? undefined
        : input.sharePrice === null
          ? null
          : money(input.sharePrice, 'sharePrice');
    const fees = input.fees === undefined ? undefined : money(input.fees, 'fees');
    const baseCharges = input.baseCharges === undefined ? undefined : money(input.baseCharges, 'baseCharges');
    const sharePercentBp = input.sharePercent === undefined ? undefined : shareBpOf(input.sharePercent);
    return database.transaction(async (tx) => {
      const before = await repo.findRowForUpdate(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Order ${id} not found`);
      if (isTerminalStage(before.stage_code as StageCode)) {
        throw new AppError('INVALID_STATE', `Order ${before.number} is closed; reopen it to change it`, {
          stage: before.stage_code,
        });
      }
      if (input.clientId !== undefined && input.clientId !== before.client_id) {
        await assertParty(tx, input.clientId, 'client', 'clientId');
      }
      const partnerChanges = input.partnerId !== undefined && input.partnerId !== before.partner_id;
      let shareBp = sharePercentBp;
      if (input.partnerId != null && partnerChanges) {
        const partner = await assertParty(tx, input.partnerId, 'partner', 'partnerId');
        // A new partner brings their default share unless the caller set one.
        shareBp ??= partner.revenue_share_bp ?? 0;
      }
      if (input.orderTypeId !== undefined && input.orderTypeId !== before.order_type_id) {
        await assertOrderType(tx, input.orderTypeId);
      }
      if (input.companyId != null && input.companyId !== before.company_id) await assertCompany(tx, input.companyId);
      const newAssignee = input.assigneeId != null && input.assigneeId !== before.assignee_id;
      if (newAssignee && input.assigneeId != null) await assertAssignableUser(tx, input.assigneeId, 'assigneeId');

      const now = clock.now().toISOString();
      const title = input.title ?? before.title;
      const searchText = orderSearchText(before.number, title);
      const after = await updateOrder(tx, id, {
        ...(input.title !== undefined ? { title: input.title, search_text: searchText } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.clientId !== undefined ? { client_id: input.clientId } : {}),
        ...(input.partnerId !== undefined ? { partner_id: input.partnerId } : {}),
        ...(input.orderTypeId !== undefined ? { order_type_id: input.orderTypeId } : {}),
        ...(input.companyId !== undefined ? { company_id: input.companyId } : {}),
        ...(input.shareCount !== undefined ? { share_count: input.shareCount } : {}),
        ...(sharePrice !== undefined ? { share_price_paise: sharePrice } : {}),
        ...(fees !== undefined ? { fees_paise: fees } : {}),
        ...(baseCharges !== undefined ? { base_charges_paise: baseCharges } : {}),
        ...(shareBp !== undefined ? { share_bp: shareBp } : {}),
        ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
        ...(input.priority !== undefined ? { priority: priorityRank(input.priority) } : {}),
        ...(input.tags !== undefined ? { tags: JSON.stringify([...new Set(input.tags)]) } : {}),
        ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
        updated_at: now,
      });
      if (input.title !== undefined) await repo.syncSearch(tx, id, searchText);
      if (fees !== undefined || baseCharges !== undefined || partnerChanges || shareBp !== undefined) {
        await recomputeOrderMoney(tx, ctx, id, now);
      }
      if (input.orderTypeId !== undefined && input.orderTypeId !== before.order_type_id) {
        await addTypeDocuments(documents, tx, ctx, id, input.orderTypeId, now);
      }
      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length > 0) {
        // The timeline shows what changed but not money to those who may not see it: it keeps field names only
        // for fees, charges and the partner's share.
        const visible = Object.fromEntries(
          Object.entries(changes).map(([k, v]) =>
            k === 'feesPaise' || k === 'baseChargesPaise' || k === 'shareBp'
              ? [k, { before: null, after: null }]
              : [k, v],
          ),
        );
        await recordOrderEvent(tx, ctx, now, { orderId: id, kind: 'order.updated', payload: { changes: visible } });
        await audit.record(tx, ctx, { action: 'order.updated', entity: 'order', entityId: id, changes });
      }
      if (newAssignee && input.assigneeId != null) {
        await notify(tx, ctx, now, {
          userId: input.assigneeId,
          kind: 'order_assigned',
          title: `${actorName(ctx)} assigned you ${before.number}`,
          body: excerpt(after.title),
          orderId: id,
        });
      }
      return details.loadDetail(ctx, tx, id);
    });
  };
}
