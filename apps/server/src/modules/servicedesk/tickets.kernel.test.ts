import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { textSearchCondition } from '../../platform/search/text-search.ts';
import { makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { appendTicketEvents, insertTicket } from './tickets.kernel.ts';
import { ticketEvents, tickets } from './tickets.table.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const audit = { actor: systemActor, requestId: null };

test('the kernel numbers a ticket, derives its fields from the log, keeps the log append-only and indexes its text', async () => {
  const site = await makeSite(t, { timeZone: 'Asia/Tokyo' });
  // Friday 17:00 JST: two business hours run to Monday 10:00 (the agency day is 9:00–17:45? the calendar decides).
  const receivedAt = new Date('2026-06-05T08:00:00Z');
  const ticket = await t.db.transaction(async (tx) =>
    insertTicket(tx as never, audit, {
      channel: 'mail',
      language: 'ja',
      siteId: site.id,
      subject: 'プリンタで印刷できない',
      description: '3階の複合機 MFP-301 から印刷できません',
      requesterName: '山田 太郎',
      receivedAt,
    }),
  );
  assert.match(ticket.number, /^HD-2026-\d{6}$/);
  assert.equal(ticket.status, 'new');
  assert.ok(ticket.firstAnswerDueAt && ticket.firstAnswerDueAt.getTime() > receivedAt.getTime() + 2 * 3_600_000, 'the clock skips the weekend');

  const answered = new Date('2026-06-08T01:30:00Z');
  const updated = await t.db.transaction(async (tx) =>
    appendTicketEvents(tx as never, audit, ticket.id, [
      { type: 'public_reply', at: answered, body: 'ドライバを再インストールしてください' },
      { type: 'status_changed', at: answered, data: { from: 'new', to: 'resolved' } },
    ]),
  );
  assert.equal(updated.status, 'resolved');
  assert.equal(updated.firstAnsweredAt?.toISOString(), answered.toISOString());
  assert.equal(updated.firstContactResolution, true);
  assert.equal(updated.eventCount, 3);

  await assert.rejects(t.db.update(ticketEvents).set({ body: 'x' }).where(eq(ticketEvents.ticketId, ticket.id)), (err: Error) =>
    /append-only/.test(String((err.cause as Error | undefined)?.message ?? err.message)),
  );

  for (const q of ['印', '印刷', '印刷できない', 'mfp', 'ＭＦＰ-301', '山田 印刷']) {
    const rows = await t.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.id, ticket.id), textSearchCondition(tickets.searchText, tickets.searchGrams, q)));
    assert.equal(rows.length, 1, `query ${q} finds the ticket`);
  }
  for (const q of ['刷印', '4階', 'printer']) {
    const rows = await t.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(textSearchCondition(tickets.searchText, tickets.searchGrams, q));
    assert.equal(rows.length, 0, `query ${q} does not match`);
  }
});

test('a ticket number carries the year of receipt in Japan and the next number of the sequence', async () => {
  const site = await makeSite(t, { timeZone: 'Asia/Tokyo' });
  const make = (receivedAt: Date) =>
    t.db.transaction(async (tx) =>
      insertTicket(tx as never, audit, {
        channel: 'phone',
        language: 'ja',
        siteId: site.id,
        subject: '番号',
        description: '',
        requesterName: '依頼者',
        receivedAt,
      }),
    );
  // 15:30 UTC on New Year's Eve is already 1 January in Tokyo.
  const first = await make(new Date('2026-12-31T15:30:00Z'));
  const second = await make(new Date('2026-12-31T14:30:00Z'));
  assert.match(first.number, /^HD-2027-\d{6}$/);
  assert.match(second.number, /^HD-2026-\d{6}$/);
  assert.equal(Number(second.number.slice(-6)), Number(first.number.slice(-6)) + 1);
  // A number given by an import is kept as it is.
  const imported = await t.db.transaction(async (tx) =>
    insertTicket(tx as never, audit, {
      number: 'HD-2019-000042',
      channel: 'phone',
      language: 'ja',
      siteId: site.id,
      subject: '移行',
      description: '',
      requesterName: '依頼者',
      receivedAt: new Date('2019-04-01T00:00:00Z'),
    }),
  );
  assert.equal(imported.number, 'HD-2019-000042');
});

test('one creation writes the ticket, its events and its audit row together, with time-ordered ids, or nothing', async () => {
  const site = await makeSite(t);
  const before = Date.now();
  const values = {
    channel: 'phone' as const,
    language: 'ja' as const,
    siteId: site.id,
    subject: '一括',
    description: '作成',
    requesterName: '監査 花子',
    receivedAt: new Date(),
  };
  const ticket = await t.db.transaction(async (tx) => insertTicket(tx as never, audit, values, [{ type: 'call', at: new Date(), data: { waitSeconds: 4 } }]));
  assert.match(ticket.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  assert.ok(Number.parseInt(ticket.id.replace(/-/g, '').slice(0, 12), 16) >= before, 'the id starts with its creation time');
  const events = await t.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
  assert.deepEqual(events.map((e) => [e.seq, e.type]).sort(), [
    [1, 'received'],
    [2, 'call'],
  ]);
  const [row] = await t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'ticket'), eq(auditLog.entityId, ticket.id)));
  assert.equal(row.action, 'ticket.created');
  assert.deepEqual(row.after, { number: ticket.number, channel: 'phone', subject: '一括', status: ticket.status, events: ['received', 'call'] });
  assert.equal((await verifyAuditChain(t.db)).ok, true);

  // An event the log refuses (a visibility its check rejects) fails the one statement: no ticket, no audit row.
  const auditRows = (await t.db.select().from(auditLog)).length;
  const ticketCount = (await t.db.select().from(tickets)).length;
  const refused = { type: 'internal_note' as const, body: 'x', visibility: 'bogus' as 'internal' };
  await assert.rejects(t.db.transaction(async (tx) => insertTicket(tx as never, audit, { ...values, subject: '失敗' }, [refused])));
  assert.equal((await t.db.select().from(tickets)).length, ticketCount);
  assert.equal((await t.db.select().from(auditLog)).length, auditRows);
});
