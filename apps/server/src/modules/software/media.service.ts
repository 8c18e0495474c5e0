import type { MediaLendInput, MediaShipmentCreateInput, SoftwareMediaCreateInput, SoftwareMediaUpdateInput } from '@unyo/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, invalidField, notFound } from '../../platform/http/errors.ts';
import { findDeviceById } from './device-refs.ts';
import { findLicenseById } from './licenses.repo.ts';
import { findMediaById, type MediaWithRefs } from './media.repo.ts';
import { softwareMedia, softwareMediaLoans, softwareMediaShipments } from './media.table.ts';

async function checkRefs(tx: Db, ctx: Ctx, input: SoftwareMediaUpdateInput) {
  if (input.siteId !== undefined && !canSeeSite(ctx.actor, input.siteId)) throw invalidField('siteId', 'error.out_of_scope');
  if (input.licenseId && !(await findLicenseById(tx, input.licenseId))) throw invalidField('licenseId', 'error.unknown_reference');
  if (input.assetId && !(await findDeviceById(tx, input.assetId, ctx.actor))) throw invalidField('assetId', 'error.unknown_reference');
}

function columnsOf(input: SoftwareMediaUpdateInput): Record<string, unknown> {
  const { disposed, itemNumber, ...rest } = input;
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) values[k] = v;
  if (itemNumber) values.itemNumber = itemNumber;
  if (disposed !== undefined) values.disposedAt = disposed ? new Date() : null;
  return values;
}

const strip = ({ site: _s, license, asset, loan: _l, ...row }: MediaWithRefs) => ({
  ...row,
  license: license?.assetNumber ?? null,
  asset: asset?.assetNumber ?? null,
});

export async function createMedia(ctx: Ctx, input: SoftwareMediaCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await checkRefs(tx, ctx, input);
    const [{ id }] = await tx
      .insert(softwareMedia)
      .values(columnsOf(input) as typeof softwareMedia.$inferInsert)
      .returning({ id: softwareMedia.id });
    const row = (await findMediaById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-media.created',
      entityType: 'software-media',
      entityId: id,
      siteId: row.siteId,
      after: strip(row),
    });
    return id;
  });
}

export async function updateMedia(ctx: Ctx, id: string, input: SoftwareMediaUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findMediaById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    await checkRefs(tx, ctx, input);
    if (input.disposed && current.loan) throw invalidField('disposed', 'error.media_lent');
    await updateVersioned(tx, softwareMedia, current, expected, columnsOf(input));
    const after = (await findMediaById(tx, id, ctx.actor))!;
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-media.updated',
      entityType: 'software-media',
      entityId: id,
      siteId: after.siteId,
      before: strip(current),
      after: strip(after),
    });
  });
}

/** Lends an item out (2.2.r: retrievable at any time, so who has it is always known); one open loan at a time. */
export async function lendMedia(ctx: Ctx, id: string, input: MediaLendInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findMediaById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    if (current.disposedAt) throw invalidField('borrower', 'error.media_disposed');
    if (current.loan) throw conflictField('borrower', 'error.media_lent');
    const [loan] = await tx
      .insert(softwareMediaLoans)
      .values({
        mediaId: id,
        borrower: input.borrower,
        dueOn: input.dueOn ?? null,
        note: input.note ?? null,
        lentById: ctx.actor.userId,
        lentBy: ctx.actor.displayName,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-media.lent', entityType: 'software-media', entityId: id, siteId: current.siteId, after: loan });
  });
}

export async function returnMedia(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findMediaById(tx, id, ctx.actor, 'update');
    if (!current) throw notFound();
    const [loan] = await tx
      .update(softwareMediaLoans)
      .set({ returnedAt: new Date() })
      .where(and(eq(softwareMediaLoans.mediaId, id), isNull(softwareMediaLoans.returnedAt)))
      .returning();
    if (!loan) throw conflictField('borrower', 'error.media_not_lent');
    await writeAudit(tx, auditCtx(ctx), { action: 'software-media.returned', entityType: 'software-media', entityId: id, siteId: current.siteId, after: loan });
  });
}

export async function recordShipment(ctx: Ctx, input: MediaShipmentCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    if (!canSeeSite(ctx.actor, input.siteId)) throw invalidField('siteId', 'error.out_of_scope');
    if (input.mediaId && !(await findMediaById(tx, input.mediaId, ctx.actor))) throw invalidField('mediaId', 'error.unknown_reference');
    const [row] = await tx
      .insert(softwareMediaShipments)
      .values({ ...input, mediaId: input.mediaId ?? null, note: input.note ?? null, createdById: ctx.actor.userId })
      .returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-media.shipped',
      entityType: 'software-media-shipment',
      entityId: row.id,
      siteId: row.siteId,
      after: row,
    });
    return row.id;
  });
}
