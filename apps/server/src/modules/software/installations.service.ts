import { installationStatuses, type SoftwareInstallationCreateInput, type SoftwareInstallationUpdateInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { insertWorkLog } from '../assets/assets-history.repo.ts';
import { findDeviceById } from './device-refs.ts';
import { findInstallationById, type InstallationWithRefs } from './installations.repo.ts';
import { findLicenseById } from './licenses.repo.ts';
import { softwareInstallations } from './software.table.ts';

async function checkRefs(tx: Db, ctx: Ctx, input: SoftwareInstallationUpdateInput) {
  if (input.licenseId !== undefined && !(await findLicenseById(tx, input.licenseId))) throw invalidField('licenseId', 'error.unknown_reference');
  if (input.deviceId !== undefined) {
    const device = await findDeviceById(tx, input.deviceId, ctx.actor);
    if (!device) throw invalidField('deviceId', 'error.unknown_reference');
    if (!canSeeSite(ctx.actor, device.siteId)) throw invalidField('deviceId', 'error.out_of_scope');
  }
}

const STATUS_WORK = new Set(['installed', 'uninstalled', 'upgraded']);

/**
 * Installing, uninstalling or upgrading is work on the device (3.3.1.n): it goes to the device's work log, dated by
 * the work date (noon JST when only a date is known), with the worker named in the ledger.
 */
async function logDeviceWork(tx: Db, ctx: Ctx, row: InstallationWithRefs) {
  if (!STATUS_WORK.has(row.status)) return;
  const status = installationStatuses.items.find((s) => s.value === row.status)!;
  const version = [row.edition, row.usedVersion, row.language].filter(Boolean).join(' ');
  await insertWorkLog(tx, {
    assetId: row.deviceId,
    performedAt: row.workedOn ? new Date(`${row.workedOn}T12:00:00+09:00`) : new Date(),
    content: `${status.ja}: ${row.license.softwareName}${version ? ` ${version}` : ''}（${row.license.assetNumber}）`,
    worker: row.operator ?? ctx.actor.displayName,
    requestRef: row.id,
    source: 'software',
    createdById: ctx.actor.userId,
    createdByLabel: ctx.actor.displayName,
  });
}

const strip = (r: InstallationWithRefs) => {
  const { license, device, site: _s, department: _d, ...row } = r;
  return { ...row, licenseAssetNumber: license.assetNumber, deviceAssetNumber: device.assetNumber };
};

export async function createInstallation(ctx: Ctx, input: SoftwareInstallationCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkRefs(tx, ctx, input);
    const [{ id }] = await tx
      .insert(softwareInstallations)
      .values({
        ...(input.entryNumber ? { entryNumber: input.entryNumber } : {}),
        appliedOn: input.appliedOn ?? null,
        departmentId: input.departmentId ?? null,
        applicant: input.applicant ?? null,
        workedOn: input.workedOn ?? null,
        operator: input.operator ?? null,
        licenseId: input.licenseId,
        edition: input.edition ?? null,
        usedVersion: input.usedVersion ?? null,
        language: input.language ?? null,
        deviceId: input.deviceId,
        status: input.status,
        statusNote: input.statusNote ?? null,
        note: input.note ?? null,
      })
      .returning({ id: softwareInstallations.id });
    const row = (await findInstallationById(tx, id, ctx.actor))!;
    await logDeviceWork(tx, ctx, row);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-installation.created',
      entityType: 'software-installation',
      entityId: id,
      siteId: row.site.id,
      after: strip(row),
    });
    return id;
  });
}

export async function updateInstallation(ctx: Ctx, id: string, input: SoftwareInstallationUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findInstallationById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    await checkRefs(tx, ctx, input);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined && !(k === 'entryNumber' && v === null)) values[k] = v;
    const status = input.status ?? current.status;
    const statusNote = input.statusNote !== undefined ? input.statusNote : current.statusNote;
    if (status === 'other' && !statusNote) throw invalidField('statusNote', 'error.required');
    await updateVersioned(tx, softwareInstallations, current, expected, values);
    const after = (await findInstallationById(tx, id, ctx.actor))!;
    if (after.status !== current.status) await logDeviceWork(tx, ctx, after);
    await writeAudit(tx, auditCtx(ctx), {
      action: after.status !== current.status ? 'software-installation.status-changed' : 'software-installation.updated',
      entityType: 'software-installation',
      entityId: id,
      siteId: after.site.id,
      before: strip(current),
      after: strip(after),
    });
  });
}

export async function deleteInstallation(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findInstallationById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (expected !== null && expected !== current.version) throw preconditionFailed();
    await tx.delete(softwareInstallations).where(eq(softwareInstallations.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-installation.deleted',
      entityType: 'software-installation',
      entityId: id,
      siteId: current.site.id,
      before: strip(current),
    });
  });
}
