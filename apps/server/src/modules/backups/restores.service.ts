import type { RestoreRequestCreateInput, RestoreRequestUpdateInput } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { findJobById, findRestoreById, findResultById, type RestoreWithRefs } from './backups.repo.ts';
import { backupRestoreRequests } from './backups.table.ts';

const strip = ({ job, asset, site: _s, result, ...row }: RestoreWithRefs) => ({
  ...row,
  job: job.name,
  asset: asset.assetNumber,
  generation: result?.generation ?? null,
});

async function checkResult(tx: Db, ctx: Ctx, jobId: string, resultId: string | null | undefined) {
  if (!resultId) return;
  const result = await findResultById(tx, resultId, ctx.actor);
  if (!result) throw invalidField('resultId', 'error.unknown_reference');
  if (result.jobId !== jobId) throw invalidField('resultId', 'error.backup_result_job');
}

/** A restore asked for by the staff in charge (3.1.1.o): what, from which backup (generation), to where. */
export async function createRestoreRequest(ctx: Ctx, input: RestoreRequestCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const job = await findJobById(tx, input.jobId, ctx.actor);
    if (!job) throw invalidField('jobId', 'error.unknown_reference');
    await checkResult(tx, ctx, job.id, input.resultId);
    const [{ id }] = await tx
      .insert(backupRestoreRequests)
      .values({
        jobId: job.id,
        resultId: input.resultId ?? null,
        requestedBy: input.requestedBy,
        requestedAt: input.requestedAt ? new Date(input.requestedAt) : new Date(),
        what: input.what,
        restoreTo: input.restoreTo ?? null,
        note: input.note ?? null,
        createdById: ctx.actor.userId,
      })
      .returning({ id: backupRestoreRequests.id });
    const row = (await findRestoreById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'backup-restore.created',
      entityType: 'backup-restore',
      entityId: id,
      siteId: row.site.id,
      after: strip(row),
    });
    return id;
  });
}

export async function updateRestoreRequest(ctx: Ctx, id: string, input: RestoreRequestUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findRestoreById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    await checkResult(tx, ctx, current.jobId, input.resultId);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = k === 'doneAt' ? (v ? new Date(v as string) : null) : v;
    if (input.status === 'done' && input.doneAt === undefined && !current.doneAt) values.doneAt = new Date();
    if ((input.status ?? current.status) === 'done' && values.doneAt === null) throw invalidField('doneAt', 'error.restore_done_at_required');
    await updateVersioned(tx, backupRestoreRequests, current, expected, values);
    const after = (await findRestoreById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'backup-restore.updated',
      entityType: 'backup-restore',
      entityId: id,
      siteId: after.site.id,
      before: strip(current),
      after: strip(after),
    });
  });
}
