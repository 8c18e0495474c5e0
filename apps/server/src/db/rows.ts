import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Rows of a raw SQL query; both drivers (pg, PGlite) return `{ rows }`. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** The statement names handed out, by SQL text; past the bound, further texts run unnamed (see queryRowsPrepared). */
const names = new Map<string, string>();
export const PREPARED_STATEMENT_LIMIT = 500;

export type BuiltQuery = { sql: string; params: unknown[] };
type Internals = {
  session: {
    prepareQuery(
      query: BuiltQuery,
      fields: unknown,
      name: string | undefined,
      arrayMode: boolean,
    ): { execute(values?: Record<string, unknown>): Promise<unknown> };
  };
  dialect: { sqlToQuery(query: SQL): BuiltQuery };
};

/**
 * Drizzle's session and dialect of a handle (pool or transaction), for statements built once and run by name
 * (queryRowsPrepared, the ticket insert). Not in Drizzle's typed API; the version is pinned in package.json.
 */
export function drizzleInternals(db: Db): Internals {
  return db as unknown as Internals;
}

/**
 * queryRows as a named (prepared) statement on a PostgreSQL server: each pooled connection parses the text once and
 * then only binds values. For a hot list statement the parse and analysis of its ~3 KB text were a third of the
 * database's time per page (bench, issue #4). The database plans every execution for its values all the same
 * (`plan_cache_mode = force_custom_plan` on the pool, db/client.ts): a generic plan for `LIKE $1` chose the wrong
 * index for rare terms (70 ms instead of 4 ms).
 *
 * Only for statements whose text comes from a bounded set of shapes (filters and sorts present or not, never a
 * list of values spliced in): every distinct text stays prepared on every connection for its lifetime. A process
 * names at most PREPARED_STATEMENT_LIMIT texts; the rest run unnamed. PGlite ignores the name.
 */
export async function queryRowsPrepared<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const { session, dialect } = drizzleInternals(db);
  const built = dialect.sqlToQuery(query);
  let name = names.get(built.sql);
  if (name === undefined && names.size < PREPARED_STATEMENT_LIMIT) {
    name = `unyo_${createHash('sha1').update(built.sql).digest('base64url')}`;
    names.set(built.sql, name);
  }
  const res = (await session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return res.rows;
}
