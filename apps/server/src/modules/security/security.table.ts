import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { incidents } from '../incidents/incidents.table.ts';

/** Security cases (4.2): malware, PC-quarantine alerts, suspicious-mail campaigns, each with its response checklist. */
export const securityCases = pgTable(
  'security_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number')
      .notNull()
      .default(sql`'SC-' || to_char(now() at time zone 'Asia/Tokyo', 'YYYY') || '-' || lpad(nextval('security_case_number_seq')::text, 6, '0')`),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    siteIds: uuid('site_ids').array().notNull().default(sql`'{}'::uuid[]`),
    assetIds: uuid('asset_ids').array().notNull().default(sql`'{}'::uuid[]`),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    source: text('source').notNull().default('manual'),
    sourceRef: text('source_ref'),
    spreadOverLan: boolean('spread_over_lan').notNull().default(false),
    major: boolean('major').notNull().default(false),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    noticeId: uuid('notice_id'),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('security_cases_number_key').on(t.number),
    index('security_cases_detected_idx').on(t.detectedAt, t.id),
    index('security_cases_sites_idx').using('gin', t.siteIds),
    check('security_cases_kind_check', sql`${t.kind} in ('malware','quarantine_alert','suspicious_mail','other')`),
    check('security_cases_status_check', sql`${t.status} in ('open','closed')`),
  ],
);

/** Checklist steps as recorded (insert-only; the latest record of a step is its state). */
export const securityCaseSteps = pgTable(
  'security_case_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => securityCases.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    notApplicable: boolean('not_applicable').notNull().default(false),
    note: text('note'),
    details: jsonb('details').notNull().default({}),
    actorLabel: text('actor_label').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('security_case_steps_case_idx').on(t.caseId, t.id)],
);
