import { openTicketStatuses, type TicketListQuery, type TicketStatus } from '@unyo/contracts';
import { and, asc, count, desc, eq, getTableColumns, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { files } from '../../platform/files/files.table.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { gramFrequencies } from '../../platform/search/gram-stats.ts';
import { type SearchPlan, textSearchCondition } from '../../platform/search/text-search.ts';
import { type TicketRow, ticketEvents, tickets } from './tickets.table.ts';

const { searchText: _t, searchGrams: _g, ...ticketColumns } = getTableColumns(tickets);

export type TicketRowLite = Omit<typeof tickets.$inferSelect, 'searchText' | 'searchGrams'>;
export type SiteRefRow = { id: string; code: string; nameJa: string; nameEn: string };
export type CategoryRefRow = { id: string; code: string; nameJa: string; nameEn: string };
export type UserRefRow = { id: string; displayName: string };
export type TicketWithRefs = TicketRowLite & {
  site: SiteRefRow;
  category: CategoryRefRow | null;
  assignee: UserRefRow | null;
  /** The linked person's name, when the requester is a person of the ledger. */
  personName: string | null;
};

type Refs = { sites: SiteRefRow[]; categories: CategoryRefRow[]; users: UserRefRow[]; people: { id: string; name: string }[] };

/** Distinct ids as a PostgreSQL array literal (UUIDs need no quoting); a text parameter works on both drivers. */
const uuidArray = (ids: (string | null)[]) => `{${[...new Set(ids.filter((x): x is string => !!x))].join(',')}}`;

/**
 * The references of some tickets in one round trip of single-table lookups: joining them in the page query makes
 * the planner's work grow with every join while the page itself is index-ordered on `tickets` alone.
 */
export async function withRefs(db: Db, rows: TicketRowLite[], known: { site?: TicketWithRefs['site'] } = {}): Promise<TicketWithRefs[]> {
  if (rows.length === 0) return [];
  // A ticket just created at a site the caller already loaded, with no other reference: nothing to look up.
  if (known.site && rows.every((r) => r.siteId === known.site!.id && !r.categoryId && !r.assigneeId && !r.requesterPersonId)) {
    const site = { id: known.site.id, code: known.site.code, nameJa: known.site.nameJa, nameEn: known.site.nameEn };
    return rows.map((r) => ({ ...r, site, category: null, assignee: null, personName: null }));
  }
  // `= any(uuid[])` is planned as index lookups; `in (select jsonb_array_elements…)` hashed whole tables (people).
  const [refs] = await queryRows<Refs>(
    db,
    sql`select
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'code', code, 'nameJa', name_ja, 'nameEn', name_en)), '[]')
         from sites where id = any(${uuidArray(rows.map((r) => r.siteId))}::uuid[])) as sites,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'code', code, 'nameJa', name_ja, 'nameEn', name_en)), '[]')
         from ticket_categories where id = any(${uuidArray(rows.map((r) => r.categoryId))}::uuid[])) as categories,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'displayName', display_name)), '[]')
         from users where id = any(${uuidArray(rows.map((r) => r.assigneeId))}::uuid[])) as users,
      (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name_kanji)), '[]')
         from people where id = any(${uuidArray(rows.map((r) => r.requesterPersonId))}::uuid[])) as people`,
  );
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const sitesById = byId(refs.sites);
  const categoriesById = byId(refs.categories);
  const usersById = byId(refs.users);
  const peopleById = byId(refs.people);
  return rows.map((r) => ({
    ...r,
    site: sitesById.get(r.siteId)!,
    category: r.categoryId ? (categoriesById.get(r.categoryId) ?? null) : null,
    assignee: r.assigneeId ? (usersById.get(r.assigneeId) ?? null) : null,
    personName: r.requesterPersonId ? (peopleById.get(r.requesterPersonId)?.name ?? null) : null,
  }));
}

export async function findTicketById(db: Db, id: string, actor: Actor): Promise<TicketWithRefs | null> {
  const [row] = await db
    .select(ticketColumns)
    .from(tickets)
    .where(and(eq(tickets.id, id), siteScope(actor, tickets.siteId)));
  if (!row) return null;
  return (await withRefs(db, [row]))[0];
}

/** The ticket row locked for a change, inside the actor's scope (out of scope = not found). */
export async function lockTicket(tx: Db, id: string, actor: Actor | null): Promise<TicketRow | null> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), actor ? siteScope(actor, tickets.siteId) : undefined))
    .for('update');
  return row ?? null;
}

const excluded = sql`(${tickets.installRequest} or ${tickets.noResponse})`;

/**
 * Clock states in SQL from the stored due time. at_risk is what the 5-minute at-risk sweep found (it sets
 * at_risk_notified_at), so the filter needs no calendar arithmetic per row.
 */
function clockCondition(state: NonNullable<TicketListQuery['clock']>, now: Date): SQL {
  const open = and(sql`not ${excluded}`, isNull(tickets.firstAnsweredAt))!;
  switch (state) {
    case 'excluded':
      return excluded;
    case 'met':
      return sql`not ${excluded} and ${tickets.firstAnsweredAt} <= ${tickets.firstAnswerDueAt}`;
    case 'missed':
      return sql`not ${excluded} and ${tickets.firstAnsweredAt} > ${tickets.firstAnswerDueAt}`;
    case 'breached':
      return and(open, sql`${tickets.firstAnswerDueAt} < ${now}`)!;
    case 'at_risk':
      return and(open, sql`${tickets.firstAnswerDueAt} >= ${now}`, isNotNull(tickets.atRiskNotifiedAt))!;
    case 'running':
      return and(open, sql`${tickets.firstAnswerDueAt} >= ${now}`, isNull(tickets.atRiskNotifiedAt))!;
  }
}

export type TicketFilterQuery = Omit<TicketListQuery, 'limit' | 'cursor' | 'sort'>;

/** The list's WHERE: filters plus the actor's site scope (exports use the same). */
export function ticketFilters(q: Partial<TicketFilterQuery>, actor: Actor, now = new Date(), plan: SearchPlan = {}): SQL | undefined {
  const filters: (SQL | undefined)[] = [siteScope(actor, tickets.siteId)];
  if (q.status) {
    const statuses = q.status === 'open' ? [...openTicketStatuses] : (q.status.split(',').map((s) => s.trim()) as TicketStatus[]);
    filters.push(statuses.length === 1 ? eq(tickets.status, statuses[0]) : inArray(tickets.status, statuses));
  }
  if (q.siteId) filters.push(eq(tickets.siteId, q.siteId));
  if (q.channel) filters.push(eq(tickets.channel, q.channel));
  if (q.assigneeId === 'none') filters.push(isNull(tickets.assigneeId));
  else if (q.assigneeId) filters.push(eq(tickets.assigneeId, q.assigneeId === 'me' ? actor.userId : q.assigneeId));
  if (q.categoryId) filters.push(eq(tickets.categoryId, q.categoryId));
  if (q.priority) filters.push(eq(tickets.priority, q.priority));
  if (q.team) filters.push(eq(tickets.team, q.team));
  if (q.language) filters.push(eq(tickets.language, q.language));
  if (q.requesterType) filters.push(eq(tickets.requesterType, q.requesterType));
  if (q.resolutionCode) filters.push(eq(tickets.resolutionCode, q.resolutionCode));
  if (q.clock) filters.push(clockCondition(q.clock, now));
  if (q.q) filters.push(textSearchCondition(tickets.searchText, tickets.searchGrams, q.q, plan));
  return and(...filters);
}

/**
 * Counting a million tickets costs more than the page: the count stops at a cap (decision 0009). A text search
 * counts at most 100 matches ("100件以上", decision 0011): over 1M tickets a common one- or two-character term spends
 * 46–109 ms counting to 1,000 and 3–25 ms counting to 200 (bench/README.md), about half that to 100; two pages of
 * hits say "refine the search" as well as twenty do, and the exact number is one request away.
 */
export const TICKET_COUNT_CAP = 10_000;
export const TICKET_SEARCH_COUNT_CAP = 100;

/**
 * A 1–2 character term in at least this share of tickets is tested with LIKE (search/text-search.ts SearchPlan):
 * the page walks the received_at index and tests rows until 51 match (~1/share rows); below it the grams index
 * finds the matches (GIN bitmap + sort). The count stops at 100 matches: a scan reads ~100/share rows, the grams
 * index reads the whole posting list (~share × rows), so the scan wins only for common terms (the crossover, 2.5 %
 * measured with a cap of 200, moves by √2 with the cap). Over 1M tickets
 * (bench, issue #6): 共有 (5.9 %) and 給与 (0.8 %) pages walk; 共有 counts by scan, 給与 by the index.
 */
export const SHORT_TERM_LIKE_SHARE = { page: 0.005, count: 0.018 };

async function searchPlans(db: Db, q: string | undefined): Promise<{ page: SearchPlan; count: SearchPlan }> {
  if (!q) return { page: {}, count: {} };
  const freqs = await gramFrequencies(db, 'tickets', 'search_grams');
  const share = (term: string) => freqs.get(term) ?? 0;
  return {
    page: { shortTermAsLike: (t) => share(t) >= SHORT_TERM_LIKE_SHARE.page },
    count: { shortTermAsLike: (t) => share(t) >= SHORT_TERM_LIKE_SHARE.count },
  };
}

const FAR_FUTURE = sql`'infinity'::timestamptz`;
const dueSort = sql`coalesce(${tickets.firstAnswerDueAt}, ${FAR_FUTURE})`;

export async function findTicketPage(db: Db, q: TicketListQuery, actor: Actor, now = new Date(), cap = TICKET_COUNT_CAP) {
  const countCap = q.q ? Math.min(cap, TICKET_SEARCH_COUNT_CAP) : cap;
  const plans = await searchPlans(db, q.q);
  const where = ticketFilters(q, actor, now, plans.count);
  const pageWhere = ticketFilters(q, actor, now, plans.page);
  const cursor = decodeCursor(q.cursor);
  const [sortExpr, dirName] = q.sort === 'due' ? ([dueSort, 'asc'] as const) : ([tickets.receivedAt, q.sort === 'received' ? 'asc' : 'desc'] as const);
  const dir = dirName === 'asc' ? asc : desc;
  const afterWhere = cursor && q.sort === 'due' && cursor.v === null ? sql`(${tickets.firstAnswerDueAt} is null and ${tickets.id} > ${cursor.id})` : undefined;
  const page = and(pageWhere, afterWhere ?? afterCursor(cursor, sortExpr, tickets.id, dirName));
  const readPage = async () =>
    withRefs(
      db,
      await db
        .select(ticketColumns)
        .from(tickets)
        .where(page)
        .orderBy(dir(sortExpr), dir(tickets.id))
        .limit(q.limit + 1),
    );
  const matches = db
    .select({ one: sql`1` })
    .from(tickets)
    .where(where)
    .limit(countCap + 1)
    .as('matches');
  const [rows, [{ n }]] = await Promise.all([readPage(), db.select({ n: count() }).from(matches)]);
  const totalExact = n <= countCap;
  const cursorOf = (r: TicketWithRefs) => ({
    v: q.sort === 'due' ? (r.firstAnswerDueAt?.toISOString() ?? null) : r.receivedAt.toISOString(),
    id: r.id,
  });
  return { ...pageOf(rows, q.limit, cursorOf), total: totalExact ? n : countCap, totalExact };
}

export type TicketEventRowLite = typeof ticketEvents.$inferSelect;

export async function findTicketEvents(db: Db, ticketId: string, opts: { publicOnly?: boolean } = {}): Promise<TicketEventRowLite[]> {
  return db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), opts.publicOnly ? eq(ticketEvents.visibility, 'public') : undefined))
    .orderBy(asc(ticketEvents.seq));
}

/** File ids an event carries (replies, notes, portal messages, inbound mail). */
export function eventFileIds(data: unknown): string[] {
  const ids = (data as { fileIds?: unknown } | null)?.fileIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether a file is attached to an event of the ticket (public ones only for the portal). */
export async function ticketHasFile(db: Db, ticketId: string, fileId: string, publicOnly: boolean): Promise<boolean> {
  const rows = await db
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.ticketId, ticketId),
        sql`${ticketEvents.data} -> 'fileIds' ? ${fileId}`,
        publicOnly ? eq(ticketEvents.visibility, 'public') : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Tickets filed by a requester through the portal, or about them as a person of the ledger. */
export function requesterCondition(actor: Pick<Actor, 'userId' | 'personId'>): SQL {
  return actor.personId
    ? or(eq(tickets.requesterUserId, actor.userId), eq(tickets.requesterPersonId, actor.personId))!
    : eq(tickets.requesterUserId, actor.userId);
}

export type FileMeta = { id: string; fileName: string; contentType: string; size: number };

/** Name, type and size of the files the events carry (never their content). */
export async function findFileMetas(db: Db, ids: string[]): Promise<Map<string, FileMeta>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: files.id, fileName: files.name, contentType: files.contentType, size: files.size })
    .from(files)
    .where(inArray(files.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
