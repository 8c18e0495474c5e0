import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../access/access.table.ts';
import { people, sites } from '../org/org.table.ts';

// Constraint names start with one word (`surveys_…`) so problem.ts maps them to the API field.

/** A satisfaction-survey campaign (S-1), with its fixed question set copied in at creation. */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    target: integer('target').notNull().default(75),
    status: text('status').notNull().default('draft'),
    questions: jsonb('questions').notNull(),
    note: text('note'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdById: uuid('created_by_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('surveys_status_check', sql`${t.status} in ('draft','open','closed')`),
    check('surveys_target_check', sql`${t.target} between 1 and 100`),
    check('surveys_closes_on_check', sql`${t.closesOn} >= ${t.opensOn}`),
    index('surveys_fiscal_year_idx').on(t.fiscalYear, t.createdAt),
  ],
);

/**
 * One invitation per mail address and campaign (the unique key makes "mailed once" a database
 * rule). The token exists only in the mail; we keep its hash. `answered` spends it.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** Lower-cased mail address. */
    email: text('email').notNull(),
    personId: uuid('person_id').references(() => people.id),
    name: text('name'),
    siteId: uuid('site_id').references(() => sites.id),
    /** Language of the inquiry the requester made (ja/en), when invited as a requester. */
    languageHint: text('language_hint'),
    source: text('source').notNull(),
    tokenHash: text('token_hash'),
    locale: text('locale'),
    mailId: uuid('mail_id'),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
    /**
     * Spent (one answer per invitation). A flag, not a time: an answer time here beside the response's own time
     * would tie each answer to its respondent.
     */
    answered: boolean('answered').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('surveyinvitations_email_key').on(t.surveyId, t.email),
    uniqueIndex('surveyinvitations_token_key').on(t.tokenHash),
    index('survey_invitations_pending_idx').on(t.surveyId).where(sql`${t.mailedAt} is null`),
    check('survey_invitations_source_check', sql`${t.source} in ('sites','requesters')`),
  ],
);

/**
 * Answers, deliberately not linked to the invitation: results and the report cannot tell who
 * answered what (only the respondent's site and language are kept). Points per S-1: 100/80/60/40/0.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').references(() => sites.id),
    locale: text('locale').notNull(),
    answerTime: smallint('answer_time').notNull(),
    answerClarity: smallint('answer_clarity').notNull(),
    answerAccuracy: smallint('answer_accuracy').notNull(),
    answerManner: smallint('answer_manner').notNull(),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.surveyId, t.answeredAt),
    check(
      'survey_responses_points_check',
      sql`${t.answerTime} in (0,40,60,80,100) and ${t.answerClarity} in (0,40,60,80,100) and ${t.answerAccuracy} in (0,40,60,80,100) and ${t.answerManner} in (0,40,60,80,100)`,
    ),
  ],
);
