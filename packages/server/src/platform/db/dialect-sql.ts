import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Dialect } from './database';

/**
 * Row locks exist only on PostgreSQL. SQLite needs none: BEGIN IMMEDIATE already gives the transaction the single
 * write lock, so `FOR UPDATE` (a syntax error there) is left out.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  dialect: Dialect,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate() : query;
}

/**
 * Case-insensitive "contains" on a text column, with the user's % and _ taken literally. ILIKE on PostgreSQL; LIKE
 * on SQLite, which already ignores ASCII case.
 */
export function containsText(dialect: Dialect, column: string, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const op = dialect === 'postgres' ? sql.raw('ilike') : sql.raw('like');
  return sql<SqlBool>`${sql.ref(column)} ${op} ${pattern} escape '\\'`;
}

/**
 * A top-level string field of a JSON text column (snapshots are stored as text on both dialects): json_extract on
 * SQLite, ->> on PostgreSQL. Built from literals only, so PostgreSQL accepts the same expression in SELECT and GROUP
 * BY; column and key are code constants, checked here because they are spliced into the SQL.
 */
export function jsonTextField(dialect: Dialect, column: string, key: string): RawBuilder<string | null> {
  if (!/^[a-z_][a-z0-9_.]*$/i.test(column) || !/^[a-z_][a-z0-9_]*$/i.test(key)) {
    throw new Error(`jsonTextField: unsafe column or key ${column} ${key}`);
  }
  return dialect === 'postgres'
    ? sql.raw<string | null>(`(${column}::json ->> '${key}')`)
    : sql.raw<string | null>(`json_extract(${column}, '$.${key}')`);
}
