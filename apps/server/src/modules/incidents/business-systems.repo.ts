import type { BusinessSystemListQuery } from '@unyo/contracts';
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { RefTarget } from '../../platform/files/ledger-io.ts';
import { inJson } from '../../platform/files/ledger-io.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { departments } from '../org/org.table.ts';
import { businessSystems } from './business-systems.table.ts';
import { incidents } from './incidents.table.ts';

export type BusinessSystemRow = typeof businessSystems.$inferSelect;
type DepartmentRef = { id: string; code: string; nameJa: string; nameEn: string };
export type BusinessSystemWithRefs = BusinessSystemRow & { department: DepartmentRef; incidentCount: number };

// The master is organization-wide (a system serves every site), so it is not site-scoped; the department is
// shown by name only.
const columns = {
  row: businessSystems,
  department: { id: departments.id, code: departments.code, nameJa: departments.nameJa, nameEn: departments.nameEn },
  incidentCount: sql<number>`(select count(*) from ${incidents} where ${incidents.businessSystemId} = ${businessSystems.id})`.mapWith(Number),
};
const flatten = (r: { row: BusinessSystemRow; department: DepartmentRef; incidentCount: number }): BusinessSystemWithRefs => ({
  ...r.row,
  department: r.department,
  incidentCount: r.incidentCount,
});

export async function findBusinessSystemById(db: Db, id: string, lock?: 'update'): Promise<BusinessSystemRow | null> {
  const q = db.select().from(businessSystems).where(eq(businessSystems.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function findBusinessSystemWithRefs(db: Db, id: string): Promise<BusinessSystemWithRefs | null> {
  const [r] = await db
    .select(columns)
    .from(businessSystems)
    .innerJoin(departments, eq(departments.id, businessSystems.departmentId))
    .where(eq(businessSystems.id, id));
  return r ? flatten(r) : null;
}

function filters(q: Partial<BusinessSystemListQuery>): SQL | undefined {
  const f: (SQL | undefined)[] = [];
  if (q.q)
    f.push(
      contains(
        sql`concat_ws(' ', ${businessSystems.code}, ${businessSystems.name}, ${businessSystems.nameEn}, ${businessSystems.contractor}, ${departments.nameJa}, ${departments.nameEn})`,
        q.q,
      ),
    );
  if (q.active) f.push(eq(businessSystems.active, q.active === 'true'));
  if (q.departmentId) f.push(eq(businessSystems.departmentId, q.departmentId));
  return and(...f);
}

/** By code. */
export async function findBusinessSystemPage(db: Db, q: BusinessSystemListQuery) {
  const where = filters(q);
  const rows = await db
    .select(columns)
    .from(businessSystems)
    .innerJoin(departments, eq(departments.id, businessSystems.departmentId))
    .where(and(where, afterCursor(decodeCursor(q.cursor), businessSystems.code, businessSystems.id, 'asc')))
    .orderBy(asc(businessSystems.code), asc(businessSystems.id))
    .limit(q.limit + 1);
  const [{ n }] = await db.select({ n: count() }).from(businessSystems).innerJoin(departments, eq(departments.id, businessSystems.departmentId)).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.row.code, id: r.row.id }));
  return { items: page.items.map(flatten), nextCursor: page.nextCursor, total: Number(n) };
}

/** The business systems of a page of incidents with their departments, in one query. */
export async function findBusinessSystemRefs(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, BusinessSystemRow & { department: DepartmentRef }>();
  const rows = await db
    .select({ row: businessSystems, department: columns.department })
    .from(businessSystems)
    .innerJoin(departments, eq(departments.id, businessSystems.departmentId))
    .where(inArray(businessSystems.id, wanted));
  return new Map(rows.map((r) => [r.row.id, { ...r.row, department: r.department }]));
}

/** Code → business system for the incident import; the master is organization-wide (shared), the department name rides along. */
export async function businessSystemRefs(db: Db, codes: string[]): Promise<Map<string, RefTarget>> {
  const rows = await db
    .select({ id: businessSystems.id, code: businessSystems.code, active: businessSystems.active, departmentName: departments.nameJa })
    .from(businessSystems)
    .innerJoin(departments, eq(departments.id, businessSystems.departmentId))
    .where(inJson(businessSystems.code, codes));
  return new Map(rows.map((r) => [r.code, { id: r.id, siteId: null, shared: true, active: r.active, departmentName: r.departmentName }]));
}
