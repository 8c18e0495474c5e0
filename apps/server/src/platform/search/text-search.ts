import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Substring search that an index serves for Japanese queries of any length and for English words (decision 0011).
 *
 * A searchable table keeps two trigger-maintained columns: `search_text` = unyo_search_norm(…its fields…) and
 * `search_grams` = unyo_grams(search_text), with a GIN index on the array (and a trigram index on the text for
 * long Latin words). Each whitespace-separated term of the query must occur:
 * - a 1–2 character term is one array element, so containment alone is exact;
 * - a longer term must contain all of its bigrams (index) and then occur as a substring (LIKE recheck).
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

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** WHERE condition for `q`, or undefined when the query has no terms. */
export function textSearchCondition(textCol: AnyPgColumn | SQL, gramsCol: AnyPgColumn | SQL, q: string): SQL | undefined {
  const terms = searchTerms(q);
  if (terms.length === 0) return undefined;
  const parts = terms.map((term) => {
    const grams = gramsOf(term);
    const contains = sql`${gramsCol} @> ${sql`array[${sql.join(
      grams.map((g) => sql`${g}`),
      sql`, `,
    )}]::text[]`}`;
    if ([...term].length <= 2) return contains;
    return sql`(${contains} and ${textCol} like ${`%${likeEscape(term)}%`})`;
  });
  return sql.join(parts, sql` and `);
}
