import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { AppError } from '@bizdash/domain/errors';
import { createDatabase, loadPg } from '../../../platform/db/database';
import type { BackupContext, MoveReport } from './backup-context';
import { isMigratorTable } from './dump-format';
import * as repo from './dump.repo';
import type { OpenForChecks } from './installation-checks';
import { compareCounts, loadPostgres, rebuildTargetSummaries, sqliteSource } from './pg-load';

/** Moving a SQLite installation into an empty PostgreSQL database. */
export function makeMove(deps: BackupContext) {
  const { sqliteFile, log } = deps;

  /** `bizdash move --to postgres://…`: this SQLite installation into an empty PostgreSQL database. */
  async function move(options: { to: string }, openForChecks: OpenForChecks): Promise<MoveReport> {
    const started = performance.now();
    if (deps.databaseUrl) {
      throw new AppError('VALIDATION_FAILED', 'move copies a SQLite installation; unset DATABASE_URL to run it');
    }
    if (!/^postgres(ql)?:\/\//.test(options.to)) {
      throw new AppError('VALIDATION_FAILED', '--to must be a postgres:// URL');
    }
    if (!existsSync(sqliteFile)) throw new AppError('NOT_FOUND', `No database at ${sqliteFile}`);
    const client = new (await loadPg()).Client({ connectionString: options.to });
    await client.connect();
    try {
      if (await repo.pgHoldsFirm(client)) {
        throw new AppError('CONFLICT', 'The target PostgreSQL database is not empty; move into a new, empty database');
      }
    } finally {
      await client.end();
    }
    // Both sides at the same schema, so every column has a counterpart.
    const source = createDatabase({ sqliteFile });
    try {
      await repo.migrateTarget(undefined, undefined, source);
    } finally {
      await source.destroy();
    }
    await repo.migrateTarget(options.to, undefined);
    const file = new SQLite(sqliteFile, { readonly: true });
    let expected: Record<string, number>;
    try {
      // One read transaction: the counts and every page come from the same snapshot.
      repo.sqliteBegin(file);
      await loadPostgres(options.to, sqliteSource(file), log);
      const names = repo.sqliteTableNames(file).filter((t) => !isMigratorTable(t));
      expected = Object.fromEntries(names.map((t) => [t, repo.sqliteCount(file, t)]));
      repo.sqliteCommit(file);
    } finally {
      file.close();
    }
    await rebuildTargetSummaries(options.to);
    const check = new (await loadPg()).Client({ connectionString: options.to });
    await check.connect();
    let tables: Record<string, number>;
    try {
      const counts: Record<string, number> = {};
      for (const t of Object.keys(expected)) counts[t] = await repo.pgCount(check, t);
      tables = compareCounts(expected, (t) => counts[t] ?? 0);
    } finally {
      await check.end();
    }
    const checks = await openForChecks(options.to);
    return { tables, seconds: (performance.now() - started) / 1000, checks };
  }

  return { move };
}
