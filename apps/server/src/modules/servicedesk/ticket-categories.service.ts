import type { TicketCategoryCreateInput, TicketCategoryUpdateInput } from '@unyo/contracts';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, invalidField, notFound } from '../../platform/http/errors.ts';
import { departments } from '../org/org.table.ts';
import { findCategoryById } from './ticket-categories.repo.ts';
import { ticketCategories } from './tickets.table.ts';

/**
 * Category administration (ticket-category.manage). The tree stays two levels deep, and a sub-category's code starts
 * with its parent's (`software.consult`) so the details map and reports can fall back to the parent. Categories are
 * deactivated, never deleted: tickets keep their category, new inquiries are no longer offered it.
 */

type CategoryRow = typeof ticketCategories.$inferSelect;

async function assertParent(tx: Db, parentId: string | null | undefined, self: { id?: string; code: string }): Promise<CategoryRow | null> {
  if (!parentId) {
    if (self.code.includes('.')) throw invalidField('code', 'error.category_code');
    return null;
  }
  const parent = await findCategoryById(tx, parentId);
  if (!parent) throw invalidField('parentId', 'error.unknown_reference');
  if (parent.parentId || parent.id === self.id) throw invalidField('parentId', 'error.category_parent');
  if (!self.code.startsWith(`${parent.code}.`)) throw invalidField('code', 'error.category_code');
  if (self.id) {
    const [{ n }] = await tx.select({ n: count() }).from(ticketCategories).where(eq(ticketCategories.parentId, self.id));
    if (n > 0) throw invalidField('parentId', 'error.category_has_children');
  }
  return parent;
}

async function assertDepartment(tx: Db, id: string | null | undefined) {
  if (!id) return;
  const [d] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.active, true)));
  if (!d) throw invalidField('ownerDepartmentId', 'error.unknown_reference');
}

export async function createTicketCategory(ctx: Ctx, input: TicketCategoryCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    await assertParent(tx, input.parentId, { code: input.code });
    await assertDepartment(tx, input.ownerDepartmentId);
    const [dup] = await tx.select({ id: ticketCategories.id }).from(ticketCategories).where(eq(ticketCategories.code, input.code));
    if (dup) throw conflictField('code');
    const [row] = await tx
      .insert(ticketCategories)
      .values({
        code: input.code,
        parentId: input.parentId ?? null,
        nameJa: input.nameJa,
        nameEn: input.nameEn,
        specRef: input.specRef ?? null,
        ownerDepartmentId: input.ownerDepartmentId ?? null,
        ownerNote: input.ownerNote ?? null,
        sortOrder: input.sortOrder,
        active: input.active,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'ticket-category.created', entityType: 'ticket-category', entityId: row.id, after: row });
    return row.id;
  });
}

export async function updateTicketCategory(ctx: Ctx, id: string, input: TicketCategoryUpdateInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [before] = await tx.select().from(ticketCategories).where(eq(ticketCategories.id, id)).for('update');
    if (!before) throw notFound();
    if (input.parentId !== undefined && input.parentId !== before.parentId) await assertParent(tx, input.parentId, before);
    if (input.ownerDepartmentId !== undefined && input.ownerDepartmentId !== before.ownerDepartmentId) await assertDepartment(tx, input.ownerDepartmentId);
    const set = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && v !== before[k as keyof CategoryRow]));
    if (Object.keys(set).length === 0) return;
    const [after] = await tx.update(ticketCategories).set(set).where(eq(ticketCategories.id, id)).returning();
    const prior = Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof CategoryRow]]));
    await writeAudit(tx, auditCtx(ctx), {
      action: 'ticket-category.updated',
      entityType: 'ticket-category',
      entityId: id,
      before: { code: before.code, ...prior },
      after: { code: after.code, ...set },
    });
  });
}
