import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { hardwareAssets } from '../assets/assets.table.ts';

/**
 * The backup schedule (1.1.f, 3.1.1.l): one row per job on a target server. A run is due on the days its
 * schedule names; its result is due by `due_time` local time (the target's site zone) `due_day_offset` days later.
 */
export const backupJobs = pgTable(
  'backup_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => hardwareAssets.id),
    name: text('name').notNull(),
    software: text('software').notNull(),
    backupType: text('backup_type').notNull(),
    schedule: text('schedule').notNull(),
    weekdays: integer('weekdays').array().notNull().default(sql`'{}'::integer[]`),
    monthDay: integer('month_day'),
    dueTime: text('due_time').notNull(),
    dueDayOffset: integer('due_day_offset').notNull().default(1),
    retentionGenerations: integer('retention_generations').notNull(),
    destination: text('destination').notNull(),
    restoreNotes: text('restore_notes'),
    startsOn: date('starts_on', { mode: 'string' }).notNull().default(sql`current_date`),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    mailSender: text('mail_sender'),
    mailSubjectPattern: text('mail_subject_pattern'),
    mailSuccessKeywords: text('mail_success_keywords').array().notNull().default(sql`'{}'::text[]`),
    mailFailureKeywords: text('mail_failure_keywords').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backup_jobs_asset_name_key').on(t.assetId, t.name),
    check('backup_jobs_type_check', sql`${t.backupType} in ('full','incremental','differential')`),
    check('backup_jobs_schedule_check', sql`${t.schedule} in ('daily','weekdays','weekly','monthly')`),
    check('backup_jobs_month_day_check', sql`${t.monthDay} is null or ${t.monthDay} between 1 and 31`),
    check('backup_jobs_due_time_check', sql`${t.dueTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('backup_jobs_due_offset_check', sql`${t.dueDayOffset} between 0 and 7`),
    check('backup_jobs_retention_check', sql`${t.retentionGenerations} >= 1`),
  ],
);

/** One result per job and run date (3.1.1.l, 6.j); `missed` rows are written by the deadline sweep. */
export const backupResults = pgTable(
  'backup_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => backupJobs.id, { onDelete: 'cascade' }),
    runDate: date('run_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    generation: text('generation'),
    message: text('message'),
    source: text('source').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backup_results_job_run_key').on(t.jobId, t.runDate),
    index('backup_results_run_date_idx').on(t.runDate, t.status),
    check('backup_results_status_check', sql`${t.status} in ('success','warning','failed','missed')`),
    check('backup_results_source_check', sql`${t.source} in ('api','import','mail','sweep')`),
    check('backup_results_size_check', sql`${t.sizeBytes} is null or ${t.sizeBytes} >= 0`),
  ],
);

/** First isolation and escalation of a failed or missing run (3.1.1.m, n); one per result. */
export const backupTriages = pgTable(
  'backup_triages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => backupResults.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('open'),
    isolationNotes: text('isolation_notes'),
    staffNotifiedAt: timestamp('staff_notified_at', { withTimezone: true }),
    vendor: text('vendor'),
    vendorTicketRef: text('vendor_ticket_ref'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('backup_triages_result_key').on(t.resultId),
    index('backup_triages_open_idx').on(t.status),
    check('backup_triages_status_check', sql`${t.status} in ('open','resolved')`),
  ],
);

/** Restores from backup on request of the staff in charge (3.1.1.o). */
export const backupRestoreRequests = pgTable(
  'backup_restore_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => backupJobs.id),
    resultId: uuid('result_id').references(() => backupResults.id, { onDelete: 'set null' }),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    what: text('what').notNull(),
    restoreTo: text('restore_to'),
    status: text('status').notNull().default('requested'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    resultNotes: text('result_notes'),
    note: text('note'),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('backup_restore_requests_job_idx').on(t.jobId, t.requestedAt),
    check('backup_restore_requests_status_check', sql`${t.status} in ('requested','in_progress','done','cancelled')`),
    check('backup_restore_requests_done_check', sql`${t.status} <> 'done' or ${t.doneAt} is not null`),
  ],
);
