import type { Transaction } from 'kysely';
import type { DB } from '../../../../db-schema';
import type { Dialect } from '../../../../platform/db/database';
import { forUpdate } from '../../../../platform/db/dialect-sql';

/** The queries of a document's e-invoice (IRP) columns. */

/** Locks a document and reads its status and IRP columns. */
export function lockIrpColumns(tx: Transaction<DB>, dialect: Dialect, id: number) {
  return forUpdate(
    dialect,
    tx
      .selectFrom('invoices')
      .select(['status', 'irn', 'ack_no', 'ack_date', 'signed_qr_code', 'einvoice_status'])
      .where('id', '=', id),
  ).executeTakeFirst();
}

/** Writes only the IRP's columns, never the document itself. */
export async function setIrpColumns(
  tx: Transaction<DB>,
  id: number,
  values: {
    irn: string;
    ack_no: string;
    ack_date: string;
    signed_qr_code: string;
    einvoice_status: string;
  },
): Promise<void> {
  await tx.updateTable('invoices').set(values).where('id', '=', id).execute();
}
