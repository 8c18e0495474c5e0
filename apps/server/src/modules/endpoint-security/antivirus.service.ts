import type { AntivirusMonthly } from '@unyo/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { dayNumberOf, instantOf } from '../../platform/calendar/zoned-time.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { findSnapshotsInMonth } from './antivirus.repo.ts';
import { loadEndpointSecuritySettings } from './endpoint-security.settings.ts';
import { antivirusReportRuns } from './endpoint-security.table.ts';

/** The first instant of a month and of the next one in the reporting time zone. */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(instantOf(dayNumberOf(`${month}-01`), 0, timeZone)), to: new Date(instantOf(dayNumberOf(`${next}-01`), 0, timeZone)) };
}

/**
 * S-4-5-3-1 (decision 0022): the month's planned status reports are `reportsPlannedPerMonth` status checks
 * (imports of the AV console) presented in the monthly report. Executed = the checks taken in the month, at most
 * the planned count, once the month's report has been generated; none while it has not.
 */
export async function antivirusMonthly(db: Db, month: string, timeZone: string): Promise<AntivirusMonthly> {
  const settings = await loadEndpointSecuritySettings(db);
  const snapshots = await findSnapshotsInMonth(db, month, settings, timeZone);
  const [run] = await db
    .select({ at: antivirusReportRuns.generatedAt })
    .from(antivirusReportRuns)
    .where(eq(antivirusReportRuns.month, month))
    .orderBy(asc(antivirusReportRuns.generatedAt))
    .limit(1);
  const planned = settings.reportsPlannedPerMonth;
  const executed = run ? Math.min(planned, snapshots.length) : 0;
  const rate = Math.round((executed / planned) * 1000) / 10;
  return { month, slaNo: 'S-4-5-3-1', target: 100, planned, executed, rate, met: rate >= 100, snapshots, reportedAt: run ? run.at.toISOString() : null };
}

/** Records that the month's report was produced (the evidence of S-4-5-3-1), audited. */
export async function recordAntivirusReport(ctx: Ctx, month: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [row] = await tx.insert(antivirusReportRuns).values({ month, generatedById: ctx.actor.userId }).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'antivirus-report.generated', entityType: 'antivirus-report', entityId: row.id, after: row });
  });
}
