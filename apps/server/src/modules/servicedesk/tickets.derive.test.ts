import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DerivableEvent, deriveTicket } from './tickets.derive.ts';
import { formatTicketNumber } from './tickets.kernel.ts';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00+09:00`);
let seq = 0;
const ev = (type: string, hhmm: string, data: Record<string, unknown> = {}): DerivableEvent => ({ seq: ++seq, type, at: at(hhmm), data });
const log = (...events: DerivableEvent[]) => {
  seq = 0;
  return events.map((e, i) => ({ ...e, seq: i + 1 }));
};

test('the first answer is the earliest answer in time, even when the call was entered after a later reply', () => {
  const d = deriveTicket(
    log(ev('received', '09:50'), ev('public_reply', '14:00'), ev('call', '10:00', { answered: true, direction: 'outbound', talkSeconds: 120 })),
  );
  assert.equal(d.firstAnsweredAt?.toISOString(), at('10:00').toISOString());
  assert.equal(d.handlingSeconds, 120);
});

test('a call answered before the ticket was opened counts as answered on receipt', () => {
  const d = deriveTicket(log(ev('received', '10:02'), ev('call', '10:00', { answered: true, direction: 'inbound' })));
  assert.equal(d.firstAnsweredAt?.toISOString(), at('10:02').toISOString());
});

test('first-contact resolution: settled by the first answer, broken by a further contact, an escalation or a reopen', () => {
  const resolved = (...more: DerivableEvent[]) =>
    deriveTicket(log(ev('received', '09:00'), ev('public_reply', '09:30'), ...more, ev('status_changed', '11:00', { from: 'in_progress', to: 'resolved' })));
  assert.equal(resolved().firstContactResolution, true);
  assert.equal(resolved(ev('mail_in', '10:00')).firstContactResolution, false, 'the requester wrote again');
  assert.equal(resolved(ev('mail_in', '10:00', { fromRequester: false })).firstContactResolution, true, 'a colleague on the thread is not the requester');
  assert.equal(resolved(ev('public_reply', '10:30')).firstContactResolution, false, 'a second answer was needed');
  assert.equal(resolved(ev('internal_note', '10:30')).firstContactResolution, true, 'an internal note is not contact');
  assert.equal(resolved(ev('escalation_started', '10:00', { vendor: 'X' }), ev('escalation_ended', '10:30')).firstContactResolution, false);
  // A call entered late with a time before the first reply becomes the first answer; the reply is then a second answer.
  assert.equal(resolved(ev('call', '09:10', { answered: true, direction: 'inbound' })).firstContactResolution, false);
  const reopened = deriveTicket(
    log(
      ev('received', '09:00'),
      ev('public_reply', '09:30'),
      ev('status_changed', '09:31', { to: 'resolved' }),
      ev('status_changed', '10:00', { to: 'reopened' }),
      ev('status_changed', '10:30', { to: 'resolved' }),
    ),
  );
  assert.equal(reopened.reopenCount, 1);
  assert.equal(reopened.firstContactResolution, false);
  assert.equal(reopened.resolvedAt?.toISOString(), at('10:30').toISOString());
  const unanswered = deriveTicket(log(ev('received', '09:00'), ev('status_changed', '09:10', { to: 'resolved' })));
  assert.equal(unanswered.firstContactResolution, false, 'resolved without any answer');
});

test('ticket numbers carry the Japanese year of receipt', () => {
  assert.equal(formatTicketNumber(new Date('2025-12-31T23:30:00Z'), 42), 'HD-2026-000042', '1 January 08:30 in Tokyo');
  assert.equal(formatTicketNumber(new Date('2026-12-31T14:59:00Z'), 7), 'HD-2026-000007');
});
