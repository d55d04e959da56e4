/**
 * When a recurring invoice profile runs (issue 20). Pure calendar arithmetic on yyyy-mm-dd dates: a profile runs
 * every 1, 3 or 12 months on a day of the month, from its start date, until its end date or its count of runs.
 */
export type RecurrenceFrequency = 'monthly' | 'quarterly' | 'yearly';

export interface Recurrence {
  frequency: RecurrenceFrequency;
  /** 1–31; a day beyond the month's end means that month's last day (31 → 30 April, 28/29 February). */
  dayOfMonth: number;
  /** The first run is the first run day on or after this date. */
  startDate: string;
  /** No run after this date (inclusive), if set. */
  endDate: string | null;
  /** At most this many runs, if set. */
  maxRuns: number | null;
}

const MONTHS_PER_STEP: Record<RecurrenceFrequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The run day of a month: the day of month, clamped to the month's last day. */
function runDayIn(year: number, month: number, dayOfMonth: number): string {
  const day = Math.min(dayOfMonth, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The run dates of a recurrence in order, the nth (0-based) being `start month + n × step` months, so a clamped
 * day (28 February) never drags later runs off their day (31 March stays 31 March).
 */
export function* runDates(rule: Recurrence): Generator<string> {
  const step = MONTHS_PER_STEP[rule.frequency];
  const startYear = Number(rule.startDate.slice(0, 4));
  const startMonth = Number(rule.startDate.slice(5, 7));
  // The first run day on or after the start: this month's if not yet passed, else the next month's.
  let offset = runDayIn(startYear, startMonth, rule.dayOfMonth) >= rule.startDate ? 0 : 1;
  for (let n = 0; rule.maxRuns === null || n < rule.maxRuns; n++, offset += step) {
    const index = startYear * 12 + (startMonth - 1) + offset;
    const date = runDayIn(Math.floor(index / 12), (index % 12) + 1, rule.dayOfMonth);
    if (rule.endDate !== null && date > rule.endDate) return;
    yield date;
  }
}

/** The run dates on or before `today` (what is due), with the index of each run, oldest first. */
export function dueRunDates(rule: Recurrence, today: string, limit = Number.POSITIVE_INFINITY): string[] {
  const due: string[] = [];
  for (const date of runDates(rule)) {
    if (date > today || due.length >= limit) break;
    due.push(date);
  }
  return due;
}

/** The first run date after `after` (null: none left), given the runs already made. */
export function nextRunDate(rule: Recurrence, after: string | null): string | null {
  for (const date of runDates(rule)) {
    if (after === null || date > after) return date;
  }
  return null;
}
