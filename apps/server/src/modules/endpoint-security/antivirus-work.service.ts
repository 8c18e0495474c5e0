import type { AntivirusWorkCreateInput, AntivirusWorkDto, AntivirusWorkKind } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
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
    setting: r.setting,
    valueBefore: r.value_before,
    valueAfter: r.value_after,
    reason: r.reason,
    approvalRef: r.approval_ref,
    note: r.note,
    createdAt: iso(r.created_at),
    abilities: abilitiesOf(antivirusWorkPolicy, actor, r),
  };
}

/** Which imported version a kind changes: an upgrade's "before" is read from the device's current status. */
const beforeOf: Record<Exclude<AntivirusWorkKind, 'distribution' | 'settings_change'>, 'definition_version' | 'engine_version' | 'product'> = {
  definition_update: 'definition_version',
  engine_upgrade: 'engine_version',
  product_upgrade: 'product',
  patch: 'product',
};

/** The site chosen for a record without a device (null = every site, which only an all-site actor may record). */
async function chosenSite(tx: Db, actor: Actor, siteId: string | null | undefined): Promise<string | null> {
  if (!siteId) {
    if (actor.visibleSiteIds !== null) throw invalidField('siteId', 'error.required');
    return null;
  }
  if (!(await siteExists(tx, siteId))) throw invalidField('siteId', 'error.unknown_reference');
  if (!canSeeSite(actor, siteId)) throw invalidField('siteId', 'error.out_of_scope');
  return siteId;
}

/** The device worked on, when the actor may see it (unknown and out of scope are the same field error). */
async function visibleDevice(tx: Db, actor: Actor, deviceId: string | null | undefined) {
  const device = deviceId ? await findVisibleDevice(tx, deviceId, actor) : null;
  if (!device) throw invalidField('deviceId', 'error.unknown_reference');
  return device;
}

/**
 * Records work done (audited). A device record takes the device's site and, without a version before, the version
 * of the device's current imported status; a distribution job takes its chosen site (null = every site, which only
 * an all-site actor may record). A settings change takes its device's site, or, for a group's policy without a
 * device, the chosen site as a distribution job does. Fields a kind does not use are dropped.
 */
export async function createAntivirusWork(ctx: Ctx, input: AntivirusWorkCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const base = { kind: input.kind, doneAt: new Date(input.doneAt), operatorId: ctx.actor.userId, note: input.note ?? null };
    let values: typeof antivirusWorkRecords.$inferInsert;
    if (input.kind === 'distribution') {
      values = {
        ...base,
        siteId: await chosenSite(tx, ctx.actor, input.siteId),
        versionBefore: input.versionBefore ?? null,
        versionAfter: input.versionAfter ?? null,
        packageName: input.packageName ?? null,
        targetGroup: input.targetGroup ?? null,
        targetCount: input.targetCount ?? null,
        successCount: input.successCount ?? null,
        failureCount: input.failureCount ?? null,
      };
    } else if (input.kind === 'settings_change') {
      // Without a device the schema requires a target group: the group's policy is recorded for a chosen site.
      const device = input.deviceId ? await visibleDevice(tx, ctx.actor, input.deviceId) : null;
      values = {
        ...base,
        deviceId: device?.id ?? null,
        siteId: device ? device.siteId : await chosenSite(tx, ctx.actor, input.siteId),
        targetGroup: input.targetGroup ?? null,
        setting: input.setting ?? null,
        valueBefore: input.valueBefore ?? null,
        valueAfter: input.valueAfter ?? null,
        reason: input.reason ?? null,
        approvalRef: input.approvalRef ?? null,
      };
    } else {
      const device = await visibleDevice(tx, ctx.actor, input.deviceId);
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
