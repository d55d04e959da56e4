import { sql, type Expression, type SqlBool } from 'kysely';
import type { Dialect } from './database';
import type { Executor } from './database';

/**
 * Typo-tolerant substring search over `parties.search_text`. The dialects differ, so the difference lives here:
 * - PostgreSQL: a GIN pg_trgm index on the column; a row matches when it contains the text (ILIKE, index-assisted)
 *   or when the text is word-similar to it (`<%`, pg_trgm's word_similarity, default threshold 0.6).
 * - SQLite: an FTS5 table with the trigram tokenizer (rowid = party id), kept current by `syncSearchIndex` in the
 *   writer's transaction. Each distinct trigram of the query is looked up in the index and a row matches when at
 *   least 60 % of them hit, which tolerates one typo in a word of six or more letters. Queries of one or two
 *   characters have no trigram and fall back to a prefix/contains LIKE.
 */
export function matchesSearch(dialect: Dialect, text: string): Expression<SqlBool> {
  const needle = normalizeSearchText(text);
  const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (dialect === 'postgres') {
    return sql<SqlBool>`(parties.search_text ilike ${`%${escaped}%`} escape '\\' or ${needle} <% parties.search_text)`;
  }
  const grams = trigrams(needle);
  if (grams.length === 0) return sql<SqlBool>`parties.search_text like ${`%${escaped}%`} escape '\\'`;
  const need = Math.max(1, Math.ceil(grams.length * 0.6));
  const lookups = sql.join(
    grams.map((g) => sql`select rowid as id from parties_fts where parties_fts match ${`"${g.replace(/"/g, '""')}"`}`),
    sql` union all `,
  );
  return sql<SqlBool>`parties.id in (select id from (${lookups}) as hits group by id having count(*) >= ${need})`;
}

/**
 * How well each party matches, for "best match first" (the Ctrl+K search). Higher is better; a contained match
 * outranks a fuzzy one. On SQLite the score is the number of the query's trigrams found in the row, counted in the
 * FTS index once for all rows; on PostgreSQL it is pg_trgm's word_similarity.
 */
export function searchRank(dialect: Dialect, text: string): Expression<number> {
  const needle = normalizeSearchText(text);
  const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
  const contains = sql<number>`(case when parties.search_text like ${`%${escaped}%`} escape '\\' then 1000 else 0 end)`;
  if (dialect === 'postgres') {
    return sql<number>`(${contains} + word_similarity(${needle}, parties.search_text))`;
  }
  const grams = trigrams(needle);
  if (grams.length === 0) return contains;
  const lookups = sql.join(
    grams.map((g) => sql`select rowid as id from parties_fts where parties_fts match ${`"${g.replace(/"/g, '""')}"`}`),
    sql` union all `,
  );
  // Correlated, but only over the rows that already passed matchesSearch, and each lookup is an index probe.
  return sql<number>`(${contains} + (select count(*) from (${lookups}) as hits where hits.id = parties.id))`;
}

/** Keeps SQLite's FTS table in step with a party's search text; PostgreSQL indexes the column itself. */
export async function syncSearchIndex(
  executor: Executor,
  dialect: Dialect,
  id: number,
  searchText: string,
): Promise<void> {
  if (dialect === 'postgres') return;
  await sql`delete from parties_fts where rowid = ${id}`.execute(executor);
  await sql`insert into parties_fts (rowid, search_text) values (${id}, ${searchText})`.execute(executor);
}

export function normalizeSearchText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Distinct three-character windows, capped so a long query stays one cheap statement. */
function trigrams(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= text.length && out.size < 24; i++) out.add(text.slice(i, i + 3));
  return [...out];
}
