import type { CallRecordListQuery } from '@unyo/contracts';
import { and, desc, eq, getTableColumns, ilike, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { sites } from '../org/org.table.ts';
import { callRecords, tickets } from './tickets.table.ts';

const selection = {
  ...getTableColumns(callRecords),
  ticket: { id: tickets.id, number: tickets.number },
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
};

export type CallRecordWithRefs = typeof callRecords.$inferSelect & {
  ticket: { id: string; number: string } | null;
  site: { id: string; code: string; nameJa: string; nameEn: string } | null;
};

function base(db: Db) {
  return db.select(selection).from(callRecords).leftJoin(tickets, eq(tickets.id, callRecords.ticketId)).leftJoin(sites, eq(sites.id, callRecords.siteId));
}

export async function findCallRecordById(db: Db, id: string, actor: Actor): Promise<CallRecordWithRefs | null> {
  const [row] = await base(db).where(and(eq(callRecords.id, id), siteScope(actor, callRecords.siteId)));
  return (row as CallRecordWithRefs) ?? null;
}

const queuedKey = sql`to_char(${callRecords.queuedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

/** [from, to) of a YYYY-MM month in the reporting zone. */
export type MonthRange = { from: Date; to: Date };

/** Newest first; scoped by the call's site (calls without a site are seen only by users of all sites). */
export async function findCallRecordPage(db: Db, q: CallRecordListQuery, actor: Actor, month: MonthRange | null) {
  const filters: (SQL | undefined)[] = [siteScope(actor, callRecords.siteId)];
  if (month) filters.push(sql`${callRecords.queuedAt} >= ${month.from.toISOString()} and ${callRecords.queuedAt} < ${month.to.toISOString()}`);
  if (q.siteId) filters.push(eq(callRecords.siteId, q.siteId));
  if (q.ticketId) filters.push(eq(callRecords.ticketId, q.ticketId));
  if (q.operator) filters.push(ilike(callRecords.operatorLabel, `%${q.operator}%`));
  const where = and(...filters);
  const cursor = decodeCursor(q.cursor);
  const rows = (await base(db)
    .where(and(where, afterCursor(cursor, queuedKey, callRecords.id, 'desc')))
    .orderBy(desc(queuedKey), desc(callRecords.id))
    .limit(q.limit + 1)) as CallRecordWithRefs[];
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(callRecords).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.queuedAt.toISOString().slice(0, 23), id: r.id })), total: Number(n) };
}
