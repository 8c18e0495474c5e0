import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { departments, people, sites } from '../org/org.table.ts';

// Constraint names start with one word (`assets_…`) so problem.ts maps them to the API field.

const stamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const hardwareAssets = pgTable(
  'hardware_assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetNumber: text('asset_number').notNull(),
    ledger: text('ledger').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    manufacturer: text('manufacturer'),
    model: text('model'),
    serialNumber: text('serial_number'),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    building: text('building'),
    floor: text('floor'),
    room: text('room'),
    rack: text('rack'),
    departmentId: uuid('department_id').references(() => departments.id),
    userId: uuid('user_id').references(() => people.id),
    purpose: text('purpose'),
    ipAddresses: text('ip_addresses').array().notNull().default(sql`'{}'::text[]`),
    macAddresses: text('mac_addresses').array().notNull().default(sql`'{}'::text[]`),
    napt: jsonb('napt').notNull().default(sql`'[]'::jsonb`),
    osName: text('os_name'),
    osVersion: text('os_version'),
    status: text('status').notNull().default('in_use'),
    acquisition: text('acquisition'),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    priceYen: bigint('price_yen', { mode: 'number' }),
    leaseEnd: date('lease_end', { mode: 'string' }),
    vendor: text('vendor'),
    maintenanceContract: text('maintenance_contract'),
    warrantyEnd: date('warranty_end', { mode: 'string' }),
    parentId: uuid('parent_id'),
    guidanceSentOn: date('guidance_sent_on', { mode: 'string' }),
    entraRegisteredOn: date('entra_registered_on', { mode: 'string' }),
    intuneRegisteredOn: date('intune_registered_on', { mode: 'string' }),
    standardSoftwareCheckedOn: date('standard_software_checked_on', { mode: 'string' }),
    notes: text('notes'),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    draft: boolean('draft').notNull().default(false),
    // Inventory agent identity and facts (3.1.1.d, 3.3.1.a)
    agentDeviceId: text('agent_device_id'),
    biosUuid: text('bios_uuid'),
    lastInventoryAt: timestamp('last_inventory_at', { withTimezone: true }),
    inventoryFacts: jsonb('inventory_facts'),
    /** Maintained by a trigger (migration 0008): the text the list's `q` searches, trigram-indexed. */
    searchText: text('search_text').notNull().default(''),
    /** Its 1–2-character grams (decision 0011), trigger-maintained, for short Japanese searches. */
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    /** Trigger-maintained sort keys (the user's name, the location as one text), so those sorts use an index. */
    userName: text('user_name').notNull().default(''),
    locationSort: text('location_sort').notNull().default(''),
    ...stamps,
  },
  (t) => [
    uniqueIndex('assets_asset_number_key').on(t.assetNumber),
    uniqueIndex('assets_agent_device_id_key').on(t.agentDeviceId),
    index('assets_site_idx').on(t.siteId, t.assetNumber),
    // Also assets_number_search_idx (asset_number, id) INCLUDE (site_id, search_text), migration 0014 (no INCLUDE here).
    // Site + category (+ status): the usual operator filter; exact bitmap instead of ANDing two large ones. It ends
    // with the name sort key, so a site's devices of one kind and status come by name without a sort (issue #4 bench).
    index('assets_site_category_status_idx').on(t.siteId, t.category, t.status, t.name, t.id),
    index('assets_user_idx').on(t.userId),
    index('assets_department_idx').on(t.departmentId),
    index('assets_parent_idx').on(t.parentId),
    index('assets_serial_idx').on(sql`lower(${t.serialNumber})`),
    index('assets_bios_uuid_idx').on(t.biosUuid),
    index('assets_name_idx').on(sql`lower(${t.name})`),
    index('assets_name_sort_idx').on(t.name, t.id),
    index('assets_user_name_idx').on(t.userName, t.id),
    index('assets_location_idx').on(t.locationSort, t.id),
    index('assets_search_grams_idx').using('gin', t.searchGrams),
    index('assets_ledger_location_idx').on(t.ledger, t.locationSort, t.id),
    index('assets_category_sort_idx').on(t.category, t.id),
    index('assets_status_sort_idx').on(t.status, t.id),
    index('assets_category_idx').on(t.category, t.assetNumber),
    index('assets_status_idx').on(t.status, t.assetNumber),
    index('assets_ledger_idx').on(t.ledger, t.assetNumber),
    index('assets_updated_idx').on(t.updatedAt, t.id),
    foreignKey({ name: 'assets_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
    check('assets_ledger_check', sql`${t.ledger} in ('domestic','overseas')`),
    check(
      'assets_category_check',
      sql`${t.category} in ('desktop_pc','notebook_pc','virtual_pc','server','virtual_server','storage','switch','router','firewall','wireless_ap','ip_phone','printer','mfp','ups','monitor','peripheral','mobile_device','external_storage','other')`,
    ),
    check('assets_status_check', sql`${t.status} in ('in_use','stock','on_loan','in_repair','retired','disposed','lost')`),
    check('assets_acquisition_check', sql`${t.acquisition} is null or ${t.acquisition} in ('purchase','lease','rental')`),
    check('assets_price_yen_check', sql`${t.priceYen} is null or ${t.priceYen} >= 0`),
    check('assets_parent_id_check', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/**
 * MACs of active assets, kept by a trigger from hardware_assets.mac_addresses (migration): the primary
 * key makes "a MAC is active on one asset only" a database invariant, whichever path writes the asset.
 */
export const hardwareAssetMacs = pgTable(
  'hardware_asset_macs',
  {
    mac: text('mac').notNull(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ name: 'assets_mac_addresses_key', columns: [t.mac] }), index('hardware_asset_macs_asset_idx').on(t.assetId)],
);

export const assetMovements = pgTable(
  'asset_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    movedOn: date('moved_on', { mode: 'string' }).notNull(),
    fromSiteId: uuid('from_site_id').references(() => sites.id),
    fromLocation: jsonb('from_location').notNull().default(sql`'{}'::jsonb`),
    toSiteId: uuid('to_site_id').references(() => sites.id),
    toLocation: jsonb('to_location').notNull().default(sql`'{}'::jsonb`),
    fromUserId: uuid('from_user_id').references(() => people.id),
    toUserId: uuid('to_user_id').references(() => people.id),
    requestRef: text('request_ref'),
    note: text('note'),
    operatorId: uuid('operator_id').references(() => users.id),
    operatorLabel: text('operator_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('asset_movements_asset_idx').on(t.assetId, t.movedOn),
    check('movements_kind_check', sql`${t.kind} in ('install','move','collect','return_to_stock','ship_overseas')`),
  ],
);

export const assetRepairs = pgTable(
  'asset_repairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    symptom: text('symptom').notNull(),
    vendor: text('vendor'),
    action: text('action'),
    costYen: bigint('cost_yen', { mode: 'number' }),
    sentOn: date('sent_on', { mode: 'string' }),
    returnedOn: date('returned_on', { mode: 'string' }),
    createdById: uuid('created_by_id').references(() => users.id),
    createdByLabel: text('created_by_label').notNull(),
    ...stamps,
  },
  (t) => [
    index('asset_repairs_asset_idx').on(t.assetId, t.reportedOn),
    check('repairs_cost_yen_check', sql`${t.costYen} is null or ${t.costYen} >= 0`),
    check('repairs_returned_on_check', sql`${t.returnedOn} is null or ${t.returnedOn} >= ${t.reportedOn}`),
  ],
);

export const assetWorkLogs = pgTable(
  'asset_work_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    performedAt: timestamp('performed_at', { withTimezone: true }).notNull(),
    content: text('content').notNull(),
    worker: text('worker').notNull(),
    requestRef: text('request_ref'),
    /** manual, movement, repair, software (usage ledger work, #5), stocktake ... */
    source: text('source').notNull().default('manual'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('asset_work_logs_asset_idx').on(t.assetId, t.performedAt)],
);

/** Switch-port configuration (3.4.1.a); changes are audited. */
export const assetPorts = pgTable(
  'asset_ports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    port: text('port').notNull(),
    vlan: text('vlan'),
    connectedAssetId: uuid('connected_asset_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    description: text('description'),
    ...stamps,
  },
  (t) => [uniqueIndex('ports_port_key').on(t.assetId, t.port)],
);

/** Installed software per device as the agent last reported it (first/last seen). */
export const assetSoftware = pgTable(
  'asset_software',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: text('version').notNull().default(''),
    arch: text('arch').notNull().default(''),
    publisher: text('publisher'),
    source: text('source'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('asset_software_key').on(t.assetId, t.name, t.version, t.arch), index('asset_software_name_idx').on(t.name)],
);

/** Tokens the inventory agents authenticate with (HTTP Basic password). Only the hash is kept. */
export const agentTokens = pgTable(
  'agent_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('agent_tokens_hash_key').on(t.tokenHash)],
);

/** Data-quality findings (2.1.b, 2.1.e): one row per asset, kind and key; reopened when the condition returns. */
export const assetFindings = pgTable(
  'asset_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Distinguishes several findings of one kind on one asset (the duplicated serial or MAC). */
    key: text('key').notNull().default(''),
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('open'),
    reason: text('reason'),
    firstDetectedAt: timestamp('first_detected_at', { withTimezone: true }).notNull().defaultNow(),
    lastDetectedAt: timestamp('last_detected_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the condition was last seen gone (auto-resolved) or a person resolved/acknowledged it. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedById: uuid('closed_by_id').references(() => users.id),
    ...stamps,
  },
  (t) => [
    uniqueIndex('findings_kind_key').on(t.assetId, t.kind, t.key),
    index('asset_findings_status_idx').on(t.status, t.kind),
    check(
      'findings_kind_check',
      sql`${t.kind} in ('user_retired','user_transferred','user_department_mismatch','no_user','no_purpose','duplicate_serial','duplicate_mac','agent_stale')`,
    ),
    check('findings_status_check', sql`${t.status} in ('open','resolved','acknowledged')`),
  ],
);

/** Stock-take campaigns (棚卸し, 2.1.c visual / 2.1.d remote; S-4-1-3-2#2). */
export const stocktakes = pgTable(
  'stocktakes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    mode: text('mode').notNull(),
    status: text('status').notNull().default('open'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id),
    ...stamps,
  },
  (t) => [
    check('stocktakes_mode_check', sql`${t.mode} in ('visual','remote')`),
    check('stocktakes_status_check', sql`${t.status} in ('open','closed','cancelled')`),
  ],
);

export const stocktakeSites = pgTable(
  'stocktake_sites',
  {
    stocktakeId: uuid('stocktake_id')
      .notNull()
      .references(() => stocktakes.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    /** Remote mode: hash of the one-time checklist link token mailed to the office. */
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    mailedTo: text('mailed_to'),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by'),
  },
  (t) => [primaryKey({ name: 'stocktake_sites_pkey', columns: [t.stocktakeId, t.siteId] }), uniqueIndex('stocktake_sites_token_key').on(t.tokenHash)],
);

export const stocktakeItems = pgTable(
  'stocktake_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stocktakeId: uuid('stocktake_id')
      .notNull()
      .references(() => stocktakes.id, { onDelete: 'cascade' }),
    assetId: uuid('asset_id').references(() => hardwareAssets.id, { onDelete: 'set null' }),
    assetNumber: text('asset_number').notNull(),
    /** Frozen at start: where the ledger said the asset was. Null for unexpected finds. */
    expectedSiteId: uuid('expected_site_id').references(() => sites.id),
    expectedLocation: jsonb('expected_location'),
    expectedName: text('expected_name'),
    result: text('result').notNull().default('pending'),
    actualSiteId: uuid('actual_site_id').references(() => sites.id),
    actualLocation: jsonb('actual_location'),
    method: text('method'),
    note: text('note'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    checkedBy: text('checked_by'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('stocktake_items_asset_number_key').on(t.stocktakeId, t.assetNumber),
    index('stocktake_items_site_idx').on(t.stocktakeId, t.expectedSiteId),
    check('stocktake_items_result_check', sql`${t.result} in ('pending','found','found_elsewhere','missing','unexpected')`),
    check('stocktake_items_method_check', sql`${t.method} is null or ${t.method} in ('scan','typed','remote','phone','mail')`),
  ],
);

/** Theft / loss / damage reports (2.1.i). */
export const assetDamageReports = pgTable(
  'asset_damage_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id),
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    place: text('place'),
    circumstances: text('circumstances').notNull(),
    personId: uuid('person_id').references(() => people.id),
    /** When the user was told about the required procedures (the notice mail). */
    userNotifiedAt: timestamp('user_notified_at', { withTimezone: true }),
    noticeMailId: uuid('notice_mail_id'),
    reportedToStaffAt: timestamp('reported_to_staff_at', { withTimezone: true }),
    userReportReceivedAt: timestamp('user_report_received_at', { withTimezone: true }),
    supervisorFlag: boolean('supervisor_flag').notNull().default(true),
    notes: text('notes'),
    createdById: uuid('created_by_id').references(() => users.id),
    ...stamps,
  },
  (t) => [index('asset_damage_reports_asset_idx').on(t.assetId), check('damage_kind_check', sql`${t.kind} in ('theft','loss','damage')`)],
);
