import type { SavedViewCreateInput, SavedViewUpdateInput } from '@unyo/contracts';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { auditCtx, type Ctx, inTransaction } from '../http/context.ts';
import { conflictField, notFound } from '../http/errors.ts';
import { findSavedViewById, type SavedViewRow, savedViewNameTaken } from './views.repo.ts';
import { savedViews } from './views.table.ts';

const audited = ({ userId: _u, ...row }: SavedViewRow) => row;

/** Only one default per user and list: making a view the default takes it from the others. */
async function clearDefault(tx: Db, userId: string, ledger: string, exceptId: string | null) {
  await tx
    .update(savedViews)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(
      and(eq(savedViews.userId, userId), eq(savedViews.ledger, ledger), eq(savedViews.isDefault, true), exceptId ? ne(savedViews.id, exceptId) : undefined),
    );
}

export async function createSavedView(ctx: Ctx, input: SavedViewCreateInput): Promise<SavedViewRow> {
  const userId = ctx.actor.userId;
  return inTransaction(ctx.db, async ({ tx }) => {
    if (await savedViewNameTaken(tx, userId, input.ledger, input.name)) throw conflictField('name');
    if (input.isDefault) await clearDefault(tx, userId, input.ledger, null);
    const [row] = await tx
      .insert(savedViews)
      .values({ ...input, userId })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'saved-view.created', entityType: 'saved-view', entityId: row.id, after: audited(row) });
    return row;
  });
}

export async function updateSavedView(ctx: Ctx, id: string, input: SavedViewUpdateInput): Promise<SavedViewRow> {
  const userId = ctx.actor.userId;
  return inTransaction(ctx.db, async ({ tx }) => {
    const before = await findSavedViewById(tx, id, userId);
    if (!before) throw notFound();
    if (input.name !== undefined && (await savedViewNameTaken(tx, userId, before.ledger, input.name, id))) throw conflictField('name');
    if (input.isDefault) await clearDefault(tx, userId, before.ledger, id);
    const [after] = await tx
      .update(savedViews)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
      .returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'saved-view.updated',
      entityType: 'saved-view',
      entityId: id,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const before = await findSavedViewById(tx, id, ctx.actor.userId);
    if (!before) throw notFound();
    await tx.delete(savedViews).where(eq(savedViews.id, id));
    await writeAudit(tx, auditCtx(ctx), { action: 'saved-view.deleted', entityType: 'saved-view', entityId: id, before: audited(before) });
  });
}
