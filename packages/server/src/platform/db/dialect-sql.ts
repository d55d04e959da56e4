import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
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
