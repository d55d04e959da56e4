import { describe, expect, it } from 'vitest';
import { backoffDelayMs, localDateAndMinutes, parseDailyAt } from './backoff';

describe('backoffDelayMs', () => {
  const options = { baseMs: 1_000, maxMs: 60_000 };
  it('doubles per attempt, between half and all of the nominal delay', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, options, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, options, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(backoffDelayMs(3, options, () => 0.5)).toBe(3_000);
  });
  it('caps at maxMs', () => {
    expect(backoffDelayMs(30, options, () => 1)).toBe(60_000);
    expect(backoffDelayMs(30, options, () => 0)).toBe(30_000);
  });
});

describe('daily schedule helpers', () => {
  it('reads the local date and time in Kolkata (UTC+05:30)', () => {
    expect(localDateAndMinutes(new Date('2026-11-23T18:29:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-11-23',
      minutes: 23 * 60 + 59,
    });
    expect(localDateAndMinutes(new Date('2026-11-23T18:30:00Z'), 'Asia/Kolkata')).toEqual({
      date: '2026-11-24',
      minutes: 0,
    });
  });
  it('parses HH:MM and refuses anything else', () => {
    expect(parseDailyAt('08:30')).toBe(510);
    expect(() => parseDailyAt('8:30')).toThrow('HH:MM');
    expect(() => parseDailyAt('24:00')).toThrow('HH:MM');
  });
});
