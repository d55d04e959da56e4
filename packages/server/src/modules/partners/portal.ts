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
import { isTerminalStage, TERMINAL_STAGES, type StageCode } from '@bizdash/domain/orders/lifecycle';
import { computeSettlement } from '@bizdash/domain/settlements/settlement';
import type { Database } from '../../platform/db/database';
import { containsText } from '../../platform/db/dialect-sql';
import type { RequestContext } from '../../platform/request-context';
import { loadStageConfig } from '../orders/order-stages';
import { m, percentOf, selectEntries, toSettlementEntry } from './partner-money';
import type { makePayouts } from './payouts';
import { buildStatement } from './statement';

export interface PortalDeps {
  database: Database;
  payouts: Pick<ReturnType<typeof makePayouts>, 'listPayouts'>;
}

/**
 * The partner portal: a partner login sees only its own partner party's orders, settlements, payouts and statement.
 * Scoping is by users.partner_party_id of the caller, never by an id the caller sends; someone else's record
 * answers NOT_FOUND (404) so that its existence does not leak.
 */
export function makePortal({ database, payouts }: PortalDeps) {
  const { db, dialect } = database;

  /** The partner party the calling login is linked to. */
  async function partnerOf(ctx: RequestContext): Promise<number> {
    if (ctx.actor.type === 'user' && ctx.actor.id !== null) {
      const row = await db
        .selectFrom('users')
        .select('partner_party_id')
        .where('id', '=', ctx.actor.id)
        .executeTakeFirst();
      if (row?.partner_party_id) return row.partner_party_id;
    }
    throw new AppError('FORBIDDEN', 'This login is not linked to a partner');
  }

  function ordersOf(partnerId: number) {
    return db
      .selectFrom('orders')
      .innerJoin('parties as client', 'client.id', 'orders.client_id')
      .where('orders.partner_id', '=', partnerId);
  }

  async function toPortalOrders(
    partnerId: number,
    rows: {
      id: number;
      number: string;
      title: string;
      client_name: string;
      stage_code: string;
      docs_required: number;
      docs_received: number;
      docs_accepted: number;
      fees_paise: number;
      base_charges_paise: number;
      amount_received_paise: number;
      expenses_paise: number;
      share_bp: number;
      created_at: string;
    }[],
  ): Promise<PortalOrder[]> {
    if (rows.length === 0) return [];
    const [config, business, entries] = await Promise.all([
      loadStageConfig(db),
      db.selectFrom('business').select('settlement_basis').where('id', '=', 1).executeTakeFirst(),
      db
        .selectFrom('settlement_entries')
        .select((eb) => [
          'order_id',
          eb.fn.sum<number | string>('partner_share_paise').as('share'),
          eb.fn.sum<number | string>(eb.case().when('status', '=', 'draft').then(1).else(0).end()).as('drafts'),
        ])
        .where('partner_id', '=', partnerId)
        .where(
          'order_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('order_id')
        .execute(),
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
          basis: business?.settlement_basis ?? 'contracted',
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
        stage: { code: stage, label: config.labels[stage] ?? stage },
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

  const ORDER_COLUMNS = [
    'orders.id',
    'orders.number',
    'orders.title',
    'client.name as client_name',
    'orders.stage_code',
    'orders.docs_required',
    'orders.docs_received',
    'orders.docs_accepted',
    'orders.fees_paise',
    'orders.base_charges_paise',
    'orders.amount_received_paise',
    'orders.expenses_paise',
    'orders.share_bp',
    'orders.created_at',
  ] as const;

  async function listOrders(ctx: RequestContext, query: PortalOrderQuery) {
    const partnerId = await partnerOf(ctx);
    let base = ordersOf(partnerId);
    if (query.q) base = base.where(containsText(dialect, 'orders.search_text', query.q.toLowerCase()));
    if (query.stage) base = base.where('orders.stage_code', '=', query.stage);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await base
      .select(ORDER_COLUMNS)
      .orderBy('orders.created_at', 'desc')
      .orderBy('orders.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: await toPortalOrders(partnerId, rows),
      total: Number(count.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function getOrder(ctx: RequestContext, id: number): Promise<PortalOrder> {
    const partnerId = await partnerOf(ctx);
    const row = await ordersOf(partnerId).select(ORDER_COLUMNS).where('orders.id', '=', id).executeTakeFirst();
    const [order] = row ? await toPortalOrders(partnerId, [row]) : [];
    if (!order) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    return order;
  }

  async function listSettlements(ctx: RequestContext, query: SettlementListQuery): Promise<SettlementPage> {
    const partnerId = await partnerOf(ctx);
    let base = db.selectFrom('settlement_entries').where('settlement_entries.partner_id', '=', partnerId);
    if (query.status) base = base.where('settlement_entries.status', '=', query.status);
    if (query.kind) base = base.where('settlement_entries.kind', '=', query.kind);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    let rows = selectEntries(db).where('settlement_entries.partner_id', '=', partnerId);
    if (query.status) rows = rows.where('settlement_entries.status', '=', query.status);
    if (query.kind) rows = rows.where('settlement_entries.kind', '=', query.kind);
    const items = await rows
      .orderBy('settlement_entries.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: items.map(toSettlementEntry),
      total: Number(count.total),
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
    const [partner, orders, entries, paid] = await Promise.all([
      db.selectFrom('parties').select(['id', 'name']).where('id', '=', partnerId).executeTakeFirst(),
      db
        .selectFrom('orders')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when('stage_code', 'in', [...TERMINAL_STAGES])
                .then(1)
                .else(0)
                .end(),
            )
            .as('closed'),
        ])
        .where('partner_id', '=', partnerId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('settlement_entries')
        .select((eb) => [
          eb.fn
            .sum<number | string | null>(
              eb.case().when('status', '=', 'approved').then(eb.ref('partner_share_paise')).else(0).end(),
            )
            .as('approved'),
          eb.fn
            .sum<number | string | null>(
              eb.case().when('status', '=', 'draft').then(eb.ref('partner_share_paise')).else(0).end(),
            )
            .as('pending'),
        ])
        .where('partner_id', '=', partnerId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('payouts')
        .select((eb) => eb.fn.sum<number | string | null>('amount_paise').as('paid'))
        .where('partner_id', '=', partnerId)
        .executeTakeFirstOrThrow(),
    ]);
    if (!partner) throw new AppError('FORBIDDEN', 'This login is not linked to a partner');
    const closed = Number(orders.closed ?? 0);
    const approved = Number(entries.approved ?? 0);
    const paidOut = Number(paid.paid ?? 0);
    return {
      partner: { id: partner.id, name: partner.name },
      openOrders: Number(orders.total) - closed,
      closedOrders: closed,
      balanceOwed: m(approved - paidOut),
      pending: m(entries.pending),
      paidOut: m(paidOut),
    };
  }

  return { partnerOf, listOrders, getOrder, listSettlements, listPayouts, statement, summary };
}
