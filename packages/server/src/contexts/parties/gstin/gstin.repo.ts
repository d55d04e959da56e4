import type { Executor } from '../../../platform/db/database';

/** A cached lookup of a GSTIN fetched after `freshAfter`, or undefined. */
export function findFreshLookup(executor: Executor, gstin: string, freshAfter: string) {
  return executor
    .selectFrom('gstin_lookup_cache')
    .selectAll()
    .where('gstin', '=', gstin)
    .where('fetched_at', '>', freshAfter)
    .executeTakeFirst();
}

/** Caches a provider's answer, replacing an older one for the same GSTIN. */
export async function saveLookup(
  executor: Executor,
  entry: { gstin: string; details: string; fetched_at: string },
): Promise<void> {
  const { details, fetched_at } = entry;
  await executor
    .insertInto('gstin_lookup_cache')
    .values(entry)
    .onConflict((oc) => oc.column('gstin').doUpdateSet({ details, fetched_at }))
    .execute();
}
