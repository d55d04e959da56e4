import type { ReportColumn, ReportQuery, ReportRow } from '@bizdash/contracts/reports';
import { AppError } from '@bizdash/domain/errors';
import type { Period } from '@bizdash/domain/metrics/definitions';
import { toMoneyString } from '@bizdash/domain/money';
import type { Span } from './periods';

/** What every report builder shares: the filters it runs under, what it returns, and cell formatting. */

export const money = (paise: number) => toMoneyString(Math.round(paise));
export const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
export const col = (key: string, label: string, kind: ReportColumn['kind'] = 'money'): ReportColumn => ({
  key,
  label,
  kind,
});

/** A period key "from..to": what a row of a period-bucketed report hands to its drill-down. */
export const periodKey = (p: Period) => `period:${p.from}..${p.to}`;

export interface Filters {
  period: Period;
  span: Span;
  timeZone: string;
  today: string;
  basis: string;
  seePartners: boolean;
  query: ReportQuery;
}

export type Built = {
  columns: ReportColumn[];
  rows: ReportRow[];
  note?: string;
  totals?: Record<string, string | number | null>;
  moreRows?: number;
  /** When the report covers other dates than the filters' period (the balance sheet: FY start to as-of). */
  period?: { from: string; to: string };
};

export function assertPartners(f: Filters) {
  if (!f.seePartners) throw new AppError('FORBIDDEN', 'Partner figures need payouts.read');
}

/** The balance sheet's date: as asked, else the end of the period or today, whichever comes first. */
export function asOfOf(f: Filters): string {
  if (f.query.asOf) return f.query.asOf;
  return f.period.to < f.today ? f.period.to : f.today;
}

/** Sums the money/count columns of report rows into a totals row. */
export function totalsOf(columns: readonly ReportColumn[], rows: readonly ReportRow[], label: string) {
  const totals: Record<string, string | number | null> = {};
  columns.forEach((c, i) => {
    if (i === 0) totals[c.key] = label;
    else if (c.kind === 'money')
      totals[c.key] = money(rows.reduce((s, r) => s + Math.round(Number(r.cells[c.key] ?? 0) * 100), 0));
    else if (c.kind === 'count') totals[c.key] = rows.reduce((s, r) => s + Number(r.cells[c.key] ?? 0), 0);
    else totals[c.key] = null;
  });
  return totals;
}
