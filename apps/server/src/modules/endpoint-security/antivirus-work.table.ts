import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { sites } from '../org/org.table.ts';

/**
 * Antivirus work (3.1.1.v, 3.1.1.x, 3.3.1.l, 3.1.1.w): a device's definition update, engine / product upgrade or
 * patch, a distribution job of the distribution tool, or a settings change on a device or a group's policy.
 * Insert-only: a wrong record is deleted (audited) and recorded again.
 */
export const antivirusWorkRecords = pgTable(
  'antivirus_work_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /**
     * Required except for distribution jobs and settings changes of a group's policy (target group); a device with
     * work records cannot be deleted (it is retired instead).
     */
    deviceId: uuid('device_id').references(() => hardwareAssets.id),
    /** The device's site when recorded, or the chosen site of a job or group policy (null: every site); scopes the record. */
    siteId: uuid('site_id').references(() => sites.id),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull(),
    operatorId: uuid('operator_id').references(() => users.id),
    versionBefore: text('version_before'),
    versionAfter: text('version_after'),
    packageName: text('package_name'),
    targetGroup: text('target_group'),
    targetCount: integer('target_count'),
    successCount: integer('success_count'),
    failureCount: integer('failure_count'),
    /** Settings changes (3.1.1.w): what was changed, its value before → after, why, and the approval reference. */
    setting: text('setting'),
    valueBefore: text('value_before'),
    valueAfter: text('value_after'),
    reason: text('reason'),
    approvalRef: text('approval_ref'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('antivirus_work_records_device_idx').on(t.deviceId, t.doneAt),
    index('antivirus_work_records_done_idx').on(t.doneAt, t.id),
    check('avwork_kind_check', sql`${t.kind} in ('definition_update','engine_upgrade','product_upgrade','patch','distribution','settings_change')`),
    check(
      'avwork_device_id_check',
      sql`${t.kind} = 'distribution' or ${t.deviceId} is not null or (${t.kind} = 'settings_change' and ${t.targetGroup} is not null)`,
    ),
    check('avwork_setting_check', sql`${t.kind} <> 'settings_change' or ${t.setting} is not null`),
    check('avwork_package_name_check', sql`${t.kind} <> 'distribution' or ${t.packageName} is not null`),
    check(
      'avwork_counts_check',
      sql`${t.targetCount} >= 0 and ${t.successCount} >= 0 and ${t.failureCount} >= 0 and ${t.successCount} + ${t.failureCount} <= ${t.targetCount}`,
    ),
  ],
);
