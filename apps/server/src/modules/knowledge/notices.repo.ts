import type { NoticeListQuery } from '@unyo/contracts';
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { people, sites } from '../org/org.table.ts';
import { type NoticeRow, noticeSites, notices } from './knowledge.table.ts';

export type NoticeSite = { id: string; code: string; nameJa: string; nameEn: string; kind: string };
export type NoticeWithSites = NoticeRow & { sites: NoticeSite[] };

/**
 * Operators limited to some sites see the notices for every site and those aimed at one of their sites (in SQL, like
 * siteScope); full-scope operators see all.
 */
export function noticeScope(actor: Actor): SQL | undefined {
  if (actor.visibleSiteIds === null) return undefined;
  if (actor.visibleSiteIds.length === 0) return eq(notices.targetAll, true);
  return or(
    eq(notices.targetAll, true),
    sql`exists (select 1 from ${noticeSites} where ${noticeSites.noticeId} = ${notices.id} and ${inArray(noticeSites.siteId, actor.visibleSiteIds)})`,
  );
}

/** Published and inside the publish window at `now`. */
export const isCurrent = (now: Date) =>
  and(eq(notices.status, 'published'), lte(notices.publishFrom, now), or(isNull(notices.publishUntil), gt(notices.publishUntil, now)));

async function withSites(db: Db, rows: NoticeRow[]): Promise<NoticeWithSites[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({ noticeId: noticeSites.noticeId, id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn, kind: sites.kind })
    .from(noticeSites)
    .innerJoin(sites, eq(sites.id, noticeSites.siteId))
    .where(
      inArray(
        noticeSites.noticeId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(sites.code));
  return rows.map((r) => ({ ...r, sites: links.filter((l) => l.noticeId === r.id).map(({ noticeId: _n, ...s }) => s) }));
}

export async function findNoticeById(db: Db, id: string, actor: Actor): Promise<NoticeWithSites | null> {
  const rows = await db
    .select()
    .from(notices)
    .where(and(eq(notices.id, id), noticeScope(actor)));
  return (await withSites(db, rows))[0] ?? null;
}

const fromText = sql<string>`to_char(${notices.publishFrom} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Newest publish date first. */
export async function findNoticePage(db: Db, q: NoticeListQuery, actor: Actor) {
  const filters: (SQL | undefined)[] = [noticeScope(actor)];
  if (q.status) filters.push(eq(notices.status, q.status));
  if (q.siteId) {
    filters.push(
      or(
        eq(notices.targetAll, true),
        sql`exists (select 1 from ${noticeSites} where ${noticeSites.noticeId} = ${notices.id} and ${noticeSites.siteId} = ${q.siteId})`,
      ),
    );
  }
  if (q.current === 'true') filters.push(isCurrent(new Date()));
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const rows = await db
    .select({ notice: notices, sortKey: fromText })
    .from(notices)
    .where(and(where, afterCursor(cursor, fromText, notices.id, 'desc')))
    .orderBy(desc(fromText), desc(notices.id))
    .limit(q.limit + 1);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(notices).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.sortKey, id: r.notice.id }));
  return {
    ...page,
    items: await withSites(
      db,
      page.items.map((r) => r.notice),
    ),
    total: Number(n),
  };
}

/** Current notices for one site (and the all-site ones); a requester without a site gets the all-site ones. */
export async function findCurrentNoticesForSite(db: Db, siteId: string | null, now: Date): Promise<NoticeRow[]> {
  const forSite = siteId
    ? or(
        eq(notices.targetAll, true),
        sql`exists (select 1 from ${noticeSites} where ${noticeSites.noticeId} = ${notices.id} and ${noticeSites.siteId} = ${siteId})`,
      )
    : eq(notices.targetAll, true);
  return db
    .select()
    .from(notices)
    .where(and(isCurrent(now), forSite))
    .orderBy(sql`case ${notices.severity} when 'critical' then 0 when 'warning' then 1 when 'maintenance' then 2 else 3 end`, desc(notices.publishFrom))
    .limit(50);
}

export async function findPersonSiteId(db: Db, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const [row] = await db.select({ siteId: people.siteId }).from(people).where(eq(people.id, personId));
  return row?.siteId ?? null;
}

/** Who a broadcast mails: active people with an address at the target sites, in id order (the resume cursor). */
function recipientWhere(n: Pick<NoticeRow, 'id' | 'targetAll'>, after: string | null) {
  return and(
    eq(people.status, 'active'),
    sql`coalesce(${people.email}, '') <> ''`,
    n.targetAll ? undefined : sql`exists (select 1 from ${noticeSites} where ${noticeSites.noticeId} = ${n.id} and ${noticeSites.siteId} = ${people.siteId})`,
    after ? gt(people.id, after) : undefined,
  );
}

export async function countRecipients(db: Db, n: Pick<NoticeRow, 'id' | 'targetAll'>): Promise<number> {
  const [{ c }] = await db.select({ c: sql<number>`count(*)::int` }).from(people).where(recipientWhere(n, null));
  return Number(c);
}

export async function findRecipientBatch(db: Db, n: Pick<NoticeRow, 'id' | 'targetAll'>, after: string | null, limit: number) {
  return db
    .select({ id: people.id, email: people.email, nameKanji: people.nameKanji, nameRomaji: people.nameRomaji, siteKind: sites.kind })
    .from(people)
    .innerJoin(sites, eq(sites.id, people.siteId))
    .where(recipientWhere(n, after))
    .orderBy(asc(people.id))
    .limit(limit);
}
