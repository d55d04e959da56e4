import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate, todayIsoDate } from '../../lib/format';
import { presetPeriod, type PeriodPreset, type PeriodValue } from '../dashboard/period-picker';
import type { Period } from './api';

/**
 * A preset's dates, ending no later than today: the book's figures are "to date", and a period that ends on a
 * later date would read as a forecast.
 */
export function presetToDate(preset: Exclude<PeriodPreset, 'custom'>, today = todayIsoDate()): PeriodValue {
  const period = presetPeriod(preset, today);
  return { ...period, to: period.to > today ? today : period.to };
}

/** The preset that gives exactly these dates, or 'custom'. */
export function presetOf(period: Period, today = todayIsoDate()): PeriodPreset {
  for (const preset of ['year', 'quarter', 'month'] as const) {
    const candidate = presetToDate(preset, today);
    if (candidate.from === period.from && candidate.to === period.to) return preset;
  }
  return 'custom';
}

/** The default period of every book screen: the financial year to date. */
export function defaultPeriod(today = todayIsoDate()): Period {
  const { from, to } = presetToDate('year', today);
  return { from, to };
}

/**
 * The period of a book screen, kept in the URL (?from=&to=) so a trial balance row can open its ledger for the
 * same dates and a link can be shared. Changing it goes back to the first page.
 */
export function usePeriodParams(): {
  period: Period;
  value: PeriodValue;
  setPeriod: (next: PeriodValue) => void;
  searchParams: URLSearchParams;
  setParam: (key: string, value: string | null) => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const fallback = defaultPeriod();
  const fromParam = searchParams.get('from') ?? '';
  const toParam = searchParams.get('to') ?? '';
  const period: Period = {
    from: isIsoDate(fromParam) ? fromParam : fallback.from,
    to: isIsoDate(toParam) ? toParam : fallback.to,
  };
  const setPeriod = useCallback(
    (next: PeriodValue) => {
      const clipped = next.preset === 'custom' ? next : presetToDate(next.preset);
      setSearchParams(
        (params) => {
          params.set('from', clipped.from);
          params.set('to', clipped.to);
          params.delete('page');
          return params;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );
  const setParam = useCallback(
    (key: string, value: string | null) =>
      setSearchParams(
        (params) => {
          if (value === null || value === '') params.delete(key);
          else params.set(key, value);
          if (key !== 'page') params.delete('page');
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return { period, value: { ...period, preset: presetOf(period) }, setPeriod, searchParams, setParam };
}

/** "?from=…&to=…" for a link that keeps the current period. */
export function periodSearch(period: Period, extra: Record<string, string> = {}): string {
  return `?${new URLSearchParams({ from: period.from, to: period.to, ...extra }).toString()}`;
}
