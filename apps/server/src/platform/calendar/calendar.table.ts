import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BusinessHoursInterval, Closure } from './business-time.ts';

export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workdays: integer('workdays').array().notNull().default(sql`'{1,2,3,4,5}'`),
    hours: jsonb('hours').$type<BusinessHoursInterval[]>().notNull(),
    japaneseHolidays: boolean('japanese_holidays').notNull().default(false),
    closures: jsonb('closures').$type<Closure[]>().notNull().default(sql`'[]'::jsonb`),
    always: boolean('always').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Named `calendars_<column>_…` so constraint errors map to the field (`code`, `workdays`).
    uniqueIndex('calendars_code_key').on(t.code),
    check('calendars_workdays_check', sql`${t.workdays} <@ array[1,2,3,4,5,6,7]`),
    check('calendars_hours_check', sql`jsonb_typeof(${t.hours}) = 'array'`),
    check('calendars_closures_check', sql`jsonb_typeof(${t.closures}) = 'array'`),
  ],
);

export const calendarHolidays = pgTable(
  'calendar_holidays',
  {
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'calendar_holidays_pkey', columns: [t.calendarId, t.date] })],
);
