import { describe, expect, it } from 'vitest';
import { dueRunDates, nextRunDate, runDates, type Recurrence } from './recurrence';

const take = (rule: Recurrence, n: number) => {
  const out: string[] = [];
  for (const d of runDates(rule)) {
    if (out.length === n) break;
    out.push(d);
  }
  return out;
};

describe('recurrence', () => {
  const base: Recurrence = {
    frequency: 'monthly',
    dayOfMonth: 31,
    startDate: '2026-01-15',
    endDate: null,
    maxRuns: null,
  };

  it('clamps a day beyond the month end to its last day without drifting later runs', () => {
    expect(take(base, 5)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(take({ ...base, startDate: '2028-02-01' }, 1)).toEqual(['2028-02-29']);
  });

  it('starts the next period when the start date is past the run day', () => {
    expect(take({ ...base, dayOfMonth: 10 }, 2)).toEqual(['2026-02-10', '2026-03-10']);
    expect(take({ ...base, dayOfMonth: 15 }, 1)).toEqual(['2026-01-15']);
  });

  it('steps quarterly and yearly', () => {
    expect(take({ ...base, frequency: 'quarterly', dayOfMonth: 1, startDate: '2026-04-01' }, 3)).toEqual([
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ]);
    expect(take({ ...base, frequency: 'yearly', dayOfMonth: 29, startDate: '2027-02-01' }, 3)).toEqual([
      '2027-02-28',
      '2028-02-29',
      '2029-02-28',
    ]);
  });

  it('stops at the end date or after the count', () => {
    expect([...runDates({ ...base, dayOfMonth: 1, startDate: '2026-01-01', endDate: '2026-03-01' })]).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect([...runDates({ ...base, dayOfMonth: 5, startDate: '2026-01-01', maxRuns: 2 })]).toEqual([
      '2026-01-05',
      '2026-02-05',
    ]);
  });

  it('lists what is due up to today and the next run after the last one', () => {
    const rule = { ...base, dayOfMonth: 5, startDate: '2026-01-01' };
    expect(dueRunDates(rule, '2026-03-04')).toEqual(['2026-01-05', '2026-02-05']);
    expect(nextRunDate(rule, '2026-02-05')).toBe('2026-03-05');
    expect(nextRunDate(rule, null)).toBe('2026-01-05');
    expect(nextRunDate({ ...rule, maxRuns: 2 }, '2026-02-05')).toBeNull();
  });
});
