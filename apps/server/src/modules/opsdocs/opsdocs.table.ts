import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { files } from '../../platform/files/files.table.ts';

/**
 * Operations documents that must be verified against actual operating conditions periodically (1.1.d malware
 * response plan and checklist, 1.1.e restore plan, …), with their verification history and the reminder state.
 */
export const opsDocuments = pgTable(
  'ops_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    docVersion: text('doc_version').notNull(),
    fileId: uuid('file_id').references(() => files.id, { onDelete: 'set null' }),
    owner: text('owner'),
    reviewIntervalMonths: integer('review_interval_months').notNull().default(12),
    lastVerifiedOn: date('last_verified_on', { mode: 'string' }),
    /** The review due date a reminder was last sent for (each due date is reminded once). */
    remindedFor: date('reminded_for', { mode: 'string' }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'ops_documents_kind_check',
      sql`${t.kind} in ('malware_response_plan','malware_checklist','restore_plan','restore_checklist','backup_schedule','patch_procedure','other')`,
    ),
  ],
);

export const opsDocumentReviews = pgTable(
  'ops_document_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => opsDocuments.id, { onDelete: 'cascade' }),
    verifiedOn: date('verified_on', { mode: 'string' }).notNull(),
    verifiedBy: text('verified_by').notNull(),
    result: text('result').notNull(),
    fromVersion: text('from_version').notNull(),
    toVersion: text('to_version').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ops_document_reviews_doc_idx').on(t.documentId, t.verifiedOn),
    check('ops_document_reviews_result_check', sql`${t.result} in ('no_change','updated')`),
  ],
);
