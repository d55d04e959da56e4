import type { Executor } from '../../../platform/db/database';

/** SQL of first-run setup: the one business row (id 1). */

export async function insertBusiness(
  executor: Executor,
  business: {
    id: number;
    name: string;
    state_code: string;
    gstin: string | null;
    created_at: string;
    updated_at: string;
  },
): Promise<void> {
  await executor.insertInto('business').values(business).execute();
}

export async function businessName(executor: Executor): Promise<string | null> {
  const row = await executor.selectFrom('business').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? null;
}
