import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { incidents } from '../incidents/incidents.table.ts';
import { sites } from '../org/org.table.ts';

const kinds = sql.raw(`'server','network_device','ip_phone','storage','service','cloud','other'`);
const sources = sql.raw(`'alertmanager','zabbix','generic'`);
const severities = sql.raw(`'info','warning','minor','major','critical'`);

/** Register of monitored objects (6.a): added, changed and removed on request; removal keeps the row. */
export const monitoringTargets = pgTable(
  'monitoring_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    assetId: uuid('asset_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    /** An alert belongs to the target when its labels contain all of these (jsonb @>). */
    matchLabels: jsonb('match_labels').$type<Record<string, string>>().notNull().default({}),
    thresholds: jsonb('thresholds').$type<Record<string, unknown>>(),
    monitoredItems: text('monitored_items'),
    active: boolean('active').notNull().default(true),
    requestedBy: text('requested_by'),
    requestRef: text('request_ref'),
    note: text('note'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitoring_targets_site_idx').on(t.siteId),
    index('monitoring_targets_asset_idx').on(t.assetId),
    index('monitoring_targets_labels_idx').using('gin', t.matchLabels),
    check('monitoring_targets_kind_check', sql`${t.kind} in (${kinds})`),
  ],
);

/** Which enabled rule decides what a new or re-opened event does: record it, or open an incident. */
export const monitoringRules = pgTable(
  'monitoring_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(100),
    enabled: boolean('enabled').notNull().default(true),
    source: text('source'),
    minSeverity: text('min_severity'),
    labelMatchers: jsonb('label_matchers').$type<Record<string, string>>().notNull().default({}),
    targetId: uuid('target_id').references(() => monitoringTargets.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind'),
    action: text('action').notNull(),
    incidentKind: text('incident_kind'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('monitoring_rules_action_check', sql`${t.action} in ('record','incident')`),
    check('monitoring_rules_source_check', sql`${t.source} is null or ${t.source} in (${sources})`),
    check('monitoring_rules_severity_check', sql`${t.minSeverity} is null or ${t.minSeverity} in (${severities})`),
  ],
);

/** One alert as Unyo keeps it: deduplicated by (source, fingerprint), re-opened when it flaps. */
export const monitoringEvents = pgTable(
  'monitoring_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: text('status').notNull(),
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    targetId: uuid('target_id').references(() => monitoringTargets.id, { onDelete: 'set null' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    notificationCount: integer('notification_count').notNull().default(1),
    flapCount: integer('flap_count').notNull().default(0),
    /** Re-openings counted since flapWindowStartedAt; flapping while it reaches the threshold. */
    flapWindowStartedAt: timestamp('flap_window_started_at', { withTimezone: true }),
    flapsInWindow: integer('flaps_in_window').notNull().default(0),
    ruleId: uuid('rule_id').references(() => monitoringRules.id, { onDelete: 'set null' }),
    action: text('action').notNull().default('record'),
    /** The incident a rule opened for it. */
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    generatorUrl: text('generator_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one open event per alert; the resolved history may hold several.
    uniqueIndex('monitoring_events_open_key').on(t.source, t.fingerprint).where(sql`${t.status} = 'firing'`),
    index('monitoring_events_fingerprint_idx').on(t.source, t.fingerprint, t.lastSeenAt),
    index('monitoring_events_target_idx').on(t.targetId, t.startsAt),
    index('monitoring_events_starts_idx').on(t.startsAt),
    check('monitoring_events_status_check', sql`${t.status} in ('firing','resolved')`),
    check('monitoring_events_source_check', sql`${t.source} in (${sources})`),
    check('monitoring_events_severity_check', sql`${t.severity} in (${severities})`),
  ],
);

/** Bearer tokens of the monitoring tools; only the SHA-256 is stored; `sources` are the hooks a token may post to. */
export const hookTokens = pgTable(
  'hook_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    sources: text('sources').array().notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('hook_tokens_hash_key').on(t.tokenHash)],
);

/**
 * Disk-space samples (6.d, 6.e): one row per volume of each report posted by the disk-report scripts, with the
 * level it had against the thresholds in force; the weekly report and the latest-volume list read these.
 */
export const diskSamples = pgTable(
  'disk_samples',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id').notNull(),
    targetId: uuid('target_id').references(() => monitoringTargets.id, { onDelete: 'set null' }),
    host: text('host').notNull(),
    mount: text('mount').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    usedBytes: bigint('used_bytes', { mode: 'number' }).notNull(),
    level: text('level').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('disk_samples_volume_idx').on(t.host, t.mount, t.reportedAt),
    index('disk_samples_reported_idx').on(t.reportedAt),
    check('disk_samples_level_check', sql`${t.level} in ('ok','warning','critical')`),
  ],
);

/**
 * The monthly export checklist (6.i): the monitoring server's data of a period was saved to an external medium.
 * Insert-only (a wrong record is deleted, audited, and entered again); `site` is null for an organization-wide export.
 */
export const monitoringExports = pgTable(
  'monitoring_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    month: text('month').notNull(),
    siteId: uuid('site_id').references(() => sites.id),
    exportedAt: timestamp('exported_at', { withTimezone: true }).notNull(),
    mediumId: text('medium_id').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    dataKinds: text('data_kinds').array().notNull(),
    operatorId: uuid('operator_id').references(() => users.id),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitoring_exports_month_idx').on(t.month),
    check('monitoring_exports_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('monitoring_exports_period_check', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('monitoring_exports_medium_check', sql`length(${t.mediumId}) > 0`),
    check('monitoring_exports_kinds_check', sql`cardinality(${t.dataKinds}) > 0 and ${t.dataKinds} <@ array['performance','operating','logs']::text[]`),
  ],
);
