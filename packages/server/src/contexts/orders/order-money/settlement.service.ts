import type {
  OrderSettlement,
  SettlementEntry,
  SettlementListQuery,
  SettlementPage,
  SettlementSettings,
} from '@bizdash/contracts/order-money';
import type { StageCode } from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { toMoneyString } from '@bizdash/domain/money';
import { isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import type { Executor } from '../../../platform/db/database';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { actorCan, actorUserId, recordOrderEvent, type Tx } from '../orders/order-support';
import { shareBpOf, type OrderMoneyServiceDeps } from './money-support';
import { toEntry } from './order-money.repo';
import { lockOrder, recomputeOrderMoney, settlementFiguresOf } from './recompute';
import {
  draftEntryIdsOfOrder,
  entryOrders,
  entryViewById,
  entryViewsByIds,
  entryViewsOfOrder,
  findEntry,
  findEntryOrder,
  findOrderWithPartner,
  listEntryViews,
  markEntryApproved,
  ordersWithDraftEntries,
  setOrderShare,
  setSettlementBasis,
} from './settlement.repo';

const m = (paise: number) => toMoneyString(paise);

/**
 * The partner's settlement of an order: read (projected while open), approve (freezes the entries), the order's
 * share, the pending-approvals list and the business's settlement basis.
 */
export function makeSettlementService(deps: OrderMoneyServiceDeps) {
  const { database, audit, clock, calendar } = deps;

  async function view(ctx: RequestContext, executor: Executor, orderId: number): Promise<OrderSettlement> {
    const order = await findOrderWithPartner(executor, orderId);
    if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
    const basis = await calendar.settlementBasis(executor);
    const figures = settlementFiguresOf(order, basis);
    const rows = await entryViewsOfOrder(executor, orderId);
    const entries = rows.map(toEntry);
    const pending = entries.filter((e) => e.status === 'draft');
    const isClosed = isTerminalStage(order.stage_code as StageCode); // CHECK holds stage_code to the enum
    return {
      orderId,
      status: !isClosed ? 'projected' : pending.length > 0 || entries.length === 0 ? 'draft' : 'approved',
      basis,
      outcome: order.stage_code === 'failed' ? 'failed' : 'completed',
      partner: order.partner_id === null ? null : { id: order.partner_id, name: order.partner_name ?? '' },
      revenue: m(figures.revenuePaise),
      expenses: m(figures.expensesPaise),
      net: m(figures.netPaise),
      // The order's own share, even without a partner (it applies once one is set).
      sharePercent: m(Number(order.share_bp)),
      partnerShare: m(figures.partnerSharePaise),
      businessShare: m(figures.businessSharePaise),
      entries,
      adjustments: pending,
      canApprove: isClosed && pending.length > 0 && actorCan(ctx, 'settlements.approve'),
    };
  }

  function get(ctx: RequestContext, orderId: number): Promise<OrderSettlement> {
    return view(ctx, database.db, orderId);
  }

  /** Approves one draft entry (the order row must be locked by the caller). */
  async function approveRow(tx: Tx, ctx: RequestContext, entryId: number, now: string, today: string) {
    const entry = await findEntry(tx, entryId);
    if (!entry) throw new AppError('NOT_FOUND', `Settlement entry ${entryId} not found`);
    if (entry.status !== 'draft') {
      throw new AppError('INVALID_STATE', `Settlement entry ${entryId} is already approved`, { status: entry.status });
    }
    await markEntryApproved(tx, entryId, {
      approved_at: now,
      approved_on: today,
      approved_by: actorUserId(ctx),
      updated_at: now,
    });
    await recordOrderEvent(tx, ctx, now, {
      orderId: entry.order_id,
      kind: 'settlement.approved',
      payload: { entryId, kind: entry.kind, partnerId: entry.partner_id },
    });
    await audit.record(tx, ctx, {
      action: 'settlement.approved',
      entity: 'settlement_entry',
      entityId: entryId,
      changes: {
        status: { before: 'draft', after: 'approved' },
        kind: { before: null, after: entry.kind },
        orderId: { before: null, after: entry.order_id },
        partnerId: { before: null, after: entry.partner_id },
        partnerShare: { before: null, after: m(Number(entry.partner_share_paise)) },
        businessShare: { before: null, after: m(Number(entry.business_share_paise)) },
      },
    });
    await emitEvent(
      tx,
      {
        type: 'settlement.approved',
        entity: 'settlement_entry',
        entityId: entryId,
        payload: {
          orderId: entry.order_id,
          partnerId: entry.partner_id,
          kind: entry.kind,
          partnerShare: m(Number(entry.partner_share_paise)),
          approvedOn: today,
        },
      },
      now,
    );
  }

  /** Approves every pending entry of a closed order (its settlement or its adjustments). */
  async function approveOrder(ctx: RequestContext, orderId: number): Promise<OrderSettlement> {
    return database.transaction(async (tx) => {
      const order = await lockOrder(tx, database.dialect, orderId);
      if (!isTerminalStage(order.stage_code as StageCode)) {
        throw new AppError('INVALID_STATE', `Order ${order.number} is open; its settlement is only projected`, {
          stage: order.stage_code,
        });
      }
      const now = clock.now().toISOString();
      // Brings the drafts in line with the inputs first (orders closed before settlements existed have none yet).
      await recomputeOrderMoney(tx, ctx, orderId, now);
      const drafts = await draftEntryIdsOfOrder(tx, orderId);
      if (drafts.length === 0) {
        throw new AppError('INVALID_STATE', `Order ${order.number} has nothing waiting for approval`);
      }
      const today = await calendar.today(tx);
      for (const d of drafts) await approveRow(tx, ctx, d.id, now, today);
      return view(ctx, tx, orderId);
    });
  }

  async function approveEntry(ctx: RequestContext, entryId: number): Promise<SettlementEntry> {
    return database.transaction(async (tx) => {
      const found = await findEntryOrder(tx, entryId);
      if (!found) throw new AppError('NOT_FOUND', `Settlement entry ${entryId} not found`);
      await lockOrder(tx, database.dialect, found.order_id);
      const now = clock.now().toISOString();
      await approveRow(tx, ctx, entryId, now, await calendar.today(tx));
      return toEntry(await entryViewById(tx, entryId));
    });
  }

  /**
   * Approves the chosen draft entries in one transaction: all or nothing. The approver reviewed this set on the
   * approvals page; approving part of it (say, when a colleague approved one meanwhile) would leave them guessing
   * which rows went through, so any failure approves none and the error names the entry.
   */
  async function approveEntries(ctx: RequestContext, entryIds: readonly number[]): Promise<SettlementEntry[]> {
    return database.transaction(async (tx) => {
      const found = await entryOrders(tx, entryIds);
      const missing = entryIds.find((id) => !found.some((f) => f.id === id));
      if (missing !== undefined) {
        throw new AppError('NOT_FOUND', `Settlement entry ${missing} not found`, { entryId: missing });
      }
      // Orders locked in id order, so two overlapping bulk approvals cannot deadlock each other.
      const orderIds = [...new Set(found.map((f) => f.order_id))].sort((a, b) => a - b);
      for (const orderId of orderIds) await lockOrder(tx, database.dialect, orderId);
      const now = clock.now().toISOString();
      const today = await calendar.today(tx);
      for (const id of entryIds) await approveRow(tx, ctx, id, now, today);
      const rows = await entryViewsByIds(tx, entryIds);
      // In the order asked for, so the answer lines up with the request.
      return rows.map(toEntry).sort((a, b) => entryIds.indexOf(a.id) - entryIds.indexOf(b.id));
    });
  }

  /** Sets the order's partner share (also on a closed order: the settlement follows, as an adjustment if approved). */
  async function setShare(ctx: RequestContext, orderId: number, sharePercent: string): Promise<OrderSettlement> {
    const shareBp = shareBpOf(sharePercent);
    return database.transaction(async (tx) => {
      const order = await lockOrder(tx, database.dialect, orderId);
      const before = Number(order.share_bp);
      if (before !== shareBp) {
        const now = clock.now().toISOString();
        await setOrderShare(tx, orderId, shareBp, now);
        await recomputeOrderMoney(tx, ctx, orderId, now);
        // The share is a money figure: the timeline names the change only.
        await recordOrderEvent(tx, ctx, now, { orderId, kind: 'order.share_changed', payload: {} });
        await audit.record(tx, ctx, {
          action: 'order.share_changed',
          entity: 'order',
          entityId: orderId,
          changes: { sharePercent: { before: m(before), after: m(shareBp) } },
        });
      }
      return view(ctx, tx, orderId);
    });
  }

  async function list(query: SettlementListQuery): Promise<SettlementPage> {
    const { rows, total } = await listEntryViews(database.db, query);
    return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize };
  }

  async function getSettings(): Promise<SettlementSettings> {
    return { basis: await calendar.settlementBasis() };
  }

  /**
   * Changes the settlement basis. Pending drafts follow the new basis at once (approved entries stay as approved;
   * orders closing later settle on the new basis).
   */
  async function setSettings(ctx: RequestContext, input: SettlementSettings): Promise<SettlementSettings> {
    return database.transaction(async (tx) => {
      const before = await calendar.settlementBasis(tx);
      if (before === input.basis) return { basis: before };
      const now = clock.now().toISOString();
      await setSettlementBasis(tx, input.basis, now);
      // Only orders with a pending draft: bounded by the approvals queue, not by the number of orders.
      const pending = await ordersWithDraftEntries(tx);
      for (const p of pending) {
        await lockOrder(tx, database.dialect, p.order_id);
        await recomputeOrderMoney(tx, ctx, p.order_id, now);
      }
      await audit.record(tx, ctx, {
        action: 'settings.settlement_updated',
        entity: 'business',
        entityId: 1,
        changes: { settlementBasis: { before, after: input.basis } },
      });
      return { basis: input.basis };
    });
  }

  return { get, approveOrder, approveEntry, approveEntries, setShare, list, getSettings, setSettings };
}
