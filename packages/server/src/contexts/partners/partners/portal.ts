import type {
  PayoutListQuery,
  PayoutPage,
  PortalOrder,
  PortalOrderQuery,
  PortalSummary,
  SettlementListQuery,
  SettlementPage,
} from '@bizdash/contracts/order-money';

import { AppError } from '@bizdash/domain/errors';
import { isTerminalStage, type StageCode } from '@bizdash/domain/orders/lifecycle';
import { computeSettlement } from '@bizdash/domain/settlements/settlement';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { m, percentOf, toSettlementEntry } from './partner-money';
import * as repo from './portal.repo';
import { findParty } from './statement.repo';
import type { makePayouts } from './payouts';
import { buildStatement } from './statement';

export interface PortalDeps {
  database: Database;
  /** The settlement basis an open order's share is projected on. */
  calendar: Pick<BusinessCalendar, 'settlementBasis'>;
  payouts: Pick<ReturnType<typeof makePayouts>, 'listPayouts'>;
  /** The order stages' labels as the business named them (the orders context owns them). */
  stageLabels: () => Promise<Partial<Record<string, string>>>;
}

/**
 * The partner portal: a partner login sees only its own partner party's orders, settlements, payouts and statement.
 * Scoping is by users.partner_party_id of the caller, never by an id the caller sends; someone else's record
 * answers NOT_FOUND (404) so that its existence does not leak.
 */
export function makePortal({ database, calendar, payouts, stageLabels }: PortalDeps) {
  const { db, dialect } = database;

  /** The partner party the calling login is linked to. */
  async function partnerOf(ctx: RequestContext): Promise<number> {
    if (ctx.actor.type === 'user' && ctx.actor.id !== null) {
      const partyId = await repo.partnerPartyOf(db, ctx.actor.id);
      if (partyId) return partyId;
    }
    throw new AppError('FORBIDDEN', 'This login is not linked to a partner');
  }

  async function toPortalOrders(partnerId: number, rows: repo.PortalOrderRow[]): Promise<PortalOrder[]> {
    if (rows.length === 0) return [];
    const [labels, basis, entries] = await Promise.all([
      stageLabels(),
      calendar.settlementBasis(),
      repo.sharesByOrder(
        db,
        partnerId,
        rows.map((r) => r.id),
      ),
    ]);
    const byOrder = new Map(entries.map((e) => [e.order_id, e]));
    return rows.map((row) => {
      const stage = row.stage_code as StageCode; // written only through the lifecycle's stage codes
      const closed = isTerminalStage(stage);
      const stored = byOrder.get(row.id);
      let partnerShare: number;
      let status: PortalOrder['settlementStatus'];
      if (closed && stored) {
        partnerShare = Number(stored.share);
        status = Number(stored.drafts) > 0 ? 'draft' : 'approved';
      } else {
        // Open: projected as if it completed today; closed but not yet recomputed: what the draft will hold.
        partnerShare = computeSettlement({
          basis,
          outcome: stage === 'failed' ? 'failed' : 'completed',
          feesPaise: Number(row.fees_paise),
          baseChargesPaise: Number(row.base_charges_paise),
          receivedPaise: Number(row.amount_received_paise),
          expensesPaise: Number(row.expenses_paise),
          shareBp: row.share_bp,
          hasPartner: true,
        }).partnerSharePaise;
        status = closed ? 'draft' : 'projected';
      }
      return {
        id: row.id,
        number: row.number,
        title: row.title,
        clientName: row.client_name,
        stage: { code: stage, label: labels[stage] ?? stage },
        documents: {
          required: Number(row.docs_required),
          received: Number(row.docs_received),
          accepted: Number(row.docs_accepted),
        },
        fees: m(row.fees_paise),
        sharePercent: percentOf(row.share_bp),
        partnerShare: m(partnerShare),
        settlementStatus: status,
        createdAt: row.created_at,
      };
    });
  }

  async function listOrders(ctx: RequestContext, query: PortalOrderQuery) {
    const partnerId = await partnerOf(ctx);
    const { rows, total } = await repo.listPartnerOrders(db, dialect, partnerId, query);
    return {
      items: await toPortalOrders(partnerId, rows),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function getOrder(ctx: RequestContext, id: number): Promise<PortalOrder> {
    const partnerId = await partnerOf(ctx);
    const row = await repo.findPartnerOrder(db, partnerId, id);
    const [order] = row ? await toPortalOrders(partnerId, [row]) : [];
    if (!order) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    return order;
  }

  async function listSettlements(ctx: RequestContext, query: SettlementListQuery): Promise<SettlementPage> {
    const partnerId = await partnerOf(ctx);
    const { rows: items, total } = await repo.listPartnerEntries(db, partnerId, query);
    return {
      items: items.map(toSettlementEntry),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function listPayouts(ctx: RequestContext, query: PayoutListQuery): Promise<PayoutPage> {
    const partnerId = await partnerOf(ctx);
    return payouts.listPayouts({ ...query, partnerId });
  }

  async function statement(ctx: RequestContext, from: string, to: string) {
    return buildStatement(db, await partnerOf(ctx), from, to);
  }

  async function summary(ctx: RequestContext): Promise<PortalSummary> {
    const partnerId = await partnerOf(ctx);
    const [partner, figures] = await Promise.all([findParty(db, partnerId), repo.partnerSummaryFigures(db, partnerId)]);
    if (!partner) throw new AppError('FORBIDDEN', 'This login is not linked to a partner');
    return {
      partner: { id: partner.id, name: partner.name },
      openOrders: figures.openOrders,
      closedOrders: figures.closedOrders,
      balanceOwed: m(figures.approved - figures.paidOut),
      pending: m(figures.pending),
      paidOut: m(figures.paidOut),
    };
  }

  return { partnerOf, listOrders, getOrder, listSettlements, listPayouts, statement, summary };
}
