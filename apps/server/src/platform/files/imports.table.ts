import { jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Saved heading → column mappings for ledger imports. user_id null is the ledger's default mapping
 * (what the import wizard offers everyone); a per-user row can override it later.
 */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ledger: text('ledger').notNull(),
    userId: uuid('user_id'),
    mapping: jsonb('mapping').notNull().$type<Record<string, string | null>>(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('import_mappings_ledger_user_key').on(t.ledger, t.userId).nullsNotDistinct()],
);
