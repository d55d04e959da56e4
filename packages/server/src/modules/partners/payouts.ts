import type {
  CreatePayoutInput,
  PartnerBalance,
  PartnerBalancePage,
  PartnerBalanceQuery,
  Payout,
  PayoutListQuery,
  PayoutPage,
} from '@bizdash/contracts/order-money';
import { AppError } from '@bizdash/domain/errors';
import { parseAmount } from '@bizdash/domain/money';
import { sql, type Transaction } from 'kysely';
import { diffRecords, type AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database, Executor } from '../../platform/db/database';
import { containsText, forUpdate } from '../../platform/db/dialect-sql';
import type { DB } from '../../platform/db/schema';
import { emitEvent } from '../../platform/jobs/events';
import type { RequestContext } from '../../platform/request-context';
import type { PayoutsTable } from '../order-money/order-money.tables';
import { isoDate, m } from './partner-money';

export interface PayoutsDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

type PayoutRow = Omit<PayoutsTable, 'id'> & { id: number };

function auditView(row: PayoutRow): Record<string, unknown> {
  return {
    partnerId: row.partner_id,
    date: isoDate(row.date),
    amount: m(row.amount_paise),
    mode: row.mode,
    reference: row.reference,
    note: row.note,
  };
}

/**
 * What the business owes one partner: Σ approved partner shares (settlements and adjustments, which may be
 * negative) − Σ payouts. Drafts are not owed yet.
 */
export async function balanceOwedTo(executor: Executor, partnerId: number): Promise<number> {
  const approved = await executor
    .selectFrom('settlement_entries')
    .select((eb) => eb.fn.sum<number | string | null>('partner_share_paise').as('total'))
    .where('partner_id', '=', partnerId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const paid = await executor
    .selectFrom('payouts')
    .select((eb) => eb.fn.sum<number | string | null>('amount_paise').as('total'))
    .where('partner_id', '=', partnerId)
    .executeTakeFirstOrThrow();
  return Number(approved.total ?? 0) - Number(paid.total ?? 0);
}

/** Payouts to partners (allocated to approved settlement entries) and the balance owed to each partner. */
export function makePayouts({ database, audit, clock }: PayoutsDeps) {
  const { dialect } = database;

  async function loadMany(executor: Executor, rows: (PayoutRow & { partner_name: string })[]): Promise<Payout[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const allocations = await executor
      .selectFrom('payout_allocations')
      .innerJoin('settlement_entries', 'settlement_entries.id', 'payout_allocations.entry_id')
      .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
      .select([
        'payout_allocations.payout_id',
        'payout_allocations.entry_id',
        'payout_allocations.amount_paise',
        'orders.number',
      ])
      .where('payout_allocations.payout_id', 'in', ids)
      // The order auto-allocation follows: oldest approval first.
      .orderBy('settlement_entries.approved_on')
      .orderBy('settlement_entries.approved_at')
      .orderBy('payout_allocations.entry_id')
      .execute();
    const creatorIds = [...new Set(rows.map((r) => r.created_by).filter((id): id is number => id !== null))];
    const creators = creatorIds.length
      ? await executor.selectFrom('users').select(['id', 'name']).where('id', 'in', creatorIds).execute()
      : [];
    const creatorName = new Map(creators.map((u) => [u.id, u.name]));
    return rows.map((row) => ({
      id: row.id,
      partner: { id: row.partner_id, name: row.partner_name },
      date: isoDate(row.date),
      amount: m(row.amount_paise),
      mode: row.mode,
      reference: row.reference,
      note: row.note,
      allocations: allocations
        .filter((a) => a.payout_id === row.id)
        .map((a) => ({ entryId: a.entry_id, orderNumber: a.number, amount: m(a.amount_paise) })),
      createdBy: row.created_by === null ? null : { id: row.created_by, name: creatorName.get(row.created_by) ?? '' },
      createdAt: row.created_at,
    }));
  }

  function selectPayouts(executor: Executor) {
    return executor
      .selectFrom('payouts')
      .innerJoin('parties', 'parties.id', 'payouts.partner_id')
      .selectAll('payouts')
      .select('parties.name as partner_name');
  }

  /** One payout; with `partnerId`, only when it was paid to that partner (the portal's scope), else NOT_FOUND. */
  async function getPayout(id: number, partnerId?: number): Promise<Payout> {
    let query = selectPayouts(database.db).where('payouts.id', '=', id);
    if (partnerId !== undefined) query = query.where('payouts.partner_id', '=', partnerId);
    const row = await query.executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Payout ${id} not found`);
    const [payout] = await loadMany(database.db, [row]);
    if (!payout) throw new AppError('NOT_FOUND', `Payout ${id} not found`);
    return payout;
  }

  async function listPayouts(query: PayoutListQuery): Promise<PayoutPage> {
    let base = database.db.selectFrom('payouts');
    if (query.partnerId) base = base.where('payouts.partner_id', '=', query.partnerId);
    if (query.from) base = base.where('payouts.date', '>=', query.from);
    if (query.to) base = base.where('payouts.date', '<=', query.to);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const ids = await base
      .select('payouts.id')
      .orderBy('payouts.date', 'desc')
      .orderBy('payouts.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const rows = ids.length
      ? await selectPayouts(database.db)
          .where(
            'payouts.id',
            'in',
            ids.map((r) => r.id),
          )
          .orderBy('payouts.date', 'desc')
          .orderBy('payouts.id', 'desc')
          .execute()
      : [];
    return {
      items: await loadMany(database.db, rows),
      total: Number(count.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Allocates `amount` of a payout to the partner's approved entries: first the hand-picked ones (each at most its
   * outstanding share), then whatever is left to the oldest approved entries with something outstanding.
   */
  async function allocate(
    tx: Transaction<DB>,
    payoutId: number,
    partnerId: number,
    amount: number,
    byHand: { entryId: number; amount: number; index: number }[],
    now: string,
  ) {
    const applied = new Map<number, number>();
    let left = amount;
    const add = async (entryId: number, paise: number, allocatedBefore: number) => {
      await tx
        .updateTable('settlement_entries')
        .set({ allocated_paise: allocatedBefore + paise })
        .where('id', '=', entryId)
        .execute();
      applied.set(entryId, (applied.get(entryId) ?? 0) + paise);
      left -= paise;
    };
    for (const a of byHand) {
      const field = `allocations.${a.index}`;
      const entry = await forUpdate(
        dialect,
        tx
          .selectFrom('settlement_entries')
          .select(['id', 'partner_id', 'status', 'partner_share_paise', 'allocated_paise'])
          .where('id', '=', a.entryId),
      ).executeTakeFirst();
      if (!entry || entry.partner_id !== partnerId) {
        throw new AppError('VALIDATION_FAILED', `${field}.entryId: no settlement entry ${a.entryId} of this partner`, {
          field: `${field}.entryId`,
        });
      }
      if (entry.status !== 'approved') {
        throw new AppError('INVALID_STATE', `Settlement entry ${a.entryId} is not approved yet`, {
          field: `${field}.entryId`,
        });
      }
      const outstanding = Number(entry.partner_share_paise) - Number(entry.allocated_paise);
      if (a.amount > outstanding) {
        throw new AppError(
          'OVER_ALLOCATION',
          `Settlement entry ${a.entryId} has ${m(Math.max(0, outstanding))} outstanding; cannot allocate ${m(a.amount)}`,
          { field: `${field}.amount`, outstanding: m(Math.max(0, outstanding)) },
        );
      }
      await add(a.entryId, a.amount, Number(entry.allocated_paise));
    }
    if (left > 0) {
      // Oldest approval first; the same day's entries in id order.
      const open = await forUpdate(
        dialect,
        tx
          .selectFrom('settlement_entries')
          .select(['id', 'partner_share_paise', 'allocated_paise'])
          .where('partner_id', '=', partnerId)
          .where('status', '=', 'approved')
          .where((eb) => eb('partner_share_paise', '>', eb.ref('allocated_paise')))
          .orderBy('approved_on')
          .orderBy('approved_at')
          .orderBy('id'),
      ).execute();
      for (const entry of open) {
        if (left <= 0) break;
        const outstanding = Number(entry.partner_share_paise) - Number(entry.allocated_paise);
        await add(entry.id, Math.min(outstanding, left), Number(entry.allocated_paise));
      }
    }
    // Reaching here with money left means the approved entries cannot absorb it (negative adjustments already paid).
    if (left > 0) {
      throw new AppError('OVER_ALLOCATION', `${m(left)} of this payout matches no outstanding settlement`, {
        field: 'amount',
      });
    }
    for (const [entryId, paise] of applied) {
      await tx
        .insertInto('payout_allocations')
        .values({ payout_id: payoutId, entry_id: entryId, amount_paise: paise, created_at: now })
        .execute();
    }
    return [...applied.entries()].map(([entryId, paise]) => ({ entryId, amount: m(paise) }));
  }

  async function createPayout(ctx: RequestContext, input: CreatePayoutInput): Promise<Payout> {
    const amount = parseAmount(input.amount, 'amount');
    const byHand = (input.allocations ?? []).map((a, index) => ({
      entryId: a.entryId,
      amount: parseAmount(a.amount, `allocations.${index}.amount`),
      index,
    }));
    const seen = new Set<number>();
    byHand.forEach((a) => {
      if (seen.has(a.entryId)) {
        throw new AppError('VALIDATION_FAILED', `allocations.${a.index}.entryId: entry ${a.entryId} is listed twice`, {
          field: `allocations.${a.index}.entryId`,
        });
      }
      seen.add(a.entryId);
    });
    const byHandTotal = byHand.reduce((s, a) => s + a.amount, 0);
    if (byHandTotal > amount) {
      throw new AppError('OVER_ALLOCATION', `Allocations total ${m(byHandTotal)}, more than the payout ${m(amount)}`, {
        field: 'allocations',
      });
    }
    const id = await database.transaction(async (tx) => {
      // Locking the partner serialises payouts to one partner, so two at once cannot both spend the same balance.
      const partner = await forUpdate(
        dialect,
        tx.selectFrom('parties').select(['id', 'name', 'is_partner']).where('id', '=', input.partnerId),
      ).executeTakeFirst();
      if (!partner) {
        throw new AppError('VALIDATION_FAILED', `partnerId: party ${input.partnerId} does not exist`, {
          field: 'partnerId',
        });
      }
      const owed = await balanceOwedTo(tx, input.partnerId);
      if (amount > owed) {
        throw new AppError(
          'OVER_ALLOCATION',
          `${partner.name} is owed ${m(Math.max(0, owed))}; a payout of ${m(amount)} is more than that`,
          { field: 'amount', balanceOwed: m(Math.max(0, owed)) },
        );
      }
      const now = clock.now().toISOString();
      const row = await tx
        .insertInto('payouts')
        .values({
          partner_id: input.partnerId,
          date: input.date,
          amount_paise: amount,
          mode: input.mode,
          reference: input.reference?.trim() || null,
          note: input.note ?? null,
          created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const applied = await allocate(tx, row.id, input.partnerId, amount, byHand, now);
      await audit.record(tx, ctx, {
        action: 'payout.recorded',
        entity: 'payout',
        entityId: row.id,
        changes: diffRecords(null, { ...auditView(row), allocations: applied }),
      });
      await emitEvent(
        tx,
        {
          type: 'payout.recorded',
          entity: 'payout',
          entityId: row.id,
          payload: { partnerId: input.partnerId, date: input.date, amount: m(amount) },
        },
        now,
      );
      return row.id;
    });
    return getPayout(id);
  }

  /**
   * Balance owed per partner, aggregated in SQL: every partner party plus any party that still has entries or
   * payouts (a former partner can be owed money).
   */
  async function balances(query: PartnerBalanceQuery): Promise<PartnerBalancePage> {
    const totals = database.db
      .selectFrom('settlement_entries')
      .select((eb) => [
        'settlement_entries.partner_id',
        eb.fn
          .sum<number | string>(
            sql`case when settlement_entries.status = 'approved' then settlement_entries.partner_share_paise else 0 end`,
          )
          .as('approved'),
        eb.fn
          .sum<number | string>(
            sql`case when settlement_entries.status = 'draft' then settlement_entries.partner_share_paise else 0 end`,
          )
          .as('pending'),
      ])
      .where('settlement_entries.partner_id', 'is not', null)
      .groupBy('settlement_entries.partner_id')
      .as('t');
    const paid = database.db
      .selectFrom('payouts')
      .select((eb) => ['payouts.partner_id', eb.fn.sum<number | string>('payouts.amount_paise').as('paid')])
      .groupBy('payouts.partner_id')
      .as('p');
    let base = database.db
      .selectFrom('parties')
      .leftJoin(totals, 't.partner_id', 'parties.id')
      .leftJoin(paid, 'p.partner_id', 'parties.id')
      .where((eb) =>
        eb.or([
          eb('parties.is_partner', '=', true),
          eb('t.partner_id', 'is not', null),
          eb('p.partner_id', 'is not', null),
        ]),
      );
    if (query.q) base = base.where(containsText(dialect, 'parties.name', query.q));
    const owedExpr = sql<number>`(coalesce(t.approved, 0) - coalesce(p.paid, 0))`;
    if (query.owed === 'true') base = base.where(sql<boolean>`${owedExpr} <> 0`);
    if (query.owed === 'false') base = base.where(sql<boolean>`${owedExpr} = 0`);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'parties.id',
        'parties.name',
        sql<number | string | null>`t.approved`.as('approved'),
        sql<number | string | null>`t.pending`.as('pending'),
        sql<number | string | null>`p.paid`.as('paid'),
      ])
      .orderBy(owedExpr, 'desc')
      .orderBy('parties.name')
      .orderBy('parties.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const items: PartnerBalance[] = rows.map((r) => {
      const approved = Number(r.approved ?? 0);
      const paidOut = Number(r.paid ?? 0);
      return {
        partner: { id: r.id, name: r.name },
        approved: m(approved),
        paidOut: m(paidOut),
        balanceOwed: m(approved - paidOut),
        pending: m(r.pending),
      };
    });
    return { items, total: Number(count.total), page: query.page, pageSize: query.pageSize };
  }

  return { getPayout, listPayouts, createPayout, balances };
}
