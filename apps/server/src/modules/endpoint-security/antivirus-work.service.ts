import type { AntivirusWorkCreateInput, AntivirusWorkDto, AntivirusWorkKind } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { type Actor, can, canSeeSite } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { findAntivirusWork, findCurrentVersions, findVisibleDevice, siteExists, type WorkRow } from './antivirus-work.repo.ts';
import { antivirusWorkRecords } from './antivirus-work.table.ts';

export const antivirusWorkPolicy: Policy<WorkRow> = {
  delete: (a, r) => can(a, 'antivirus-work.manage') && canSeeSite(a, r.site_id),
};

const iso = (v: Date | string) => new Date(v).toISOString();
const num = (v: number | string | null) => (v === null ? null : Number(v));

export function presentWork(r: WorkRow, actor: Actor): AntivirusWorkDto {
  return {
    id: r.id,
    kind: r.kind as AntivirusWorkKind,
    device: r.device_id ? { id: r.device_id, assetNumber: r.asset_number!, name: r.asset_name! } : null,
    siteId: r.site_id,
    doneAt: iso(r.done_at),
    operator: r.operator_id ? { id: r.operator_id, name: r.operator_name ?? '' } : null,
    versionBefore: r.version_before,
    versionAfter: r.version_after,
    packageName: r.package_name,
    targetGroup: r.target_group,
    targetCount: num(r.target_count),
    successCount: num(r.success_count),
    failureCount: num(r.failure_count),
    note: r.note,
    createdAt: iso(r.created_at),
    abilities: abilitiesOf(antivirusWorkPolicy, actor, r),
  };
}

/** Which imported version a kind changes: an upgrade's "before" is read from the device's current status. */
const beforeOf: Record<Exclude<AntivirusWorkKind, 'distribution'>, 'definition_version' | 'engine_version' | 'product'> = {
  definition_update: 'definition_version',
  engine_upgrade: 'engine_version',
  product_upgrade: 'product',
  patch: 'product',
};

/**
 * Records work done (audited). A device record takes the device's site and, without a version before, the version
 * of the device's current imported status; a distribution job takes its chosen site (null = every site, which only
 * an all-site actor may record). Fields a kind does not use are dropped.
 */
export async function createAntivirusWork(ctx: Ctx, input: AntivirusWorkCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const base = { kind: input.kind, doneAt: new Date(input.doneAt), operatorId: ctx.actor.userId, note: input.note ?? null };
    let values: typeof antivirusWorkRecords.$inferInsert;
    if (input.kind === 'distribution') {
      const siteId = input.siteId ?? null;
      if (siteId === null && ctx.actor.visibleSiteIds !== null) throw invalidField('siteId', 'error.required');
      if (siteId !== null && !(await siteExists(tx, siteId))) throw invalidField('siteId', 'error.unknown_reference');
      if (siteId !== null && !canSeeSite(ctx.actor, siteId)) throw invalidField('siteId', 'error.out_of_scope');
      values = {
        ...base,
        siteId,
        versionBefore: input.versionBefore ?? null,
        versionAfter: input.versionAfter ?? null,
        packageName: input.packageName ?? null,
        targetGroup: input.targetGroup ?? null,
        targetCount: input.targetCount ?? null,
        successCount: input.successCount ?? null,
        failureCount: input.failureCount ?? null,
      };
    } else {
      const device = input.deviceId ? await findVisibleDevice(tx, input.deviceId, ctx.actor) : null;
      if (!device) throw invalidField('deviceId', 'error.unknown_reference');
      let versionBefore = input.versionBefore ?? null;
      if (versionBefore === null) versionBefore = (await findCurrentVersions(tx, device.id))?.[beforeOf[input.kind]] ?? null;
      values = { ...base, deviceId: device.id, siteId: device.siteId, versionBefore, versionAfter: input.versionAfter ?? null };
    }
    const [row] = await tx.insert(antivirusWorkRecords).values(values).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'antivirus-work.created', entityType: 'antivirus-work', entityId: row.id, siteId: row.siteId, after: row });
    return row.id;
  });
}

/** Corrections are a delete (audited with the record) and a new record: the ledger stays insert-only. */
export async function deleteAntivirusWork(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [before] = await tx.select().from(antivirusWorkRecords).where(eq(antivirusWorkRecords.id, id)).for('update');
    if (!before || !canSeeSite(ctx.actor, before.siteId)) throw notFound();
    await tx.delete(antivirusWorkRecords).where(eq(antivirusWorkRecords.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'antivirus-work.deleted', entityType: 'antivirus-work', entityId: id, siteId: before.siteId, before });
  });
}

export async function findAntivirusWorkDto(ctx: Ctx, id: string): Promise<AntivirusWorkDto> {
  const { items } = await findAntivirusWork(ctx.db, { id, limit: 1 }, ctx.actor, ctx.config.metrics.reportingTimeZone);
  if (!items[0]) throw notFound();
  return presentWork(items[0], ctx.actor);
}
