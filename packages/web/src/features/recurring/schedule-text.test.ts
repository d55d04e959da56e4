import { describe, expect, it } from 'vitest';
import { scheduleText } from './schedule-text';

describe('scheduleText', () => {
  it('names the day, and says a late day falls back to the last day of short months', () => {
    expect(scheduleText('monthly', 1)).toBe('Monthly on the 1st');
    expect(scheduleText('quarterly', 12)).toBe('Quarterly on the 12th');
    expect(scheduleText('yearly', 22)).toBe('Yearly on the 22nd');
    expect(scheduleText('monthly', 31)).toBe("Monthly on the 31st (or the month's last day)");
  });
});
