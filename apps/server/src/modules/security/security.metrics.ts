import type { SecurityMetrics } from '@unyo/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/http/context.ts';
import { monthRange } from '../incidents/incidents.metrics.ts';
import { loadRules } from '../incidents/incidents.repo.ts';
import { caseScope, latestSteps, responseOf, stepsOf } from './security.service.ts';
import { securityCases } from './security.table.ts';

/** S-4-5-4-1 for a month: malware cases detected in it (Tokyo months), met / missed / still running. */
export async function securityMetrics(ctx: Ctx, month: string, now = new Date()): Promise<SecurityMetrics> {
  const { from, to } = monthRange(month);
  const rows = await ctx.db
    .select()
    .from(securityCases)
    .where(
      and(
        caseScope(ctx.actor),
        eq(securityCases.kind, 'malware'),
        sql`${securityCases.detectedAt} >= ${from.toISOString()} and ${securityCases.detectedAt} < ${to.toISOString()}`,
      ),
    )
    .orderBy(asc(securityCases.detectedAt));
  const [steps, rules] = await Promise.all([
    stepsOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
    loadRules(ctx.db),
  ]);
  const drill = { met: [] as string[], missed: [] as string[], pending: [] as string[] };
  let targetMinutes = 240;
  let target = 100;
  for (const r of rows) {
    const res = responseOf(r, latestSteps(steps.filter((s) => s.caseId === r.id)), rules, now)!;
    targetMinutes = res.targetMinutes;
    target = res.targetRate;
    (res.state === 'met' ? drill.met : res.state === 'breached' ? drill.missed : drill.pending).push(r.id);
  }
  const counted = drill.met.length + drill.missed.length;
  const value = counted ? Math.round((drill.met.length / counted) * 1000) / 10 : null;
  return {
    month,
    sla: 'S-4-5-4-1',
    targetMinutes,
    target,
    counted,
    met: drill.met.length,
    missed: drill.missed.length,
    pending: drill.pending.length,
    value,
    achieved: value === null ? null : value >= target,
    drill,
  };
}
