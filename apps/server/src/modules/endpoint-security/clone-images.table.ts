import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { sites } from '../org/org.table.ts';
import { patchPlans } from './endpoint-security.table.ts';

/**
 * Clone image (3.3.1.k): the master disk a domestic or virtual PC is clean-installed from, one per model × OS ×
 * software set, updated after each month's patches (the evidence for S-4-5-1-1).
 */
export const cloneImages = pgTable(
  'clone_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human id such as IMG-TKY-W11-STD. */
    code: text('code').notNull(),
    model: text('model').notNull(),
    os: text('os').notNull(),
    softwareSet: text('software_set').notNull(),
    kind: text('kind').notNull(),
    /** Where the master disk is kept; null = organization-wide (visible to every reader). */
    siteId: uuid('site_id').references(() => sites.id),
    storageLocation: text('storage_location'),
    currentVersion: text('current_version'),
    lastUpdatedOn: date('last_updated_on', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cloneimages_code_key').on(t.code),
    // One active image per combination; a retired image keeps its combination for the record.
    uniqueIndex('cloneimages_model_key').on(t.model, t.os, t.softwareSet).where(sql`${t.active}`),
    index('clone_images_site_idx').on(t.siteId),
    check('cloneimages_kind_check', sql`${t.kind} in ('physical','virtual')`),
  ],
);

/** Insert-only history of a clone image's updates; recording one moves the image's current version and date. */
export const cloneImageUpdates = pgTable(
  'clone_image_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    imageId: uuid('image_id')
      .notNull()
      .references(() => cloneImages.id),
    updatedOn: date('updated_on', { mode: 'string' }).notNull(),
    imageVersion: text('image_version').notNull(),
    /** KB numbers or free lines. */
    patches: text('patches').array().notNull().default(sql`'{}'::text[]`),
    /** "Applied the patches of plan X". */
    patchPlanId: uuid('patch_plan_id').references(() => patchPlans.id, { onDelete: 'set null' }),
    operatorId: uuid('operator_id').references(() => users.id),
    /** Booted and checked on a test PC. */
    tested: boolean('tested').notNull().default(false),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('clone_image_updates_image_idx').on(t.imageId, t.updatedOn)],
);
