import type { AnyJob } from '../../platform/jobs/jobs.ts';
import { defineCron } from '../../platform/jobs/jobs.ts';
import { runFindingChecks } from './findings.checks.ts';

/** Daily data-quality sweep (2.1.b, 2.1.e), before the working day starts (Asia/Tokyo). */
export const findingsSweep = defineCron('assets.findings-sweep', '30 5 * * *', async (ctx) => {
  const r = await runFindingChecks(ctx.db, new Date(), { agentStaleDays: ctx.config.findings.agentStaleDays });
  ctx.log(`detected ${r.detected}, opened ${r.opened}, reopened ${r.reopened}, resolved ${r.resolved}`);
});

export const findingJobs: AnyJob[] = [findingsSweep];
