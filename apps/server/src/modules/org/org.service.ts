import type { DepartmentCreateInput, DepartmentUpdateInput, SiteCreateInput, SiteUpdateInput } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { canSeeSite } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { findAncestorIds, findDepartmentById } from './departments.repo.ts';
import { departments, sites } from './org.table.ts';
import { findSiteById } from './sites.repo.ts';

export async function createSite(ctx: Ctx, input: SiteCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const [row] = await tx.insert(sites).values(input).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'site.created', entityType: 'site', entityId: row.id, siteId: row.id, after: row });
    return row;
  });
}

export async function updateSite(ctx: Ctx, id: string, input: SiteUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const before = await findSiteById(tx, id, ctx.actor);
    if (!before) throw notFound();
    const after = await updateVersioned(tx, sites, before, expected, input);
    await writeAudit(tx, auditCtx(ctx), { action: 'site.updated', entityType: 'site', entityId: id, siteId: id, before, after });
    return after;
  });
}

export async function deleteSite(ctx: Ctx, id: string, expected: number | null) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await findSiteById(tx, id, ctx.actor);
    if (!before) throw notFound();
    if (expected !== null && expected !== before.version) throw invalidField('version', 'error.invalid');
    await tx.delete(sites).where(eq(sites.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'site.deleted', entityType: 'site', entityId: id, siteId: id, before });
  });
}

/** A referenced site must exist and be inside the actor's scope. */
async function assertSiteUsable(tx: Db, ctx: Ctx, siteId: string, path = 'siteId') {
  if (!canSeeSite(ctx.actor, siteId)) throw invalidField(path, 'error.out_of_scope');
  const site = await findSiteById(tx, siteId, ctx.actor);
  if (!site) throw invalidField(path, 'error.unknown_reference');
}

async function assertParentUsable(tx: Db, ctx: Ctx, parentId: string | null | undefined, selfId: string | null) {
  if (!parentId) return;
  const parent = await findDepartmentById(tx, parentId, ctx.actor);
  if (!parent) throw invalidField('parentId', 'error.unknown_reference');
  if (selfId && (await findAncestorIds(tx, parentId)).includes(selfId)) throw invalidField('parentId', 'error.cycle');
}

export async function createDepartment(ctx: Ctx, input: DepartmentCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    await assertSiteUsable(tx, ctx, input.siteId);
    await assertParentUsable(tx, ctx, input.parentId, null);
    const [row] = await tx.insert(departments).values(input).returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'department.created', entityType: 'department', entityId: row.id, siteId: row.siteId, after: row });
    return row.id;
  });
}

export async function updateDepartment(ctx: Ctx, id: string, input: DepartmentUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const current = await findDepartmentById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const { site: _site, ...before } = current;
    if (input.siteId && input.siteId !== before.siteId) await assertSiteUsable(tx, ctx, input.siteId);
    if (input.parentId !== undefined) await assertParentUsable(tx, ctx, input.parentId, id);
    const after = await updateVersioned(tx, departments, before, expected, input);
    await writeAudit(tx, auditCtx(ctx), { action: 'department.updated', entityType: 'department', entityId: id, siteId: after.siteId, before, after });
    return id;
  });
}

export async function deleteDepartment(ctx: Ctx, id: string) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findDepartmentById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const { site: _site, ...before } = current;
    await tx.delete(departments).where(eq(departments.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'department.deleted', entityType: 'department', entityId: id, siteId: before.siteId, before });
  });
}

export { assertSiteUsable };
