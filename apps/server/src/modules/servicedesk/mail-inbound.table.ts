import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tickets } from './tickets.table.ts';

/**
 * Every inbound mail the service desk saw, whichever way it came (SMTP listener or IMAP poll), with what became of
 * it. The unique Message-ID is what stops the same mail arriving both ways from making two tickets; dropped mails
 * (auto-replies, bounces, our own mail looping back) stay here with the reason, for the operators to check.
 */
export const mailInbound = pgTable(
  'mail_inbound',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The mail's Message-ID, or `<sha256-…@no-message-id>` of its bytes when it has none. */
    messageId: text('message_id').notNull(),
    source: text('source').notNull(),
    fromAddress: text('from_address'),
    subject: text('subject'),
    size: integer('size').notNull(),
    /** pending (being ingested) | created | appended | dropped | failed (the IMAP poll gave up on it, or will retry) */
    outcome: text('outcome').notNull(),
    /** Failed ingest attempts by the IMAP poll; at the limit the message is flagged in the mailbox and not retried. */
    attempts: integer('attempts').notNull().default(0),
    /** Why it was dropped (auto_submitted, precedence, bounce, own_message…) or how it was matched. */
    reason: text('reason'),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mailinbound_message_id_key').on(t.messageId),
    index('mail_inbound_received_idx').on(t.receivedAt),
    index('mail_inbound_ticket_idx').on(t.ticketId),
  ],
);

export type MailInboundRow = typeof mailInbound.$inferSelect;
