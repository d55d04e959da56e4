/** Folding the rows of period-figures.repo.ts (periodSums): totals of one side, and sums per month. */

export interface PeriodRow {
  current: boolean;
  month: string;
  keys: Record<string, string>;
  sums: Record<string, number>;
}

/** Σ of `column` over the rows of one side (current or previous), optionally of one key value. */
export function total(
  rows: readonly PeriodRow[],
  current: boolean,
  column: string,
  key?: { name: string; value: string },
): number {
  let out = 0;
  for (const row of rows) {
    if (row.current !== current) continue;
    if (key && row.keys[key.name] !== key.value) continue;
    out += row.sums[column] ?? 0;
  }
  return out;
}

/** Σ of `column` per month of the current period, optionally of one key value. */
export function byMonth(
  rows: readonly PeriodRow[],
  column: string,
  key?: { name: string; value: string },
): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    if (!row.current) continue;
    if (key && row.keys[key.name] !== key.value) continue;
    out.set(row.month, (out.get(row.month) ?? 0) + (row.sums[column] ?? 0));
  }
  return out;
}
