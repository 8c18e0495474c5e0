import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DOVECOT_BIN, type Dovecot, dovecotInstalled, startDovecot } from '../../test/dovecot.ts';
import { makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { sites } from '../org/org.table.ts';
import { inboundRow, mailTestConfig, withInbox } from './mail.fixtures.ts';
import { MAX_IMAP_ATTEMPTS, pollImapMailbox } from './mail-imap-poller.ts';
import { tickets } from './tickets.table.ts';

// Review R2 #3 (decision 0013): the IMAP poll neither downloads oversized mail nor retries a failing one forever.

const skip = dovecotInstalled() ? false : `${DOVECOT_BIN} is not installed (apt-get install dovecot-imapd; .ci/run does it)`;
const LIMIT = 64 * 1024;

let t: TestApp;
let dovecot: Dovecot;
before(async () => {
  if (skip) return;
  dovecot = await startDovecot('helpdesk@example.jp');
  const base = mailTestConfig('Helpdesk <helpdesk@example.jp>');
  t = await startTestApp({ mail: base.mail, mailChannel: { ...base.mailChannel, imapUrl: dovecot.url, maxMailBytes: LIMIT } });
  await makeSite(t, { kind: 'hq' });
});
after(async () => {
  await t?.close();
  await dovecot?.stop();
});

const poll = () => pollImapMailbox({ db: t.db, config: t.config, queue: t.jobs, log: () => {} });
const inbound = (messageId: string) => inboundRow(t, messageId);

/** uid → flags of every message in the INBOX. */
const flags = (): Promise<string[][]> =>
  withInbox(dovecot, async (c) =>
    (await c.fetchAll('1:*', { uid: true, flags: true }, { uid: true })).sort((a, b) => a.uid - b.uid).map((m) => [...(m.flags ?? [])].sort()),
  );

test('a message over the size limit is logged as dropped (too_large) and flagged, never filed; the next one is', { skip, timeout: 60_000 }, async () => {
  const big = '<big-1@client.example.jp>';
  const small = '<small-2@client.example.jp>';
  const body = `${'A large scan, base64 lines. '.repeat(70)}\r\n`.repeat(Math.ceil((LIMIT * 2) / 1960));
  await dovecot.deliver(`From: Big Sender <big@example.jp>\r\nTo: helpdesk@example.jp\r\nSubject: Scan\r\nMessage-ID: ${big}\r\n\r\n${body}`);
  await dovecot.deliver(`From: small@example.jp\r\nTo: helpdesk@example.jp\r\nSubject: Mouse broken\r\nMessage-ID: ${small}\r\n\r\nclicks twice\r\n`);
  const r = await poll();
  assert.deepEqual({ ingested: r.ingested, tooLarge: r.tooLarge, failed: r.failed }, { ingested: 1, tooLarge: 1, failed: 0 });
  const row = await inbound(big);
  assert.equal(row.outcome, 'dropped');
  assert.equal(row.reason, 'too_large');
  assert.equal(row.fromAddress, 'big@example.jp');
  assert.equal(row.subject, 'Scan');
  assert.ok(row.size > LIMIT, String(row.size));
  assert.equal((await t.db.select().from(tickets).where(eq(tickets.mailThreadId, big))).length, 0);
  assert.ok((await t.db.select().from(tickets).where(eq(tickets.mailThreadId, small)))[0], 'the next message was filed');
  assert.deepEqual(await flags(), [['\\Flagged', '\\Seen'], ['\\Seen']], 'set aside for a person, not fetched again');
  assert.equal((await poll()).seen, 0);
});

test(`a message that keeps failing is given up after ${MAX_IMAP_ATTEMPTS} attempts: flagged and logged as failed`, { skip, timeout: 60_000 }, async () => {
  const id = '<poison-3@elsewhere.example>';
  await dovecot.deliver(`From: stranger@elsewhere.example\r\nTo: helpdesk@example.jp\r\nSubject: Hello\r\nMessage-ID: ${id}\r\n\r\nhi\r\n`);
  // With no active site, a stranger's mail has nowhere to be filed: every attempt fails.
  await t.db.update(sites).set({ active: false });
  try {
    for (let i = 1; i < MAX_IMAP_ATTEMPTS; i++) {
      const r = await poll();
      assert.deepEqual({ failed: r.failed, givenUp: r.givenUp }, { failed: 1, givenUp: 0 });
      const row = await inbound(id);
      assert.equal(row.outcome, 'failed');
      assert.equal(row.attempts, i);
      assert.match(row.reason ?? '', /no site/);
    }
    const last = await poll();
    assert.equal(last.givenUp, 1);
    assert.equal((await inbound(id)).attempts, MAX_IMAP_ATTEMPTS);
    assert.deepEqual((await flags()).at(-1), ['\\Flagged', '\\Seen']);
  } finally {
    await t.db.update(sites).set({ active: true });
  }
  // Not fetched again, even now that it could be filed.
  assert.equal((await poll()).seen, 0);
  assert.equal((await inbound(id)).outcome, 'failed');
  assert.equal((await t.db.select().from(tickets).where(eq(tickets.mailThreadId, id))).length, 0);
});
