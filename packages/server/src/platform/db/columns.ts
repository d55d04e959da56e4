import {
  PostgresAdapter,
  sql,
  type ColumnDataType,
  type CreateTableBuilder,
  type Kysely,
  type RawBuilder,
} from 'kysely';

/**
 * Column conventions (see migrations/):
 * - timestamps are ISO-8601 UTC strings (TEXT on SQLite, timestamptz on PostgreSQL, read back as ISO strings);
 * - booleans are written as JS booleans and read as `boolean | number` (SQLite has no boolean type): read them
 *   through `toBool`;
 * - money is integer paise (BIGINT), read as numbers.
 */
export type Bool = boolean | number;

export function toBool(value: Bool | null | undefined): boolean {
  return value === true || value === 1;
}

/**
 * Column types that differ between the dialects, decided in one place so migrations read the same for both.
 * Migrations receive Kysely<any> (the schema is what they build), so the dialect is read from the executor.
 */
export interface ColumnTypes {
  /** Instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite (sorts correctly as text). */
  timestamp: ColumnDataType | RawBuilder<unknown>;
  /** Calendar date yyyy-mm-dd. */
  date: ColumnDataType | RawBuilder<unknown>;
  boolean: ColumnDataType;
  /** Money in paise, counts, foreign keys to bigint ids. */
  bigint: ColumnDataType;
  /** JSON stored as text so that it is hashed and compared exactly as written. */
  jsonText: ColumnDataType;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design
export type MigrationDb = Kysely<any>;

export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function columnTypes(db: MigrationDb): ColumnTypes {
  if (isPostgres(db)) {
    return { timestamp: 'timestamptz', date: 'date', boolean: 'boolean', bigint: 'bigint', jsonText: 'text' };
  }
  return { timestamp: 'text', date: 'text', boolean: 'integer', bigint: 'integer', jsonText: 'text' };
}

/**
 * An auto-increment primary key: BIGINT identity on PostgreSQL; INTEGER PRIMARY KEY (the rowid alias) on SQLite,
 * with AUTOINCREMENT so that ids of deleted rows are never reused.
 */
export function withIdColumn<T extends string, C extends string>(
  db: MigrationDb,
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'id'> {
  if (isPostgres(db)) {
    return table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
  }
  return table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

/** A foreign-key column type matching withIdColumn's ids. */
export function idType(db: MigrationDb): ColumnDataType {
  return isPostgres(db) ? 'bigint' : 'integer';
}

/** The current time as a column default. */
export function nowDefault(db: MigrationDb): RawBuilder<unknown> {
  return isPostgres(db) ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}
