import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { jobRuns } from '../../platform/jobs/jobs.table.ts';
import { deliverMail } from '../../platform/mail/mail.service.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { DOVECOT_BIN, type Dovecot, dovecotInstalled, startDovecot } from '../../test/dovecot.ts';
import { type Client, clientFor, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { freePort, waitUntil } from '../../test/processes.ts';
import { sites } from '../org/org.table.ts';
import { eventsOf as eventsOfTicket, mailTestConfig, type SmtpSink, startSmtpSink, withInbox } from './mail.fixtures.ts';
import { mailInbound } from './mail-inbound.table.ts';
import { tickets } from './tickets.table.ts';

// Issue #6 acceptance: a mail round trip through a real SMTP server (our outbox → smtp-server sink), a real IMAP
// server (Dovecot, polled) and our SMTP listener.

const skip = dovecotInstalled() ? false : `${DOVECOT_BIN} is not installed (apt-get install dovecot-imapd; .ci/run does it)`;
const FROM = 'Unyo Helpdesk <helpdesk@example.jp>';

let t: TestApp;
let dovecot: Dovecot;
let operator: Client;
let listenPort: number;
let sink: SmtpSink;

before(async () => {
  if (skip) return;
  dovecot = await startDovecot('helpdesk@example.jp');
  sink = await startSmtpSink();
  listenPort = await freePort();
  const base = mailTestConfig(FROM);
  t = await startTestApp({
    mail: { smtpUrl: sink.url, from: FROM },
    mailChannel: { ...base.mailChannel, smtpListen: `127.0.0.1:${listenPort}`, imapUrl: dovecot.url },
  });
  ({ client: operator } = await clientFor(t, ['operator']));
});
after(async () => {
  await t?.close();
  await dovecot?.stop();
  await sink?.close();
});

/** Runs the cron as the scheduler would (jobs are not started in tests, so it runs inline and is recorded). */
async function poll() {
  await t.jobs.sendByName('servicedesk.imap-poll');
}

const unseenCount = () => withInbox(dovecot, async (c) => ((await c.search({ seen: false }, { uid: true })) || []).length);

const eventsOf = (ticketId: string) => eventsOfTicket(t, ticketId);

test('mail round trip: inquiry by IMAP, operator reply threaded over SMTP, requester answer by IMAP reopens the ticket', {
  skip,
  timeout: 120_000,
}, async () => {
  const site = await makeSite(t);
  await makePerson(t, site.id, { email: 'john.smith@example.jp', nameKanji: 'スミス ジョン', nameRomaji: 'John Smith' });

  // 1. The requester's mail lands in the help-desk mailbox; the poll files it and marks it read.
  const first = '<first-1@client.example.jp>';
  await dovecot.deliver(
    `From: John Smith <john.smith@example.jp>\r\nTo: helpdesk@example.jp\r\nSubject: Cannot open Outlook\r\nMessage-ID: ${first}\r\nDate: ${new Date().toUTCString()}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOutlook crashes when it starts.\r\n`,
  );
  assert.equal(await unseenCount(), 1);
  await poll();
  const [ticket] = await t.db.select().from(tickets).where(eq(tickets.mailThreadId, first));
  assert.ok(ticket, 'ticket created from the IMAP mailbox');
  assert.equal(ticket.language, 'en');
  assert.equal(ticket.siteId, site.id);
  assert.equal(await unseenCount(), 0, 'flagged \\Seen after commit');
  const [run] = await t.db.select().from(jobRuns).where(eq(jobRuns.name, 'servicedesk.imap-poll'));
  assert.equal(run.status, 'succeeded');

  // The acknowledgement goes out first (it is part of the thread).
  const [ack] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.inReplyTo, first));
  assert.equal(await deliverMail(t.db, t.config, ack.id), 'sent');

  // 2. An operator answers from the desk (English template, by the ticket's language) and resolves it.
  const res = await operator.post(`/api/v1/tickets/${ticket.id}/reply`, { body: 'Please start Outlook in safe mode: outlook.exe /safe', status: 'resolved' });
  assert.equal(res.statusCode, 200, res.body);
  const reply = (await eventsOf(ticket.id)).find((e) => e.type === 'public_reply')!;
  const replyId = (reply.data as { messageId: string }).messageId;
  assert.match(replyId, new RegExp(`^<ticket-${ticket.number}-`));
  const [outRow] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.messageId, replyId));
  assert.equal(await deliverMail(t.db, t.config, outRow.id), 'sent');
  const raw = await waitUntil(async () => sink.sent.find((m) => m.includes(Buffer.from(replyId.slice(1, -1)))), 5000);
  const out = await simpleParser(raw);
  assert.equal(out.messageId, replyId);
  assert.equal(out.inReplyTo, ack.messageId, 'answers the latest mail of the thread');
  assert.deepEqual(out.references, [first, ack.messageId]);
  assert.equal(out.subject, `Re: Cannot open Outlook [${ticket.number}]`);
  assert.equal(out.to && !Array.isArray(out.to) ? out.to.value[0].address : null, 'john.smith@example.jp');
  assert.match(out.text ?? '', /outlook\.exe \/safe/);
  assert.match(out.text ?? '', new RegExp(`keep \\[${ticket.number}\\] in the subject`));
  assert.equal(out.headers.get('auto-submitted'), undefined, 'a human reply is not marked automatic');
  assert.equal((await t.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0].status, 'resolved');

  // 3. The requester answers from their mail client; the answer arrives in the mailbox and reopens the ticket.
  const answer = '<answer-2@client.example.jp>';
  const answerRaw = `From: john.smith@example.jp\r\nTo: helpdesk@example.jp\r\nSubject: RE: ${out.subject}\r\nMessage-ID: ${answer}\r\nIn-Reply-To: ${replyId}\r\nReferences: ${first} ${ack.messageId} ${replyId}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSafe mode works, but normal start still crashes.\r\n`;
  await dovecot.deliver(answerRaw);
  await poll();
  const after = (await t.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0];
  assert.equal(after.status, 'reopened');
  assert.equal(after.reopenCount, 1);
  const events = await eventsOf(ticket.id);
  const last = events.filter((e) => e.type === 'mail_in').at(-1)!;
  assert.equal((last.data as { messageId: string }).messageId, answer);
  assert.match(last.body ?? '', /normal start still crashes/);
  assert.deepEqual(events.at(-1)?.data, { from: 'resolved', to: 'reopened', by: 'mail' });
  assert.equal(await unseenCount(), 0);

  // 4. The relay also delivers the same answer to our SMTP listener: recorded once, no second event.
  const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: listenPort, secure: false, ignoreTLS: true });
  await smtp.sendMail({ envelope: { from: 'john.smith@example.jp', to: 'helpdesk@example.jp' }, raw: answerRaw });
  smtp.close();
  const rows = await t.db.select().from(mailInbound).where(eq(mailInbound.messageId, answer));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].source, 'imap');
  assert.equal(rows[0].outcome, 'appended');
  assert.equal((await eventsOf(ticket.id)).length, events.length);
});

test('a message that cannot be ingested stays unseen and does not hold up the next one', { skip, timeout: 60_000 }, async () => {
  const site = await makeSite(t);
  await makePerson(t, site.id, { email: 'known@example.jp' });
  // With no active site, a stranger's mail has nowhere to be filed (it fails); a known person's mail still can.
  await t.db.update(sites).set({ active: false });
  const strangerId = '<stranger-3@elsewhere.example>';
  const knownId = '<known-4@client.example.jp>';
  await dovecot.deliver(`From: stranger@elsewhere.example\r\nTo: helpdesk@example.jp\r\nSubject: Hello\r\nMessage-ID: ${strangerId}\r\n\r\nhi\r\n`);
  await dovecot.deliver(`From: known@example.jp\r\nTo: helpdesk@example.jp\r\nSubject: Keyboard broken\r\nMessage-ID: ${knownId}\r\n\r\nkeys stick\r\n`);
  try {
    await poll();
    assert.ok((await t.db.select().from(tickets).where(eq(tickets.mailThreadId, knownId)))[0], 'the second mail was filed');
    assert.equal((await t.db.select().from(tickets).where(eq(tickets.mailThreadId, strangerId))).length, 0);
    const [failed] = await t.db.select().from(mailInbound).where(eq(mailInbound.messageId, strangerId));
    assert.deepEqual([failed.outcome, failed.attempts], ['failed', 1], 'its claim rolled back, the failure is counted');
    assert.equal(await unseenCount(), 1, 'the failed one is left for the next poll');
  } finally {
    await t.db.update(sites).set({ active: true });
  }
  // Next minute, with a site to file it under, it goes through.
  await poll();
  const [filed] = await t.db.select().from(tickets).where(eq(tickets.mailThreadId, strangerId));
  assert.ok(filed);
  assert.equal(await unseenCount(), 0);
  const [row] = await t.db.select().from(mailInbound).where(eq(mailInbound.messageId, strangerId));
  assert.deepEqual([row.outcome, row.ticketId], ['created', filed.id], 'the failed row was taken over by the successful attempt');
});
