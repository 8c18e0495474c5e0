import type { CalendarDetailDto, CalendarDto, CalendarHolidayDto } from '@unyo/contracts';
import type { Actor } from '../auth/actor.ts';
import { abilitiesOf } from '../authz/policy.ts';
import { calendarPolicy } from './calendar.policy.ts';
import type { CalendarRow, HolidayRow } from './calendar.repo.ts';

export function presentCalendar(row: CalendarRow, actor: Actor): CalendarDto {
  return {
    id: row.id,
    code: row.code,
    nameJa: row.nameJa,
    nameEn: row.nameEn,
    timeZone: row.timeZone,
    workdays: row.workdays,
    hours: row.hours.map((h) => ({ start: h.start, end: h.end })),
    japaneseHolidays: row.japaneseHolidays,
    closures: row.closures.map((c) => ({ from: c.from, to: c.to, ...(c.name ? { name: c.name } : {}) })),
    always: row.always,
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
    abilities: abilitiesOf(calendarPolicy, actor, row),
  };
}

export function presentCalendarDetail(row: CalendarRow, year: number, holidays: CalendarHolidayDto[], actor: Actor): CalendarDetailDto {
  return { ...presentCalendar(row, actor), year, holidays };
}

export function presentHoliday(row: HolidayRow): CalendarHolidayDto {
  return { date: row.date, name: row.name, nameEn: null, source: 'calendar' };
}
