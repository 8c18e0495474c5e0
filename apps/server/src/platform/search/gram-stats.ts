import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * How common each 1–2 character gram is, from PostgreSQL's own statistics of a grams column (pg_stats
 * most_common_elems, the numbers the planner estimates `grams @> array[…]` with; statistics target 1000 lists grams
 * down to ~0.1 % of rows). A gram not listed is rare. Read once per table and kept for ten minutes per database.
 */
const TTL_MS = 10 * 60_000;
type Entry = { at: number; freqs: Promise<Map<string, number>> };
const cache = new WeakMap<Db, Map<string, Entry>>();

async function readFrequencies(db: Db, table: string, column: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ elems: string[] | null; freqs: number[] | null }>(
    db,
    sql`select most_common_elems::text::text[] as elems, most_common_elem_freqs::float8[] as freqs
        from pg_stats where schemaname = current_schema() and tablename = ${table} and attname = ${column}`,
  );
  const out = new Map<string, number>();
  const { elems, freqs } = rows[0] ?? { elems: null, freqs: null };
  if (elems && freqs) for (let i = 0; i < elems.length; i++) out.set(elems[i], Number(freqs[i]));
  return out;
}

/** Share of rows (0–1) whose grams contain each listed gram; unlisted grams are rarer than every listed one. */
export async function gramFrequencies(db: Db, table: string, column: string, now = Date.now()): Promise<Map<string, number>> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const key = `${table}.${column}`;
  const hit = perDb.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.freqs;
  const freqs = readFrequencies(db, table, column).catch(() => new Map<string, number>());
  perDb.set(key, { at: now, freqs });
  return freqs;
}

export function forgetGramFrequencies(db: Db): void {
  cache.delete(db);
}
