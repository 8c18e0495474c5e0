import type { DepartmentListQuery } from '@unyo/contracts';
import { and, asc, count, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { departments, sites } from './org.table.ts';

const siteRef = { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn };
const selection = { ...getTableColumns(departments), site: siteRef };

export type DepartmentRow = typeof departments.$inferSelect;
export type DepartmentWithSite = DepartmentRow & { site: { id: string; code: string; nameJa: string; nameEn: string } };

export async function findDepartmentById(db: Db, id: string, actor: Actor): Promise<DepartmentWithSite | null> {
  const [row] = await db
    .select(selection)
    .from(departments)
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .where(and(eq(departments.id, id), siteScope(actor, departments.siteId)));
  return row ?? null;
}

export async function findDepartmentPage(db: Db, q: DepartmentListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [siteScope(actor, departments.siteId)];
  if (q.siteId) filters.push(eq(departments.siteId, q.siteId));
  if (q.parentId) filters.push(eq(departments.parentId, q.parentId));
  if (q.q) filters.push(contains(sql`${departments.code} || ' ' || ${departments.nameJa} || ' ' || ${departments.nameEn}`, q.q));
  const where = and(...filters);
  const sortCol = q.sort === 'nameJa' ? departments.nameJa : departments.code;
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select(selection)
    .from(departments)
    .innerJoin(sites, eq(sites.id, departments.siteId))
    .where(and(where, afterCursor(cursor, sortCol, departments.id, 'asc')))
    .orderBy(asc(sortCol), asc(departments.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: count() }).from(departments).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r[q.sort], id: r.id })), total };
}

/** Ancestor ids of a department (for cycle checks), nearest first. */
export async function findAncestorIds(db: Db, id: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from departments where id = ${id}
      union all
      select d.id, d.parent_id, up.depth + 1 from departments d join up on d.id = up.parent_id where up.depth < 100
    ) select id from up order by depth`,
  );
  return rows.map((r) => r.id);
}
