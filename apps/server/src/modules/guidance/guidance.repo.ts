import type { GuidanceLogListQuery } from '@unyo/contracts';
import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { guidanceLogs } from './guidance.table.ts';

export type GuidanceLogRow = typeof guidanceLogs.$inferSelect;
export type GuidanceLogWithSite = GuidanceLogRow & { site: { id: string; code: string; nameJa: string; nameEn: string }; timeZone: string };

const selection = {
  ...getTableColumns(guidanceLogs),
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  timeZone: sites.timeZone,
};

function base(db: Db) {
  return db.select(selection).from(guidanceLogs).innerJoin(sites, eq(sites.id, guidanceLogs.siteId));
}

/** A session belongs to a month by its site-local start time (a Tokyo session at 08:00 on the 1st is that month's). */
export const inMonth = (month: string): SQL => sql`to_char(${guidanceLogs.heldAt} at time zone ${sites.timeZone}, 'YYYY-MM') = ${month}`;

export async function findGuidanceLogById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<GuidanceLogWithSite | null> {
  const q = base(db).where(and(eq(guidanceLogs.id, id), siteScope(actor, guidanceLogs.siteId)));
  const [row] = lock ? await q.for('update', { of: guidanceLogs }) : await q;
  return (row as GuidanceLogWithSite) ?? null;
}

const heldMs = sql`to_char(${guidanceLogs.heldAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

function filtersOf(q: { month?: string; siteId?: string; q?: string }, actor: Actor) {
  const f: (SQL | undefined)[] = [siteScope(actor, guidanceLogs.siteId)];
  if (q.month) f.push(inMonth(q.month));
  if (q.siteId) f.push(eq(guidanceLogs.siteId, q.siteId));
  if (q.q)
    f.push(
      contains(
        sql`concat_ws(' ', ${guidanceLogs.place}, ${guidanceLogs.audience}, ${guidanceLogs.content}, ${guidanceLogs.topic}, ${guidanceLogs.attendees})`,
        q.q,
      ),
    );
  return and(...f);
}

/** Newest session first, scoped to the actor's sites. */
export async function findGuidanceLogPage(db: Db, q: GuidanceLogListQuery, actor: Actor) {
  const where = filtersOf(q, actor);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), heldMs, guidanceLogs.id, 'desc')))
    .orderBy(desc(heldMs), desc(guidanceLogs.id))
    .limit(q.limit + 1)) as GuidanceLogWithSite[];
  const [{ n }] = await db.select({ n: count() }).from(guidanceLogs).innerJoin(sites, eq(sites.id, guidanceLogs.siteId)).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: new Date(r.heldAt).toISOString().slice(0, 23), id: r.id })), total: Number(n) };
}

/** The month's sessions for the regular meeting, in date order. */
export async function findGuidanceLogsOfMonth(db: Db, month: string, siteId: string | undefined, actor: Actor) {
  return (await base(db).where(filtersOf({ month, siteId }, actor)).orderBy(guidanceLogs.heldAt, guidanceLogs.id)) as GuidanceLogWithSite[];
}
