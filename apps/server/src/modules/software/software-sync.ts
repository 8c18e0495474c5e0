import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { type AnyJob, defineCron } from '../../platform/jobs/jobs.ts';

/**
 * Maps the new software names of devices whose inventory changed and refreshes their products (migration 0030).
 * Everything that reads the mapping calls it first, so an answer never lags the inventory; the cron keeps the
 * backlog small so those calls stay quick.
 */
export async function syncSoftwareMapping(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select software_sync() as n`);
  return Number(row?.n ?? 0);
}

export const softwareSyncCron = defineCron('software.mapping-sync', '*/10 * * * *', async (ctx) => {
  ctx.log(`devices refreshed: ${await syncSoftwareMapping(ctx.db)}`);
});

export const softwareSyncJobs: AnyJob[] = [softwareSyncCron];
