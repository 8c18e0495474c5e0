import type { TicketCategoryDto, TicketCategoryNodeDto } from '@unyo/contracts';
import { and, asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { departments } from '../org/org.table.ts';
import { ticketCategories } from './tickets.table.ts';

const parent = alias(ticketCategories, 'parent');

/**
 * A category that may be chosen for a new inquiry or a category change: active, under an active parent (deactivating
 * a top category withdraws its sub-categories too). Old tickets keep whatever category they have.
 */
export async function findActiveCategory(db: Db, id: string) {
  const [row] = await db
    .select({ id: ticketCategories.id, code: ticketCategories.code, ownerDepartmentId: ticketCategories.ownerDepartmentId })
    .from(ticketCategories)
    .leftJoin(parent, eq(parent.id, ticketCategories.parentId))
    .where(and(eq(ticketCategories.id, id), eq(ticketCategories.active, true), or(isNull(ticketCategories.parentId), eq(parent.active, true))));
  return row ?? null;
}

/** Any category, active or not (administration; the details and referral of a ticket under an old category). */
export async function findCategoryById(db: Db, id: string) {
  const [row] = await db.select().from(ticketCategories).where(eq(ticketCategories.id, id));
  return row ?? null;
}

const nodeColumns = {
  id: ticketCategories.id,
  code: ticketCategories.code,
  parentId: ticketCategories.parentId,
  nameJa: ticketCategories.nameJa,
  nameEn: ticketCategories.nameEn,
  specRef: ticketCategories.specRef,
  ownerNote: ticketCategories.ownerNote,
  sortOrder: ticketCategories.sortOrder,
  active: ticketCategories.active,
  dept: { id: departments.id, code: departments.code, nameJa: departments.nameJa, nameEn: departments.nameEn },
};

async function findNodes(db: Db, where: SQL | undefined): Promise<TicketCategoryNodeDto[]> {
  const rows = await db
    .select(nodeColumns)
    .from(ticketCategories)
    .leftJoin(departments, eq(departments.id, ticketCategories.ownerDepartmentId))
    .where(where)
    .orderBy(asc(ticketCategories.sortOrder), asc(ticketCategories.code));
  return rows.map(({ dept, ...r }) => ({ ...r, ownerDepartment: dept?.id ? dept : null }));
}

export async function findCategoryNode(db: Db, id: string): Promise<TicketCategoryNodeDto | null> {
  return (await findNodes(db, eq(ticketCategories.id, id)))[0] ?? null;
}

/**
 * The category tree (two levels), ordered for pickers. Small and shared by every site, so it is read whole; the
 * owning department (5.1.b) is joined for the "ask this department" hint. Without inactive ones, a sub-category of an
 * inactive parent is not offered either.
 */
export async function findCategoryTree(db: Db, opts: { includeInactive?: boolean } = {}): Promise<TicketCategoryDto[]> {
  const nodes = await findNodes(db, opts.includeInactive ? undefined : eq(ticketCategories.active, true));
  const top = nodes.filter((n) => !n.parentId);
  return top.map((t) => ({ ...t, children: nodes.filter((n) => n.parentId === t.id) }));
}
