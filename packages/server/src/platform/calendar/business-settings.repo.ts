import { DEFAULT_TIMEZONE } from '@bizdash/domain/dates';
import type { SettlementBasis } from '@bizdash/domain/settlements/settlement';
import type { Executor } from '../db/database';

/** The settings of the business (table `business`, its one row) that decide its calendar and settlement basis. */
export interface BusinessCalendarSettings {
  /** IANA zone the business keeps its books in (Asia/Kolkata unless changed in settings). */
  timeZone: string;
  /** Month (1-12) its books' year starts in (April unless changed). */
  fyStartMonth: number;
  /** How a partner's share is based (contracted unless changed). */
  settlementBasis: SettlementBasis;
}

/**
 * Reads the calendar settings, with their defaults when the business is not set up yet. Read afresh every time:
 * settings change at run time, and the next request must see the change. Pass the transaction when inside one
 * (SQLite has one connection: a read beside an open transaction would wait for it).
 */
export async function readBusinessCalendarSettings(executor: Executor): Promise<BusinessCalendarSettings> {
  const row = await executor
    .selectFrom('business')
    .select(['timezone', 'fy_start_month', 'settlement_basis'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    timeZone: row?.timezone ?? DEFAULT_TIMEZONE,
    fyStartMonth: Number(row?.fy_start_month ?? 4),
    settlementBasis: row?.settlement_basis ?? 'contracted',
  };
}
