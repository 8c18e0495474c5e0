import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Outbox: a mail is written in the business transaction and sent later by the mail.send job. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    vars: jsonb('vars'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Set at enqueue when the mail must carry a known Message-ID (threaded ticket mail); else nodemailer's, once sent. */
    messageId: text('message_id'),
    /** Threading (RFC 5322): the message answered and the thread's ids, oldest first. */
    inReplyTo: text('in_reply_to'),
    referenceIds: text('reference_ids').array(),
    /** Further headers, e.g. Auto-Submitted on acknowledgements so that auto-responders do not answer them. */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** Stored files sent along (files.id), read when the mail is sent. */
    attachmentFileIds: uuid('attachment_file_ids').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set while one worker is sending; a claim older than 10 minutes is considered abandoned. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.createdAt), index('mail_outbox_message_id_idx').on(t.messageId)],
);
