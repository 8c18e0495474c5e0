import type { CalendarListQuery } from '@unyo/contracts';
import { and, asc, between, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor, decodeCursor, pageOf } from '../http/paging.ts';
import { contains } from '../http/search.ts';
import { businessCalendars, calendarHolidays } from './calendar.table.ts';

export type CalendarRow = typeof businessCalendars.$inferSelect;
export type HolidayRow = typeof calendarHolidays.$inferSelect;

export async function findCalendarById(db: Db, id: string): Promise<CalendarRow | null> {
  const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, id));
  return row ?? null;
}

export async function findCalendarByCode(db: Db, code: string): Promise<CalendarRow | null> {
  const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.code, code));
  return row ?? null;
}

/** Calendars are not site-bound: every reader sees all of them. */
export async function findCalendarPage(db: Db, q: CalendarListQuery) {
  const filters: (SQL | undefined)[] = [];
  if (q.q) filters.push(contains(sql`${businessCalendars.code} || ' ' || ${businessCalendars.nameJa} || ' ' || ${businessCalendars.nameEn}`, q.q));
  const where = and(...filters);
  const rows = await db
    .select()
    .from(businessCalendars)
    .where(and(where, afterCursor(decodeCursor(q.cursor), businessCalendars.code, businessCalendars.id, 'asc')))
    .orderBy(asc(businessCalendars.code), asc(businessCalendars.id))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: count() }).from(businessCalendars).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.code, id: r.id })), total };
}

/** Entered holidays of a calendar, optionally within [from, to] ('YYYY-MM-DD', inclusive). */
export async function findHolidays(db: Db, calendarId: string, range?: { from: string; to: string }): Promise<HolidayRow[]> {
  return db
    .select()
    .from(calendarHolidays)
    .where(and(eq(calendarHolidays.calendarId, calendarId), range ? between(calendarHolidays.date, range.from, range.to) : undefined))
    .orderBy(asc(calendarHolidays.date));
}

export async function findHolidaysOn(db: Db, calendarId: string, dates: string[]): Promise<HolidayRow[]> {
  if (dates.length === 0) return [];
  return db
    .select()
    .from(calendarHolidays)
    .where(and(eq(calendarHolidays.calendarId, calendarId), inArray(calendarHolidays.date, dates)));
}

/** A site's kind and zone with its assigned calendar id, if any (reads sites; writes only site_calendars). */
