import type { SiteListQuery } from '@unyo/contracts';
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from './org.table.ts';

export type SiteRow = typeof sites.$inferSelect;

export async function findSiteById(db: Db, id: string, actor: Actor): Promise<SiteRow | null> {
  const [row] = await db
    .select()
    .from(sites)
    .where(and(eq(sites.id, id), siteScope(actor, sites.id)));
  return row ?? null;
}

export async function findSitePage(db: Db, q: SiteListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [siteScope(actor, sites.id)];
  if (q.kind) filters.push(eq(sites.kind, q.kind));
  if (q.q) filters.push(contains(sql`${sites.code} || ' ' || ${sites.nameJa} || ' ' || ${sites.nameEn} || ' ' || coalesce(${sites.officeCode}, '')`, q.q));
  const where = and(...filters);
  const sortCol = { code: sites.code, nameJa: sites.nameJa, kind: sites.kind }[q.sort];
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select()
    .from(sites)
    .where(and(where, afterCursor(cursor, sortCol, sites.id, 'asc')))
    .orderBy(asc(sortCol), asc(sites.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: count() }).from(sites).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r[q.sort], id: r.id })), total };
}
