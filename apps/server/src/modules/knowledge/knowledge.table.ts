import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { sites } from '../org/org.table.ts';
import { ticketCategories } from '../servicedesk/tickets.table.ts';

// Constraint names start with one word (`kbarticles_…`) so problem.ts maps them to the API field.

/**
 * A knowledge article: the current content of both languages (kept in step with its newest version) and its search
 * columns. Every save appends a row to kb_article_versions; the article is never edited without one.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** KB-000123 when shown; quoted to requesters on the phone. */
    number: integer('number').generatedByDefaultAsIdentity(),
    categoryId: uuid('category_id').references(() => ticketCategories.id),
    visibility: text('visibility').notNull().default('internal'),
    status: text('status').notNull().default('draft'),
    titleJa: text('title_ja'),
    bodyJa: text('body_ja'),
    titleEn: text('title_en'),
    bodyEn: text('body_en'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    screenshotFileIds: uuid('screenshot_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** First time it became visible to requesters. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Maintained by a trigger (decision 0011): both languages and the tags, normalized, and their 1–2 character grams. */
    searchText: text('search_text').notNull().default(''),
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    createdById: uuid('created_by_id').references(() => users.id),
    updatedById: uuid('updated_by_id').references(() => users.id),
    updatedByLabel: text('updated_by_label'),
    /** The number of the newest version (= optimistic-lock version). */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('kbarticles_number_key').on(t.number),
    index('kb_articles_listing_idx').on(t.status, t.visibility, t.updatedAt),
    index('kb_articles_category_idx').on(t.categoryId),
    index('kb_articles_grams_idx').using('gin', t.searchGrams),
    check('kbarticles_visibility_check', sql`${t.visibility} in ('internal','published')`),
    check('kbarticles_status_check', sql`${t.status} in ('draft','published','archived')`),
    check('kbarticles_title_ja_check', sql`${t.titleJa} is not null or ${t.titleEn} is not null`),
  ],
);

/** Immutable history of an article (a trigger rejects UPDATE and DELETE): restoring copies an old one forward. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id),
    number: integer('number').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorLabel: text('author_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    categoryId: uuid('category_id'),
    visibility: text('visibility').notNull(),
    status: text('status').notNull(),
    titleJa: text('title_ja'),
    bodyJa: text('body_ja'),
    titleEn: text('title_en'),
    bodyEn: text('body_en'),
    tags: text('tags').array().notNull(),
    screenshotFileIds: uuid('screenshot_file_ids').array().notNull(),
    note: text('note'),
    restoredFrom: integer('restored_from'),
  },
  (t) => [uniqueIndex('kbarticleversions_number_key').on(t.articleId, t.number)],
);

/** Bilingual notices (3.1.1.f, 5.1.d) for all sites or a list, inside a publish window, optionally mailed once. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titleJa: text('title_ja').notNull(),
    bodyJa: text('body_ja').notNull(),
    titleEn: text('title_en'),
    bodyEn: text('body_en'),
    severity: text('severity').notNull().default('info'),
    status: text('status').notNull().default('draft'),
    targetAll: boolean('target_all').notNull().default(false),
    publishFrom: timestamp('publish_from', { withTimezone: true }).notNull(),
    publishUntil: timestamp('publish_until', { withTimezone: true }),
    /** none → queued (requested, once) → sending (batches going out) → done. */
    broadcastStatus: text('broadcast_status').notNull().default('none'),
    broadcastRequestedAt: timestamp('broadcast_requested_at', { withTimezone: true }),
    broadcastRequestedById: uuid('broadcast_requested_by_id').references(() => users.id),
    broadcastFinishedAt: timestamp('broadcast_finished_at', { withTimezone: true }),
    broadcastTotal: integer('broadcast_total').notNull().default(0),
    broadcastSent: integer('broadcast_sent').notNull().default(0),
    /** The last person mailed: batches resume after it, so a retried job never mails anyone twice. */
    broadcastCursor: uuid('broadcast_cursor'),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notices_window_idx').on(t.status, t.publishFrom),
    check('notices_severity_check', sql`${t.severity} in ('info','maintenance','warning','critical')`),
    check('notices_status_check', sql`${t.status} in ('draft','published','withdrawn')`),
    check('notices_broadcast_status_check', sql`${t.broadcastStatus} in ('none','queued','sending','done')`),
    check('notices_publish_until_check', sql`${t.publishUntil} is null or ${t.publishUntil} > ${t.publishFrom}`),
  ],
);

export const noticeSites = pgTable(
  'notice_sites',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.siteId] }), index('notice_sites_site_idx').on(t.siteId)],
);

export type KbArticleRow = typeof kbArticles.$inferSelect;
export type KbArticleVersionRow = typeof kbArticleVersions.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
