import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor.ts';
import { type Client, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertTicket, type TicketValues } from './tickets.kernel.ts';
import { tickets } from './tickets.table.ts';

/**
 * Calls recorded on one ticket at the same time (two operators, or an entry while a CDR import links the same
 * ticket) must all be stored: the call row's foreign key share-locks the ticket, so taking the ticket's update lock
 * only after the insert would let two of them deadlock.
 */

let t: TestApp;
let admin: Client;
let site: { id: string };
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
});
after(() => t.close());

test('twelve calls recorded on one ticket concurrently are all stored and all counted on the ticket', async () => {
  const ticket = await t.db.transaction(async (tx) =>
    insertTicket(tx as never, { actor: systemActor, requestId: null }, {
      channel: 'phone',
      language: 'ja',
      siteId: site.id,
      subject: '同時通話',
      receivedAt: new Date('2026-03-02T01:00:00Z'),
    } as TicketValues),
  );
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      admin.post('/api/v1/call-records', {
        ticketId: ticket.id,
        queuedAt: `2026-03-02T10:${String(i + 10).padStart(2, '0')}:00+09:00`,
        answeredAt: `2026-03-02T10:${String(i + 10).padStart(2, '0')}:05+09:00`,
        endedAt: `2026-03-02T10:${String(i + 10).padStart(2, '0')}:35+09:00`,
      }),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.statusCode),
    Array(12).fill(201),
    results.map((r) => r.body).join('\n'),
  );
  const [row] = await t.db.select().from(tickets).where(eq(tickets.id, ticket.id));
  assert.equal(row.handlingSeconds, 12 * 30);
});
