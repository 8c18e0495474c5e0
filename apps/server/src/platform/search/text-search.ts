import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { contains } from '../http/search.ts';

/**
 * Substring search that an index serves for Japanese queries of any length and for English words (decision 0011).
 *
 * A searchable table keeps two trigger-maintained columns: `search_text` = unyo_search_norm(…its fields…) and
 * `search_grams` = unyo_grams(search_text), with a GIN index on the array (and a trigram index on the text for
 * long Latin words). Each whitespace-separated term of the query must occur:
 * - a 1–2 character term is one array element, so containment alone is exact;
 * - a longer term is a substring match (LIKE) that the trigram index serves, Japanese included (pg_trgm takes
 *   kana and kanji as word characters in a UTF-8 ctype, and in PGlite);
 * - a longer term without three letters or digits in a row has no trigram: it must contain all of its bigrams
 *   (grams index) and then occur as a substring (LIKE recheck).
 *
 * Why not bigrams for every longer term: the planner multiplies the frequencies of the bigrams (and the LIKE) as if
 * independent, so over 1M tickets `パスワード` (67,578 matches) was estimated at 8 rows and the page read and sorted
 * every match (285 ms) instead of walking the received_at index (1 ms). LIKE alone is estimated from the column's
 * statistics (70,770 estimated), so the planner picks the index walk for common terms and the trigram bitmap for
 * rare ones (bench/README.md, service desk).
 */
export function normalizeSearch(q: string): string {
  return q.normalize('NFKC').toLowerCase().trim();
}

export function searchTerms(q: string): string[] {
  return normalizeSearch(q)
    .split(/\s+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

function gramsOf(term: string): string[] {
  const chars = [...term];
  if (chars.length <= 2) return [chars.join('')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** Three word characters in a row: pg_trgm has at least one trigram to look up for such a LIKE pattern. */
const TRIGRAM_RUN = /[\p{L}\p{N}]{3}/u;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type SearchPlan = {
  /**
   * Whether a 1–2 character term is tested with LIKE on the text instead of looked up in the grams. Both are exact
   * (a term has no whitespace and the grams are every 1–2 character substring of each word). The grams index finds
   * the rows of a rare term; for a common one the list walks its sort index and tests each row, where LIKE on the
   * text costs ~1 µs against ~4 µs to decompress a grams array (bench, issue #6). See gram-stats.ts.
   */
  shortTermAsLike?: (term: string) => boolean;
};

/** WHERE condition for `q`, or undefined when the query has no terms. */
export function textSearchCondition(textCol: AnyPgColumn | SQL, gramsCol: AnyPgColumn | SQL, q: string, plan: SearchPlan = {}): SQL | undefined {
  const terms = searchTerms(q);
  if (terms.length === 0) return undefined;
  const parts = terms.map((term) => {
    if ([...term].length <= 2 && plan.shortTermAsLike?.(term)) return sql`${textCol} like ${`%${likeEscape(term)}%`}`;
    const grams = gramsOf(term);
    const contains = sql`${gramsCol} @> ${sql`array[${sql.join(
      grams.map((g) => sql`${g}`),
      sql`, `,
    )}]::text[]`}`;
    if ([...term].length <= 2) return contains;
    const like = sql`${textCol} like ${`%${likeEscape(term)}%`}`;
    if (TRIGRAM_RUN.test(term)) return like;
    return sql`(${contains} and ${like})`;
  });
  return sql.join(parts, sql` and `);
}

/**
 * For lists whose search is one substring of an expression (people, assets): a query of 1–2 characters is looked up
 * in the row's trigger-kept grams (exact, index-served); longer ones stay `expr ILIKE '%q%'` on the trigram index.
 */
export function substringCondition(expr: SQL, gramsCol: AnyPgColumn | SQL, q: string): SQL {
  const term = normalizeSearch(q);
  if (term.length > 0 && [...term].length <= 2 && !/\s/u.test(term)) return sql`${gramsCol} @> array[${term}]::text[]`;
  return contains(expr, q);
}

/**
 * Like substringCondition, for a text column kept as unyo_search_norm(…) by its trigger (hardware assets): the query
 * is normalized the same way (NFKC, lower case) and matched with LIKE, which pg_trgm serves like ILIKE but which
 * re-checks a candidate row several times faster than ILIKE's per-row lower() of Japanese text (bench, issue #4).
 */
export function normalizedSubstringCondition(textCol: AnyPgColumn | SQL, gramsCol: AnyPgColumn | SQL, q: string): SQL | undefined {
  const term = normalizeSearch(q);
  if (term.length === 0) return undefined;
  if ([...term].length <= 2 && !/\s/u.test(term)) return sql`${gramsCol} @> array[${term}]::text[]`;
  return sql`${textCol} like ${`%${likeEscape(term)}%`}`;
}
