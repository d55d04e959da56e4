import type { Executor } from '../../../platform/db/database';
import type { MoneyItemTable } from './order-money.repo';

/** The queries of attachments.service.ts: the attachment columns receipts and expenses share. */

/** A receipt or expense of the order with its attachment columns (both tables share the columns read here). */
export function findMoneyItem(executor: Executor, table: MoneyItemTable, orderId: number, itemId: number) {
  return executor
    .selectFrom(table as 'order_receipts')
    .select(['id', 'order_id', 'file_key', 'file_name', 'file_type', 'file_size'])
    .where('id', '=', itemId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/** A party's name; the party must exist. */
export function getPartyName(executor: Executor, partyId: number) {
  return executor.selectFrom('parties').select('name').where('id', '=', partyId).executeTakeFirstOrThrow();
}

/** Sets (or, with nulls, clears) an item's attachment columns. */
export async function setMoneyItemFile(
  executor: Executor,
  table: MoneyItemTable,
  itemId: number,
  values: {
    file_key: string | null;
    file_name: string | null;
    file_type: string | null;
    file_size: number | null;
    updated_at: string;
  },
): Promise<void> {
  await executor
    .updateTable(table as 'order_receipts')
    .set(values)
    .where('id', '=', itemId)
    .execute();
}
