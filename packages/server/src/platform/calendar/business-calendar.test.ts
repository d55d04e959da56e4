import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import type { Executor } from '../db/database';
import { makeBusinessCalendar } from './business-calendar';
import type { BusinessCalendarSettings } from './business-settings.repo';

/** A calendar over settings held in memory, changed between calls as the settings page would. */
function calendarAt(instant: string, settings: BusinessCalendarSettings) {
  const clock = fixedClock(new Date(instant));
  const reads: Executor[] = [];
  const db = {} as Executor;
  const calendar = makeBusinessCalendar({
    database: { db },
    clock,
    readSettings: (executor) => {
      reads.push(executor);
      return Promise.resolve({ ...settings });
    },
  });
  return { calendar, clock, settings, reads, db };
}

const INDIA: BusinessCalendarSettings = { timeZone: 'Asia/Kolkata', fyStartMonth: 4, settlementBasis: 'contracted' };

describe('business calendar', () => {
  it('dates an instant in the business zone: 20:00 UTC is already the next day in India', async () => {
    const { calendar } = calendarAt('2026-12-20T20:00:00Z', INDIA);
    expect(await calendar.today()).toBe('2026-12-21');
    expect(await calendar.dateOf(new Date('2026-12-20T18:29:59Z'))).toBe('2026-12-20');
    expect(await calendar.dateOf(new Date('2026-12-20T18:30:00Z'))).toBe('2026-12-21');
  });

  it('gives the financial year of a date: 31 March closes one, 1 April opens the next', async () => {
    const { calendar, clock } = calendarAt('2026-03-31T12:00:00Z', INDIA);
    expect(calendar.financialYearOf('2026-03-31').label).toBe('2025-26');
    expect(calendar.financialYearOf('2026-04-01').label).toBe('2026-27');
    expect(() => calendar.financialYearOf('2026-02-30', 'dueDate')).toThrow(/dueDate/);
    expect((await calendar.currentFinancialYear()).label).toBe('2025-26');
    // 31 March 18:30 UTC is 1 April in India: the new year has begun there.
    clock.set(new Date('2026-03-31T18:30:00Z'));
    expect((await calendar.currentFinancialYear()).label).toBe('2026-27');
  });

  it('reads the settings on every call, so a changed zone or basis holds at once', async () => {
    const { calendar, settings } = calendarAt('2026-12-20T20:00:00Z', { ...INDIA });
    expect(await calendar.timeZone()).toBe('Asia/Kolkata');
    expect(await calendar.settlementBasis()).toBe('contracted');
    settings.timeZone = 'America/New_York';
    settings.settlementBasis = 'collected';
    expect(await calendar.timeZone()).toBe('America/New_York');
    expect(await calendar.today()).toBe('2026-12-20');
    expect(await calendar.settlementBasis()).toBe('collected');
    expect(await calendar.current()).toEqual({
      timeZone: 'America/New_York',
      fyStartMonth: 4,
      settlementBasis: 'collected',
      today: '2026-12-20',
    });
  });

  it('reads in the transaction it is given, else in its own database', async () => {
    const { calendar, reads, db } = calendarAt('2026-12-20T20:00:00Z', INDIA);
    const tx = {} as Executor;
    await calendar.today(tx);
    await calendar.today();
    expect(reads[0]).toBe(tx);
    expect(reads[1]).toBe(db);
  });
});
