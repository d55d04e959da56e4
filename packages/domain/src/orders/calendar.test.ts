import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, startOfLocalDay } from './calendar';

describe('business calendar', () => {
  it('takes the date in India, not UTC', () => {
    // 20:00 UTC on 23 Nov is 01:30 on 24 Nov in Kolkata.
    expect(localDateOf(new Date('2026-11-23T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-24');
    expect(localDateOf(new Date('2026-11-23T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-11-23');
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2026-11-23', 10)).toBe('2026-12-03');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds when a local day starts', () => {
    expect(startOfLocalDay('2026-11-24', 'Asia/Kolkata')).toBe('2026-11-23T18:30:00.000Z');
    expect(startOfLocalDay('2026-11-24', 'UTC')).toBe('2026-11-24T00:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'Europe/London')).toBe('2026-06-30T23:00:00.000Z');
  });
});
