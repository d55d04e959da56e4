import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * Multi-row INSERTs straight into the tables, one large transaction per call of `transaction`, for the data
 * generator only. It bypasses Kysely (whose per-batch compile of tens of thousands of values would dominate) and
 * the services (one round of validation, audit and timeline per row would take hours for a million orders).
 */
export interface BulkWriter {
  readonly dialect: 'sqlite' | 'postgres';
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  transaction(fn: () => Promise<void>): Promise<void>;
  query<T>(sqlText: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sqlText: string, params?: readonly unknown[]): Promise<void>;
  close(): Promise<void>;
}

const SQLITE_MAX_PARAMS = 32_000;
const PG_MAX_PARAMS = 60_000;

/**
 * SQLite: the generator's own connection may run with synchronous=OFF (a crash mid-generation loses only generated
 * data; the app's own connections keep FULL). Foreign keys stay ON so a generator bug fails loudly.
 */
export function sqliteWriter(file: string): BulkWriter {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -262144'); // 256 MiB of page cache: the indexes of a million orders stay in memory
  db.pragma('temp_store = MEMORY');
  const statements = new Map<string, SQLite.Statement>();

  function statement(table: string, columns: readonly string[], rowCount: number) {
    const key = `${table}|${rowCount}`;
    let stmt = statements.get(key);
    if (!stmt) {
      const one = `(${columns.map(() => '?').join(',')})`;
      stmt = db.prepare(
        `insert into ${table} (${columns.join(',')}) values ${Array.from({ length: rowCount }, () => one).join(',')}`,
      );
      statements.set(key, stmt);
    }
    return stmt;
  }

  const bind = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

  return {
    dialect: 'sqlite',
    insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / columns.length));
      for (let start = 0; start < rows.length; start += per) {
        const chunk = rows.slice(start, start + per);
        const params: unknown[] = [];
        for (const row of chunk) for (const v of row) params.push(bind(v));
        statement(table, columns, chunk.length).run(params);
      }
      return Promise.resolve();
    },
    async transaction(fn) {
      db.exec('begin immediate');
      try {
        await fn();
        db.exec('commit');
      } catch (error) {
        db.exec('rollback');
        throw error;
      }
    },
    query<T>(sqlText: string, params: readonly unknown[] = []) {
      return Promise.resolve(db.prepare(sqlText).all(params.map(bind)) as T[]);
    },
    exec(sqlText, params = []) {
      if (params.length === 0) db.exec(sqlText);
      else db.prepare(sqlText).run(params.map(bind));
      return Promise.resolve();
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/** PostgreSQL: one client, multi-row INSERTs with numbered parameters. */
export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Asynchronous commit: the same trade as SQLite's synchronous=OFF, for this session only.
  await client.query('set synchronous_commit = off');
  const texts = new Map<string, string>();

  function text(table: string, columns: readonly string[], rowCount: number) {
    const key = `${table}|${rowCount}`;
    let t = texts.get(key);
    if (!t) {
      let n = 0;
      const tuples = Array.from({ length: rowCount }, () => `(${columns.map(() => `$${++n}`).join(',')})`);
      t = `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`;
      texts.set(key, t);
    }
    return t;
  }

  return {
    dialect: 'postgres',
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(PG_MAX_PARAMS / columns.length));
      for (let start = 0; start < rows.length; start += per) {
        const chunk = rows.slice(start, start + per);
        await client.query(text(table, columns, chunk.length), chunk.flat());
      }
    },
    async transaction(fn) {
      await client.query('begin');
      try {
        await fn();
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
    async query<T>(sqlText: string, params: readonly unknown[] = []) {
      const pgText = toNumbered(sqlText);
      return (await client.query(pgText, [...params])).rows as T[];
    },
    async exec(sqlText, params = []) {
      await client.query(toNumbered(sqlText), [...params]);
    },
    close: () => client.end(),
  };
}

/** Lets callers write `?` placeholders for both dialects. */
function toNumbered(sqlText: string): string {
  let n = 0;
  return sqlText.replace(/\?/g, () => `$${++n}`);
}
