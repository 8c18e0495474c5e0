import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { sites } from '../org/org.table.ts';

/** Technical-guidance log (1.3.c, 3.1.1.t) with the staff pre-approval of the content (3.3.1.g). */
export const guidanceLogs = pgTable(
  'guidance_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    place: text('place').notNull(),
    audience: text('audience').notNull(),
    attendees: text('attendees'),
    attendeeCount: integer('attendee_count'),
    content: text('content').notNull(),
    topic: text('topic'),
    staffAgreedBy: text('staff_agreed_by'),
    staffAgreedOn: date('staff_agreed_on', { mode: 'string' }),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('guidance_logs_held_idx').on(t.heldAt, t.id),
    index('guidance_logs_site_held_idx').on(t.siteId, t.heldAt),
    check('guidancelogs_ends_at_check', sql`${t.endsAt} is null or ${t.endsAt} >= ${t.heldAt}`),
    check('guidancelogs_attendee_count_check', sql`${t.attendeeCount} is null or ${t.attendeeCount} >= 0`),
  ],
);
