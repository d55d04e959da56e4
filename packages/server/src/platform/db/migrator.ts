import { Migrator, type MigrationResultSet } from 'kysely';
import { MIGRATIONS } from '../../migrations/registry';
import type { Database } from './database';

export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date. Throws with the failing migration's name if one fails. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error || failed) {
    const name = failed?.migrationName ?? 'unknown';
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${name} failed: ${cause}`, { cause: result.error });
  }
  return { applied: (result.results ?? []).map((r) => r.migrationName) };
}
