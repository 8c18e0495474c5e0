import { type SQL, sql } from 'drizzle-orm';

/** `expr ILIKE '%q%'` with LIKE wildcards in q escaped. */
export function contains(expr: SQL, q: string): SQL {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${expr} ilike ${`%${escaped}%`}`;
}
