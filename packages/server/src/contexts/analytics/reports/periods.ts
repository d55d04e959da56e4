import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { assertPeriod, monthsOf, type Period } from '@bizdash/domain/metrics/definitions';
import { addDays, startOfLocalDay } from '@bizdash/domain/orders/calendar';

/**
 * Periods as the dashboard and the reports read them (pure): the period a query asks for, its span of instants in
 * the business zone, and its months or financial-year quarters. The dashboard imports these from here; nothing in
 * reports imports the dashboard.
 */

export interface Span {
  from: string;
  to: string;
  /** The instants bounding [from, to] in the business zone: from ≤ t < toExclusive. */
  fromTs: string;
  toTsExclusive: string;
}

export function spanOf(period: Period, timeZone: string): Span {
  return {
    ...period,
    fromTs: startOfLocalDay(period.from, timeZone),
    toTsExclusive: startOfLocalDay(addDays(period.to, 1), timeZone),
  };
}

/** The month of `today` when the caller gives no period; a lone from or to is refused naming the missing one. */
export function periodFrom(query: { from?: string | undefined; to?: string | undefined }, fallback: Period): Period {
  if (!query.from && !query.to) return fallback;
  if (!query.from) throw new AppError('VALIDATION_FAILED', 'from is required with to', { field: 'from' });
  if (!query.to) throw new AppError('VALIDATION_FAILED', 'to is required with from', { field: 'to' });
  const period = assertPeriod({ from: query.from, to: query.to });
  // Two financial years and a bit: the comparison doubles the span, and the day buckets stay bounded.
  if (Date.parse(period.to) - Date.parse(period.from) > 800 * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', 'a period spans at most 800 days', { field: 'to' });
  }
  return period;
}

export function currentMonth(today: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 7)}-01`, to: end };
}

export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** Months or financial-year quarters (Apr–Jun = Q1) of a period, clipped to it. */
export function buckets(period: Period, groupBy: 'month' | 'quarter'): { label: string; period: Period }[] {
  const months = monthsOf(period);
  const clip = (p: Period): Period => ({
    from: p.from < period.from ? period.from : p.from,
    to: p.to > period.to ? period.to : p.to,
  });
  if (groupBy === 'month') return months.map((m) => ({ label: m, period: clip(monthPeriod(m)) }));
  const out: { label: string; period: Period }[] = [];
  for (const m of months) {
    const month = Number(m.slice(5, 7));
    const fy = financialYearOf(`${m}-01`);
    const q = Math.floor(((month + 8) % 12) / 3) + 1;
    const label = `${fy.label} Q${q}`;
    const last = out[out.length - 1];
    if (last && last.label === label) last.period.to = clip(monthPeriod(m)).to;
    else out.push({ label, period: clip(monthPeriod(m)) });
  }
  return out;
}

/** Sums the numeric fields of rows whose `day` lies in the period. */
export function foldPeriod<R extends { day: string }>(rows: readonly R[], period: Period, keys: readonly (keyof R)[]) {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<keyof R, number>;
  for (const row of rows) {
    if (row.day < period.from || row.day > period.to) continue;
    for (const k of keys) out[k] += Number(row[k]);
  }
  return out;
}

/** Sums the numeric fields of rows per month (yyyy-mm) within the period. */
export function foldMonths<R extends { day: string }>(
  rows: readonly R[],
  period: Period,
  keys: readonly (keyof R)[],
): Map<string, Record<keyof R, number>> {
  const out = new Map<string, Record<keyof R, number>>();
  for (const row of rows) {
    if (row.day < period.from || row.day > period.to) continue;
    const month = row.day.slice(0, 7);
    let acc = out.get(month);
    if (!acc) {
      acc = Object.fromEntries(keys.map((k) => [k, 0])) as Record<keyof R, number>;
      out.set(month, acc);
    }
    for (const k of keys) acc[k] += Number(row[k]);
  }
  return out;
}
