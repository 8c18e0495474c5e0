import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { businessCalendars } from '../../platform/calendar/calendar.table.ts';
import { businessSystems } from './business-systems.table.ts';

/**
 * Incidents (障害, 4.1). The timeline in `incident_events` is the record; the columns marked "derived" are
 * refolded from it in the same transaction as every event, so lists, clocks and monthly metrics read one row.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** IN-YYYY-NNNNNN; imported incidents keep their old number. */
    number: text('number')
      .notNull()
      .default(sql`'IN-' || to_char(now() at time zone 'Asia/Tokyo', 'YYYY') || '-' || lpad(nextval('incident_number_seq')::text, 6, '0')`),
    title: text('title').notNull(),
    description: text('description'),
    kind: text('kind').notNull(),
    /** 4.1.1.a: a sign of failure (予兆) or a failure. */
    stage: text('stage').notNull().default('failure'),
    /** 4.1.4.a: first-level isolation of a SaaS problem: the user's side or the service's. */
    isolation: text('isolation'),
    /** 4.1.3.a: the department responsible for the business system, contacted about it. */
    ownerDepartment: text('owner_department'),
    /** 4.1.3.a: the business system (its master names the responsible department); ownerDepartment keeps the snapshot. */
    businessSystemId: uuid('business_system_id').references(() => businessSystems.id),
    impact: text('impact').notNull().default('individual'),
    /** Affected sites; empty = the whole organization. */
    siteIds: uuid('site_ids').array().notNull().default(sql`'{}'::uuid[]`),
    assetIds: uuid('asset_ids').array().notNull().default(sql`'{}'::uuid[]`),
    reportExclusions: text('report_exclusions').array().notNull().default(sql`'{}'::text[]`),
    spreadOverLan: boolean('spread_over_lan').notNull().default(false),
    countermeasureExclusions: text('countermeasure_exclusions').array().notNull().default(sql`'{}'::text[]`),
    majorSecurity: boolean('major_security').notNull().default(false),
    majorInfrastructure: boolean('major_infrastructure').notNull().default(false),
    provider: text('provider'),
    providerReference: text('provider_reference'),
    rootCause: text('root_cause'),
    countermeasureText: text('countermeasure_text'),
    relatedTicketIds: uuid('related_ticket_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** manual | monitoring | import */
    source: text('source').notNull().default('manual'),
    sourceRef: text('source_ref'),
    // Derived from the events.
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('open'),
    milestones: jsonb('milestones').notNull().default({}),
    escalations: jsonb('escalations').notNull().default([]),
    recoveredPauses: jsonb('recovered_pauses').notNull().default([]),
    /** Clock alerts already sent: clock code → 'at_risk' | 'breached' (each level once). */
    clockAlerts: jsonb('clock_alerts').$type<Record<string, 'at_risk' | 'breached'>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('incidents_number_key').on(t.number),
    index('incidents_occurred_idx').on(t.occurredAt, t.id),
    index('incidents_status_idx').on(t.status, t.occurredAt),
    index('incidents_sites_idx').using('gin', t.siteIds),
    index('incidents_business_system_idx').on(t.businessSystemId),
    check('incidents_kind_check', sql`${t.kind} in ('hardware','software','network','phone','cloud','business_system')`),
    check('incidents_impact_check', sql`${t.impact} in ('individual','department','site','organization')`),
    check('incidents_status_check', sql`${t.status} in ('open','recovered','closed')`),
    check('incidents_stage_check', sql`${t.stage} in ('sign','failure')`),
    check('incidents_isolation_check', sql`${t.isolation} is null or ${t.isolation} in ('user_side','service_side')`),
  ],
);

/** The immutable timeline: inserts only. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** When it happened (may be earlier than when it was recorded). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.id)],
);

/**
 * Clock rules with history: a change is a new row effective from an instant, and an incident is measured by
 * the rows in force when it occurred (targets are agreed before service start and may be renegotiated).
 */
export const incidentClockSettings = pgTable(
  'incident_clock_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    /** The monthly compliance rate (%) the SLA row asks for (95 in the contract). */
    targetRate: integer('target_rate').notNull().default(95),
    /** null: 24×7. */
    calendarId: uuid('calendar_id').references(() => businessCalendars.id),
    pauseOnEscalation: boolean('pause_on_escalation').notNull(),
    kinds: text('kinds').array().notNull(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('incident_clock_settings_code_idx').on(t.code, t.effectiveFrom),
    check(
      'incident_clock_settings_code_check',
      sql`${t.code} in ('report','initial_response_hw','initial_response_sw','countermeasure','recovery','infected_response')`,
    ),
    check('incident_clock_settings_target_check', sql`${t.targetMinutes} > 0 and ${t.targetRate} between 0 and 100`),
  ],
);
