import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Dialect } from '../../../platform/db/database';
import { forUpdate } from '../../../platform/db/dialect-sql';

/** The queries of number series as issuing takes numbers from them. */

/** Creates the series unless it exists; true when this call created it. */
export async function insertSeriesIfMissing(
  tx: Transaction<DB>,
  values: Insertable<DB['number_series']>,
): Promise<boolean> {
  const inserted = await tx
    .insertInto('number_series')
    .values(values)
    .onConflict((oc) => oc.columns(['gstin', 'document_type', 'financial_year']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Locks and reads a series (FOR UPDATE on PostgreSQL). */
export function lockSeries(tx: Transaction<DB>, dialect: Dialect, key: { gstin: string; series: string; fy: string }) {
  return forUpdate(
    dialect,
    tx
      .selectFrom('number_series')
      .selectAll()
      .where('gstin', '=', key.gstin)
      .where('document_type', '=', key.series)
      .where('financial_year', '=', key.fy),
  ).executeTakeFirstOrThrow();
}

/** The latest numbered document of the series dated after `date`, if any. */
export function findLaterInSeries(
  tx: Transaction<DB>,
  doc: { series: string; fy: string; gstin: string; date: string },
) {
  let later = tx
    .selectFrom('invoices')
    .select(['id', 'number', 'date'])
    .where('series', '=', doc.series)
    .where('financial_year', '=', doc.fy)
    .where('date', '>', doc.date)
    .where('sequence', 'is not', null);
  later = doc.gstin ? later.where('business_gstin', '=', doc.gstin) : later.where('business_gstin', 'is', null);
  return later.orderBy('date', 'desc').orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

export async function setNextSequence(tx: Transaction<DB>, id: number, next: number, now: string): Promise<void> {
  await tx.updateTable('number_series').set({ next_sequence: next, updated_at: now }).where('id', '=', id).execute();
}
