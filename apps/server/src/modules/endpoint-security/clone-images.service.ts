import type { CloneImageCreateInput, CloneImageDto, CloneImageKind, CloneImageUpdateInput, CloneImageUpdateRecordInput } from '@unyo/contracts';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { type Actor, can, canSeeSite } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, forbidden, invalidField, notFound } from '../../platform/http/errors.ts';
import { siteExists } from './antivirus-work.repo.ts';
import { findCloneImages, findCloneImageUpdates, type ImageRow, type ImageUpdateRow } from './clone-images.repo.ts';
import { cloneImages, cloneImageUpdates } from './clone-images.table.ts';
import { findPatchPlanById } from './patch-plans.service.ts';

type Editable = { site_id: string | null };

/** Same permission as patch plans; an organization-wide image only by all-site actors, a site's by its actors. */
export const cloneImagePolicy: Policy<Editable> = {
  update: (a, r) => can(a, 'endpoint-security.manage') && canSeeSite(a, r.site_id),
  recordUpdate: (a, r) => can(a, 'endpoint-security.manage') && canSeeSite(a, r.site_id),
};

const iso = (v: Date | string) => new Date(v).toISOString();

function presentUpdate(u: ImageUpdateRow) {
  return {
    id: u.id,
    updatedOn: u.updated_on,
    imageVersion: u.image_version,
    patches: u.patches,
    patchPlan: u.patch_plan_id ? { id: u.patch_plan_id, title: u.patch_plan_title ?? '' } : null,
    operator: u.operator_id ? { id: u.operator_id, name: u.operator_name ?? '' } : null,
    tested: u.tested,
    note: u.note,
    createdAt: iso(u.created_at),
  };
}

export function presentImage(r: ImageRow, actor: Actor, updates?: ImageUpdateRow[]): CloneImageDto {
  return {
    id: r.id,
    code: r.code,
    model: r.model,
    os: r.os,
    softwareSet: r.software_set,
    kind: r.kind as CloneImageKind,
    site: r.site_id ? { id: r.site_id, code: r.site_code ?? '', nameJa: r.site_name_ja ?? '', nameEn: r.site_name_en ?? '' } : null,
    storageLocation: r.storage_location,
    currentVersion: r.current_version,
    lastUpdatedOn: r.last_updated_on,
    stale: r.stale,
    active: r.active,
    note: r.note,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    abilities: abilitiesOf(cloneImagePolicy, actor, r),
    ...(updates ? { updates: updates.map(presentUpdate) } : {}),
  };
}

export async function findCloneImageDto(ctx: Ctx, id: string): Promise<CloneImageDto> {
  const { items } = await findCloneImages(ctx.db, { id, limit: 1 }, ctx.actor);
  if (!items[0]) throw notFound();
  return presentImage(items[0], ctx.actor, await findCloneImageUpdates(ctx.db, id));
}

/** A site chosen for an image must exist and be the actor's; no site (organization-wide) only for all-site actors. */
async function assertSite(tx: Db, actor: Actor, siteId: string | null) {
  if (siteId === null) {
    if (actor.visibleSiteIds !== null) throw invalidField('siteId', 'error.required');
    return;
  }
  if (!(await siteExists(tx, siteId))) throw invalidField('siteId', 'error.unknown_reference');
  if (!canSeeSite(actor, siteId)) throw invalidField('siteId', 'error.out_of_scope');
}

/** The partial unique index is the backstop; this names the field before the insert fails. */
async function assertCombinationFree(tx: Db, v: { model: string; os: string; softwareSet: string }, exceptId?: string) {
  const same = and(
    eq(cloneImages.model, v.model),
    eq(cloneImages.os, v.os),
    eq(cloneImages.softwareSet, v.softwareSet),
    eq(cloneImages.active, true),
    exceptId ? ne(cloneImages.id, exceptId) : undefined,
  );
  const [hit] = await tx.select({ id: cloneImages.id }).from(cloneImages).where(same).limit(1);
  if (hit) throw conflictField('model', 'error.duplicate_clone_image');
}

/** Out of scope looks like unknown (404); an organization-wide image is seen by everyone but edited by all-site actors (403). */
async function findEditable(tx: Db, actor: Actor, id: string) {
  const [row] = await tx.select().from(cloneImages).where(eq(cloneImages.id, id)).for('update');
  if (!row || (row.siteId !== null && !canSeeSite(actor, row.siteId))) throw notFound();
  if (!canSeeSite(actor, row.siteId)) throw forbidden();
  return row;
}

export async function createCloneImage(ctx: Ctx, input: CloneImageCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const siteId = input.siteId ?? null;
    await assertSite(tx, ctx.actor, siteId);
    if (input.active) await assertCombinationFree(tx, input);
    const [row] = await tx
      .insert(cloneImages)
      .values({
        ...input,
        siteId,
        storageLocation: input.storageLocation ?? null,
        currentVersion: input.currentVersion ?? null,
        lastUpdatedOn: input.lastUpdatedOn ?? null,
        note: input.note ?? null,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'clone-image.created', entityType: 'clone-image', entityId: row.id, siteId, after: row });
    return row.id;
  });
}

export async function updateCloneImage(ctx: Ctx, id: string, input: CloneImageUpdateInput, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await findEditable(tx, ctx.actor, id);
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
    if (input.siteId !== undefined && input.siteId !== before.siteId) await assertSite(tx, ctx.actor, input.siteId);
    const next = { ...before, ...values } as typeof before;
    if (next.active) await assertCombinationFree(tx, next, id);
    const after = await updateVersioned(tx, cloneImages, before, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'clone-image.updated', entityType: 'clone-image', entityId: id, siteId: after.siteId, before, after });
  });
}

const normalizePatches = (list: string[]) => [
  ...new Set(
    list.map((p) =>
      p
        .normalize('NFKC')
        .trim()
        .replace(/^kb\s*/i, 'KB'),
    ),
  ),
];

/**
 * Records an update of the image (insert-only history) and moves the image's current version and last-updated date,
 * unless a later update is already recorded (a late entry of an older update keeps the newer state).
 */
export async function recordCloneImageUpdate(ctx: Ctx, id: string, input: CloneImageUpdateRecordInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await findEditable(tx, ctx.actor, id);
    const planId = input.patchPlanId ?? null;
    if (planId && !(await findPatchPlanById(tx, planId))) throw invalidField('patchPlanId', 'error.unknown_reference');
    const [entry] = await tx
      .insert(cloneImageUpdates)
      .values({
        imageId: id,
        updatedOn: input.updatedOn,
        imageVersion: input.imageVersion,
        patches: normalizePatches(input.patches),
        patchPlanId: planId,
        operatorId: ctx.actor.userId,
        tested: input.tested,
        note: input.note ?? null,
      })
      .returning();
    let after = before;
    if (!before.lastUpdatedOn || input.updatedOn >= before.lastUpdatedOn) {
      after = await updateVersioned(tx, cloneImages, before, null, { currentVersion: input.imageVersion, lastUpdatedOn: input.updatedOn });
    }
    await writeAudit(tx, auditCtx(ctx), {
      action: 'clone-image.update-recorded',
      entityType: 'clone-image',
      entityId: id,
      siteId: before.siteId,
      before,
      after: { ...after, update: entry },
    });
  });
}
