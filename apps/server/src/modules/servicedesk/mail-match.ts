import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import type { Db } from '../../db/client.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { users } from '../access/access.table.ts';
import { people, sites } from '../org/org.table.ts';
import { threadIdsOf, ticketNumberInMessageId, ticketNumberInSubject } from './mail-classify.ts';
import { type TicketRow, ticketEvents, tickets } from './tickets.table.ts';

export type TicketMatch = { ticket: TicketRow; via: 'thread' | 'subject' };

/** Event types whose data.messageId is a mail of the ticket's conversation (see threadOf in mail-outbound.ts). */
const mailEventTypes = ['mail_in', 'mail_out', 'public_reply'] as const;
/** A reply names a handful of ids; a forged References list of thousands must not become a huge IN list. */
const MAX_THREAD_IDS = 50;

/**
 * The ticket an inbound mail belongs to, locked FOR UPDATE so that append-or-new-ticket and the status change are
 * decided on the row as it is, not as it was before an operator closed it (the kernel appends under the same lock).
 *
 * The thread (In-Reply-To/References) wins over the `[HD-…]` number in the subject, since a requester may edit the
 * subject but mail clients keep the references. A thread id counts only when we really sent or received it for the
 * ticket — its first mail (`mail_thread_id`), a mail on its events, or a mail of ours in the outbox — never because it
 * merely looks like ours: ticket numbers are sequential and printed on every acknowledgement, so `<ticket-HD-…@domain>`
 * is easy to forge. A subject match is weaker still; the caller accepts it only from the ticket's requester.
 */
export async function findTicketForMail(db: Db, mail: ParsedMail, idDomain: string): Promise<TicketMatch | null> {
  const ids = threadIdsOf(mail).slice(0, MAX_THREAD_IDS);
  if (ids.length > 0) {
    const sent = await db.select({ id: mailOutbox.messageId }).from(mailOutbox).where(inArray(mailOutbox.messageId, ids));
    const numbers = sent.map((r) => ticketNumberInMessageId(r.id ?? '', idDomain)).filter((n): n is string => !!n);
    const byEvent = db
      .select({ id: ticketEvents.ticketId })
      .from(ticketEvents)
      .where(
        and(sql`${ticketEvents.data} ? 'messageId'`, inArray(sql`${ticketEvents.data}->>'messageId'`, ids), inArray(ticketEvents.type, [...mailEventTypes])),
      );
    const conditions = [inArray(tickets.mailThreadId, ids), inArray(tickets.id, byEvent)];
    if (numbers.length > 0) conditions.push(inArray(tickets.number, numbers));
    // Several can match when a thread was split; the most recent ticket is the live conversation.
    const [t] = await db
      .select()
      .from(tickets)
      .where(
        sql.join(
          conditions.map((c) => sql`(${c})`),
          sql` or `,
        ),
      )
      .orderBy(desc(tickets.receivedAt))
      .limit(1)
      .for('update');
    if (t) return { ticket: t, via: 'thread' };
  }
  const number = ticketNumberInSubject(mail.subject ?? '');
  if (number) {
    const [t] = await db.select().from(tickets).where(eq(tickets.number, number)).for('update');
    if (t) return { ticket: t, via: 'subject' };
  }
  return null;
}

/**
 * Whether the sender is the ticket's requester: the address on the ticket, or the requester person's address in the
 * ledger (a phone ticket for a person has no requester_email; the same rule as where replies are mailed to).
 */
export async function isRequesterAddress(db: Db, ticket: TicketRow, address: string): Promise<boolean> {
  const a = address.toLowerCase();
  if (ticket.requesterEmail?.toLowerCase() === a) return true;
  if (!ticket.requesterPersonId) return false;
  const [p] = await db.select({ email: people.email }).from(people).where(eq(people.id, ticket.requesterPersonId));
  return !!p?.email && p.email.toLowerCase() === a;
}

export type Requester = {
  personId: string | null;
  userId: string | null;
  name: string | null;
  siteId: string | null;
};

/** The sender as a person of the ledger (by mail address, active first) and as a portal user, if they are. */
export async function requesterByAddress(db: Db, address: string): Promise<Requester> {
  const [person] = await db
    .select({ id: people.id, nameKanji: people.nameKanji, siteId: people.siteId })
    .from(people)
    .where(and(sql`lower(${people.email}) = ${address}`, ne(people.status, 'retired')))
    .orderBy(sql`${people.status} = 'active' desc`, asc(people.employeeNumber))
    .limit(1);
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${address}`, eq(users.active, true)))
    .limit(1);
  return { personId: person?.id ?? null, userId: user?.id ?? null, name: person?.nameKanji ?? null, siteId: person?.siteId ?? null };
}

/** The configured default site (UNYO_MAIL_DEFAULT_SITE), else the first head-office site, else any active site. */
export async function defaultSiteId(db: Db, code: string | null): Promise<string | null> {
  if (code) {
    const [s] = await db.select({ id: sites.id }).from(sites).where(eq(sites.code, code));
    if (s) return s.id;
  }
  const [s] = await db.select({ id: sites.id }).from(sites).where(eq(sites.active, true)).orderBy(sql`${sites.kind} = 'hq' desc`, asc(sites.code)).limit(1);
  return s?.id ?? null;
}
