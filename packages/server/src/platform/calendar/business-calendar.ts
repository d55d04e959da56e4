import { dateInZone } from '@bizdash/domain/dates';
import { financialYearOf, type FinancialYear } from '@bizdash/domain/fiscal-year';
import type { SettlementBasis } from '@bizdash/domain/settlements/settlement';
import type { Clock } from '../clock';
import type { Database, Executor } from '../db/database';
import { readBusinessCalendarSettings, type BusinessCalendarSettings } from './business-settings.repo';

/** The business's calendar settings together with today's date in its zone, from one read. */
export interface BusinessDay extends BusinessCalendarSettings {
  /** Today's calendar date (yyyy-mm-dd) in the business's zone. */
  today: string;
}

/**
 * Business time, answered in one place: an Indian firm books by the date in its own zone (Asia/Kolkata unless the
 * settings say otherwise), whatever the server's zone. Every method reads the settings afresh (no cache: a changed
 * zone or basis holds from the next request on); each takes the transaction to read in when the caller is inside
 * one, the service's database otherwise.
 */
export interface BusinessCalendar {
  /** Zone, books' year start, settlement basis and today, from one read of the settings. */
  current(executor?: Executor): Promise<BusinessDay>;
  /** The business's time zone (IANA name). */
  timeZone(executor?: Executor): Promise<string>;
  /** Today's calendar date (yyyy-mm-dd) in the business's zone. */
  today(executor?: Executor): Promise<string>;
  /** The calendar date (yyyy-mm-dd) of an instant in the business's zone. */
  dateOf(instant: Date, executor?: Executor): Promise<string>;
  /** The (GST, April to March) financial year of a calendar date; refuses a date that is not one. */
  financialYearOf(date: string, field?: string): FinancialYear;
  /** The financial year today falls in. */
  currentFinancialYear(executor?: Executor): Promise<FinancialYear>;
  /** How a partner's share is based: contracted fees, or receipts collected. */
  settlementBasis(executor?: Executor): Promise<SettlementBasis>;
}

export interface BusinessCalendarDeps {
  database: Pick<Database, 'db'>;
  clock: Clock;
  /** Where the settings come from; the `business` row by default (tests may stand in for it). */
  readSettings?: (executor: Executor) => Promise<BusinessCalendarSettings>;
}

export function makeBusinessCalendar({
  database,
  clock,
  readSettings = readBusinessCalendarSettings,
}: BusinessCalendarDeps): BusinessCalendar {
  const settings = (executor: Executor = database.db) => readSettings(executor);

  async function current(executor?: Executor): Promise<BusinessDay> {
    const s = await settings(executor);
    return { ...s, today: dateInZone(clock.now(), s.timeZone) };
  }

  return {
    current,
    timeZone: async (executor) => (await settings(executor)).timeZone,
    today: async (executor) => (await current(executor)).today,
    dateOf: async (instant, executor) => dateInZone(instant, (await settings(executor)).timeZone),
    financialYearOf: (date, field) => financialYearOf(date, field),
    currentFinancialYear: async (executor) => financialYearOf((await current(executor)).today),
    settlementBasis: async (executor) => (await settings(executor)).settlementBasis,
  };
}
