import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { sites } from '../org/org.table.ts';
import { softwareLicenses } from './software.table.ts';

/**
 * Register of what comes with software assets and of hardware/software documentation (2.2.r, 2.2.u): certificates,
 * packages, installation media, manuals, devices, warranty cards, documents — where each is kept, and its loans.
 */
export const softwareMedia = pgTable(
  'software_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemNumber: text('item_number').notNull().default(sql`'MD-' || lpad(nextval('software_media_number_seq')::text, 6, '0')`),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    licenseId: uuid('license_id').references(() => softwareLicenses.id, { onDelete: 'set null' }),
    assetId: uuid('asset_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    storageLocation: text('storage_location').notNull(),
    documentVersion: text('document_version'),
    copies: integer('copies').notNull().default(1),
    disposedAt: timestamp('disposed_at', { withTimezone: true }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('software_media_item_number_key').on(t.itemNumber),
    index('software_media_license_idx').on(t.licenseId),
    index('software_media_site_idx').on(t.siteId),
    check('software_media_kind_check', sql`${t.kind} in ('certificate','package','install_media','manual','device','warranty','document','other')`),
    check('software_media_copies_check', sql`${t.copies} >= 1`),
  ],
);

/** Check-out / return log of a media item; at most one open loan per item. */
export const softwareMediaLoans = pgTable(
  'software_media_loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mediaId: uuid('media_id')
      .notNull()
      .references(() => softwareMedia.id, { onDelete: 'cascade' }),
    borrower: text('borrower').notNull(),
    lentAt: timestamp('lent_at', { withTimezone: true }).notNull().defaultNow(),
    dueOn: date('due_on', { mode: 'string' }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    lentById: uuid('lent_by_id').references(() => users.id),
    lentBy: text('lent_by').notNull(),
    note: text('note'),
    /** The due date the overdue reminder went out for; a loan with another due date is noticed again. */
    overdueNoticedFor: date('overdue_noticed_for', { mode: 'string' }),
  },
  (t) => [
    index('software_media_loans_media_idx').on(t.mediaId, t.lentAt),
    uniqueIndex('software_media_loans_open_key').on(t.mediaId).where(sql`${t.returnedAt} is null`),
  ],
);

/** 2.2.t: media and manual copies sent or received by internal mail etc. */
export const softwareMediaShipments = pgTable(
  'software_media_shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mediaId: uuid('media_id').references(() => softwareMedia.id, { onDelete: 'set null' }),
    item: text('item').notNull(),
    copies: integer('copies').notNull().default(1),
    direction: text('direction').notNull().default('sent'),
    sender: text('sender').notNull(),
    recipient: text('recipient').notNull(),
    method: text('method').notNull(),
    shippedOn: date('shipped_on', { mode: 'string' }).notNull(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('software_media_shipments_site_idx').on(t.siteId, t.shippedOn),
    check('software_media_shipments_direction_check', sql`${t.direction} in ('sent','received')`),
    check('software_media_shipments_method_check', sql`${t.method} in ('internal_mail','post','courier','hand','electronic')`),
    check('software_media_shipments_copies_check', sql`${t.copies} >= 1`),
  ],
);

/** Annual software stock-take (S-4-1-3-1): the ledger against inventory and the media register, once a year. */
export const softwareStocktakes = pgTable(
  'software_stocktakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    /** Compliance lines frozen at closing. */
    snapshot: jsonb('snapshot'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('software_stocktakes_status_check', sql`${t.status} in ('open','closed')`), index('software_stocktakes_year_idx').on(t.fiscalYear)],
);

export const softwareStocktakeChecks = pgTable(
  'software_stocktake_checks',
  {
    stocktakeId: uuid('stocktake_id')
      .notNull()
      .references(() => softwareStocktakes.id, { onDelete: 'cascade' }),
    mediaId: uuid('media_id')
      .notNull()
      .references(() => softwareMedia.id, { onDelete: 'cascade' }),
    result: text('result').notNull(),
    note: text('note'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    checkedBy: text('checked_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stocktakeId, t.mediaId] }), check('software_stocktake_checks_result_check', sql`${t.result} in ('present','missing')`)],
);
