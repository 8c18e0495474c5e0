import type { Locale } from '@unyo/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx, TxScope } from '../../platform/http/context.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { people } from '../org/org.table.ts';
import { newTicketMessageId } from './mail-classify.ts';
import { type TicketRow, ticketEvents } from './tickets.table.ts';

/** References keep the thread root and the latest ids; long threads would otherwise grow the header without bound. */
const MAX_REFERENCES = 20;

/** Event types whose data.messageId is a mail of the thread. */
const mailEventTypes = ['mail_in', 'mail_out', 'public_reply'] as const;

export const localeOfTicket = (t: Pick<TicketRow, 'language'>): Locale => (t.language === 'ja' ? 'ja' : 'en');

/** The subject without reply prefixes and our number tag, so that replies do not pile up `Re: Re: [..] [..]`. */
export function baseSubject(subject: string): string {
  let s = subject;
  for (;;) {
    const next = s
      .replace(/^\s*((re|fw|fwd|aw|sv|返信|転送)\s*[:：]\s*)+/i, '')
      .replace(/\s*\[HD-\d{4}-\d{6}\]\s*/gi, ' ')
      .replace(/^【受付】/, '')
      .replace(/^Received:\s*/i, '')
      .trim();
    if (next === s) return s || '-';
    s = next;
  }
}

/** The thread so far: the first mail's id, then every mail id recorded on the ticket's events, oldest first. */
export async function threadOf(db: Db, ticket: Pick<TicketRow, 'id' | 'mailThreadId'>): Promise<string[]> {
  const rows = await db
    .select({ messageId: sql<string>`${ticketEvents.data}->>'messageId'` })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticket.id), inArray(ticketEvents.type, [...mailEventTypes]), sql`${ticketEvents.data} ? 'messageId'`))
    .orderBy(asc(ticketEvents.seq));
  const ids = [ticket.mailThreadId, ...rows.map((r) => r.messageId)].filter((x): x is string => !!x);
  return [...new Set(ids)];
}

function trimReferences(ids: string[]): string[] {
  return ids.length <= MAX_REFERENCES ? ids : [ids[0], ...ids.slice(ids.length - (MAX_REFERENCES - 1))];
}

/** Where mail to the requester goes: the address on the ticket, else the person's address in the ledger. */
async function requesterAddress(db: Db, ticket: TicketRow): Promise<string | null> {
  if (ticket.requesterEmail) return ticket.requesterEmail;
  if (!ticket.requesterPersonId) return null;
  const [p] = await db.select({ email: people.email }).from(people).where(eq(people.id, ticket.requesterPersonId));
  return p?.email ?? null;
}

/**
 * Mails a public reply to the requester, threaded with the ticket's earlier mails. Called by the reply use case
 * inside its transaction; returns the Message-ID queued, or null when the requester has no mail address.
 */
export async function queueTicketReplyMail(
  scope: TxScope,
  ctx: Pick<Ctx, 'queue' | 'config' | 'actor'>,
  ticket: TicketRow,
  reply: { body: string; seq: number; attachmentFileIds?: string[] },
): Promise<{ messageId: string } | null> {
  const to = await requesterAddress(scope.tx, ticket);
  if (!to) return null;
  const thread = await threadOf(scope.tx, ticket);
  const messageId = newTicketMessageId(ticket.number, `r${reply.seq}`, ctx.config.mailChannel.messageIdDomain);
  await enqueueMail(scope, ctx.queue, {
    to,
    template: 'ticket.reply',
    locale: localeOfTicket(ticket),
    vars: { name: ticket.requesterName, number: ticket.number, subject: baseSubject(ticket.subject), body: reply.body },
    messageId,
    inReplyTo: thread.at(-1) ?? null,
    references: trimReferences(thread),
    headers: { 'X-Unyo-Ticket': ticket.number },
    attachmentFileIds: reply.attachmentFileIds,
  });
  return { messageId };
}

/**
 * The acknowledgement of a new mail inquiry. Marked Auto-Submitted: auto-replied (RFC 3834) so that a well-behaved
 * auto-responder on the other side stays silent, and sent only when a ticket is created, never for follow-ups, so
 * that even a badly-behaved one cannot make a loop.
 */
export async function queueTicketReceivedMail(
  scope: TxScope,
  deps: Pick<Ctx, 'queue' | 'config'>,
  ticket: Pick<TicketRow, 'number' | 'subject' | 'language' | 'requesterName'>,
  to: string,
  inReplyTo: string,
): Promise<string> {
  const messageId = newTicketMessageId(ticket.number, 'ack', deps.config.mailChannel.messageIdDomain);
  await enqueueMail(scope, deps.queue, {
    to,
    template: 'ticket.received',
    locale: localeOfTicket(ticket),
    vars: { name: ticket.requesterName, number: ticket.number, subject: baseSubject(ticket.subject) },
    messageId,
    inReplyTo,
    references: [inReplyTo],
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', 'X-Unyo-Ticket': ticket.number },
  });
  return messageId;
}
