import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { AppError } from '@bizdash/domain/errors';
import { createDatabase, loadPg } from '../../../platform/db/database';
import { rebuildSummaries } from '../../analytics/index';
import { dependencyOrder, isMigratorTable, readRowBatches, type DumpTable } from './dump-format';
import * as repo from './dump.repo';

/** Rows read or written per statement: bounded memory whatever the table's size. */
export const PAGE = 1000;
/** Tables that hold work in flight for the current transaction only; a loaded copy starts with none. */
const EMPTIED_AFTER_LOAD = ['ledger_pending'];

/** A source of rows for a PostgreSQL load: a logical dump or a SQLite file. */
export interface RowSource {
  columns(table: string): string[] | undefined;
  count(table: string): number;
  pages(table: string, columns: string[]): AsyncIterable<unknown[][]>;
}

/**
 * Loads every table the source has into the PostgreSQL target, parents before children, in one transaction with
 * triggers off (session_replication_role = replica): audit and journal rows are append-only, money tables would
 * mark themselves for posting and summary triggers would count every row twice. The summaries, the book and the
 * chain are loaded as the data they are; identity sequences then move past the loaded ids.
 */
export async function loadPostgres(url: string, source: RowSource, log: (line: string) => void) {
  const client = new (await loadPg()).Client({ connectionString: url });
  await client.connect();
  try {
    await repo.pgBeginLoad(client);
    const names = (await repo.pgTableNames(client)).filter((t) => !isMigratorTable(t));
    const order = dependencyOrder(names, await repo.pgForeignKeys(client));
    const shapes: repo.TableShape[] = [];
    for (const name of order) {
      const available = source.columns(name);
      if (!available) continue;
      const shape = await repo.pgTableShape(client, name);
      shapes.push({ ...shape, columns: shape.columns.filter((c) => available.includes(c)) });
    }
    // Children first, so that nothing the migrations seeded is left pointing at a deleted parent.
    for (const shape of [...shapes].reverse()) await repo.pgDeleteAll(client, shape.name);
    for (const shape of shapes) {
      const batch = Math.max(1, Math.min(PAGE, Math.floor(30_000 / Math.max(1, shape.columns.length))));
      let buffered: unknown[][] = [];
      for await (const page of source.pages(shape.name, shape.columns)) {
        buffered.push(...page);
        while (buffered.length >= batch) {
          await repo.pgInsertRows(client, shape, buffered.slice(0, batch));
          buffered = buffered.slice(batch);
        }
      }
      await repo.pgInsertRows(client, shape, buffered);
      log(`  ${shape.name}: ${source.count(shape.name)} rows`);
    }
    for (const table of EMPTIED_AFTER_LOAD) {
      if (names.includes(table)) await repo.pgDeleteAll(client, table);
    }
    for (const shape of shapes) {
      for (const column of shape.identity) await repo.pgResetIdentity(client, shape.name, column);
    }
    await repo.pgCommit(client);
  } catch (error) {
    await repo.pgRollback(client).catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Fills the dashboard summaries of a PostgreSQL target afresh (its load carried none, or SQLite's). */
export async function rebuildTargetSummaries(url: string) {
  const database = createDatabase({ url, poolSize: 1 });
  try {
    await database.transaction((tx) => rebuildSummaries(tx, 'postgres'));
  } finally {
    await database.destroy();
  }
}

export function logicalSource(dir: string, tables: DumpTable[]): RowSource {
  const byName = new Map(tables.map((t) => [t.name, t]));
  return {
    columns: (table) => byName.get(table)?.columns,
    count: (table) => byName.get(table)?.rows ?? 0,
    async *pages(table, columns) {
      const dumped = byName.get(table);
      if (!dumped) return;
      const at = columns.map((c) => dumped.columns.indexOf(c));
      for await (const batch of readRowBatches(path.join(dir, dumped.file), PAGE)) {
        yield batch.map((row) => at.map((i) => row[i] ?? null));
      }
    },
  };
}

export function sqliteSource(db: SQLite.Database): RowSource & { close(): void } {
  const names = new Set(repo.sqliteTableNames(db));
  const shapes = new Map<string, repo.TableShape>();
  const shapeOf = (table: string) => {
    let shape = shapes.get(table);
    if (!shape) {
      shape = repo.sqliteTableShape(db, table);
      shapes.set(table, shape);
    }
    return shape;
  };
  return {
    columns: (table) => (names.has(table) ? shapeOf(table).columns : undefined),
    count: (table) => repo.sqliteCount(db, table),
    async *pages(table, columns) {
      const shape = shapeOf(table);
      const read = [...columns, ...shape.primaryKey.filter((k) => !columns.includes(k))];
      const keyAt = shape.primaryKey.map((k) => read.indexOf(k));
      let after: unknown[] | null = null;
      for (;;) {
        const page = repo.sqliteReadPage(db, shape, read, after, PAGE);
        if (page.length > 0) yield page.map((row) => row.slice(0, columns.length));
        const last = page[page.length - 1];
        if (!last || page.length < PAGE) return;
        after = keyAt.map((i) => last[i]);
      }
    },
    close: () => db.close(),
  };
}

/** Each table's restored row count, which must equal the backup's (tables emptied after a load are not compared). */
export function compareCounts(
  expected: Record<string, number>,
  actual: (table: string) => number,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, rows] of Object.entries(expected)) {
    const found = EMPTIED_AFTER_LOAD.includes(table) ? rows : actual(table);
    if (found !== rows) {
      throw new AppError('INTERNAL', `Restored table ${table} has ${found} rows; the backup had ${rows}`);
    }
    counts[table] = found;
  }
  return counts;
}
