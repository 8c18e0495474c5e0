import type { BackupMonthlyDto, BackupMonthlyQuery } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { findActiveJobs, findResultsBetween, type JobWithRefs } from './backups.repo.ts';
import { deadlineOf, monthRange, overdueRunDates, runDatesBetween } from './backups.schedule.ts';
import { writeResult } from './backups.service.ts';

/** How far back the sweep looks for runs without a result (a missed weekend of the sweep is caught up). */
export const SWEEP_LOOKBACK_DAYS = 14;

/**
 * Materializes a `missed` result for every planned run of an active job whose deadline (site time) passed by `now`
 * without a result. Idempotent: a run with any result, including an earlier `missed`, is left alone.
 */
export async function sweepMissedBackups(db: Db, now: Date): Promise<{ missed: number }> {
  const jobs = await findActiveJobs(db);
  let missed = 0;
  for (const job of jobs) {
    const overdue = overdueRunDates(job, job.site.timeZone, now, SWEEP_LOOKBACK_DAYS);
    if (!overdue.length) continue;
    const have = new Set((await findResultsBetween(db, [job.id], overdue[0], overdue[overdue.length - 1])).map((r) => r.runDate));
    const todo = overdue.filter((d) => !have.has(d));
    if (!todo.length) continue;
    await inTransaction(db, async ({ tx }) => {
      for (const runDate of todo) {
        // Re-checked under the row lock inside writeResult's read: a result that arrived meanwhile wins.
        const present = await findResultsBetween(tx, [job.id], runDate, runDate);
        if (present.length) continue;
        await writeResult(
          tx,
          { actor: systemActor, requestId: null },
          { id: job.id, siteId: job.site.id },
          {
            runDate,
            status: 'missed',
            message: `no result by ${deadlineOf(job, runDate, job.site.timeZone).toISOString()}`,
            source: 'sweep',
          },
        );
        missed++;
      }
    });
  }
  return { missed };
}

type Counts = { due: number; succeeded: number; failed: number; warning: number; missed: number; rate: number | null };
const empty = (): Counts => ({ due: 0, succeeded: 0, failed: 0, warning: 0, missed: 0, rate: null });

/**
 * S-4-3-5-1 for a month: per active job, the planned runs whose deadline passed by `now` or that have a result.
 * Succeeded = `success`; every other due run counts as failed — `warning`, `failed`, `missed`, and a run past its
 * deadline that the sweep has not materialized yet (counted as missed). Results on unplanned days are not counted.
 */
export async function monthlyBackupRate(
  db: Db,
  q: BackupMonthlyQuery & { month: string },
  actor: Actor,
  target: number,
  now = new Date(),
): Promise<BackupMonthlyDto> {
  const { from, to } = monthRange(q.month);
  const jobs = await findActiveJobs(db, actor, q.siteId);
  const results = await findResultsBetween(
    db,
    jobs.map((j) => j.id),
    from,
    to,
  );
  const byRun = new Map(results.map((r) => [`${r.jobId}|${r.runDate}`, r.status]));
  const total = empty();
  const rows = jobs.map((job: JobWithRefs) => {
    const c = empty();
    for (const runDate of runDatesBetween(job, from, to)) {
      const status = byRun.get(`${job.id}|${runDate}`);
      if (!status && deadlineOf(job, runDate, job.site.timeZone).getTime() > now.getTime()) continue;
      c.due++;
      if (status === 'success') c.succeeded++;
      else {
        c.failed++;
        if (status === 'warning') c.warning++;
        if (!status || status === 'missed') c.missed++;
      }
    }
    for (const k of ['due', 'succeeded', 'failed', 'warning', 'missed'] as const) total[k] += c[k];
    c.rate = c.due ? c.succeeded / c.due : null;
    return {
      job: { id: job.id, name: job.name },
      asset: job.asset,
      site: { id: job.site.id, code: job.site.code, nameJa: job.site.nameJa, nameEn: job.site.nameEn },
      ...c,
    };
  });
  total.rate = total.due ? total.succeeded / total.due : null;
  return { month: q.month, target, total: { ...total, met: total.rate === null ? null : total.rate >= target }, items: rows };
}
