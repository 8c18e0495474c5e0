import type { HardwareAssetBulkUpdateInput, HardwareAssetCreateInput, HardwareAssetUpdateInput } from '@unyo/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { findDepartmentById } from '../org/departments.repo.ts';
import { assertSiteUsable } from '../org/org.service.ts';
import { findPersonById } from '../org/people.repo.ts';
import { type AssetRow, type AssetWithRefs, findAssetById, findAssetsForUpdate } from './assets.repo.ts';
import { hardwareAssets } from './assets.table.ts';

/** The stored row without the joined references: what the audit log records. */
export function assetRowOf(row: AssetWithRefs): AssetRow {
  const { site: _s, department: _d, user: _u, parent: _p, ...rest } = row;
  return rest;
}

export async function assertDepartmentAtSite(tx: Db, ctx: Ctx, departmentId: string | null | undefined, siteId: string) {
  if (!departmentId) return;
  const dept = await findDepartmentById(tx, departmentId, ctx.actor);
  if (!dept) throw invalidField('departmentId', 'error.unknown_reference');
  if (dept.siteId !== siteId) throw invalidField('departmentId', 'error.department_site');
}

export async function assertPersonUsable(tx: Db, ctx: Ctx, personId: string | null | undefined, path = 'userId') {
  if (!personId) return;
  if (!(await findPersonById(tx, personId, ctx.actor))) throw invalidField(path, 'error.unknown_reference');
}

/** The parent must be a visible asset that is neither the asset itself nor one of its descendants. */
async function assertParentUsable(tx: Db, ctx: Ctx, parentId: string | null | undefined, selfId: string | null) {
  if (!parentId) return;
  if (!(await findAssetById(tx, parentId, ctx.actor))) throw invalidField('parentId', 'error.unknown_reference');
  if (!selfId) return;
  if (parentId === selfId) throw invalidField('parentId', 'error.parent_cycle');
  const ancestors = await queryRows<{ id: string }>(
    tx,
    sql`with recursive up(id, parent_id, depth) as (
          select id, parent_id, 0 from hardware_assets where id = ${parentId}
          union all
          select a.id, a.parent_id, up.depth + 1 from hardware_assets a join up on a.id = up.parent_id where up.depth < 50)
        select id from up`,
  );
  if (ancestors.some((a) => a.id === selfId)) throw invalidField('parentId', 'error.parent_cycle');
}

export async function createAsset(ctx: Ctx, input: HardwareAssetCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    await assertSiteUsable(tx, ctx, input.siteId);
    await assertDepartmentAtSite(tx, ctx, input.departmentId, input.siteId);
    await assertPersonUsable(tx, ctx, input.userId);
    await assertParentUsable(tx, ctx, input.parentId, null);
    const [row] = await tx.insert(hardwareAssets).values(input).returning();
    const { searchText: _s, searchGrams: _g, ...after } = row;
    await writeAudit(tx, auditCtx(ctx), { action: 'asset.created', entityType: 'asset', entityId: row.id, siteId: row.siteId, after });
    return row.id;
  });
}

export async function updateAsset(ctx: Ctx, id: string, input: HardwareAssetUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const current = await findAssetById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const before = assetRowOf(current);
    const siteId = input.siteId ?? before.siteId;
    if (siteId !== before.siteId) await assertSiteUsable(tx, ctx, siteId);
    const departmentId = input.departmentId === undefined ? before.departmentId : input.departmentId;
    if (departmentId !== before.departmentId || siteId !== before.siteId) await assertDepartmentAtSite(tx, ctx, departmentId, siteId);
    if (input.userId !== undefined && input.userId !== before.userId) await assertPersonUsable(tx, ctx, input.userId);
    if (input.parentId !== undefined && input.parentId !== before.parentId) await assertParentUsable(tx, ctx, input.parentId, id);
    // Editing a draft (a stock-take's unexpected find) makes it a regular ledger record.
    const values = before.draft ? { ...input, draft: false } : input;
    const { searchText: _s, searchGrams: _g, ...after } = await updateVersioned(tx, hardwareAssets, before, expected, values);
    await writeAudit(tx, auditCtx(ctx), { action: 'asset.updated', entityType: 'asset', entityId: id, siteId: after.siteId, before, after });
    return id;
  });
}

export async function deleteAsset(ctx: Ctx, id: string) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const current = await findAssetById(tx, id, ctx.actor);
    if (!current) throw notFound();
    const before = assetRowOf(current);
    await tx.delete(hardwareAssets).where(eq(hardwareAssets.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'asset.deleted', entityType: 'asset', entityId: id, siteId: before.siteId, before });
  });
}

/**
 * Bulk edit of selected rows: all or nothing. Every id must be visible to the actor; each row gets
 * its own audit record (before/after) so the asset's timeline shows the change.
 */
export async function bulkUpdateAssets(ctx: Ctx, input: HardwareAssetBulkUpdateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const ids = [...new Set(input.ids)];
    const rows = await findAssetsForUpdate(tx, ids, ctx.actor);
    if (rows.length !== ids.length) throw invalidField('ids', 'error.unknown_reference');
    const set = input.set;
    if (set.siteId) await assertSiteUsable(tx, ctx, set.siteId);
    for (const before of rows) {
      const siteId = set.siteId ?? before.siteId;
      const departmentId = set.departmentId === undefined ? before.departmentId : set.departmentId;
      if (departmentId !== before.departmentId || siteId !== before.siteId) {
        // A site change without a department keeps the old department only if it is at the new site.
        if (set.departmentId === undefined && departmentId && siteId !== before.siteId) {
          const dept = await findDepartmentById(tx, departmentId, ctx.actor);
          if (!dept || dept.siteId !== siteId) throw invalidField('set.departmentId', 'error.department_site');
        } else
          await assertDepartmentAtSite(tx, ctx, departmentId, siteId).catch(() => {
            throw invalidField('set.departmentId', 'error.department_site');
          });
      }
      const { searchText: _s, searchGrams: _g, ...after } = await updateVersioned(tx, hardwareAssets, before, null, set);
      await writeAudit(tx, auditCtx(ctx), { action: 'asset.updated', entityType: 'asset', entityId: before.id, siteId: after.siteId, before, after });
    }
    return { updated: rows.length };
  });
}
