import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Rows of a raw SQL query; both drivers (pg, PGlite) return `{ rows }`. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
