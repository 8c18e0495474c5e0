import type { SiteCalendarDto } from '@unyo/contracts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { agencyCalendarDefaults, type BusinessCalendar, overseasDefaultCalendar } from '../../platform/calendar/business-time.ts';
import { type CalendarRow, findCalendarByCode, findCalendarById } from '../../platform/calendar/calendar.repo.ts';
import { loadBusinessCalendar, toBusinessCalendar } from '../../platform/calendar/calendar.service.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { invalidField, notFound } from '../../platform/http/errors.ts';
import { sites } from './org.table.ts';
import { siteCalendars } from './site-calendars.table.ts';
import { findSiteById } from './sites.repo.ts';

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

async function resolveLink(db: Db, link: { kind: string; timeZone: string; calendarId: string | null }): Promise<ResolvedCalendar> {
  const assigned = link.calendarId ? await findCalendarById(db, link.calendarId) : null;
  if (assigned) return { source: 'site', row: assigned, calendar: await loadBusinessCalendar(db, assigned) };
  if (link.kind === 'overseas') return { source: 'overseas', row: null, calendar: overseasDefaultCalendar(link.timeZone) };
  const agency = await findCalendarByCode(db, AGENCY_CALENDAR_CODE);
  // The seed migration creates it; should it be gone, the built-in defaults keep SLA clocks running.
  if (!agency) return { source: 'agency', row: null, calendar: toBusinessCalendar(agencyCalendarDefaults, []) };
  return { source: 'agency', row: agency, calendar: await loadBusinessCalendar(db, agency) };
}

/** The business calendar of a site (no scope check: for services and jobs). Unknown site → 404. */
export async function resolveCalendar(db: Db, siteId: string): Promise<ResolvedCalendar> {
  const link = await findSiteCalendarLink(db, siteId);
  if (!link) throw notFound();
  return resolveLink(db, link);
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
