import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { savedViews } from './views.table.ts';

export type SavedViewRow = typeof savedViews.$inferSelect;

/** Every query is narrowed to the owner: another user's view does not exist for the caller. */
const owned = (userId: string) => eq(savedViews.userId, userId);

export function findSavedViews(db: Db, userId: string, ledger: string): Promise<SavedViewRow[]> {
  return db
    .select()
    .from(savedViews)
    .where(and(owned(userId), eq(savedViews.ledger, ledger)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
}

export async function findSavedViewById(db: Db, id: string, userId: string): Promise<SavedViewRow | null> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), owned(userId)));
  return row ?? null;
}

/** Whether the user already has a view of that name on the list (other than `exceptId`). */
export async function savedViewNameTaken(db: Db, userId: string, ledger: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(owned(userId), eq(savedViews.ledger, ledger), eq(savedViews.name, name), exceptId ? ne(savedViews.id, exceptId) : undefined))
    .limit(1);
  return !!row;
}
