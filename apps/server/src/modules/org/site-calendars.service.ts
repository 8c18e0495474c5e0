import type { SiteCalendarDto } from '@unyo/contracts';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { drizzleInternals } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { agencyCalendarDefaults, type BusinessCalendar, overseasDefaultCalendar } from '../../platform/calendar/business-time.ts';
import { type CalendarRow, findCalendarById } from '../../platform/calendar/calendar.repo.ts';
import { toBusinessCalendar } from '../../platform/calendar/calendar.service.ts';
import { businessCalendars, calendarHolidays } from '../../platform/calendar/calendar.table.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { sites } from './org.table.ts';
import { siteCalendars } from './site-calendars.table.ts';
import { findSiteById, type SiteRow } from './sites.repo.ts';

/**
 * Which calendar a site's SLA clocks run on: the one assigned to the site, else the default of its
 * kind — the seeded `agency` calendar for HQ, institute and regional offices; for an overseas office,
 * Mon–Fri 9:00–17:45 in the site's own zone without Japanese holidays (decision 0007).
 */
export const AGENCY_CALENDAR_CODE = 'agency';
export const ALWAYS_CALENDAR_CODE = '24x7';

export type ResolvedCalendar = {
  source: SiteCalendarDto['source'];
  /** The stored calendar in use; null for the built-in overseas default (or a missing agency row). */
  row: CalendarRow | null;
  calendar: BusinessCalendar;
};

type ResolvedRow = {
  siteId: string;
  kind: string;
  timeZone: string;
  site: SiteRow;
  calendarId: string | null;
  cal: CalendarRow | null;
  holidays: string[] | null;
  extra: unknown;
};

function resolvedOf(r: ResolvedRow): ResolvedCalendar {
  if (r.calendarId && r.cal) return { source: 'site', row: r.cal, calendar: toBusinessCalendar(r.cal, r.holidays ?? []) };
  if (r.kind === 'overseas') return { source: 'overseas', row: null, calendar: overseasDefaultCalendar(r.timeZone) };
  // The seed migration creates it; should it be gone, the built-in defaults keep SLA clocks running.
  if (!r.cal) return { source: 'agency', row: null, calendar: toBusinessCalendar(agencyCalendarDefaults, []) };
  return { source: 'agency', row: r.cal, calendar: toBusinessCalendar(r.cal, r.holidays ?? []) };
}

/**
 * Site, assigned calendar (else the agency calendar for a domestic site) and its entered holidays in one round
 * trip: ticket creation and every list page resolve calendars, and three sequential queries per site showed in
 * the service-desk bench.
 */
async function findResolvedRows(db: Db, siteIds: string[], actor?: Actor, extra: SQL = sql`null`): Promise<ResolvedRow[]> {
  if (siteIds.length === 0) return [];
  return selectResolved(
    db,
    and(siteIds.length === 1 ? eq(sites.id, siteIds[0]) : inArray(sites.id, siteIds), actor ? siteScope(actor, sites.id) : undefined),
    extra,
  );
}

function selectResolved(db: Db, where: SQL | undefined, extra: SQL) {
  const agencyId = sql`(select ${businessCalendars.id} from ${businessCalendars} where ${businessCalendars.code} = ${AGENCY_CALENDAR_CODE})`;
  return db
    .select({
      siteId: sites.id,
      kind: sites.kind,
      timeZone: sites.timeZone,
      site: sites,
      calendarId: siteCalendars.calendarId,
      cal: businessCalendars,
      holidays: sql<string[] | null>`(select array_agg(h.date::text order by h.date) from ${calendarHolidays} h where h.calendar_id = ${businessCalendars.id})`,
      extra: sql<unknown>`${extra}`,
    })
    .from(sites)
    .leftJoin(siteCalendars, eq(siteCalendars.siteId, sites.id))
    .leftJoin(
      businessCalendars,
      sql`${businessCalendars.id} = coalesce(${siteCalendars.calendarId}, case when ${sites.kind} <> 'overseas' then ${agencyId} end)`,
    )
    .where(where);
}

/**
 * The lookup of findSiteWithCalendar for an actor who sees every site, built once per database handle and `extra`
 * (by its text; an `extra` with parameters is built every time) and run as a named statement: ticket creation runs it
 * every time (decision 0017).
 */
type Lookup = { execute(v: { siteId: string }): Promise<ResolvedRow[]> };
const preparedLookups = new WeakMap<object, Map<string, Lookup>>();
let preparedCount = 0;

function preparedLookup(db: Db, extra: SQL | undefined): Lookup | null {
  const built = extra ? drizzleInternals(db).dialect.sqlToQuery(extra) : { sql: '', params: [] };
  if (built.params.length > 0) return null;
  let byExtra = preparedLookups.get(db);
  if (!byExtra) {
    byExtra = new Map();
    preparedLookups.set(db, byExtra);
  }
  let prepared = byExtra.get(built.sql);
  if (!prepared) {
    const select = selectResolved(db, eq(sites.id, sql.placeholder('siteId')), extra ?? sql`null`);
    prepared = select.prepare(`unyo_site_calendar_${++preparedCount}`) as unknown as Lookup;
    byExtra.set(built.sql, prepared);
  }
  return prepared;
}

/** The business calendar of a site (no scope check: for services and jobs). Unknown site → 404. */
export async function resolveCalendar(db: Db, siteId: string): Promise<ResolvedCalendar> {
  const [row] = await findResolvedRows(db, [siteId]);
  if (!row) throw notFound();
  return resolvedOf(row);
}

/**
 * A site as the actor may see it (null outside their scope or unknown) with its calendar, in one round trip: what a
 * new ticket needs for its scope check and its first-answer clock. `extra` is evaluated only when the site is found
 * (a new ticket draws its number there).
 */
export async function findSiteWithCalendar<T = null>(
  db: Db,
  siteId: string,
  actor: Actor,
  extra?: SQL<T>,
): Promise<{ site: SiteRow; resolved: ResolvedCalendar; extra: T } | null> {
  const prepared = actor.visibleSiteIds === null ? preparedLookup(db, extra) : null;
  const [row] = prepared ? await prepared.execute({ siteId }) : await findResolvedRows(db, [siteId], actor, extra);
  return row ? { site: row.site, resolved: resolvedOf(row), extra: row.extra as T } : null;
}

/** The calendars of many sites in one query (a list page, a sweep); unknown sites are absent from the map. */
export async function resolveCalendars(db: Db, siteIds: Iterable<string>): Promise<Map<string, ResolvedCalendar>> {
  const rows = await findResolvedRows(db, [...new Set(siteIds)]);
  return new Map(rows.map((r) => [r.siteId, resolvedOf(r)]));
}

/** A site's calendar as the actor may see it (out-of-scope site → 404). */
export async function siteCalendarOf(db: Db, siteId: string, actor: Actor): Promise<SiteCalendarDto> {
  if (!(await findSiteById(db, siteId, actor))) throw notFound();
  return presentSiteCalendar(siteId, await resolveCalendar(db, siteId));
}

/** Assigns a calendar to a site, or with null returns it to the default of its kind. */
export async function assignSiteCalendar(ctx: Ctx, siteId: string, calendarId: string | null): Promise<SiteCalendarDto> {
  return inTransaction(ctx.db, async ({ tx }) => {
    if (!(await findSiteById(tx, siteId, ctx.actor))) throw notFound();
    if (calendarId && !(await findCalendarById(tx, calendarId))) throw invalidField('calendarId', 'error.unknown_reference');
    const [current] = await tx.select().from(siteCalendars).where(eq(siteCalendars.siteId, siteId));
    const before = { calendarId: current?.calendarId ?? null };
    if (calendarId) {
      await tx
        .insert(siteCalendars)
        .values({ siteId, calendarId })
        .onConflictDoUpdate({ target: siteCalendars.siteId, set: { calendarId, updatedAt: new Date() } });
    } else {
      await tx.delete(siteCalendars).where(eq(siteCalendars.siteId, siteId));
    }
    await writeAudit(tx, auditCtx(ctx), { action: 'site.calendar_assigned', entityType: 'site', entityId: siteId, siteId, before, after: { calendarId } });
    return presentSiteCalendar(siteId, await resolveCalendar(tx, siteId));
  });
}

export type SiteCalendarLink = { siteId: string; kind: string; timeZone: string; calendarId: string | null };

export async function findSiteCalendarLink(db: Db, siteId: string): Promise<SiteCalendarLink | null> {
  const [row] = await db
    .select({ siteId: sites.id, kind: sites.kind, timeZone: sites.timeZone, calendarId: siteCalendars.calendarId })
    .from(sites)
    .leftJoin(siteCalendars, eq(siteCalendars.siteId, sites.id))
    .where(eq(sites.id, siteId));
  return row ?? null;
}

export function presentSiteCalendar(siteId: string, r: ResolvedCalendar): SiteCalendarDto {
  return {
    siteId,
    source: r.source,
    calendar: r.row ? { id: r.row.id, code: r.row.code, nameJa: r.row.nameJa, nameEn: r.row.nameEn } : null,
    timeZone: r.calendar.timeZone,
  };
}
