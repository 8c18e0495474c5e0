import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { agencyCalendarDefaults } from '../../platform/calendar/business-time.ts';
import { toBusinessCalendar } from '../../platform/calendar/calendar.service.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { users } from '../access/access.table.ts';
import { computeClock } from './tickets.clock.ts';
import { sweepAtRiskTickets } from './tickets.jobs.ts';
import { tickets } from './tickets.table.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
});
after(() => t.close());

// Friday 17 July 2026, 17:00 JST; Monday 20 July is Marine Day (海の日). Of the 2 business hours, 45 minutes run
// on Friday (until 17:45) and the rest from Tuesday 9:00: 75 % is reached at Tue 9:45, the deadline is Tue 10:15.
const received = new Date('2026-07-17T08:00:00Z');
const at = (iso: string) => new Date(iso);

test('the clock runs on business time only: a weekend and a holiday inside it use none of the 2 hours', () => {
  const calendar = toBusinessCalendar(agencyCalendarDefaults, []);
  const facts = { siteId: 'x', receivedAt: received, firstAnswerDueAt: null, firstAnsweredAt: null, installRequest: false, noResponse: false };
  const onHoliday = computeClock(facts, calendar, at('2026-07-20T03:00:00Z'));
  assert.equal(onHoliday.state, 'running');
  assert.equal(onHoliday.remainingMs, 75 * 60_000);
  assert.equal(onHoliday.elapsedRatio, 0.375);
  assert.equal(onHoliday.dueAt, '2026-07-21T01:15:00.000Z');
  assert.equal(computeClock(facts, calendar, at('2026-07-21T00:40:00Z')).state, 'running');
  assert.equal(computeClock(facts, calendar, at('2026-07-21T00:50:00Z')).state, 'at_risk');
  const late = computeClock(facts, calendar, at('2026-07-21T01:20:00Z'));
  assert.equal(late.state, 'breached');
  assert.equal(late.remainingMs, -5 * 60_000);
  const answered = computeClock({ ...facts, firstAnsweredAt: at('2026-07-21T01:00:00Z') }, calendar, at('2026-08-01T00:00:00Z'));
  assert.deepEqual([answered.state, answered.remainingMs], ['met', 15 * 60_000], 'the clock stops at the first answer');
  assert.equal(computeClock({ ...facts, installRequest: true }, calendar, at('2026-07-21T01:20:00Z')).state, 'excluded');
});

test('the at-risk sweep mails the assignee once, in their language, at 75 % of the business-time target', async () => {
  const { user } = await clientFor(t, ['operator']);
  await t.db.update(users).set({ locale: 'en', displayName: 'Ken Operator' }).where(eq(users.id, user.id));
  const post = async (over: Record<string, unknown>) => {
    const res = await admin.post('/api/v1/tickets', {
      channel: 'mail',
      requester: { name: '鈴木', email: 'suzuki@example.jp' },
      siteId: tokyo.id,
      subject: 'Teams に サインインできない',
      receivedAt: received.toISOString(),
      ...over,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const assigned = await post({ assigneeId: user.id });
  const install = await post({ assigneeId: user.id, installRequest: true });
  const unassigned = await post({});
  const mailsTo = async () => (await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email))).filter((m) => m.text.includes(assigned.number));
  const flagged = async (id: string) => (await t.db.select({ at: tickets.atRiskNotifiedAt }).from(tickets).where(eq(tickets.id, id)))[0].at;

  // Over the weekend and on Marine Day a wall-clock timer would have fired long ago.
  await sweepAtRiskTickets(t.db, t.config, t.jobs, at('2026-07-20T05:00:00Z'));
  await sweepAtRiskTickets(t.db, t.config, t.jobs, at('2026-07-21T00:40:00Z'));
  assert.equal((await mailsTo()).length, 0);
  assert.equal(await flagged(assigned.id), null);

  await sweepAtRiskTickets(t.db, t.config, t.jobs, at('2026-07-21T00:50:00Z'));
  await sweepAtRiskTickets(t.db, t.config, t.jobs, at('2026-07-21T00:55:00Z'));
  const mails = await mailsTo();
  assert.equal(mails.length, 1, 'exactly once');
  assert.equal(mails[0].subject, `[Unyo] First answer due soon (${assigned.number})`);
  assert.match(mails[0].text, /Dear Ken Operator/);
  assert.match(mails[0].text, /Business time left: 25 min/);
  assert.match(mails[0].text, new RegExp(`/tickets/${assigned.id}$`, 'm'));
  assert.equal((await flagged(assigned.id))?.toISOString(), '2026-07-21T00:50:00.000Z');
  assert.ok(await flagged(unassigned.id), 'an unassigned ticket is flagged too (the list shows it at risk)');
  assert.equal(await flagged(install.id), null, 'install requests have no clock');

  const breached = (await admin.get('/api/v1/tickets?clock=breached&limit=500')).json().items.map((i: { id: string }) => i.id);
  assert.ok(breached.includes(assigned.id) && !breached.includes(install.id));
  const excluded = (await admin.get('/api/v1/tickets?clock=excluded&limit=500')).json().items.map((i: { id: string }) => i.id);
  assert.deepEqual(excluded, [install.id]);
});
