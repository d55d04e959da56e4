import type { CreateOrderInput, OrderDetail } from '@bizdash/contracts/orders';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { addDays } from '@bizdash/domain/orders/calendar';
import { INITIAL_STAGE } from '@bizdash/domain/orders/lifecycle';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { shareBpOf } from '../order-money/money-support';
import { recomputeOrderMoney } from '../order-money/recompute';
import type { OrderDetails } from './order-detail';
import { auditView, money } from './order-fields';
import { addTypeDocuments, assertCompany, assertOrderType, assertParty, type TypeDocuments } from './order-references';
import {
  actorName,
  actorUserId,
  assertAssignableUser,
  assertCalendarDate,
  excerpt,
  notify,
  priorityRank,
  recordOrderEvent,
} from './order-support';
import { insertOrder, insertStageHistory, orderSearchText, type OrdersRepo } from './orders.repo';

export interface CreateOrderDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  repo: OrdersRepo;
  details: OrderDetails;
  documents: TypeDocuments;
}

/** Creates an order: numbered in today's financial year, in the initial stage, with its type's documents. */
export function makeCreateOrder({ database, audit, clock, repo, details, documents }: CreateOrderDeps) {
  return async function create(ctx: RequestContext, input: CreateOrderInput): Promise<OrderDetail> {
    assertCalendarDate(input.dueDate, 'dueDate');
    const sharePrice = input.sharePrice == null ? null : money(input.sharePrice, 'sharePrice');
    const fees = input.fees === undefined ? undefined : money(input.fees, 'fees');
    const baseCharges = input.baseCharges === undefined ? undefined : money(input.baseCharges, 'baseCharges');
    const sharePercentBp = input.sharePercent === undefined ? undefined : shareBpOf(input.sharePercent);
    return database.transaction(async (tx) => {
      await assertParty(tx, input.clientId, 'client', 'clientId');
      const partner = input.partnerId != null ? await assertParty(tx, input.partnerId, 'partner', 'partnerId') : null;
      const type = await assertOrderType(tx, input.orderTypeId);
      if (input.companyId != null) await assertCompany(tx, input.companyId);
      const assigneeName =
        input.assigneeId != null ? await assertAssignableUser(tx, input.assigneeId, 'assigneeId') : null;

      const nowDate = clock.now();
      const now = nowDate.toISOString();
      const { today: todayDate } = await details.today(tx);
      const fy = financialYearOf(todayDate).label;
      const seq = await repo.nextSequence(tx, fy);
      const number = `ORD/${fy}/${String(seq).padStart(5, '0')}`;
      const dueDate =
        input.dueDate !== undefined
          ? input.dueDate
          : type.turnaround_days === null
            ? null
            : addDays(todayDate, type.turnaround_days);
      const searchText = orderSearchText(number, input.title);
      const row = await insertOrder(tx, {
        number,
        financial_year: fy,
        number_seq: seq,
        title: input.title,
        description: input.description ?? null,
        client_id: input.clientId,
        partner_id: input.partnerId ?? null,
        order_type_id: input.orderTypeId,
        company_id: input.companyId ?? null,
        share_count: input.shareCount ?? null,
        share_price_paise: sharePrice,
        fees_paise: fees ?? Number(type.default_fee_paise),
        base_charges_paise: baseCharges ?? Number(type.base_charge_paise),
        // The partner's default share is copied, so a later change of the default leaves this order alone.
        share_bp: sharePercentBp ?? partner?.revenue_share_bp ?? 0,
        assignee_id: input.assigneeId ?? null,
        priority: priorityRank(input.priority),
        tags: JSON.stringify([...new Set(input.tags)]),
        due_date: dueDate,
        stage_code: INITIAL_STAGE,
        stage_changed_at: now,
        closed_at: null,
        search_text: searchText,
        created_by: actorUserId(ctx),
        created_at: now,
        updated_at: now,
      });
      await repo.syncSearch(tx, row.id, searchText);
      await repo.moveStageCount(tx, null, INITIAL_STAGE);
      await insertStageHistory(tx, {
        order_id: row.id,
        from_stage: null,
        to_stage: INITIAL_STAGE,
        note: 'Order created',
        actor_id: actorUserId(ctx),
        actor_name: actorName(ctx),
        at: now,
      });
      await recordOrderEvent(tx, ctx, now, {
        orderId: row.id,
        kind: 'order.created',
        payload: { number, title: input.title, stage: INITIAL_STAGE },
      });
      await addTypeDocuments(documents, tx, ctx, row.id, input.orderTypeId, now);
      await recomputeOrderMoney(tx, ctx, row.id, now);
      await emitEvent(
        tx,
        {
          type: 'order.created',
          entity: 'order',
          entityId: row.id,
          payload: { number, title: input.title, clientId: input.clientId, partnerId: input.partnerId ?? null },
        },
        now,
      );
      if (input.assigneeId != null && assigneeName !== null) {
        await notify(tx, ctx, now, {
          userId: input.assigneeId,
          kind: 'order_assigned',
          title: `${actorName(ctx)} assigned you ${number}`,
          body: excerpt(input.title),
          orderId: row.id,
        });
      }
      await audit.record(tx, ctx, {
        action: 'order.created',
        entity: 'order',
        entityId: row.id,
        changes: diffRecords(null, { number, stage: INITIAL_STAGE, ...auditView(row) }),
      });
      return details.loadDetail(ctx, tx, row.id);
    });
  };
}
