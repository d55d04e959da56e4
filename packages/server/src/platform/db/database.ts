import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type Transaction,
} from 'kysely';
import type { DB } from './schema';
import { SqliteBooleanPlugin } from './sqlite-boolean-plugin';

export type Dialect = 'sqlite' | 'postgres';

/** What services receive: the query builder, which dialect it speaks, and the one way to open a transaction. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. Before committing it
   * runs the before-commit hooks, in the same transaction (the ledger posts what the transaction wrote).
   */
  transaction<T>(fn: (tx: Transaction<DB>) => Promise<T>): Promise<T>;
  /** Sets the hook of that name (one per name, so wiring services twice does not run it twice). */
  setBeforeCommit(name: string, hook: (tx: Transaction<DB>) => Promise<void>): void;
  destroy(): Promise<void>;
}

export type Executor = Kysely<DB> | Transaction<DB>;

export interface DatabaseOptions {
  /** postgres:// URL; when absent, SQLite at sqliteFile. */
  url?: string | undefined;
  sqliteFile?: string;
  poolSize?: number;
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE so that a transaction which reads and then writes takes the write
 * lock up front: a deferred BEGIN that later upgrades can fail with SQLITE_BUSY at once, ignoring busy_timeout,
 * when another process (the CLI, a worker) writes at the same time.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query afresh. Reusing compiled
 * statements roughly halves the cost of a small query. Safe because Kysely runs one query at a time on the single
 * connection, so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(query: string) {
      let stmt = cache.get(query);
      if (stmt) {
        // Map keeps insertion order: re-inserting marks it most recently used.
        cache.delete(query);
      } else {
        stmt = sqlite.prepare(query);
        if (cache.size >= max) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(query, stmt);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit, so an acknowledged write survives a process crash and a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

// PostgreSQL type OIDs whose default parsing would differ from SQLite's shapes.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_DATE = 1082;
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;

function pgTypes(): pg.CustomTypesConfig {
  const parseTimestamp = pg.types.getTypeParser(PG_TIMESTAMPTZ);
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === PG_INT8) return (v: string) => parseBigint(v);
      if (oid === PG_DATE) return (v: string) => v;
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) {
        return (v: string) => (parseTimestamp(v) as Date).toISOString();
      }
      if (oid === PG_NUMERIC) return (v: string) => v;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** BIGINT as a JS number: every BIGINT we store (ids, paise, counts) stays far below 2^53. */
function parseBigint(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${value} does not fit a safe integer`);
  return n;
}

export function createDatabase(options: DatabaseOptions): Database {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: pgTypes() });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return wrap(db, 'postgres');
  }
  const file = options.sqliteFile ?? ':memory:';
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(openSqlite(file)) }),
    plugins: [new SqliteBooleanPlugin()],
  });
  return wrap(db, 'sqlite');
}

function wrap(db: Kysely<DB>, dialect: Dialect): Database {
  const hooks = new Map<string, (tx: Transaction<DB>) => Promise<void>>();
  return {
    db,
    dialect,
    transaction: (fn) =>
      db.transaction().execute(async (tx) => {
        const result = await fn(tx);
        for (const hook of hooks.values()) await hook(tx);
        return result;
      }),
    setBeforeCommit: (name, hook) => {
      hooks.set(name, hook);
    },
    destroy: () => db.destroy(),
  };
}

/** True when `error` is a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when `error` is a foreign-key violation on either dialect. */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
