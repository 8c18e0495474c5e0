import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A Drizzle database or transaction: repos accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  pglite: PGlite | null;
  pool: pg.Pool | null;
  close(): Promise<void>;
};

// timestamptz/date come back as strings from both drivers; presenters format them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Opens PostgreSQL (DATABASE_URL) or the embedded PGlite. `loadDataDir` starts an in-memory PGlite from a data
 * directory image (the tests start from one migrated image instead of migrating every database anew).
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'inMemory'>, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  if (config.databaseUrl) {
    // Every execution is planned for its own values, named statements included (db/rows.ts queryRowsPrepared). JIT
    // is off: on short queries it compiles longer than it runs (1.5–1.9 s on the compliance statement, 0.4 s of work;
    // decision 0018). An `options` parameter in DATABASE_URL replaces this one.
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, options: '-c plan_cache_mode=force_custom_plan -c jit=off' });
    // An idle connection the server closes (restart, failover, a dropped test database) must not crash the
    // process; the pool replaces it on the next query.
    pool.on('error', (err) => console.error('[db] idle connection closed:', err.message));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', pglite: null, pool, close: () => pool.end() };
  }
  let lock: DataDirLock | null = null;
  if (!config.inMemory) lock = acquireDataDirLock(config.dataDir);
  try {
    const pglite = await PGlite.create(config.inMemory ? undefined : config.dataDir, {
      extensions: { pg_trgm },
      ...(config.inMemory && opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      pglite,
      pool: null,
      close: async () => {
        await pglite.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}
