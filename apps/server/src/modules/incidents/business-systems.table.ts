import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments } from '../org/org.table.ts';

/**
 * Business systems (業務システム, 4.1.3.a) and the department responsible for each: who to contact when one
 * behaves abnormally, and its maintenance contractor. Incidents of kind business_system point here.
 */
export const businessSystems = pgTable(
  'business_systems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human code (e.g. HR-PAY), unique. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    contractor: text('contractor'),
    contractorContact: text('contractor_contact'),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('business_systems_code_key').on(t.code),
    index('business_systems_department_idx').on(t.departmentId),
    check('business_systems_code_check', sql`${t.code} <> ''`),
  ],
);
