import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
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

/**
 * The application's tables, as Kysely sees them. platform/db declares none of them and imports no module: each
 * module (and platform/audit, platform/jobs) declares its tables in `<name>.tables.ts`, and the composition root
 * (src/db-schema.ts) merges them all into this interface. Modules import the assembled type from there.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in db-schema.ts
export interface DB {}

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
  /**
   * SQLite file only: checkpoint the WAL from a worker thread (startWalCheckpointerOnWrites) instead of inside the commit
   * that crosses wal_autocheckpoint. For long-running processes (the server, the worker); off for CLI commands.
   */
  backgroundCheckpoint?: boolean;
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
 * better-sqlite3 refuses to bind JS booleans, and SQLite stores them as 0/1 anyway: boolean parameters are bound as
 * integers, so service code can write `is_active: true` on both dialects. Done on the bound values rather than by a
 * Kysely plugin rewriting every query's tree, which cost more than compiling the query.
 */
function bindable(parameters: readonly unknown[]): readonly unknown[] {
  return parameters.some((p) => typeof p === 'boolean')
    ? parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p))
    : parameters;
}

/** A compiled statement as Kysely's SQLite driver uses it, binding booleans as integers. */
function booleanBinding(stmt: SQLite.Statement) {
  return {
    reader: stmt.reader,
    all: (parameters: readonly unknown[]) => stmt.all(bindable(parameters)),
    run: (parameters: readonly unknown[]) => stmt.run(bindable(parameters)),
    iterate: (parameters: readonly unknown[]) => stmt.iterate(bindable(parameters)),
  };
}

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query afresh. Reusing compiled
 * statements roughly halves the cost of a small query. Safe because Kysely runs one query at a time on the single
 * connection, so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const cache = new Map<string, ReturnType<typeof booleanBinding>>();
  return {
    prepare(query: string) {
      let stmt = cache.get(query);
      if (stmt) {
        // Map keeps insertion order: re-inserting marks it most recently used.
        cache.delete(query);
      } else {
        stmt = booleanBinding(sqlite.prepare(query));
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

/**
 * The WAL threshold at which a commit checkpoints by itself, in pages (4 KiB), with the background checkpointer
 * on: a safety bound for when it falls behind. At SQLite's default (1,000 pages) the commit that crossed it
 * copied ~4 MB of WAL back into the database file and fsynced it (synchronous = FULL) on the request's own thread:
 * creating an order stalled for 90 ms at 10k orders and 327 ms at 100k (issue 21).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export interface WalCheckpointer {
  stop(): Promise<void>;
  /** When (Date.now()) the last checkpoint succeeded; 0 before the first. */
  lastCheckpointAt(): number;
}

/**
 * Checkpoints the WAL every `everyMs` from a worker thread with its own connection. A PASSIVE checkpoint never
 * waits for or blocks writers and readers, and better-sqlite3 is synchronous: run on the main thread (as the job
 * worker is) it would stall every request for the length of the copy and fsync. Durability is unchanged: a commit is
 * durable once its WAL frames are fsynced (synchronous = FULL); the checkpoint only moves committed pages into the
 * database file, so the WAL stays small and commits never pay for it.
 */
export function startWalCheckpointer(file: string, everyMs = 1000): WalCheckpointer {
  const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');
  // An eval'd CommonJS worker: the server ships as one bundle, so there is no separate worker file to point at.
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    const SQLite = require(workerData.sqliteModule);
    const db = new SQLite(workerData.file);
    db.pragma('synchronous = FULL');
    const tick = () => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); parentPort.postMessage('ok'); }
      catch (error) { parentPort.postMessage(String(error)); }
    };
    const timer = setInterval(tick, workerData.everyMs);
    parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });`,
    { eval: true, workerData: { sqliteModule, file, everyMs } },
  );
  worker.unref();
  // A failed checkpoint is retried on the next tick; the commit-side threshold still bounds the WAL meanwhile.
  let lastOk = 0;
  worker.on('message', (message) => {
    if (message === 'ok') lastOk = Date.now();
  });
  worker.on('error', () => undefined);
  let exited = false;
  worker.once('exit', () => (exited = true));
  return {
    lastCheckpointAt: () => lastOk,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        // Held open until it has closed its connection: unref'd, a process with nothing else left would exit first.
        worker.ref();
        const force = setTimeout(() => void worker.terminate(), 2000);
        worker.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}

/**
 * The background checkpointer, running only while the database is being written. Its worker thread is a V8 isolate
 * of its own, about 10 MB resident, which an idle server need not hold (issue 21). Every `everyMs` the WAL file is
 * looked at (size and modification time; any process's commit changes them, a checkpoint does not): a change starts
 * the worker, and `idleMs` without one stops it, once it has checkpointed since the last change. Until it has started, a commit still checkpoints by itself past
 * WAL_AUTOCHECKPOINT_PAGES, as when the worker falls behind.
 */
export function startWalCheckpointerOnWrites(
  file: string,
  { everyMs = 1000, idleMs = 10_000 }: { everyMs?: number; idleMs?: number } = {},
): WalCheckpointer & { isRunning(): boolean } {
  let worker: WalCheckpointer | null = null;
  // A worker being stopped for idleness: a later stop() (the database closing) waits for it to let go of the file.
  let stopping: Promise<void> = Promise.resolve();
  let lastSeen = '';
  let lastChangeAt = 0;
  let isStopped = false;
  let isTicking = false;
  async function tick() {
    const seen = await stat(`${file}-wal`).then(
      (st) => `${st.size}:${st.mtimeMs}`,
      () => '',
    );
    if (isStopped) return;
    if (seen !== lastSeen) {
      lastSeen = seen;
      lastChangeAt = Date.now();
      if (!worker) {
        await stopping; // never two workers on the file at once
        if (!isStopped) worker = startWalCheckpointer(file, everyMs);
      }
    } else if (worker && Date.now() - lastChangeAt > idleMs && worker.lastCheckpointAt() > lastChangeAt) {
      // Idle, and a checkpoint has run since the last change was seen: stop. A worker slow to start (a busy
      // machine) is never stopped before it has backfilled what was written.
      const idle = worker;
      worker = null;
      stopping = idle.stop();
      await stopping;
    }
  }
  const timer = setInterval(() => {
    // A tick that outlasts the interval (a worker stopping) is not overlapped by the next one.
    if (isTicking) return;
    isTicking = true;
    void tick().finally(() => (isTicking = false));
  }, everyMs);
  timer.unref();
  return {
    isRunning: () => worker !== null,
    lastCheckpointAt: () => worker?.lastCheckpointAt() ?? 0,
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      await worker?.stop();
      worker = null;
      await stopping;
    },
  };
}

// PostgreSQL type OIDs whose default parsing would differ from SQLite's shapes.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_DATE = 1082;
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;

/**
 * The PostgreSQL driver, loaded when a PostgreSQL database is first opened rather than at start-up: about 15 MB of
 * resident memory that a SQLite installation never uses (issue 21).
 */
export async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default;
}

function pgTypes(types: typeof pg.types): pg.CustomTypesConfig {
  const parseTimestamp = types.getTypeParser(PG_TIMESTAMPTZ);
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === PG_INT8) return (v: string) => parseBigint(v);
      if (oid === PG_DATE) return (v: string) => v;
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) {
        return (v: string) => (parseTimestamp(v) as Date).toISOString();
      }
      if (oid === PG_NUMERIC) return (v: string) => v;
      return types.getTypeParser(oid, format as 'text');
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
    const { url, poolSize = 10 } = options;
    // Kysely creates the pool on the first query, so the driver loads only then.
    const pool = async () => {
      const { Pool, types } = await loadPg();
      return new Pool({ connectionString: url, max: poolSize, types: pgTypes(types) });
    };
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return wrap(db, 'postgres');
  }
  const file = options.sqliteFile ?? ':memory:';
  const sqlite = openSqlite(file);
  const checkpointer = options.backgroundCheckpoint && file !== ':memory:' ? startWalCheckpointerOnWrites(file) : null;
  // Without the checkpointer (CLI commands) SQLite's default threshold stays: smaller, more frequent checkpoints.
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return wrap(db, 'sqlite', async () => {
    await checkpointer?.stop();
  });
}

function wrap(db: Kysely<DB>, dialect: Dialect, beforeDestroy?: () => Promise<void>): Database {
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
    destroy: async () => {
      await beforeDestroy?.();
      await db.destroy();
    },
  };
}

/** True when `error` is a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when `error` is a foreign-key violation on either dialect, including a reference SQLite enforces by trigger
 * because it cannot add a foreign key to an existing table (users.partner_party_id, migration 202612080100): those
 * triggers abort with a message starting 'FOREIGN KEY constraint failed'.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') {
    return typeof message === 'string' && message.startsWith('FOREIGN KEY constraint failed');
  }
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
