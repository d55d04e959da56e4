import type { Executor } from '../../../platform/db/database';
import type { BusinessRow } from './settings.repo';

/** SQL of the business logo (one row, id 1) and the key the business row carries for it. */

export async function replaceLogo(
  executor: Executor,
  logo: { mime: string; bytes: Buffer; sha256: string; updated_at: string },
): Promise<void> {
  await executor.deleteFrom('business_logo').where('id', '=', 1).execute();
  await executor
    .insertInto('business_logo')
    .values({ id: 1, ...logo })
    .execute();
}

export async function deleteLogo(executor: Executor): Promise<void> {
  await executor.deleteFrom('business_logo').where('id', '=', 1).execute();
}

export function setLogoKey(
  executor: Executor,
  businessId: number,
  logoKey: string | null,
  at: string,
): Promise<BusinessRow> {
  return executor
    .updateTable('business')
    .set({ logo_key: logoKey, updated_at: at })
    .where('id', '=', businessId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findLogo(executor: Executor) {
  return executor.selectFrom('business_logo').select(['mime', 'bytes']).where('id', '=', 1).executeTakeFirst();
}
