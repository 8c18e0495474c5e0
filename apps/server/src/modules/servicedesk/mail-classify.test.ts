import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import {
  dropReasonOf,
  guessLanguage,
  isOwnMessageId,
  newTicketMessageId,
  threadIdsOf,
  ticketNumberInMessageId,
  ticketNumberInSubject,
} from './mail-classify.ts';
import { baseSubject } from './mail-outbound.ts';

const opts = { ownAddress: 'helpdesk@example.jp', ownIdDomain: 'example.jp' };
const parse = (headers: string) => simpleParser(`From: Someone <someone@example.com>\r\nTo: helpdesk@example.jp\r\nSubject: x\r\n${headers}\r\nbody\r\n`);

test('loop and auto-reply rules: what is dropped and why, and what a human mail looks like', async () => {
  assert.equal(dropReasonOf(await parse(''), opts), null);
  assert.equal(dropReasonOf(await parse('Auto-Submitted: no\r\n'), opts), null, 'explicitly human');
  assert.equal(dropReasonOf(await parse('Auto-Submitted: auto-generated\r\n'), opts), 'auto_submitted');
  assert.equal(dropReasonOf(await parse('Precedence: junk\r\n'), opts), 'precedence');
  assert.equal(dropReasonOf(await parse('Precedence: first-class\r\n'), opts), null);
  assert.equal(dropReasonOf(await parse('X-Autorespond: yes\r\n'), opts), 'autoreply_header');
  assert.equal(dropReasonOf(await parse('X-Spam-Flag: YES\r\n'), opts), 'spam');
  assert.equal(dropReasonOf(await parse('X-Spam-Status: Yes, score=9.1 required=5.0 tests=FORGED\r\n'), opts), 'spam');
  assert.equal(dropReasonOf(await parse('X-Spam-Status: No, score=0.2 required=5.0\r\nX-Spam-Flag: NO\r\n'), opts), null);
  assert.equal(dropReasonOf(await parse('Return-Path: <>\r\n'), opts), 'bounce');
  assert.equal(dropReasonOf(await parse('Return-Path: <someone@example.com>\r\n'), opts), null);
  assert.equal(dropReasonOf(await parse(''), { ...opts, envelopeFrom: '' }), 'bounce', 'null envelope sender');
  assert.equal(dropReasonOf(await parse(''), { ...opts, envelopeFrom: 'MAILER-DAEMON@mx.example.com' }), 'bounce');
  assert.equal(dropReasonOf(await simpleParser('From: helpdesk@example.jp\r\nSubject: x\r\n\r\nb\r\n'), opts), 'own_address');
  const ours = newTicketMessageId('HD-2026-000123', 'r5', 'example.jp');
  assert.equal(dropReasonOf(await parse(`Message-ID: ${ours}\r\n`), opts), 'own_message');
  assert.equal(dropReasonOf(await parse(`In-Reply-To: ${ours}\r\n`), opts), null, 'a reply to our mail is a human answer');
});

test('our Message-IDs name the ticket; other domains and forms are not ours', () => {
  const id = newTicketMessageId('HD-2026-000123', 'ack', 'example.jp');
  assert.match(id, /^<ticket-HD-2026-000123-ack-[0-9a-f]{8}@example\.jp>$/);
  assert.equal(ticketNumberInMessageId(id, 'example.jp'), 'HD-2026-000123');
  assert.equal(isOwnMessageId(id, 'other.example'), false);
  assert.equal(ticketNumberInMessageId('<ticket-HD-2026-000123-x@evil.example>', 'example.jp'), null);
  assert.equal(ticketNumberInSubject('RE: 印刷できません [hd-2026-000777]'), 'HD-2026-000777');
  assert.equal(ticketNumberInSubject('HD-26-1'), null);
});

test('thread ids come from In-Reply-To then References, once each', async () => {
  const m = await parse('In-Reply-To: <b@x>\r\nReferences: <a@x> <b@x>\r\n');
  assert.deepEqual(threadIdsOf(m), ['<b@x>', '<a@x>']);
});

test('language guess and reply subjects', () => {
  assert.equal(guessLanguage('VPN に接続できない'), 'ja');
  assert.equal(guessLanguage('ｶﾀｶﾅ'), 'ja');
  assert.equal(guessLanguage('VPN does not connect'), 'en');
  assert.equal(baseSubject('Re: RE: 返信: Cannot print [HD-2026-000001]'), 'Cannot print');
  assert.equal(baseSubject('【受付】プリンター [HD-2026-000001]'), 'プリンター');
  assert.equal(baseSubject('Re:'), '-');
});
