import type { SoftwareDistributionCreateInput, SoftwareDistributionUpdateInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { sites } from '../org/org.table.ts';
import { type DistributionWithRefs, findDistributionById } from './distributions.repo.ts';
import { findLicenseById } from './licenses.repo.ts';
import { softwareDistributions } from './software.table.ts';

async function checkRefs(tx: Db, ctx: Ctx, input: SoftwareDistributionUpdateInput) {
  if (input.siteId !== undefined) {
    if (!canSeeSite(ctx.actor, input.siteId)) throw invalidField('siteId', 'error.out_of_scope');
    const [s] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId));
    if (!s) throw invalidField('siteId', 'error.unknown_reference');
  }
  if (!input.licenseId) return null;
  const license = await findLicenseById(tx, input.licenseId);
  if (!license) throw invalidField('licenseId', 'error.unknown_reference');
  return license;
}

/** HQ distributions name a licence; local purchases name their software (the database checks both too). */
function checkOrigin(row: { origin: string; licenseId: string | null; softwareName: string | null }) {
  if (row.origin === 'hq' && !row.licenseId) throw invalidField('licenseId', 'error.required');
  if (row.origin === 'local' && !row.softwareName) throw invalidField('softwareName', 'error.required');
}

const strip = (r: DistributionWithRefs) => {
  const { site, license, officeCode: _o, ...row } = r;
  return { ...row, siteCode: site.code, licenseAssetNumber: license?.assetNumber ?? null };
};

export async function createDistribution(ctx: Ctx, input: SoftwareDistributionCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const license = await checkRefs(tx, ctx, input);
    const values = {
      ...(input.entryNumber ? { entryNumber: input.entryNumber } : {}),
      distributedOn: input.distributedOn,
      siteId: input.siteId,
      recipient: input.recipient ?? null,
      origin: input.origin,
      licenseId: input.licenseId ?? null,
      // Taken from the owned ledger when the row names a licence and no name of its own (2.2.l).
      softwareName: input.softwareName ?? license?.softwareName ?? null,
      edition: input.edition ?? null,
      usedVersion: input.usedVersion ?? null,
      language: input.language ?? null,
      licenseCount: input.licenseCount,
      mediaCount: input.mediaCount,
      expenseTransfer: input.expenseTransfer,
      accountCode: input.accountCode ?? null,
      distributor: input.distributor ?? null,
      staffType: input.staffType ?? null,
      note: input.note ?? null,
    };
    checkOrigin(values);
    const [{ id }] = await tx.insert(softwareDistributions).values(values).returning({ id: softwareDistributions.id });
    const row = (await findDistributionById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-distribution.created',
      entityType: 'software-distribution',
      entityId: id,
      siteId: row.siteId,
      after: strip(row),
    });
    return id;
  });
}

export async function updateDistribution(ctx: Ctx, id: string, input: SoftwareDistributionUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findDistributionById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    await checkRefs(tx, ctx, input);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined && !(k === 'entryNumber' && v === null)) values[k] = v;
    checkOrigin({ ...current, ...(values as Partial<typeof current>) });
    await updateVersioned(tx, softwareDistributions, current, expected, values);
    const after = (await findDistributionById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-distribution.updated',
      entityType: 'software-distribution',
      entityId: id,
      siteId: after.siteId,
      before: strip(current),
      after: strip(after),
    });
  });
}

export async function deleteDistribution(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findDistributionById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (expected !== null && expected !== current.version) throw preconditionFailed();
    await tx.delete(softwareDistributions).where(eq(softwareDistributions.id, id));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-distribution.deleted',
      entityType: 'software-distribution',
      entityId: id,
      siteId: current.siteId,
      before: strip(current),
    });
  });
}
