import type { SavedViewState } from '@unyo/contracts';
import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A user's saved list views. user_id has no foreign key: platform tables do not reference module
 * tables; views of a deleted user are never shown to anyone (every query filters by user_id).
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    ledger: text('ledger').notNull(),
    name: text('name').notNull(),
    state: jsonb('state').notNull().$type<SavedViewState>(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('saved_views_user_ledger_name_key').on(t.userId, t.ledger, t.name),
    // At most one default view per user and list.
    uniqueIndex('saved_views_one_default_key').on(t.userId, t.ledger).where(sql`${t.isDefault}`),
  ],
);
