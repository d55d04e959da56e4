/** A statement period, both ends included, as yyyy-mm-dd. */
export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'fy' | 'last-fy' | 'month';

/** The Indian financial year (April to March) that holds `date`. */
export function financialYearOf(date: string): Period {
  const year = Number(date.slice(0, 4));
  const start = Number(date.slice(5, 7)) >= 4 ? year : year - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The period a preset stands for on `today`: the year or month so far, or the whole previous financial year. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case 'fy':
      return { from: financialYearOf(today).from, to: today };
    case 'last-fy': {
      const start = Number(financialYearOf(today).from.slice(0, 4)) - 1;
      return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
    }
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
  }
}
