import { MailInboundListQuery, type MailInboundOutcome, MailInboundPage } from '@unyo/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { mailInbound } from './mail-inbound.table.ts';
import { tickets } from './tickets.table.ts';

/**
 * The inbound mail log for operations: every mail the desk received and what became of it, dropped ones with the
 * reason. Guarded like the outbox (mail.read): it lists senders of every site, before any ticket scopes them.
 */
export async function mailInboundRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/mail/inbound',
    { schema: { tags: ['mail'], querystring: MailInboundListQuery, response: { 200: MailInboundPage } }, config: { guard: 'mail.read' } },
    async (req) => {
      const q = req.query;
      const where = and(q.outcome ? eq(mailInbound.outcome, q.outcome) : sql`${mailInbound.outcome} <> 'pending'`);
      const cursor = decodeCursor(q.cursor);
      const rows = await app.deps.db
        .select({ m: mailInbound, ticketNumber: tickets.number })
        .from(mailInbound)
        .leftJoin(tickets, eq(tickets.id, mailInbound.ticketId))
        .where(and(where, cursor ? sql`(${mailInbound.receivedAt}, ${mailInbound.id}) < (${cursor.v}, ${cursor.id})` : undefined))
        .orderBy(desc(mailInbound.receivedAt), desc(mailInbound.id))
        .limit(q.limit + 1);
      const [{ total }] = await app.deps.db.select({ total: sql<number>`count(*)::int` }).from(mailInbound).where(where);
      const page = pageOf(rows, q.limit, (r) => ({ v: r.m.receivedAt.toISOString(), id: r.m.id }));
      return {
        total,
        nextCursor: page.nextCursor,
        items: page.items.map(({ m, ticketNumber }) => ({
          id: m.id,
          messageId: m.messageId,
          source: m.source as 'smtp' | 'imap',
          fromAddress: m.fromAddress,
          subject: m.subject,
          size: m.size,
          outcome: m.outcome as MailInboundOutcome,
          reason: m.reason,
          ticketId: m.ticketId,
          ticketNumber,
          receivedAt: m.receivedAt.toISOString(),
        })),
      };
    },
  );
}
