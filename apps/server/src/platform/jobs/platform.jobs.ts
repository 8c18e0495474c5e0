import { sql } from 'drizzle-orm';
import { defineCron } from './jobs.ts';

/**
 * Runs every minute and records itself: proves the scheduler is alive (and, across instances,
 * that each minute runs once). Also trims job history older than 90 days.
 */
export const heartbeatCron = defineCron('platform.heartbeat', '* * * * *', async (ctx) => {
  await ctx.db.execute(sql`delete from job_runs where started_at < now() - interval '90 days'`);
});

export const platformJobs = [heartbeatCron];
