import type { BackupJobCreateInput, BackupJobUpdateInput, BackupResultInput, BackupTriageUpdateInput } from '@unyo/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, invalidField, notFound } from '../../platform/http/errors.ts';
import { findAssetById } from '../assets/assets.repo.ts';
import { subjectRegex } from './backups.mail-rule.ts';
import { findJobById, findJobByName, findResultById, findResultByRun, findTriageByResult, type JobWithRefs } from './backups.repo.ts';
import { backupJobs, backupResults, backupTriages } from './backups.table.ts';

const strip = ({ asset, site, ...row }: JobWithRefs) => ({ ...row, asset: asset.assetNumber, siteId: site.id });

function checkSchedule(job: { schedule: string; weekdays: number[]; monthDay?: number | null; mailSubjectPattern?: string | null }) {
  if (job.schedule === 'weekly' && job.weekdays.length === 0) throw invalidField('weekdays', 'error.backup_weekdays_required');
  if (job.schedule === 'monthly' && !job.monthDay) throw invalidField('monthDay', 'error.backup_month_day_required');
  if (job.mailSubjectPattern && !subjectRegex(job.mailSubjectPattern)) throw invalidField('mailSubjectPattern', 'error.backup_pattern_invalid');
}

async function checkAsset(tx: Db, actor: Actor, assetId: string | undefined) {
  if (assetId && !(await findAssetById(tx, assetId, actor))) throw invalidField('assetId', 'error.unknown_reference');
}

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string; cause?: { code?: string } })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

export async function createBackupJob(ctx: Ctx, input: BackupJobCreateInput): Promise<string> {
  checkSchedule(input);
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkAsset(tx, ctx.actor, input.assetId);
    const { startsOn, ...rest } = input;
    let id: string;
    try {
      [{ id }] = await tx
        .insert(backupJobs)
        .values({ ...rest, ...(startsOn ? { startsOn } : {}) })
        .returning({ id: backupJobs.id });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflictField('name');
      throw err;
    }
    const row = (await findJobById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), { action: 'backup-job.created', entityType: 'backup-job', entityId: id, siteId: row.site.id, after: strip(row) });
    return id;
  });
}

export async function updateBackupJob(ctx: Ctx, id: string, input: BackupJobUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findJobById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    await checkAsset(tx, ctx.actor, input.assetId);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    checkSchedule({ ...current, ...values } as typeof current);
    try {
      await updateVersioned(tx, backupJobs, current, expected, values);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflictField('name');
      throw err;
    }
    const after = (await findJobById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'backup-job.updated',
      entityType: 'backup-job',
      entityId: id,
      siteId: after.site.id,
      before: strip(current),
      after: strip(after),
    });
  });
}

// ---------------------------------------------------------------- results

export type RecordedResult = { id: string; replaced: boolean };
type ResultValues = {
  runDate: string;
  status: 'success' | 'warning' | 'failed' | 'missed';
  startedAt?: string | Date | null;
  endedAt?: string | Date | null;
  sizeBytes?: number | null;
  generation?: string | null;
  message?: string | null;
  source: 'api' | 'import' | 'mail' | 'sweep';
};

const toDate = (v: string | Date | null | undefined) => (v ? new Date(v) : null);

/**
 * Writes the one result of a job's run. A real result replaces an earlier one for the same run (a late report
 * replaces the sweep's `missed` row, a re-run replaces a failure), audited with the row it replaced. Failed and
 * missing runs get their triage record (3.1.1.m, n); when the run later succeeds its open triage is resolved.
 */
export async function writeResult(tx: Db, audit: AuditContext, job: { id: string; siteId: string }, v: ResultValues): Promise<RecordedResult> {
  const existing = await findResultByRun(tx, job.id, v.runDate);
  const values = {
    status: v.status,
    startedAt: toDate(v.startedAt),
    endedAt: toDate(v.endedAt),
    sizeBytes: v.sizeBytes ?? null,
    generation: v.generation ?? null,
    message: v.message ?? null,
    source: v.source,
    recordedAt: new Date(),
  };
  let row: typeof backupResults.$inferSelect;
  if (existing) {
    [row] = await tx
      .update(backupResults)
      .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
      .where(eq(backupResults.id, existing.id))
      .returning();
    await writeAudit(tx, audit, {
      action: existing.status === 'missed' ? 'backup-result.late-replaced' : 'backup-result.replaced',
      entityType: 'backup-result',
      entityId: row.id,
      siteId: job.siteId,
      before: existing,
      after: row,
    });
  } else {
    const [inserted] = await tx
      .insert(backupResults)
      .values({ jobId: job.id, runDate: v.runDate, ...values })
      .onConflictDoNothing()
      .returning();
    // Another writer recorded this run since it was read: the caller retries (the sweep on its next run).
    if (!inserted) throw conflictField('runDate');
    row = inserted;
    await writeAudit(tx, audit, { action: 'backup-result.recorded', entityType: 'backup-result', entityId: row.id, siteId: job.siteId, after: row });
  }
  if (row.status === 'failed' || row.status === 'missed') await tx.insert(backupTriages).values({ resultId: row.id }).onConflictDoNothing();
  // A run that succeeds after all (late report, re-run) closes its open triage; the triage keeps what was done.
  if (existing && row.status === 'success') {
    await tx
      .update(backupTriages)
      .set({ status: 'resolved', resolvedAt: new Date(), version: sql`${backupTriages.version} + 1`, updatedAt: new Date() })
      .where(and(eq(backupTriages.resultId, row.id), eq(backupTriages.status, 'open')));
  }
  return { id: row.id, replaced: !!existing };
}

async function resolveJob(tx: Db, actor: Actor, input: BackupResultInput, index: number | null): Promise<JobWithRefs> {
  const job = input.jobId ? await findJobById(tx, input.jobId, actor) : await findJobByName(tx, input.assetNumber!, input.jobName!, actor);
  if (!job) throw invalidField(index === null ? 'jobId' : `items.${index}.jobId`, 'error.backup_job_unknown');
  return job;
}

/** POST one or many results (backup software, scripts): all or nothing. */
export async function ingestResults(ctx: Ctx, items: BackupResultInput[], single: boolean): Promise<RecordedResult[]> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const out: RecordedResult[] = [];
    for (const [i, input] of items.entries()) {
      const job = await resolveJob(tx, ctx.actor, input, single ? null : i);
      out.push(await writeResult(tx, auditCtx(ctx), { id: job.id, siteId: job.site.id }, { ...input, source: 'api' }));
    }
    return out;
  });
}

export async function updateTriage(ctx: Ctx, resultId: string, input: BackupTriageUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const result = await findResultById(tx, resultId, ctx.actor);
    if (!result) throw notFound();
    const current = await findTriageByResult(tx, resultId);
    if (!current) throw invalidField('status', 'error.backup_result_not_failed');
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = k.endsWith('At') ? toDate(v as string | null) : v;
    if (input.status === 'resolved' && input.resolvedAt === undefined && !current.resolvedAt) values.resolvedAt = new Date();
    if (input.status === 'open') values.resolvedAt = null;
    const after = await updateVersioned(tx, backupTriages, current, expected, values);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'backup-triage.updated',
      entityType: 'backup-result',
      entityId: resultId,
      siteId: result.site.id,
      before: current,
      after,
    });
  });
}
