import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    country: text('country').notNull().default('JP'),
    timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
    officeCode: text('office_code'),
    accountCode: text('account_code'),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [
    uniqueIndex('sites_code_key').on(t.code),
    uniqueIndex('sites_office_code_key').on(t.officeCode),
    check('sites_kind_check', sql`${t.kind} in ('hq','institute','regional','overseas')`),
    check('sites_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    parentId: uuid('parent_id'),
    mail: text('mail'),
    active: boolean('active').notNull().default(true),
    ...stamps,
  },
  (t) => [
    uniqueIndex('departments_code_key').on(t.code),
    index('departments_site_idx').on(t.siteId),
    index('departments_parent_idx').on(t.parentId),
    foreignKey({ name: 'departments_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
    check('departments_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeNumber: text('employee_number').notNull(),
    nameKanji: text('name_kanji').notNull(),
    nameKana: text('name_kana'),
    nameRomaji: text('name_romaji'),
    staffType: text('staff_type').notNull(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    departmentId: uuid('department_id').references(() => departments.id),
    email: text('email'),
    extension: text('extension'),
    status: text('status').notNull().default('active'),
    /** Trigger-maintained 1–2-character grams of the searched name fields (decision 0011): 山﨑 is two characters. */
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    ...stamps,
  },
  (t) => [
    uniqueIndex('people_employee_number_key').on(t.employeeNumber),
    index('people_site_idx').on(t.siteId, t.employeeNumber),
    index('people_department_idx').on(t.departmentId),
    index('people_email_idx').on(t.email),
    // Keyset paging for the list's sort orders, overall and within a site (bench: people list p95).
    index('people_kana_idx').on(sql`coalesce(${t.nameKana}, '')`, t.id),
    index('people_site_kana_idx').on(t.siteId, sql`coalesce(${t.nameKana}, '')`, t.id),
    index('people_kanji_idx').on(t.nameKanji, t.id),
    index('people_site_status_idx').on(t.siteId, t.status),
    index('people_search_grams_idx').using('gin', t.searchGrams),
    check('people_staff_type_check', sql`${t.staffType} in ('regular','contract','temporary','part_time','project','guest')`),
    check('people_status_check', sql`${t.status} in ('active','on_leave','transferred','retired')`),
    check('people_dates_check', sql`${t.startDate} is null or ${t.endDate} is null or ${t.startDate} <= ${t.endDate}`),
  ],
);

/**
 * One row counting the changes to sites and departments (statement triggers, migration 0015): a list statement reads
 * it next to its rows, and the server's copy of those two small tables (org-refs.ts) is re-read when it moved.
 */
export const orgGeneration = pgTable(
  'org_generation',
  {
    id: integer('id').primaryKey().default(1),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('org_generation_one_row', sql`${t.id} = 1`)],
);
