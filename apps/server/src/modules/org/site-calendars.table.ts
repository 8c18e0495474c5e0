import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { businessCalendars } from '../../platform/calendar/calendar.table.ts';
import { sites } from './org.table.ts';

/** A site's explicit calendar; a site without a row uses the default of its kind (calendar.service.ts). */
export const siteCalendars = pgTable(
  'site_calendars',
  {
    siteId: uuid('site_id')
      .primaryKey()
      .references(() => sites.id, { onDelete: 'cascade' }),
    calendarId: uuid('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('site_calendars_calendar_idx').on(t.calendarId)],
);
