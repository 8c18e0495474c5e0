import type { MonitoringTargetCreateInput, MonitoringTargetRemoveInput, MonitoringTargetUpdateInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, invalidField, notFound } from '../../platform/http/errors.ts';
import { findAssetById } from '../assets/assets.repo.ts';
import { monitoringTargets } from './monitoring.table.ts';
import { findTargetById, type TargetWithRefs } from './targets.repo.ts';

const strip = ({ site: _s, asset, firingCount: _f, ...row }: TargetWithRefs) => ({ ...row, asset: asset?.assetNumber ?? null });

/** The site a target belongs to: the one given, else the linked asset's. */
async function resolveSite(tx: Db, ctx: Ctx, input: MonitoringTargetUpdateInput, current: TargetWithRefs | null): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  if (input.assetId) {
    const asset = await findAssetById(tx, input.assetId, ctx.actor);
    if (!asset) throw invalidField('assetId', 'error.unknown_reference');
    if (!input.siteId) values.siteId = asset.siteId;
  }
  if (input.siteId) {
    if (!canSeeSite(ctx.actor, input.siteId)) throw invalidField('siteId', 'error.out_of_scope');
    values.siteId = input.siteId;
  }
  if (!values.siteId && !current) throw invalidField('siteId', 'error.monitoring_site_required');
  return values;
}

function columnsOf(input: MonitoringTargetUpdateInput): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && k !== 'siteId') values[k] = v;
  return values;
}

export async function createTarget(ctx: Ctx, input: MonitoringTargetCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const site = await resolveSite(tx, ctx, input, null);
    const [{ id }] = await tx
      .insert(monitoringTargets)
      .values({ ...columnsOf(input), ...site } as typeof monitoringTargets.$inferInsert)
      .returning({ id: monitoringTargets.id });
    const row = (await findTargetById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'monitoring-target.created',
      entityType: 'monitoring-target',
      entityId: id,
      siteId: row.siteId,
      after: strip(row),
    });
    return id;
  });
}

export async function updateTarget(ctx: Ctx, id: string, input: MonitoringTargetUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findTargetById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.removedAt) throw conflictField('name', 'error.invalid');
    const site = await resolveSite(tx, ctx, input, current);
    await updateVersioned(tx, monitoringTargets, current, expected, { ...columnsOf(input), ...site });
    const after = (await findTargetById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'monitoring-target.updated',
      entityType: 'monitoring-target',
      entityId: id,
      siteId: after.siteId,
      before: strip(current),
      after: strip(after),
    });
  });
}

/** 6.a delete on request: the target stops matching alerts; the row and its events stay for the history. */
export async function removeTarget(ctx: Ctx, id: string, input: MonitoringTargetRemoveInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findTargetById(tx, id, ctx.actor, 'update');
    if (!current || current.removedAt) throw notFound();
    await updateVersioned(tx, monitoringTargets, current, expected, {
      removedAt: new Date(),
      active: false,
      ...(input.requestedBy !== undefined ? { requestedBy: input.requestedBy } : {}),
      ...(input.requestRef !== undefined ? { requestRef: input.requestRef } : {}),
    });
    const [after] = await tx.select().from(monitoringTargets).where(eq(monitoringTargets.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'monitoring-target.removed',
      entityType: 'monitoring-target',
      entityId: id,
      siteId: current.siteId,
      before: strip(current),
      after,
    });
  });
}
