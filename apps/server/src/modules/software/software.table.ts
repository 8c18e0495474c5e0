import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { hardwareAssets } from '../assets/assets.table.ts';
import { departments, sites } from '../org/org.table.ts';

const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** What licences entitle and inventory names map to (publisher + product). */
export const softwareProducts = pgTable(
  'software_products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    publisher: text('publisher'),
    name: text('name').notNull(),
    editionFamily: text('edition_family'),
    note: text('note'),
    ...stamps,
  },
  (t) => [uniqueIndex('software_products_name_key').on(sql`lower(coalesce(${t.publisher}, ''))`, sql`lower(${t.name})`)],
);

/**
 * Normalization rules: reported name/publisher (glob, stored as LIKE patterns) and version range → product.
 * The lowest priority that matches wins; ties go to the longer name pattern.
 */
export const softwareProductRules = pgTable(
  'software_product_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => softwareProducts.id, { onDelete: 'cascade' }),
    namePattern: text('name_pattern').notNull(),
    publisherPattern: text('publisher_pattern'),
    nameLike: text('name_like').notNull(),
    publisherLike: text('publisher_like'),
    versionMin: text('version_min'),
    versionMax: text('version_max'),
    productVersion: text('product_version'),
    priority: integer('priority').notNull().default(100),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('software_product_rules_product_idx').on(t.productId)],
);

/** 保有ソフトウェア台帳 (2.2.j) with the renewal tracker (2.2.o) and vendor registration (2.2.s). */
export const softwareLicenses = pgTable(
  'software_licenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetNumber: text('asset_number').notNull(),
    licenseType: text('license_type').notNull(),
    licenseForm: text('license_form').notNull().default('full'),
    softwareName: text('software_name').notNull(),
    usableEditions: text('usable_editions'),
    usableVersions: text('usable_versions'),
    usableLanguages: text('usable_languages'),
    licensedVersion: text('licensed_version'),
    downgradeAllowed: boolean('downgrade_allowed').notNull().default(false),
    ownedCount: integer('owned_count').notNull(),
    manufacturer: text('manufacturer'),
    certificateNumber: text('certificate_number'),
    storageLocation: text('storage_location'),
    acquiredOn: date('acquired_on', { mode: 'string' }),
    approvalDocument: text('approval_document'),
    unitPrice: integer('unit_price'),
    totalCost: integer('total_cost'),
    contractAmount: integer('contract_amount'),
    conditions: text('conditions'),
    upgradeValidUntil: date('upgrade_valid_until', { mode: 'string' }),
    renewalDate: date('renewal_date', { mode: 'string' }),
    /** The renewal date the last notice was sent for: a new renewal date makes a new notice due. */
    renewalNoticeFor: date('renewal_notice_for', { mode: 'string' }),
    renewalNoticeSentAt: timestamp('renewal_notice_sent_at', { withTimezone: true }),
    upgradeFromId: uuid('upgrade_from_id').references((): AnyPgColumn => softwareLicenses.id, { onDelete: 'restrict' }),
    boundDeviceId: uuid('bound_device_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    procuredBy: text('procured_by'),
    vendorRegisteredOn: date('vendor_registered_on', { mode: 'string' }),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('software_licenses_asset_number_key').on(t.assetNumber),
    index('software_licenses_renewal_idx').on(t.renewalDate),
    index('software_licenses_upgrade_from_idx').on(t.upgradeFromId),
    check('software_licenses_license_type_check', sql`${t.licenseType} in ('volume','package','oem','subscription','site','other')`),
    check('software_licenses_license_form_check', sql`${t.licenseForm} in ('full','upgrade')`),
    check('software_licenses_owned_count_check', sql`${t.ownedCount} >= 0`),
    check(
      'software_licenses_money_check',
      sql`coalesce(${t.unitPrice}, 0) >= 0 and coalesce(${t.totalCost}, 0) >= 0 and coalesce(${t.contractAmount}, 0) >= 0`,
    ),
    check('software_licenses_not_self_check', sql`${t.upgradeFromId} is distinct from ${t.id}`),
  ],
);

export const softwareLicenseProducts = pgTable(
  'software_license_products',
  {
    licenseId: uuid('license_id')
      .notNull()
      .references(() => softwareLicenses.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => softwareProducts.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.licenseId, t.productId] }), index('software_license_products_product_idx').on(t.productId)],
);

/** ソフトウェア使用台帳 (2.2.k): a licence put to use on a device (scoped by the device's site). */
export const softwareInstallations = pgTable(
  'software_installations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 管理番号 of the row (SU-000123), the natural key of imports; an import may bring the old system's numbers. */
    entryNumber: text('entry_number').notNull().default(sql`'SU-' || lpad(nextval('software_installation_number_seq')::text, 6, '0')`),
    appliedOn: date('applied_on', { mode: 'string' }),
    departmentId: uuid('department_id').references(() => departments.id),
    applicant: text('applicant'),
    workedOn: date('worked_on', { mode: 'string' }),
    operator: text('operator'),
    licenseId: uuid('license_id')
      .notNull()
      .references(() => softwareLicenses.id, { onDelete: 'restrict' }),
    edition: text('edition'),
    usedVersion: text('used_version'),
    language: text('language'),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'restrict' }),
    status: text('status').notNull(),
    statusNote: text('status_note'),
    note: text('note'),
    ...stamps,
  },
  (t) => [
    uniqueIndex('software_installations_entry_number_key').on(t.entryNumber),
    index('software_installations_license_idx').on(t.licenseId),
    index('software_installations_device_idx').on(t.deviceId),
    index('software_installations_created_idx').on(t.createdAt, t.id),
    check('software_installations_status_check', sql`${t.status} in ('approved','installed','uninstalled','upgraded','other')`),
    check('software_installations_other_note_check', sql`${t.status} <> 'other' or ${t.statusNote} is not null`),
  ],
);

/** 海外ソフトウェア配布台帳 (2.2.l): licences sent to an overseas office, or bought there (origin 'local'). */
/**
 * Survey of locally procured software (2.2.l, 3.3.1.o): overseas offices report what they bought
 * themselves through a mailed one-time link; each reported line becomes a distribution row, origin local.
 */
export const softwareLocalSurveys = pgTable(
  'software_local_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    note: text('note'),
    createdBy: text('created_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    ...stamps,
  },
  (t) => [
    check('software_local_surveys_status_check', sql`${t.status} in ('open','closed')`),
    check('software_local_surveys_period_check', sql`${t.periodFrom} <= ${t.periodTo}`),
    index('software_local_surveys_created_idx').on(t.createdAt),
  ],
);

export const softwareLocalSurveySites = pgTable(
  'software_local_survey_sites',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => softwareLocalSurveys.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    /** Hash of the one-time link token; the token itself is only in the mail. */
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    mailedTo: text('mailed_to'),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by'),
  },
  (t) => [
    primaryKey({ name: 'software_local_survey_sites_pkey', columns: [t.surveyId, t.siteId] }),
    uniqueIndex('software_local_survey_sites_token_key').on(t.tokenHash),
  ],
);

export const softwareDistributions = pgTable(
  'software_distributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 管理番号 of the row (SD-000123), the natural key of imports. */
    entryNumber: text('entry_number').notNull().default(sql`'SD-' || lpad(nextval('software_distribution_number_seq')::text, 6, '0')`),
    distributedOn: date('distributed_on', { mode: 'string' }).notNull(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    recipient: text('recipient'),
    origin: text('origin').notNull().default('hq'),
    licenseId: uuid('license_id').references(() => softwareLicenses.id, { onDelete: 'restrict' }),
    softwareName: text('software_name'),
    edition: text('edition'),
    usedVersion: text('used_version'),
    language: text('language'),
    licenseCount: integer('license_count').notNull(),
    mediaCount: integer('media_count').notNull().default(0),
    expenseTransfer: text('expense_transfer').notNull().default('not_needed'),
    accountCode: text('account_code'),
    distributor: text('distributor'),
    staffType: text('staff_type'),
    note: text('note'),
    /** The local-purchase survey whose answer created the row. */
    surveyId: uuid('survey_id').references(() => softwareLocalSurveys.id, { onDelete: 'set null' }),
    ...stamps,
  },
  (t) => [
    index('software_distributions_survey_idx').on(t.surveyId, t.siteId),
    uniqueIndex('software_distributions_entry_number_key').on(t.entryNumber),
    index('software_distributions_site_idx').on(t.siteId, t.distributedOn),
    index('software_distributions_license_idx').on(t.licenseId),
    index('software_distributions_date_idx').on(t.distributedOn, t.id),
    check('software_distributions_origin_check', sql`${t.origin} in ('hq','local')`),
    check('software_distributions_hq_license_check', sql`${t.origin} <> 'hq' or ${t.licenseId} is not null`),
    check('software_distributions_local_name_check', sql`${t.origin} <> 'local' or ${t.softwareName} is not null`),
    check('software_distributions_transfer_check', sql`${t.expenseTransfer} in ('not_needed','pending','transferred')`),
    check('software_distributions_counts_check', sql`${t.licenseCount} >= 0 and ${t.mediaCount} >= 0`),
  ],
);

/** One row: the near-limit threshold of compliance (2.2.m), an admin setting. */
export const softwareSettings = pgTable(
  'software_settings',
  {
    id: integer('id').primaryKey().default(1),
    nearPercent: integer('near_percent').notNull().default(90),
    /** deny: only deny-listed software is a finding; allow: anything not allow-listed is. */
    listMode: text('list_mode').notNull().default('deny'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('software_settings_single_check', sql`${t.id} = 1`),
    check('software_settings_near_check', sql`${t.nearPercent} between 1 and 100`),
    check('software_settings_list_mode_check', sql`${t.listMode} in ('allow','deny')`),
  ],
);

/** Allow and deny lists of software (2.2.p): a product, or LIKE patterns on the reported name and publisher. */
export const softwareListRules = pgTable(
  'software_list_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    productId: uuid('product_id').references(() => softwareProducts.id, { onDelete: 'cascade' }),
    namePattern: text('name_pattern'),
    publisherPattern: text('publisher_pattern'),
    nameLike: text('name_like'),
    publisherLike: text('publisher_like'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('software_list_rules_kind_check', sql`${t.kind} in ('allow','deny')`),
    check('software_list_rules_target_check', sql`${t.productId} is not null or ${t.nameLike} is not null or ${t.publisherLike} is not null`),
  ],
);

/**
 * Unauthorized software found on a device (2.2.p by the sweep over agent inventory, 2.2.q reported by an operator):
 * open → confirmed (removal requested) → removed, or an approved exception. One finding per device and package.
 */
export const softwareFindings = pgTable(
  'software_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publisher: text('publisher'),
    softwareVersion: text('software_version'),
    reason: text('reason').notNull(),
    ruleId: uuid('rule_id').references(() => softwareListRules.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('open'),
    ticketId: uuid('ticket_id'),
    note: text('note'),
    firstFoundAt: timestamp('first_found_at', { withTimezone: true }).notNull().defaultNow(),
    lastFoundAt: timestamp('last_found_at', { withTimezone: true }).notNull().defaultNow(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('software_findings_key').on(t.assetId, t.name, sql`coalesce(${t.publisher}, '')`),
    index('software_findings_status_idx').on(t.status, t.firstFoundAt),
    check('software_findings_reason_check', sql`${t.reason} in ('denied','not_allowed','reported')`),
    check('software_findings_status_check', sql`${t.status} in ('open','confirmed','removed','exception')`),
  ],
);

/**
 * Every distinct (name, publisher, version) the agents reported, with the product and version it maps to through
 * the normalization rules. Kept by triggers (migration 0024): new names are mapped as they arrive, and any change to
 * the rules re-maps them all (a few thousand rows).
 */
export const softwareNames = pgTable(
  'software_names',
  {
    name: text('name').notNull(),
    publisher: text('publisher'),
    version: text('version').notNull(),
    productId: uuid('product_id').references(() => softwareProducts.id, { onDelete: 'set null' }),
    productVersion: text('product_version'),
    versionKey: text('version_key'),
    /** False until the rules were applied to a newly reported name (a partial index finds those). */
    mapped: boolean('mapped').notNull().default(false),
  },
  (t) => [
    uniqueIndex('software_names_key').on(t.name, sql`coalesce(${t.publisher}, '')`, t.version),
    index('software_names_product_idx').on(t.productId),
    index('software_names_unmapped_idx').on(t.name).where(sql`not ${t.mapped}`),
    index('software_names_mapped_key_idx').on(t.name, sql`coalesce(${t.publisher}, '')`, t.version).where(sql`${t.productId} is not null`),
  ],
);

/**
 * Which products each device has, at the highest version it has (from its installed software through
 * software_names): what compliance reads instead of 1.5M installed-software rows. Kept by the same triggers.
 */
export const softwareDeviceProducts = pgTable(
  'software_device_products',
  {
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => softwareProducts.id, { onDelete: 'cascade' }),
    versionKey: text('version_key'),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.productId] }), index('software_device_products_product_idx').on(t.productId)],
);

/**
 * Devices whose installed software changed since the mapping tables were last brought up to date: the intake
 * trigger only records them here; software_sync() (run before compliance and by a cron) maps their new names and
 * refreshes their rows in software_device_products, set-based.
 */
export const softwareDirtyAssets = pgTable('software_dirty_assets', {
  assetId: uuid('asset_id').primaryKey(),
});
