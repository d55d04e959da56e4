import type { Insertable } from 'kysely';
import type { Executor } from '../../../../platform/db/database';
import type { LogoVersionsTable } from '../invoices.tables';

/** The queries of the logos documents print. */

/** The bytes of the business's current logo, if it has one. */
export function findCurrentLogo(db: Executor) {
  return db
    .selectFrom('business_logo')
    .innerJoin('business', 'business.logo_key', 'business_logo.sha256')
    .select('business_logo.bytes')
    .executeTakeFirst();
}

/** The bytes of a logo kept for issued documents. */
export function findLogoVersion(db: Executor, sha256: string) {
  return db.selectFrom('logo_versions').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
}

/** The settings logo with this content hash, if it is still there. */
export function findBusinessLogo(tx: Executor, sha256: string) {
  return tx.selectFrom('business_logo').select(['mime', 'bytes']).where('sha256', '=', sha256).executeTakeFirst();
}

/** Keeps a logo by content hash; a logo already kept stays as it is. */
export async function insertLogoVersion(tx: Executor, values: Insertable<LogoVersionsTable>): Promise<void> {
  await tx
    .insertInto('logo_versions')
    .values(values)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}
