/**
 * Calendar days in the business's time zone. Orders and tasks are due on Indian calendar dates; "today" and the
 * bounds of a day are taken in that zone, never in UTC (the predecessor's reports were off by 5:30).
 */

import { dateInZone } from '../dates';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date yyyy-mm-dd of `instant` in `timeZone` (dates.ts `dateInZone`, with the zone required). */
export function localDateOf(instant: Date, timeZone: string): string {
  return dateInZone(instant, timeZone);
}

/** `date` plus `days` calendar days (days may be negative). */
export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date yyyy-mm-dd: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (330 for Asia/Kolkata). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant (ISO UTC) at which calendar day `date` starts in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date yyyy-mm-dd: ${date}`);
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Two passes settle the offset even on a day whose offset changes (not India, but any zone).
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight), timeZone) * 60_000;
  guess = utcMidnight - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess).toISOString();
}
