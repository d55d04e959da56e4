import type { Executor } from '../../../platform/db/database';

/** The party's billing address (JSON) for the statement's heading. */
export async function partyBillingAddress(executor: Executor, partyId: number): Promise<string | null> {
  const row = await executor
    .selectFrom('parties')
    .select('billing_address')
    .where('id', '=', partyId)
    .executeTakeFirst();
  return row?.billing_address ?? null;
}
