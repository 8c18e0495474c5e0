import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';

/**
 * Service-desk settings an administrator may change (metric targets and definitions, decision 0012), one JSON value
 * per key; a missing key means the spec's defaults. Changes are audited.
 */
export const servicedeskSettings = pgTable('servicedesk_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull().default(sql`'{}'::jsonb`),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
