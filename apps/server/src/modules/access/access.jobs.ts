import { defineCron } from '../../platform/jobs/jobs.ts';
import { purgeExpiredSessions } from './auth.service.ts';

export const sessionPurgeCron = defineCron('access.session-purge', '17 3 * * *', async (ctx) => {
  const n = await purgeExpiredSessions(ctx.db);
  ctx.log(`purged ${n} expired sessions`);
});

export const accessJobs = [sessionPurgeCron];
