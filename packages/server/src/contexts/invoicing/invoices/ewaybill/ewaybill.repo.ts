import type { Transaction } from 'kysely';
import type { DB } from '../../../../db-schema';
import type { Dialect, Executor } from '../../../../platform/db/database';
import { forUpdate } from '../../../../platform/db/dialect-sql';

/** The queries of an invoice's e-way bill columns. */

/** Keeps the Part B last entered for the upload (JSON). */
export async function setEwayBillPartB(executor: Executor, id: number, partB: string): Promise<void> {
  await executor.updateTable('invoices').set({ ewb_part_b: partB }).where('id', '=', id).execute();
}

/** Locks an invoice and reads its status and e-way bill columns. */
export function lockEwayBillColumns(tx: Transaction<DB>, dialect: Dialect, id: number) {
  return forUpdate(
    dialect,
    tx.selectFrom('invoices').select(['status', 'ewb_number', 'ewb_date', 'ewb_valid_until']).where('id', '=', id),
  ).executeTakeFirst();
}

/** Records the portal's e-way bill on the invoice. */
export async function setEwayBill(
  tx: Transaction<DB>,
  id: number,
  values: { ewb_number: string; ewb_date: string; ewb_valid_until: string },
): Promise<void> {
  await tx.updateTable('invoices').set(values).where('id', '=', id).execute();
}
