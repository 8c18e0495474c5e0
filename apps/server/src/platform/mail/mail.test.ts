import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { type Client, clientFor, loginAdmin, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { waitUntil } from '../../test/processes.ts';
import { deliverMail } from './mail.service.ts';

const NEW_PASSWORD = 'Kawatta-Pass-2024';
const FROM = 'Unyo 運用 <unyo@example.jp>';

type Received = { to: string[]; headers: Map<string, string>; subject: string; text: string };

/** Decodes RFC 2047 encoded-words; adjacent words are joined before decoding so a split character survives. */
function decodeHeader(value: string): string {
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const words = [...run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)];
    const bytes = Buffer.concat(
      words.map(([, , enc, data]) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ),
      ),
    );
    return new TextDecoder(words[0][1]).decode(bytes);
  });
}

/** Just enough MIME for a single-part text mail as nodemailer writes it. */
function parseMail(raw: string, to: string[]): Received {
  const split = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  const body = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : Buffer.from(body, 'latin1').toString('utf8');
  return { to, headers, subject: decodeHeader(headers.get('subject') ?? ''), text };
}

/** A real SMTP server on a random loopback port that keeps what it accepts, or refuses while `refusal` is set. */
const inbox: Received[] = [];
let refusal: string | null = null;
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  disableReverseLookup: true,
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      if (refusal) return callback(Object.assign(new Error(refusal), { responseCode: 451 }));
      inbox.push(
        parseMail(
          Buffer.concat(chunks).toString('latin1'),
          session.envelope.rcptTo.map((r) => r.address),
        ),
      );
      callback();
    });
  },
});

let t: TestApp;
let admin: Client;
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await startTestApp({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM },
    jobs: { enabled: true, pollSeconds: 1, cronMonitorSeconds: 1 },
  });
  await t.jobs.start();
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

type OutboxRow = {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
};
async function outboxFor(email: string): Promise<OutboxRow | undefined> {
  const res = await admin.get('/api/v1/mail?limit=100');
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as OutboxRow[]).find((m) => m.to === email);
}

const mailTo = (email: string) => waitUntil(async () => inbox.find((m) => m.to.includes(email)), 15_000, 100, `mail to ${email}`);

async function changePassword(client: Client) {
  const res = await client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
  assert.equal(res.statusCode, 204, res.body);
}

describe('password-change notification by e-mail', () => {
  test('a user who changes their password receives a Japanese notice, and the outbox shows it sent', async () => {
    const { user, client } = await clientFor(t, ['operator']);
    await changePassword(client);

    const mail = await mailTo(user.email);
    assert.equal(mail.subject, '【Unyo】パスワードが変更されました');
    assert.match(decodeHeader(mail.headers.get('from') ?? ''), /Unyo 運用 <unyo@example\.jp>/);
    assert.ok(mail.text.includes(`${user.displayName} 様`), mail.text);
    assert.match(mail.text, /心当たりがない場合は/);

    const row = await waitUntil(async () => {
      const r = await outboxFor(user.email);
      return r?.status === 'sent' ? r : null;
    }, 10_000);
    assert.equal(row.subject, '【Unyo】パスワードが変更されました');
    assert.equal(row.template, 'password-changed');
    assert.equal(row.attempts, 1);
    assert.equal(row.lastError, null);
    assert.ok(row.sentAt);
  });

  test('a refusing SMTP server leaves the mail pending with the error; a retry once it accepts delivers it once', async () => {
    const { user, client } = await clientFor(t, ['operator']);
    refusal = 'Mailbox temporarily unavailable, try later';
    let row: OutboxRow;
    try {
      await changePassword(client);
      row = await waitUntil(async () => {
        const r = await outboxFor(user.email);
        return r && r.attempts >= 1 ? r : null;
      }, 15_000);
    } finally {
      refusal = null;
    }
    assert.equal(row.status, 'pending');
    assert.match(row.lastError ?? '', /temporarily unavailable/);
    assert.equal(row.sentAt, null);
    assert.equal(inbox.filter((m) => m.to.includes(user.email)).length, 0);

    assert.equal(await deliverMail(t.db, t.config, row.id), 'sent');
    const mail = await mailTo(user.email);
    assert.equal(mail.subject, '【Unyo】パスワードが変更されました');
    const sent = await outboxFor(user.email);
    assert.equal(sent?.status, 'sent');
    assert.equal(sent?.attempts, row.attempts + 1);
    assert.equal(sent?.lastError, null);

    // A late duplicate job (the queue's own retry) must not send it again.
    assert.equal(await deliverMail(t.db, t.config, row.id), 'skipped');
    assert.equal(inbox.filter((m) => m.to.includes(user.email)).length, 1);
  });

  test('a user whose language is English gets the English notice', async () => {
    const { user, client } = await clientFor(t, ['requester']);
    const me = await client.patch('/api/v1/me', { locale: 'en' });
    assert.equal(me.statusCode, 200, me.body);
    await changePassword(client);

    const mail = await mailTo(user.email);
    assert.equal(mail.subject, '[Unyo] Your password was changed');
    assert.ok(mail.text.startsWith(`Dear ${user.displayName},`), mail.text);
    assert.doesNotMatch(mail.text, /様/);
    const row = await waitUntil(async () => {
      const r = await outboxFor(user.email);
      return r?.status === 'sent' ? r : null;
    }, 10_000);
    assert.equal(row.subject, '[Unyo] Your password was changed');
  });
});
