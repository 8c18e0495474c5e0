import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { ADMIN, type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { incidentClockAlertSweep } from './incidents.jobs.ts';

/** Issue #7 item 2: at-risk (75 %) and breach alerts of incident clocks, once per level, to the people of the sites. */

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
let tokyoOp: { email: string };
let osakaOp: { email: string };
const MIN = 60_000;
const t0 = new Date('2026-11-20T01:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * MIN);
const alertMails = async () =>
  (await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'incident.clock-alert'))).map((m) => [m.to, m.subject] as [string, string]);

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  tokyoOp = (await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] })).user;
  osakaOp = (await clientFor(t, ['operator'], { kind: 'sites', siteIds: [osaka.id] })).user;
});
after(async () => {
  await t.close();
});

describe('incident clock alerts', () => {
  test('at risk at 75 %, breached past the target, each once, to operators and admins of the incident sites', async () => {
    const res = await admin.post('/api/v1/incidents', { title: 'サーバ停止', kind: 'hardware', siteIds: [tokyo.id], occurredAt: t0.toISOString() });
    const id = res.json().id;
    assert.deepEqual(await incidentClockAlertSweep(t.db, t.jobs, t.config, at(80)), { checked: 1, alerts: 0 }, '80 of 120 minutes: not yet');
    assert.deepEqual(await incidentClockAlertSweep(t.db, t.jobs, t.config, at(100)), { checked: 1, alerts: 1 });
    const first = await alertMails();
    assert.deepEqual(first.map(([to]) => to).sort(), [ADMIN.email, tokyoOp.email].sort());
    assert.ok(!first.some(([to]) => to === osakaOp.email));
    assert.match(first[0][1], /期限間近/);
    assert.equal((await incidentClockAlertSweep(t.db, t.jobs, t.config, at(110))).alerts, 0, 'not twice');

    assert.equal((await incidentClockAlertSweep(t.db, t.jobs, t.config, at(130))).alerts, 1, 'the report clock breached');
    assert.match((await alertMails()).at(-1)![1], /期限超過/);
    await admin.post(`/api/v1/incidents/${id}/events`, { type: 'milestone', milestone: 'reported', at: at(135).toISOString() });
    // 200 minutes: initial response and countermeasure (240) at risk; the met report clock is quiet.
    assert.equal((await incidentClockAlertSweep(t.db, t.jobs, t.config, at(200))).alerts, 2);
    const timeline = (await admin.get(`/api/v1/incidents/${id}/events`)).json().items.filter((e: { type: string }) => e.type === 'clock_alert');
    assert.deepEqual(
      timeline.map((e: { data: { clock: string; level: string } }) => `${e.data.clock}:${e.data.level}`),
      ['report:at_risk', 'report:breached', 'initial_response_hw:at_risk', 'countermeasure:at_risk'],
    );
  });
});
