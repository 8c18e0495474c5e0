import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../../db/ids.ts';
import { users } from '../access/access.table.ts';
import { departments, people, sites } from '../org/org.table.ts';

// Constraint names start with one word (`tickets_…`) so problem.ts maps them to the API field.

/** Category tree of inquiries, seeded from the spec (5.1–5.6); business systems point to their owning department. */
export const ticketCategories = pgTable(
  'ticket_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    parentId: uuid('parent_id'),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    /** Spec item the category comes from (5.5.a, 5.6.a…), for the reception sheet and reports. */
    specRef: text('spec_ref'),
    /** 5.1.b: inquiries about a business system are answered by pointing to the department that owns it. */
    ownerDepartmentId: uuid('owner_department_id').references(() => departments.id),
    ownerNote: text('owner_note'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('ticketcategories_code_key').on(t.code), index('ticket_categories_parent_idx').on(t.parentId)],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id')
      .primaryKey()
      .defaultRandom()
      .$defaultFn(() => uuidv7()),
    /** HD-YYYY-NNNNNN; imported tickets keep the previous contractor's number. */
    number: text('number').notNull(),
    channel: text('channel').notNull(),
    language: text('language').notNull().default('ja'),
    requesterPersonId: uuid('requester_person_id').references(() => people.id),
    requesterName: text('requester_name'),
    requesterEmail: text('requester_email'),
    requesterPhone: text('requester_phone'),
    requesterOrganization: text('requester_organization'),
    /** The portal user who filed it (they may follow it even without a person record). */
    requesterUserId: uuid('requester_user_id').references(() => users.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    categoryId: uuid('category_id').references(() => ticketCategories.id),
    priority: text('priority').notNull().default('normal'),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    assigneeId: uuid('assignee_id').references(() => users.id),
    team: text('team').notNull().default('helpdesk'),
    installRequest: boolean('install_request').notNull().default(false),
    noResponse: boolean('no_response').notNull().default(false),
    noResponseReason: text('no_response_reason'),
    noResponseNote: text('no_response_note'),
    /** 5.1.c / 5.2.b / 5.6.d: who is asking (requesterTypes). */
    requesterType: text('requester_type').notNull().default('general'),
    /** Category-specific task attributes (5.4.a software type, 5.6.a formats), validated per category code. */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    /** How the inquiry ended (resolutionCodes); set with the resolving status change, cleared when it reopens. */
    resolutionCode: text('resolution_code'),
    /** 5.1.b: with `referred`, the department whose contact point the requester was given. */
    resolutionDepartmentId: uuid('resolution_department_id').references(() => departments.id),
    // ---- Derived from ticket_events by the service, never written from input ----
    status: text('status').notNull().default('new'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    firstAnsweredAt: timestamp('first_answered_at', { withTimezone: true }),
    /** receivedAt + 2 h on the site's business calendar (kept for the live clock and the at-risk sweep). */
    firstAnswerDueAt: timestamp('first_answer_due_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    escalated: boolean('escalated').notNull().default(false),
    /** Vendor currently handling it (open escalation), else null. */
    escalationVendor: text('escalation_vendor'),
    firstContactResolution: boolean('first_contact_resolution').notNull().default(false),
    /** Seconds spent on calls linked to the ticket. */
    handlingSeconds: integer('handling_seconds').notNull().default(0),
    eventCount: integer('event_count').notNull().default(0),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    atRiskNotifiedAt: timestamp('at_risk_notified_at', { withTimezone: true }),
    /** Mail threading: the Message-ID of the first mail of the thread and our last outgoing one. */
    mailThreadId: text('mail_thread_id'),
    /** Maintained by a trigger (decision 0011): normalized text and its 1–2 character grams. */
    searchText: text('search_text').notNull().default(''),
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    importedFrom: text('imported_from'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_number_key').on(t.number),
    index('tickets_received_idx').on(t.receivedAt, t.id),
    index('tickets_site_received_idx').on(t.siteId, t.receivedAt),
    index('tickets_status_idx').on(t.status, t.receivedAt),
    index('tickets_assignee_idx').on(t.assigneeId, t.status),
    index('tickets_requester_person_idx').on(t.requesterPersonId),
    index('tickets_requester_user_idx').on(t.requesterUserId),
    index('tickets_mail_thread_idx').on(t.mailThreadId),
    index('tickets_due_idx').on(t.firstAnswerDueAt).where(sql`${t.firstAnsweredAt} is null`),
    index('tickets_grams_idx').using('gin', t.searchGrams),
    check('tickets_no_response_reason_check', sql`not ${t.noResponse} or ${t.noResponseReason} is not null`),
    index('tickets_requester_type_idx').on(t.requesterType, t.receivedAt),
    check('tickets_resolution_department_id_check', sql`${t.resolutionCode} is distinct from 'referred' or ${t.resolutionDepartmentId} is not null`),
  ],
);

/** The immutable timeline. `seq` orders events within a ticket; `at` is when it happened (imports: historical time). */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: uuid('id')
      .primaryKey()
      .defaultRandom()
      .$defaultFn(() => uuidv7()),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorLabel: text('actor_label').notNull(),
    /** public: the requester sees it in the portal; internal: operators only. */
    visibility: text('visibility').notNull().default('internal'),
    body: text('body'),
    /** Type-specific facts: status from/to, vendor, call id, mail message id, attachment file ids, changed fields. */
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ticketevents_seq_key').on(t.ticketId, t.seq),
    index('ticket_events_type_at_idx').on(t.type, t.at),
    check('ticketevents_visibility_check', sql`${t.visibility} in ('public','internal')`),
  ],
);

/** Phone calls (5.1.a; S-4-6-1-4, -5): entered from a ticket or imported from the call manager's CDR. */
export const callRecords = pgTable(
  'call_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The call manager's id (CDR globalCallID…); unique so a re-imported file does not double-count. */
    externalId: text('external_id'),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    siteId: uuid('site_id').references(() => sites.id),
    direction: text('direction').notNull().default('inbound'),
    callerNumber: text('caller_number'),
    calledNumber: text('called_number'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    operatorUserId: uuid('operator_user_id').references(() => users.id),
    operatorLabel: text('operator_label'),
    /** S-4-6-1-4: answered by the voice system, request recorded, then called back — counts as handled. */
    voiceCallback: boolean('voice_callback').notNull().default(false),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    waitSeconds: integer('wait_seconds'),
    talkSeconds: integer('talk_seconds'),
    importId: uuid('import_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('callrecords_external_id_key').on(t.externalId),
    index('call_records_queued_idx').on(t.queuedAt),
    index('call_records_ticket_idx').on(t.ticketId),
    check(
      'callrecords_order_check',
      sql`(${t.answeredAt} is null or ${t.answeredAt} >= ${t.queuedAt}) and (${t.endedAt} is null or ${t.endedAt} >= coalesce(${t.answeredAt}, ${t.queuedAt}))`,
    ),
  ],
);

/** Saved CDR column mappings (the call manager's export differs between sites and versions). */
export const callImportMappings = pgTable('call_import_mappings', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  mapping: jsonb('mapping').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TicketRow = typeof tickets.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type CallRecordRow = typeof callRecords.$inferSelect;
