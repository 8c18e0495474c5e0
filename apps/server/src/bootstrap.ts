import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { ensureAdmin } from './modules/access/users.service.ts';
import { seedDemo } from './modules/org/org.seed.ts';

export type Started = { database: Database; admin: { created: boolean; password: string | null }; seeded: boolean };

/** Opens (and for the embedded engine, locks) the database, migrates, creates the admin, seeds the demo. */
export async function prepareDatabase(config: Config, opts: { seed?: boolean } = {}): Promise<Started> {
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    const admin = await ensureAdmin(database.db, config.adminEmail, config.adminPassword);
    const seeded = (opts.seed ?? config.seedDemo) ? await seedDemo(database.db, { onlyIfEmpty: true, servicedesk: {} }) : false;
    return { database, admin, seeded };
  } catch (e) {
    await database.close();
    throw e;
  }
}
