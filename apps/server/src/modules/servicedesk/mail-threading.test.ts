import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { eventsOf as eventsOfTicket, mailTestConfig, messageIds } from './mail.fixtures.ts';
import { mailInbound } from './mail-inbound.table.ts';
import { ingestMail } from './mail-inbound.ts';
import { appendTicketEvents, insertTicket } from './tickets.kernel.ts';
import { type TicketRow, tickets } from './tickets.table.ts';

// Review R2 #1, #4 and the spam rule (decision 0013): who may write into a ticket by mail, and on which state of it.

const FROM = 'Unyo ヘルプデスク <helpdesk@example.jp>';
const system = { actor: { userId: null, label: 'test' }, requestId: null };

let t: TestApp;
let site: { id: string };
before(async () => {
  const base = mailTestConfig(FROM);
  t = await startTestApp({ mail: { ...base.mail, from: FROM }, mailChannel: { ...base.mailChannel, defaultSiteCode: 'THREADHQ' } });
  site = await makeSite(t, { code: 'THREADHQ', kind: 'hq' });
});
after(async () => {
  await t?.close();
});

const msgId = messageIds('client.example.com');
const ingest = (raw: string) => ingestMail({ db: t.db, config: t.config, queue: t.jobs, log: () => {} }, Buffer.from(raw), { source: 'smtp' });
const mail = (h: { from: string; subject: string; id: string; inReplyTo?: string; extra?: string }, body = 'Hello.') =>
  `From: ${h.from}\r\nTo: helpdesk@example.jp\r\nSubject: ${h.subject}\r\nMessage-ID: ${h.id}\r\n${h.inReplyTo ? `In-Reply-To: ${h.inReplyTo}\r\nReferences: ${h.inReplyTo}\r\n` : ''}${h.extra ?? ''}\r\n${body}\r\n`;
const eventsOf = (ticketId: string) => eventsOfTicket(t, ticketId);
const ticketById = async (id: string) => (await t.db.select().from(tickets).where(eq(tickets.id, id)))[0];

/** A requester's mail inquiry, then the desk sets it to `status` (e.g. waiting for the requester). */
async function mailTicket(from: string, status?: string): Promise<{ ticket: TicketRow; firstId: string }> {
  const firstId = msgId('first');
  const r = await ingest(mail({ from, subject: 'Printer offline', id: firstId }));
  assert.equal(r.outcome, 'created');
  let ticket = await ticketById(r.outcome === 'created' ? r.ticketId : '');
  if (status) {
    ticket = await t.db.transaction((tx) =>
      appendTicketEvents(tx as never, system, ticket.id, [{ type: 'status_changed', actorUserId: null, data: { from: ticket.status, to: status } }]),
    );
  }
  return { ticket, firstId };
}

describe('threading accepts only ids we really sent or received', () => {
  test('a Message-ID forged in our format does not thread: the mail opens its own ticket', async () => {
    const { ticket } = await mailTicket('owner@example.jp');
    const before = (await eventsOf(ticket.id)).length;
    const forged = `<ticket-${ticket.number}-r9-deadbeef@example.jp>`;
    const r = await ingest(mail({ from: 'attacker@evil.example', subject: 'Invoice', id: msgId('forged'), inReplyTo: forged }));
    assert.equal(r.outcome, 'created');
    assert.notEqual(r.outcome === 'created' && r.ticketId, ticket.id);
    assert.equal((await eventsOf(ticket.id)).length, before, 'nothing written into the real ticket');
  });

  test('a reply to our acknowledgement threads, and so does one to the first mail', async () => {
    const { ticket, firstId } = await mailTicket('threads@example.jp');
    const [ack] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.inReplyTo, firstId));
    const r1 = await ingest(mail({ from: 'threads@example.jp', subject: 'Re: whatever', id: msgId('re1'), inReplyTo: ack.messageId! }));
    assert.equal(r1.outcome === 'appended' && r1.ticketId, ticket.id);
    const r2 = await ingest(mail({ from: 'threads@example.jp', subject: 'more', id: msgId('re2'), inReplyTo: firstId }));
    assert.equal(r2.outcome === 'appended' && r2.ticketId, ticket.id);
  });

  test('a colleague on the thread is shown in the conversation under their own address but changes no status', async () => {
    const { ticket, firstId } = await mailTicket('boss@example.jp', 'waiting');
    const r = await ingest(
      mail({ from: 'Colleague <colleague@example.jp>', subject: 'Re: Printer offline', id: msgId('cc'), inReplyTo: firstId }, 'Same here.'),
    );
    assert.equal(r.outcome === 'appended' && r.ticketId, ticket.id);
    const last = (await eventsOf(ticket.id)).at(-1)!;
    assert.equal(last.type, 'mail_in');
    assert.equal(last.visibility, 'public');
    assert.equal(last.actorLabel, 'Colleague <colleague@example.jp>');
    assert.equal((last.data as { fromRequester: boolean }).fromRequester, false);
    assert.equal((await ticketById(ticket.id)).status, 'waiting');
  });
});

describe('a ticket number in the subject is trusted from the requester only', () => {
  test('an outsider citing [HD-…] gets a new ticket with a note naming the number; the cited ticket is untouched', async () => {
    const { ticket } = await mailTicket('victim@example.jp', 'resolved');
    const before = await eventsOf(ticket.id);
    const id = msgId('outsider');
    const r = await ingest(
      mail({ from: 'victim-lookalike@evil.example', subject: `Re: Printer offline [${ticket.number}]`, id }, 'Open the attached invoice.'),
    );
    assert.equal(r.outcome, 'created');
    const created = await ticketById(r.outcome === 'created' ? r.ticketId : '');
    assert.notEqual(created.id, ticket.id);
    const note = (await eventsOf(created.id)).find((e) => e.type === 'internal_note');
    assert.ok(note?.body?.includes(ticket.number), 'the new ticket says which number was cited');
    assert.deepEqual(note?.data, { citedNumber: ticket.number });
    assert.equal((await eventsOf(ticket.id)).length, before.length, 'no event on the cited ticket');
    const after = await ticketById(ticket.id);
    assert.equal(after.status, 'resolved', 'not reopened');
    assert.equal(after.firstContactResolution, (await ticketById(ticket.id)).firstContactResolution);
    assert.equal((await t.db.select().from(mailInbound).where(eq(mailInbound.messageId, id)))[0].reason, `cited:${ticket.number}`);
  });

  test('the requester by their ledger address (phone ticket without a mail address) joins by subject and is no longer waited for', async () => {
    const person = await makePerson(t, site.id, { email: 'Hanako.Sato@example.jp' });
    const ticket = await t.db.transaction(async (tx) => {
      const created = await insertTicket(tx as never, system, {
        channel: 'phone',
        subject: 'PC slow',
        siteId: site.id,
        requesterPersonId: person.id,
        receivedAt: new Date(),
      });
      return appendTicketEvents(tx as never, system, created.id, [{ type: 'status_changed', actorUserId: null, data: { from: 'new', to: 'waiting' } }]);
    });
    assert.equal(ticket.requesterEmail, null);
    const r = await ingest(mail({ from: 'hanako.sato@example.jp', subject: `Re: PC slow [${ticket.number}]`, id: msgId('ledger') }, 'It is fast again.'));
    assert.equal(r.outcome === 'appended' && r.ticketId, ticket.id);
    assert.equal((await ticketById(ticket.id)).status, 'in_progress');
    const last = (await eventsOf(ticket.id)).find((e) => e.type === 'mail_in')!;
    assert.equal((last.data as { fromRequester: boolean }).fromRequester, true);
  });
});

test('the matched ticket is locked: a reply racing an operator closing the ticket opens a follow-up, never reopens it', async () => {
  const { ticket, firstId } = await mailTicket('racer@example.jp', 'resolved');
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let closedInTx!: () => void;
  const closing = new Promise<void>((r) => {
    closedInTx = r;
  });
  // The operator's transaction closes the ticket and holds its lock while the reply arrives.
  const operator = t.db.transaction(async (tx) => {
    await appendTicketEvents(tx as never, system, ticket.id, [{ type: 'status_changed', actorUserId: null, data: { from: 'resolved', to: 'closed' } }]);
    closedInTx();
    await gate;
  });
  await closing;
  const reply = ingest(mail({ from: 'racer@example.jp', subject: 'Re: Printer offline', id: msgId('race'), inReplyTo: firstId }, 'Still broken.'));
  await new Promise((r) => setTimeout(r, 300));
  release();
  await operator;
  const r = await reply;
  assert.equal(r.outcome, 'created', 'a reply to a closed ticket opens a new one');
  const old = await ticketById(ticket.id);
  assert.equal(old.status, 'closed');
  assert.equal((await eventsOf(ticket.id)).filter((e) => e.type === 'mail_in').length, 1);
});

test('mail the relay flagged as spam is dropped with the reason and never acknowledged', async () => {
  const before = (await t.db.select({ id: tickets.id }).from(tickets)).length;
  for (const header of ['X-Spam-Flag: YES\r\n', 'X-Spam-Status: Yes, score=12.3 required=5.0\r\n']) {
    const id = msgId('spam');
    const r = await ingest(mail({ from: 'forged-victim@example.org', subject: 'You won', id, extra: header }));
    assert.deepEqual(r, { outcome: 'dropped', reason: 'spam', messageId: id });
  }
  const ham = await ingest(mail({ from: 'ham@example.org', subject: 'Real question', id: msgId('ham'), extra: 'X-Spam-Status: No, score=0.1\r\n' }));
  assert.equal(ham.outcome, 'created');
  assert.equal((await t.db.select({ id: tickets.id }).from(tickets)).length, before + 1);
  assert.equal((await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'forged-victim@example.org'))).length, 0, 'no backscatter');
});
