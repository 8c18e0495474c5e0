import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import nodemailer, { type Transporter } from 'nodemailer';
import { files } from '../../platform/files/files.table.ts';
import { deliverMail } from '../../platform/mail/mail.service.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { freePort, waitUntil } from '../../test/processes.ts';
import { eventsOf as eventsOfTicket, inboundRow as inboundRowOf, mailTestConfig, messageIds, type SmtpSink, startSmtpSink } from './mail.fixtures.ts';
import { ingestMail } from './mail-inbound.ts';
import { LimitedBody } from './mail-smtp-listener.ts';
import { tickets } from './tickets.table.ts';

const FROM = 'Unyo ヘルプデスク <helpdesk@example.jp>';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(80 * 1024, 0x20)]);

let t: TestApp;
let admin: Client;
let listenPort: number;
let defaultSite: { id: string; code: string };
let client: Transporter;
let sink: SmtpSink;

before(async () => {
  sink = await startSmtpSink();
  listenPort = await freePort();
  const base = mailTestConfig(FROM);
  t = await startTestApp({
    mail: { smtpUrl: sink.url, from: FROM },
    mailChannel: {
      ...base.mailChannel,
      smtpListen: `127.0.0.1:${listenPort}`,
      acceptRecipients: ['helpdesk@example.jp', '@support.example.jp'],
      defaultSiteCode: 'MAILHQ',
      maxAttachmentBytes: 64 * 1024,
      maxAttachmentBytesPerMail: 100 * 1024,
      maxMailBytes: 512 * 1024,
    },
  });
  defaultSite = await makeSite(t, { code: 'MAILHQ', kind: 'hq' });
  admin = await loginAdmin(t.app);
  client = nodemailer.createTransport({ host: '127.0.0.1', port: listenPort, secure: false, ignoreTLS: true });
});
after(async () => {
  client?.close();
  await t?.close();
  await sink?.close();
});

const ticketByThread = (messageId: string) =>
  waitUntil(async () => (await t.db.select().from(tickets).where(eq(tickets.mailThreadId, messageId)))[0], 10_000, 100, `ticket for ${messageId}`);
const eventsOf = (ticketId: string) => eventsOfTicket(t, ticketId);
const inboundRow = (messageId: string) => inboundRowOf(t, messageId);
const ticketCount = async () => (await t.db.select({ id: tickets.id }).from(tickets)).length;
const msgId = messageIds('mail.example.com');

/**
 * ISO-2022-JP as old Japanese mailers write it (iconv-lite has no encoder for it): JIS X 0208 is EUC-JP with the high
 * bits cleared, between ESC $ B and ESC ( B.
 */
function jis(text: string): Buffer {
  const euc = iconv.encode(text, 'EUC-JP');
  const out: number[] = [];
  let kanji = false;
  for (let i = 0; i < euc.length; i++) {
    const wide = euc[i] >= 0xa1;
    if (wide !== kanji) out.push(...(wide ? [0x1b, 0x24, 0x42] : [0x1b, 0x28, 0x42]));
    kanji = wide;
    if (wide) out.push(euc[i] & 0x7f, euc[++i] & 0x7f);
    else out.push(euc[i]);
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

/** Sends a raw RFC 822 message to our listener as the agency's relay would. */
const relay = (raw: string | Buffer, from = 'someone@example.com', to = 'helpdesk@example.jp') => client.sendMail({ envelope: { from, to }, raw });

describe('inbound mail over the SMTP listener', () => {
  test('a Japanese mail from a known person opens a ticket for them, queues an auto-submitted acknowledgement, and a reply joins it', async () => {
    const site = await makeSite(t);
    const person = await makePerson(t, site.id, { email: 'Taro.Yamada@example.jp', nameKanji: '山田 太郎' });
    const id = msgId('ja');
    await client.sendMail({
      from: '山田 太郎 <taro.yamada@example.jp>',
      to: 'helpdesk@example.jp',
      subject: 'プリンターで印刷できません',
      text: '3階の複合機から印刷できません。\n至急ご確認ください。',
      messageId: id,
    });
    const ticket = await ticketByThread(id);
    assert.equal(ticket.channel, 'mail');
    assert.equal(ticket.language, 'ja');
    assert.equal(ticket.subject, 'プリンターで印刷できません');
    assert.equal(ticket.requesterPersonId, person.id);
    assert.equal(ticket.siteId, site.id, 'filed under the person’s own site');
    assert.equal(ticket.requesterEmail, 'taro.yamada@example.jp');
    assert.match(ticket.description, /複合機から印刷できません/);
    assert.equal(ticket.status, 'new');

    // The acknowledgement: Japanese, threaded to the inquiry, and marked so no auto-responder answers it.
    const [ack] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.inReplyTo, id));
    assert.ok(ack, 'acknowledgement queued');
    assert.equal(ack.to, 'taro.yamada@example.jp');
    assert.equal(ack.template, 'ticket.received');
    assert.ok(ack.subject.includes(`[${ticket.number}]`), ack.subject);
    assert.match(ack.text, /山田 太郎 様/);
    assert.equal(ack.headers?.['Auto-Submitted'], 'auto-replied');
    assert.equal(await deliverMail(t.db, t.config, ack.id), 'sent');
    const delivered = await simpleParser(await waitUntil(async () => sink.sent.find((m) => m.includes(Buffer.from(ack.messageId!.slice(1, -1)))), 5000));
    assert.equal(delivered.headers.get('auto-submitted'), 'auto-replied');
    assert.equal(delivered.inReplyTo, id);
    assert.equal(delivered.messageId, ack.messageId);

    // The requester writes again, answering their own mail: the same ticket gets it, no new ticket, no new ack.
    const before = await ticketCount();
    const followUp = msgId('ja2');
    await client.sendMail({
      from: 'taro.yamada@example.jp',
      to: 'helpdesk@example.jp',
      subject: 'Re: プリンターで印刷できません',
      text: '追記：エラーコードは E-302 です。',
      messageId: followUp,
      inReplyTo: id,
      references: [id],
    });
    await waitUntil(async () => (await inboundRow(followUp))?.outcome === 'appended', 10_000, 100);
    assert.equal(await ticketCount(), before);
    const events = await eventsOf(ticket.id);
    const mailsIn = events.filter((e) => e.type === 'mail_in');
    assert.equal(mailsIn.length, 2);
    assert.match(mailsIn[1].body ?? '', /E-302/);
    assert.equal((mailsIn[1].data as { messageId: string }).messageId, followUp);
    assert.equal((await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'taro.yamada@example.jp'))).length, 1, 'only one acknowledgement');

    // The desk sees the mail in the timeline through the API.
    const res = await admin.get(`/api/v1/tickets/${ticket.id}/events`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok((res.json().items as { type: string; body: string }[]).some((e) => e.type === 'mail_in' && e.body.includes('E-302')));
  });

  test('an English mail from an unknown sender is filed under the default site as free contact data', async () => {
    const id = msgId('en');
    await client.sendMail({
      from: 'Jane Doe <jane@partner.example.org>',
      to: 'desk@support.example.jp',
      subject: 'VPN does not connect',
      text: 'Hello, my VPN fails since this morning.',
      messageId: id,
    });
    const ticket = await ticketByThread(id);
    assert.equal(ticket.language, 'en');
    assert.equal(ticket.siteId, defaultSite.id);
    assert.equal(ticket.requesterPersonId, null);
    assert.equal(ticket.requesterName, 'Jane Doe');
    assert.equal(ticket.requesterEmail, 'jane@partner.example.org');
    const [ack] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.inReplyTo, id));
    assert.match(ack.subject, /^Received: VPN does not connect \[HD-\d{4}-\d{6}\]$/);
    assert.match(ack.text, /^Dear Jane Doe,/);
  });

  test('the listener refuses recipients it does not serve (no open relay)', async () => {
    await assert.rejects(
      client.sendMail({ from: 'x@example.com', to: 'ceo@elsewhere.example', subject: 'relay?', text: 'x' }),
      (err: Error & { responseCode?: number }) => err.responseCode === 550,
    );
  });

  test('a mail over the size limit is refused at the door (552) and files nothing', async () => {
    const before = await ticketCount();
    await assert.rejects(
      client.sendMail({ from: 'big@example.com', to: 'helpdesk@example.jp', subject: 'huge', text: 'x'.repeat(600 * 1024) }),
      (err: Error & { responseCode?: number }) => err.responseCode === 552,
    );
    assert.equal(await ticketCount(), before);
  });

  test('an oversized message is counted, not held: the listener keeps at most the limit in memory', () => {
    // smtp-server streams the whole message even past its `size`; a few GB from one client must not fill the heap.
    const body = new LimitedBody(64 * 1024);
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    let maxHeld = 0;
    for (let i = 0; i < 128; i++) {
      body.push(chunk);
      maxHeld = Math.max(maxHeld, body.held);
    }
    assert.equal(body.total, 2 * 1024 * 1024);
    assert.ok(body.exceeded);
    assert.ok(maxHeld <= 64 * 1024, `held ${maxHeld} bytes`);
    assert.equal(body.take().length, 0, 'nothing left to ingest');
    const ok = new LimitedBody(64 * 1024);
    ok.push(chunk);
    ok.push(chunk);
    assert.deepEqual([ok.exceeded, ok.take().length], [false, 32 * 1024]);
  });

  test('the same mail arriving again (SMTP then IMAP) makes one ticket', async () => {
    const id = msgId('dup');
    const raw = `From: dup@example.com\r\nTo: helpdesk@example.jp\r\nSubject: Duplicate test\r\nMessage-ID: ${id}\r\n\r\nOnce only.\r\n`;
    await relay(raw);
    await ticketByThread(id);
    const count = await ticketCount();
    const again = await ingestMail({ db: t.db, config: t.config, queue: t.jobs, log: () => {} }, Buffer.from(raw), { source: 'imap' });
    assert.equal(again.outcome, 'duplicate');
    assert.equal(await ticketCount(), count);
  });
});

describe('mail that must never become a ticket', () => {
  test('auto-replies, Precedence: bulk, bounces and our own mail coming back are logged as dropped', async () => {
    // An operator reply we sent earlier, to loop back with its own Message-ID.
    const [ours] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'ticket.received')).limit(1);
    const cases: [string, string, string?][] = [
      ['auto_submitted', 'Auto-Submitted: auto-replied\r\nSubject: 不在通知: お問い合わせ\r\n'],
      ['autoreply_header', 'X-Autoreply: yes\r\nSubject: Out of office\r\n'],
      ['precedence', 'Precedence: bulk\r\nSubject: Newsletter\r\n'],
      [
        'delivery_report',
        'Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n',
        '--b1\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n--b1--\r\n',
      ],
      ['bounce', 'Subject: Returned mail\r\n'],
    ];
    const before = await ticketCount();
    for (const [reason, headers, body] of cases) {
      const id = msgId(reason);
      const from = reason === 'bounce' ? 'MAILER-DAEMON@mx.example.com' : 'someone@example.com';
      await relay(`From: ${from}\r\nTo: helpdesk@example.jp\r\nMessage-ID: ${id}\r\n${headers}\r\n${body ?? 'Automatic message.\r\n'}`);
      const row = await waitUntil(() => inboundRow(id), 10_000, 100, reason);
      assert.equal(row.outcome, 'dropped', reason);
      assert.equal(row.reason, reason);
      assert.equal(row.ticketId, null);
    }
    // Our own acknowledgement, re-sent by a forwarding rule with a human-looking sender: still ours.
    const loop = await ingestMail(
      { db: t.db, config: t.config, queue: t.jobs, log: () => {} },
      Buffer.from(
        `From: forwarder@example.com\r\nTo: helpdesk@example.jp\r\nSubject: ${ours.subject}\r\nMessage-ID: ${ours.messageId}\r\n\r\n${ours.text}\r\n`,
      ),
      { source: 'smtp' },
    );
    assert.deepEqual(loop, { outcome: 'dropped', reason: 'own_message', messageId: ours.messageId });
    // A bounce with the null envelope sender and an ordinary From.
    const nullSender = await ingestMail(
      { db: t.db, config: t.config, queue: t.jobs, log: () => {} },
      Buffer.from(`From: postmaster-bot@example.com\r\nTo: helpdesk@example.jp\r\nSubject: failure\r\nMessage-ID: ${msgId('null')}\r\n\r\nx\r\n`),
      { source: 'smtp', envelopeFrom: '' },
    );
    assert.equal(nullSender.outcome, 'dropped');
    assert.equal(await ticketCount(), before, 'no ticket from any of them');
    assert.equal((await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'someone@example.com'))).length, 0, 'nothing answered');

    // Operations see them in the inbound log with the reason; operators without mail.read do not.
    const log = await admin.get('/api/v1/mail/inbound?outcome=dropped&limit=100');
    assert.equal(log.statusCode, 200, log.body);
    const reasons = (log.json().items as { reason: string; ticketId: string | null }[]).map((i) => i.reason);
    for (const r of ['auto_submitted', 'autoreply_header', 'precedence', 'delivery_report', 'bounce', 'own_message']) assert.ok(reasons.includes(r), r);
    const { client: operator } = await clientFor(t, ['operator']);
    assert.equal((await operator.get('/api/v1/mail/inbound')).statusCode, 403);
  });
});

describe('content of inbound mail', () => {
  test('HTML is sanitized: scripts, event handlers and javascript: links never reach the desk', async () => {
    const id = msgId('html');
    await client.sendMail({
      from: 'html@example.com',
      to: 'helpdesk@example.jp',
      subject: 'HTML mail',
      messageId: id,
      html: '<p>Hello <b>desk</b></p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">click</a><a href="https://example.com/help" onclick="x()">help</a><iframe src="https://evil.example"></iframe>',
    });
    const ticket = await ticketByThread(id);
    const [mailIn] = (await eventsOf(ticket.id)).filter((e) => e.type === 'mail_in');
    const html = (mailIn.data as { html: string }).html;
    assert.match(html, /<p>Hello <b>desk<\/b><\/p>/);
    assert.doesNotMatch(html, /script|onerror|onclick|javascript:|iframe|alert/i);
    assert.match(html, /<a href="https:\/\/example\.com\/help" target="_blank" rel="noopener noreferrer nofollow">help<\/a>/);
    assert.match(ticket.description, /Hello desk/, 'plain text kept for the ticket body');
    assert.doesNotMatch(ticket.description, /alert/);
  });

  test('attachments are stored within the limits; too large or unsupported ones are only named', async () => {
    const id = msgId('att');
    await client.sendMail({
      from: 'att@example.com',
      to: 'helpdesk@example.jp',
      subject: 'Screenshots',
      text: 'See attached.',
      messageId: id,
      attachments: [
        { filename: 'screen.png', content: PNG, contentType: 'image/png' },
        { filename: '報告書.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'tool.exe', content: Buffer.from('MZ\x90\x00binary'), contentType: 'application/octet-stream' },
      ],
    });
    const ticket = await ticketByThread(id);
    const [mailIn] = (await eventsOf(ticket.id)).filter((e) => e.type === 'mail_in');
    const data = mailIn.data as { fileIds: string[]; skippedAttachments: { name: string; size: number; reason: string }[] };
    assert.equal(data.fileIds.length, 1);
    const [stored] = await t.db.select().from(files).where(eq(files.id, data.fileIds[0]));
    assert.equal(stored.name, 'screen.png');
    assert.ok(stored.data.equals(PNG));
    assert.deepEqual(
      data.skippedAttachments.map((s) => [s.name, s.reason]),
      [
        ['報告書.pdf', 'too_large'],
        ['tool.exe', 'unsupported_type'],
      ],
    );
    assert.equal(data.skippedAttachments[0].size, PDF.length);
    // The stored one downloads from the ticket.
    const dl = await admin.get(`/api/v1/tickets/${ticket.id}/attachments/${stored.id}`);
    assert.equal(dl.statusCode, 200);
    assert.ok(dl.rawPayload.equals(PNG));
  });

  test('an ISO-2022-JP mail (subject and body) and a Shift_JIS body are decoded', async () => {
    const id = msgId('jis');
    const subject = `=?ISO-2022-JP?B?${jis('パスワードを忘れました').toString('base64')}?=`;
    const body = jis('ログインできません。再設定をお願いします。\r\n');
    await relay(
      Buffer.concat([
        Buffer.from(
          `From: =?ISO-2022-JP?B?${jis('佐藤').toString('base64')}?= <sato@example.jp>\r\nTo: helpdesk@example.jp\r\nSubject: ${subject}\r\nMessage-ID: ${id}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n`,
        ),
        body,
      ]),
    );
    const ticket = await ticketByThread(id);
    assert.equal(ticket.subject, 'パスワードを忘れました');
    assert.equal(ticket.language, 'ja');
    assert.equal(ticket.requesterName, '佐藤');
    assert.match(ticket.description, /ログインできません。再設定をお願いします。/);

    const sjis = msgId('sjis');
    await relay(
      Buffer.concat([
        Buffer.from(
          `From: kato@example.jp\r\nTo: helpdesk@example.jp\r\nSubject: =?Shift_JIS?B?${iconv.encode('共有フォルダ', 'Shift_JIS').toString('base64')}?=\r\nMessage-ID: ${sjis}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
        ),
        iconv.encode('共有フォルダに接続できません。\r\n', 'Shift_JIS'),
      ]),
    );
    const t2 = await ticketByThread(sjis);
    assert.equal(t2.subject, '共有フォルダ');
    assert.match(t2.description, /共有フォルダに接続できません。/);
  });
});
