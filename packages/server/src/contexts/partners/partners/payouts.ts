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
import type { Transaction } from 'kysely';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import type { PayoutsTable } from './partners.tables';
import { isoDate, m } from './partner-money';
import * as repo from './payouts.repo';

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
  return (await repo.sumApprovedShares(executor, partnerId)) - (await repo.sumPayouts(executor, partnerId));
}

/** Payouts to partners (allocated to approved settlement entries) and the balance owed to each partner. */
export function makePayouts({ database, audit, clock }: PayoutsDeps) {
  const { dialect } = database;

  async function loadMany(executor: Executor, rows: (PayoutRow & { partner_name: string })[]): Promise<Payout[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const allocations = await repo.allocationsOf(executor, ids);
    const creatorIds = [...new Set(rows.map((r) => r.created_by).filter((id): id is number => id !== null))];
    const creators = await repo.userNames(executor, creatorIds);
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

  /** One payout; with `partnerId`, only when it was paid to that partner (the portal's scope), else NOT_FOUND. */
  async function getPayout(id: number, partnerId?: number): Promise<Payout> {
    const row = await repo.findPayout(database.db, id, partnerId);
    if (!row) throw new AppError('NOT_FOUND', `Payout ${id} not found`);
    const [payout] = await loadMany(database.db, [row]);
    if (!payout) throw new AppError('NOT_FOUND', `Payout ${id} not found`);
    return payout;
  }

  async function listPayouts(query: PayoutListQuery): Promise<PayoutPage> {
    const { rows, total } = await repo.listPayouts(database.db, query);
    return {
      items: await loadMany(database.db, rows),
      total,
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
      await repo.setAllocated(tx, entryId, allocatedBefore + paise);
      applied.set(entryId, (applied.get(entryId) ?? 0) + paise);
      left -= paise;
    };
    for (const a of byHand) {
      const field = `allocations.${a.index}`;
      const entry = await repo.lockEntry(tx, dialect, a.entryId);
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
      const open = await repo.lockOutstandingEntries(tx, dialect, partnerId);
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
      await repo.insertAllocation(tx, payoutId, entryId, paise, now);
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
      const partner = await repo.lockParty(tx, dialect, input.partnerId);
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
      const row = await repo.insertPayout(tx, {
        partner_id: input.partnerId,
        date: input.date,
        amount_paise: amount,
        mode: input.mode,
        reference: input.reference?.trim() || null,
        note: input.note ?? null,
        created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        created_at: now,
        updated_at: now,
      });
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
    const { rows, total } = await repo.partnerBalances(database.db, dialect, query);
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
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  return { getPayout, listPayouts, createPayout, balances };
}
