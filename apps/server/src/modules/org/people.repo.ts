import type { PersonListQuery } from '@unyo/contracts';
import { and, asc, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { substringCondition } from '../../platform/search/text-search.ts';
import { departments, people, sites } from './org.table.ts';

const selection = {
  ...getTableColumns(people),
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  department: { id: departments.id, code: departments.code, nameJa: departments.nameJa, nameEn: departments.nameEn },
};

export type PersonRow = typeof people.$inferSelect;
export type PersonWithRefs = PersonRow & {
  site: { id: string; code: string; nameJa: string; nameEn: string };
  department: { id: string; code: string; nameJa: string; nameEn: string } | null;
};

/** Same expression as the trigram index in migration 0001, so searches use it. */
export const personSearchExpr = sql`(coalesce(${people.nameKanji},'') || ' ' || coalesce(${people.nameKana},'') || ' ' || coalesce(${people.nameRomaji},'') || ' ' || ${people.employeeNumber} || ' ' || coalesce(${people.email},''))`;

function base(db: Db) {
  return db.select(selection).from(people).innerJoin(sites, eq(sites.id, people.siteId)).leftJoin(departments, eq(departments.id, people.departmentId));
}

export async function findPersonById(db: Db, id: string, actor: Actor): Promise<PersonWithRefs | null> {
  const [row] = await base(db).where(and(eq(people.id, id), siteScope(actor, people.siteId)));
  return (row as PersonWithRefs) ?? null;
}

const sortExprs = {
  employeeNumber: people.employeeNumber,
  nameKanji: people.nameKanji,
  nameKana: sql`coalesce(${people.nameKana}, '')`,
  // Cursors carry milliseconds; compare at that precision so paging never skips a row.
  updatedAt: sql`date_trunc('milliseconds', ${people.updatedAt})`,
} as const;

export function personFilters(q: Omit<PersonListQuery, 'limit' | 'cursor' | 'sort' | 'order'>, actor: Actor): SQL | undefined {
  const filters: (SQL | undefined)[] = [siteScope(actor, people.siteId)];
  if (q.siteId) filters.push(eq(people.siteId, q.siteId));
  if (q.departmentId) filters.push(eq(people.departmentId, q.departmentId));
  if (q.status) filters.push(eq(people.status, q.status));
  if (q.staffType) filters.push(eq(people.staffType, q.staffType));
  if (q.q) filters.push(substringCondition(personSearchExpr, people.searchGrams, q.q));
  return and(...filters);
}

/**
 * Counting every match of an unfiltered 200k-row ledger costs more than the page itself, so the count
 * stops at a cap; above it the list says "at least" (decision 0009).
 */
export const PEOPLE_COUNT_CAP = 10_000;

export async function findPersonPage(db: Db, q: PersonListQuery, actor: Actor, countCap = PEOPLE_COUNT_CAP) {
  const where = personFilters(q, actor);
  const sortExpr = sortExprs[q.sort];
  const dir = q.order === 'desc' ? desc : asc;
  const cursor = decodeCursor(q.cursor);
  const rows = (await base(db)
    .where(and(where, afterCursor(cursor, sortExpr, people.id, q.order)))
    .orderBy(dir(sortExpr), dir(people.id))
    .limit(q.limit + 1)) as PersonWithRefs[];
  const matches = db
    .select({ one: sql`1` })
    .from(people)
    .where(where)
    .limit(countCap + 1)
    .as('matches');
  const [{ n }] = await db.select({ n: count() }).from(matches);
  const totalExact = n <= countCap;
  const total = totalExact ? n : countCap;
  const cursorValue = (r: PersonWithRefs) =>
    q.sort === 'updatedAt' ? new Date(r.updatedAt).toISOString() : q.sort === 'nameKana' ? (r.nameKana ?? '') : r[q.sort];
  return { ...pageOf(rows, q.limit, (r) => ({ v: cursorValue(r), id: r.id })), total, totalExact };
}
