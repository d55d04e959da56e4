import type { LockPeriodInput, PeriodLock, PeriodLockList, UnlockPeriodInput } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoicesServiceDeps } from './invoices-deps';
import { deletePeriodLock, findPeriodLock, insertPeriodLock, listPeriodLocks } from './period-locks.repo';

function toLock(row: {
  period: string;
  locked_at: string;
  locked_by_id: number | null;
  locked_by_name: string | null;
}): PeriodLock {
  return {
    period: row.period,
    lockedAt: row.locked_at,
    lockedBy: { id: row.locked_by_id, name: row.locked_by_name },
  };
}

/** Locked months: no document dated in one is created, changed, issued or cancelled. */
export function makePeriodLocks({ database, audit, clock }: Pick<InvoicesServiceDeps, 'database' | 'audit' | 'clock'>) {
  async function listLocks(): Promise<PeriodLockList> {
    const rows = await listPeriodLocks(database.db);
    return { items: rows.map(toLock) };
  }

  async function lockPeriod(ctx: RequestContext, input: LockPeriodInput): Promise<PeriodLock> {
    return database.transaction(async (tx) => {
      const existing = await findPeriodLock(tx, input.period);
      if (existing) return toLock(existing);
      const row = await insertPeriodLock(tx, {
        period: input.period,
        locked_at: clock.now().toISOString(),
        locked_by_id: ctx.actor.id,
        locked_by_name: ctx.actor.name,
      });
      await audit.record(tx, ctx, {
        action: 'period.locked',
        entity: 'period_lock',
        entityId: input.period,
        changes: { locked: { before: false, after: true } },
      });
      return toLock(row);
    });
  }

  /** Only an owner or admin reopens a month, and says why. */
  async function unlockPeriod(ctx: RequestContext, period: string, input: UnlockPeriodInput): Promise<void> {
    if (ctx.actor.role !== 'owner' && ctx.actor.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'Only an owner or admin can unlock a period');
    }
    const reason = input.reason.trim();
    if (!reason) throw new AppError('REASON_REQUIRED', 'Say why the period is unlocked', { field: 'reason' });
    await database.transaction(async (tx) => {
      const existing = await findPeriodLock(tx, period);
      if (!existing) throw new AppError('NOT_FOUND', `${period} is not locked`);
      await deletePeriodLock(tx, period);
      await audit.record(tx, ctx, {
        action: 'period.unlocked',
        entity: 'period_lock',
        entityId: period,
        changes: { locked: { before: true, after: false }, reason: { before: null, after: reason } },
      });
    });
  }

  return { listLocks, lockPeriod, unlockPeriod };
}
