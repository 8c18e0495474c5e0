import type {
  CalendarComputeQuery,
  CalendarComputeResult,
  CalendarCreateInput,
  CalendarHolidayDto,
  CalendarHolidayInput,
  CalendarIcalImportResult,
  CalendarUpdateInput,
} from '@unyo/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { updateVersioned } from '../audit/versioned.ts';
import { auditCtx, type Ctx, inTransaction } from '../http/context.ts';
import { conflictField, invalidField, notFound } from '../http/errors.ts';
import { t } from '../i18n/locale.ts';
import { addBusinessTime, type BusinessCalendar, businessDuration, closureOf, NoBusinessTimeError, nextBusinessStart } from './business-time.ts';
import { type CalendarRow, findCalendarById, findHolidays, findHolidaysOn } from './calendar.repo.ts';
import { businessCalendars, calendarHolidays } from './calendar.table.ts';
import { parseIcalHolidays } from './ical.ts';
import { japaneseHolidaysOf } from './japanese-holidays.ts';
import { dateOfDayNumber, dayNumberOf, localDateOf, MINUTE_MS } from './zoned-time.ts';

type CalendarSettings = Omit<BusinessCalendar, 'holidays'>;

export function toBusinessCalendar(row: CalendarSettings, holidayDates: Iterable<string>): BusinessCalendar {
  return {
    timeZone: row.timeZone,
    workdays: row.workdays,
    hours: row.hours,
    holidays: new Set(holidayDates),
    japaneseHolidays: row.japaneseHolidays,
    closures: row.closures,
    always: row.always,
  };
}

/** A stored calendar with all its entered holidays, ready for addBusinessTime / businessDuration. */
export async function loadBusinessCalendar(db: Db, row: CalendarRow): Promise<BusinessCalendar> {
  const dates = (await findHolidays(db, row.id)).map((h) => h.date);
  return toBusinessCalendar(row, dates);
}

/** The contract checks each field; this checks the saved combination (e.g. a closure covering the whole year). */
function assertHasBusinessTime(c: CalendarSettings) {
  if (c.always) return;
  if (c.workdays.length === 0) throw invalidField('workdays', 'error.required');
  if (c.hours.length === 0) throw invalidField('hours', 'error.required');
  try {
    nextBusinessStart(new Date(), toBusinessCalendar(c, []));
  } catch (err) {
    if (err instanceof NoBusinessTimeError) throw invalidField('closures', 'error.invalid');
    throw err;
  }
}

export async function createCalendar(ctx: Ctx, input: CalendarCreateInput) {
  assertHasBusinessTime(input);
  return inTransaction(ctx.db, async ({ tx }) => {
    const [row] = await tx.insert(businessCalendars).values(input).onConflictDoNothing({ target: businessCalendars.code }).returning();
    if (!row) throw conflictField('code');
    await writeAudit(tx, auditCtx(ctx), { action: 'calendar.created', entityType: 'calendar', entityId: row.id, after: row });
    return row;
  });
}

export async function updateCalendar(ctx: Ctx, id: string, input: CalendarUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const before = await findCalendarById(tx, id);
    if (!before) throw notFound();
    assertHasBusinessTime({ ...before, ...input });
    const after = await updateVersioned(tx, businessCalendars, before, expected, input);
    await writeAudit(tx, auditCtx(ctx), { action: 'calendar.updated', entityType: 'calendar', entityId: id, before, after });
    return after;
  });
}

export async function addHoliday(ctx: Ctx, calendarId: string, input: CalendarHolidayInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    if (!(await findCalendarById(tx, calendarId))) throw notFound();
    const [row] = await tx
      .insert(calendarHolidays)
      .values({ calendarId, date: input.date, name: input.name })
      .onConflictDoNothing({ target: [calendarHolidays.calendarId, calendarHolidays.date] })
      .returning();
    if (!row) throw conflictField('date');
    await writeAudit(tx, auditCtx(ctx), { action: 'calendar.holiday_added', entityType: 'calendar', entityId: calendarId, after: row });
    return row;
  });
}

export async function removeHoliday(ctx: Ctx, calendarId: string, date: string) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const [before] = await tx
      .delete(calendarHolidays)
      .where(and(eq(calendarHolidays.calendarId, calendarId), eq(calendarHolidays.date, date)))
      .returning();
    if (!before) throw notFound();
    await writeAudit(tx, auditCtx(ctx), { action: 'calendar.holiday_removed', entityType: 'calendar', entityId: calendarId, before });
  });
}

/**
 * Upserts the holidays of an .ics file into a calendar, all or nothing: with any error (or a dry run)
 * nothing is written and the counts say what would have happened.
 */
export async function importIcalHolidays(
  ctx: Ctx,
  calendarId: string,
  file: { name: string; text: string },
  dryRun: boolean,
  untilYear = new Date().getUTCFullYear() + 10,
): Promise<CalendarIcalImportResult> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const cal = await findCalendarById(tx, calendarId);
    if (!cal) throw notFound();
    const parsed = parseIcalHolidays(file.text, { timeZone: cal.timeZone, untilYear });
    const dates = parsed.holidays.map((h) => h.date);
    const existing = new Map((await findHolidaysOn(tx, calendarId, dates)).map((h) => [h.date, h.name]));
    const created = parsed.holidays.filter((h) => !existing.has(h.date));
    const updated = parsed.holidays.filter((h) => existing.has(h.date) && existing.get(h.date) !== h.name);
    const result: CalendarIcalImportResult = {
      dryRun,
      created: created.length,
      updated: updated.length,
      unchanged: parsed.holidays.length - created.length - updated.length,
      errors: parsed.errors.map((e) => ({ row: e.row, column: e.column, message: t(e.key, ctx.locale) })),
    };
    const changes = [...created, ...updated];
    if (dryRun || result.errors.length > 0 || changes.length === 0) return result;
    await tx
      .insert(calendarHolidays)
      .values(changes.map((h) => ({ calendarId, date: h.date, name: h.name })))
      .onConflictDoUpdate({ target: [calendarHolidays.calendarId, calendarHolidays.date], set: { name: sql`excluded.name` } });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'calendar.holidays_imported',
      entityType: 'calendar',
      entityId: calendarId,
      after: {
        file: file.name,
        created: created.map((h) => ({ date: h.date, name: h.name })),
        updated: updated.map((h) => ({ date: h.date, name: h.name, before: existing.get(h.date) })),
      },
    });
    return result;
  });
}

/** The year the calendar is in now, in its own zone. */
export function currentYearOf(row: Pick<CalendarRow, 'timeZone'>): number {
  return Number(localDateOf(Date.now(), row.timeZone).slice(0, 4));
}

/** Every date of a year that is not a business day for a reason other than the weekday: entered first, then national, then closures. */
export async function holidaysOfYear(db: Db, row: CalendarRow, year: number): Promise<CalendarHolidayDto[]> {
  const out = new Map<string, CalendarHolidayDto>();
  for (const h of await findHolidays(db, row.id, { from: `${year}-01-01`, to: `${year}-12-31` })) {
    out.set(h.date, { date: h.date, name: h.name, nameEn: null, source: 'calendar' });
  }
  if (row.japaneseHolidays) {
    for (const h of japaneseHolidaysOf(year)) if (!out.has(h.date)) out.set(h.date, { date: h.date, name: h.name, nameEn: h.nameEn, source: 'japan' });
  }
  if (row.closures.length > 0) {
    for (let day = dayNumberOf(`${year}-01-01`); day <= dayNumberOf(`${year}-12-31`); day++) {
      const date = dateOfDayNumber(day);
      const closure = closureOf(date, row.closures);
      if (closure && !out.has(date)) out.set(date, { date, name: closure.name ?? '', nameEn: null, source: 'closure' });
    }
  }
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The debug/UI computation: a due time from a duration, or the business minutes between two instants. */
export async function computeOnCalendar(db: Db, calendarId: string, q: CalendarComputeQuery): Promise<CalendarComputeResult> {
  const row = await findCalendarById(db, calendarId);
  if (!row) throw notFound();
  const cal = await loadBusinessCalendar(db, row);
  const from = new Date(q.from);
  try {
    if (q.to !== undefined) return { businessMinutes: businessDuration(from, new Date(q.to), cal) / MINUTE_MS };
    return { due: addBusinessTime(from, (q.durationMinutes ?? 0) * MINUTE_MS, cal).toISOString() };
  } catch (err) {
    if (err instanceof NoBusinessTimeError) throw invalidField('closures', 'error.invalid');
    throw err;
  }
}
