import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { hardwareAssets } from '../assets/assets.table.ts';

// Constraint names start with one word (`avstatus_…`, `patchplans_…`) so problem.ts maps them to the API field.

/** One import of the AV console's export (3.1.1.u, 3.3.1.l): a status check of every device in it. */
export const antivirusSnapshots = pgTable(
  'antivirus_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    /** The product named most in the file (Trend Micro Apex One, Microsoft Defender …). */
    sourceName: text('source_name'),
    importedById: uuid('imported_by_id').references(() => users.id),
  },
  (t) => [index('antivirus_snapshots_imported_idx').on(t.importedAt)],
);

/** One device of a snapshot, matched to a hardware asset by computer name when one asset has that name. */
export const antivirusStatuses = pgTable(
  'antivirus_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => antivirusSnapshots.id, { onDelete: 'cascade' }),
    computerName: text('computer_name').notNull(),
    /** Upper-case computer name without the domain: the device key across snapshots. */
    deviceKey: text('device_key').notNull(),
    assetId: uuid('asset_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    ipAddress: text('ip_address'),
    product: text('product'),
    definitionVersion: text('definition_version').notNull(),
    definitionDate: date('definition_date', { mode: 'string' }),
    engineVersion: text('engine_version'),
    lastUpdatedOn: date('last_updated_on', { mode: 'string' }),
    /** Distinct newer definition versions of the same product in the same snapshot, fixed at import. */
    versionsBehind: integer('versions_behind').notNull().default(0),
  },
  (t) => [
    uniqueIndex('antivirus_statuses_snapshot_device_key').on(t.snapshotId, t.deviceKey),
    index('antivirus_statuses_asset_idx').on(t.assetId),
    check('avstatus_versions_behind_check', sql`${t.versionsBehind} >= 0`),
  ],
);

/** Each device's row of the newest snapshot that has it, moved at import: the current list never reads the history. */
export const antivirusCurrent = pgTable('antivirus_current', {
  deviceKey: text('device_key').primaryKey(),
  statusId: uuid('status_id')
    .notNull()
    .references(() => antivirusStatuses.id, { onDelete: 'cascade' }),
});

/** Each generation of the monthly antivirus update-status report (1.2.b): the "executed" side of S-4-5-3-1. */
export const antivirusReportRuns = pgTable(
  'antivirus_report_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    month: text('month').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    generatedById: uuid('generated_by_id').references(() => users.id),
  },
  (t) => [index('antivirus_report_runs_month_idx').on(t.month, t.generatedAt), check('avreport_month_check', sql`${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`)],
);

/** Security-patch plan (1.1.b): instruction by the staff in charge, plan presented within the deadline (S-4-5-1-1). */
export const patchPlans = pgTable(
  'patch_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    instructedOn: date('instructed_on', { mode: 'string' }).notNull(),
    presentedOn: date('presented_on', { mode: 'string' }),
    targetPatches: text('target_patches').array().notNull().default(sql`'{}'::text[]`),
    /** Empty: every site. */
    targetSiteIds: uuid('target_site_ids').array().notNull().default(sql`'{}'::uuid[]`),
    applyFrom: date('apply_from', { mode: 'string' }),
    applyUntil: date('apply_until', { mode: 'string' }),
    status: text('status').notNull().default('draft'),
    approvedBy: text('approved_by'),
    preTestedOn: date('pre_tested_on', { mode: 'string' }),
    preTestResult: text('pre_test_result'),
    preTestNotes: text('pre_test_notes'),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('patch_plans_instructed_idx').on(t.instructedOn, t.id),
    check('patchplans_status_check', sql`${t.status} in ('draft','presented','approved','applying','completed','cancelled')`),
    check('patchplans_presented_on_check', sql`${t.presentedOn} is null or ${t.presentedOn} >= ${t.instructedOn}`),
    check('patchplans_apply_until_check', sql`${t.applyFrom} is null or ${t.applyUntil} is null or ${t.applyUntil} >= ${t.applyFrom}`),
    check(
      'patchplans_pre_test_check',
      sql`${t.preTestResult} is null or (${t.preTestResult} in ('passed','passed_with_issues','failed') and ${t.preTestedOn} is not null)`,
    ),
  ],
);

/** One import of a WSUS / Intune update-status export (3.3.1.k). */
export const patchStatusImports = pgTable(
  'patch_status_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    importedById: uuid('imported_by_id').references(() => users.id),
  },
  (t) => [index('patch_status_imports_imported_idx').on(t.importedAt)],
);

/** One device × update of an import; the newest import that has a pair is that pair's state. */
export const patchStatuses = pgTable(
  'patch_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    importId: uuid('import_id')
      .notNull()
      .references(() => patchStatusImports.id, { onDelete: 'cascade' }),
    computerName: text('computer_name').notNull(),
    deviceKey: text('device_key').notNull(),
    assetId: uuid('asset_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    /** Upper-case KB number or update id. */
    kb: text('kb').notNull(),
    title: text('title'),
    classification: text('classification'),
    approval: text('approval'),
    state: text('state').notNull(),
    lastStatusOn: date('last_status_on', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('patch_statuses_import_device_kb_key').on(t.importId, t.deviceKey, t.kb),
    index('patch_statuses_asset_idx').on(t.assetId),
    check('patchstatus_state_check', sql`${t.state} in ('installed','notinstalled','failed','downloaded','notapplicable')`),
  ],
);

/** Each device × update's row of the newest import that has it, moved at import. */
export const patchStatusCurrent = pgTable(
  'patch_status_current',
  {
    deviceKey: text('device_key').notNull(),
    kb: text('kb').notNull(),
    statusId: uuid('status_id')
      .notNull()
      .references(() => patchStatuses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ name: 'patch_status_current_pkey', columns: [t.deviceKey, t.kb] }), index('patch_status_current_kb_idx').on(t.kb)],
);

/** One row of settings for the module (decision 0022); absent until first changed, then the defaults apply. */
export const endpointSecuritySettings = pgTable(
  'endpoint_security_settings',
  {
    id: integer('id').primaryKey().default(1),
    staleDays: integer('stale_days').notNull().default(3),
    maxVersionsBehind: integer('max_versions_behind').notNull().default(2),
    reportsPlannedPerMonth: integer('reports_planned_per_month').notNull().default(1),
    planDeadlineDays: integer('plan_deadline_days').notNull().default(14),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('endpoint_security_settings_single_check', sql`${t.id} = 1`)],
);
