import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { NumberSeriesRow, NumberSeriesTable } from '../masters/masters.tables';

/** SQL of number series writes (reads: settings.repo). */

/** Moves the series of one GSTIN to another, except where the other already has that type and year. */
export async function moveSeries(executor: Executor, from: string, to: string): Promise<void> {
  await executor
    .updateTable('number_series')
    .set({ gstin: to })
    .where('gstin', '=', from)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('number_series as other')
            .select('other.id')
            .where('other.gstin', '=', to)
            .whereRef('other.document_type', '=', 'number_series.document_type')
            .whereRef('other.financial_year', '=', 'number_series.financial_year'),
        ),
      ),
    )
    .execute();
}

export function updateSeries(
  executor: Executor,
  id: number,
  values: { template: string; next_sequence: number; updated_at: string },
): Promise<NumberSeriesRow> {
  return executor
    .updateTable('number_series')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertSeries(executor: Executor, values: Insertable<NumberSeriesTable>): Promise<NumberSeriesRow> {
  return executor.insertInto('number_series').values(values).returningAll().executeTakeFirstOrThrow();
}
