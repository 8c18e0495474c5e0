import { MailListQuery, MailPage } from '@unyo/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeCursor, pageOf } from '../http/paging.ts';
import { mailOutbox } from './mail.table.ts';

export async function mailRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/mail', { schema: { tags: ['mail'], querystring: MailListQuery, response: { 200: MailPage } }, config: { guard: 'mail.read' } }, async (req) => {
    const q = req.query;
    const where = q.status ? eq(mailOutbox.status, q.status) : undefined;
    const cursor = decodeCursor(q.cursor);
    const rows = await app.deps.db
      .select()
      .from(mailOutbox)
      .where(and(where, cursor ? sql`(${mailOutbox.createdAt}, ${mailOutbox.id}) < (${cursor.v}, ${cursor.id})` : undefined))
      .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
      .limit(q.limit + 1);
    const [{ total }] = await app.deps.db.select({ total: sql<number>`count(*)::int` }).from(mailOutbox).where(where);
    const page = pageOf(rows, q.limit, (m) => ({ v: new Date(m.createdAt).toISOString(), id: m.id }));
    return {
      total,
      nextCursor: page.nextCursor,
      items: page.items.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        template: m.template,
        status: m.status as 'pending' | 'sending' | 'sent' | 'failed',
        attempts: m.attempts,
        lastError: m.lastError,
        createdAt: new Date(m.createdAt).toISOString(),
        sentAt: m.sentAt ? new Date(m.sentAt).toISOString() : null,
      })),
    };
  });
}
