import type { AnyJob } from '../../platform/jobs/jobs.ts';
import { defineCron } from '../../platform/jobs/jobs.ts';
import { sweepMissedBackups } from './backups.rate.ts';

/**
 * Runs without a result by their deadline become `missed` (counted as failed, 6.j). Every 15 minutes so that a
 * deadline in any site's zone is materialized soon after it passes; each run is idempotent.
 */
export const backupMissedSweep = defineCron('backups.missed-sweep', '*/15 * * * *', async (ctx) => {
  const r = await sweepMissedBackups(ctx.db, new Date());
  ctx.log(`missed ${r.missed}`);
});

export const backupCronJobs: AnyJob[] = [backupMissedSweep];
