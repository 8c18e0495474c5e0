import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Hand-computed incident fixtures (issue #7 acceptance). All times are JST (+09:00), November 2026.
 *
 * A hardware, 24×7 rules. Occurred Mon 11-02 20:00; reported 21:30 (1h30 ≤ 2h: met); escalation to NEC from
 *   22:00 to Wed 11-04 10:00 (36 h, over midnight and the 11-03 holiday); initial response 23:30 (3h30: met);
 *   countermeasure 11-04 11:00 (39 h, escalation not excluded from this clock: breached); recovered 11-04 13:00:
 *   41 h − 36 h escalation = 5 h ≤ 24 h: met. Recovery segments: counted 2 h, paused 36 h, counted 3 h.
 * B software, occurs after a new recovery rule (effective 11-15) on a business calendar Mon–Fri 09:00–17:45 with
 *   Japanese holidays, target 525 min. Occurred Fri 11-20 16:45; escalation Fri 17:00 → Sat 11-21 12:00; recovered
 *   Tue 11-24 10:30. Counted 16:45–17:00 (15 min), paused (escalation), closed Sat 12:00 → Tue 09:00 (weekend and
 *   the 11-23 holiday), counted 09:00–10:30 (90 min) = 105 min: met (without the holiday, Monday's 525 min would
 *   breach it). Initial response 19:45 (3 h, 24×7: met). Report excluded (client program), countermeasure
 *   excluded (presented by the escalation party).
 * C network. Occurred Thu 11-05 09:00; reported 09:30; initial 10:00; countermeasure 12:00; recovered 15:00;
 *   reopened Fri 11-06 08:00; recovered 20:00. Recovery: 6 h + 12 h = 18 h (met; 35 h without the pause).
 * D software, major security (S-3). Occurred Tue 11-10 10:00; reported 13:00 (3 h: missed); initial 15:00 (5 h:
 *   breached); no countermeasure and no recovery by now (both breached, counted as missed).
 * E hardware, major infrastructure (S-4). Occurred Thu 11-12 09:00; reported 10:00; initial 12:00;
 *   countermeasure 12:30; recovered 14:00 (all met).
 * Z hardware, occurred in October: not in November's report.
 *
 * November: S-2-1 (A, C, E) 3/3 = 100 %; S-2-2 (B, D) 1/2 = 50 %; S-4-3-3-1 4/5 = 80 %; S-4-3-3-2 3/4 = 75 %
 * (B excluded); S-4-3-3-3 2/4 = 50 % (B excluded); S-3 = 1 (D); S-4 = 1 (E).
 */

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
const ids: Record<string, string> = {};

const at = (local: string) => `${local}:00+09:00`;
const H = 3_600_000;

async function incident(key: string, body: Record<string, unknown>, events: Record<string, unknown>[]) {
  const res = await admin.post('/api/v1/incidents', body);
  assert.equal(res.statusCode, 201, res.body);
  ids[key] = res.json().id;
  for (const e of events) {
    const r = await admin.post(`/api/v1/incidents/${ids[key]}/events`, e);
    assert.equal(r.statusCode, 201, `${key} ${JSON.stringify(e)}: ${r.body}`);
  }
  return ids[key];
}
const milestone = (m: string, local: string) => ({ type: 'milestone', milestone: m, at: at(local) });

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  const server = await makeAsset(t, tokyo.id, { assetNumber: 'SRV-001', name: 'File server' });

  await incident(
    'A',
    {
      title: 'ファイルサーバ停止',
      kind: 'hardware',
      impact: 'site',
      siteIds: [tokyo.id],
      assetIds: [server.id],
      occurredAt: at('2026-11-02T20:00'),
      detectedAt: at('2026-11-02T20:10'),
    },
    [
      milestone('reported', '2026-11-02T21:30'),
      { type: 'escalation_started', vendor: 'NEC', at: at('2026-11-02T22:00') },
      milestone('initial_response', '2026-11-02T23:30'),
      { type: 'escalation_ended', at: at('2026-11-04T10:00') },
      milestone('countermeasure', '2026-11-04T11:00'),
      milestone('recovered', '2026-11-04T13:00'),
    ],
  );

  const cal = await admin.post('/api/v1/calendars', {
    code: 'INC-BIZ',
    nameJa: '平日日中',
    nameEn: 'Weekday business hours',
    timeZone: 'Asia/Tokyo',
    workdays: [1, 2, 3, 4, 5],
    hours: [{ start: '09:00', end: '17:45' }],
    japaneseHolidays: true,
  });
  assert.equal(cal.statusCode, 201, cal.body);
  const rule = await admin.post('/api/v1/incidents/clock-settings', {
    code: 'recovery',
    targetMinutes: 525,
    calendarId: cal.json().id,
    pauseOnEscalation: true,
    kinds: ['hardware', 'software', 'network', 'phone', 'cloud', 'business_system'],
    effectiveFrom: at('2026-11-15T00:00'),
  });
  assert.equal(rule.statusCode, 201, rule.body);

  await incident(
    'B',
    {
      title: 'Office 起動不可（全体）',
      kind: 'software',
      siteIds: [osaka.id],
      occurredAt: at('2026-11-20T16:45'),
      reportExclusions: ['client_program'],
      countermeasureExclusions: ['escalation_presented'],
    },
    [
      { type: 'escalation_started', vendor: 'Microsoft', at: at('2026-11-20T17:00') },
      milestone('initial_response', '2026-11-20T19:45'),
      { type: 'escalation_ended', at: at('2026-11-21T12:00') },
      milestone('recovered', '2026-11-24T10:30'),
    ],
  );
  await incident('C', { title: 'WAN 回線断', kind: 'network', siteIds: [tokyo.id, osaka.id], occurredAt: at('2026-11-05T09:00') }, [
    milestone('reported', '2026-11-05T09:30'),
    milestone('initial_response', '2026-11-05T10:00'),
    milestone('countermeasure', '2026-11-05T12:00'),
    milestone('recovered', '2026-11-05T15:00'),
    { type: 'reopened', at: at('2026-11-06T08:00'), note: '再発' },
    milestone('recovered', '2026-11-06T20:00'),
  ]);
  await incident('D', { title: 'マルウェアによる情報漏えい', kind: 'software', majorSecurity: true, siteIds: [tokyo.id], occurredAt: at('2026-11-10T10:00') }, [
    milestone('reported', '2026-11-10T13:00'),
    milestone('initial_response', '2026-11-10T15:00'),
  ]);
  await incident('E', { title: '基幹スイッチ故障', kind: 'hardware', majorInfrastructure: true, occurredAt: at('2026-11-12T09:00') }, [
    milestone('reported', '2026-11-12T10:00'),
    milestone('initial_response', '2026-11-12T12:00'),
    milestone('countermeasure', '2026-11-12T12:30'),
    milestone('recovered', '2026-11-12T14:00'),
  ]);
  await incident('Z', { title: '10月の障害', kind: 'hardware', siteIds: [tokyo.id], occurredAt: at('2026-10-30T09:00') }, []);
});
after(async () => {
  await t.close();
});

const clockOf = (dto: { clocks: { code: string }[] }, code: string) => dto.clocks.find((c) => c.code === code) as Record<string, unknown>;
type Seg = { from: string; to: string; kind: string; reason: string | null; ms: number };
const segs = (list: Seg[]) => list.map((s) => [s.kind, s.from, s.to, s.reason]);
const utc = (local: string) => new Date(at(local)).toISOString();

describe('incident clocks (S-2-1, S-2-2, S-4-3-3-1/2/3)', () => {
  test('an escalation over midnight and a holiday is not counted against recovery, and the explain view shows the segments', async () => {
    const a = (await admin.get(`/api/v1/incidents/${ids.A}`)).json();
    assert.equal(a.status, 'recovered');
    assert.match(a.number, /^IN-\d{4}-\d{6}$/);
    assert.deepEqual(
      a.clocks.map((c: { code: string; state: string; elapsedMs: number }) => [c.code, c.state, c.elapsedMs / 60_000]),
      [
        ['report', 'met', 90],
        ['initial_response_hw', 'met', 210],
        ['initial_response_sw', 'not_applicable', 210],
        ['countermeasure', 'breached', 39 * 60],
        ['recovery', 'met', 5 * 60],
      ],
    );
    const explain = (await admin.get(`/api/v1/incidents/${ids.A}/explain`)).json();
    const recovery = explain.clocks.find((c: { code: string }) => c.code === 'recovery');
    assert.deepEqual(recovery.rule.calendar, '24x7');
    assert.deepEqual(segs(recovery.segments), [
      ['counted', utc('2026-11-02T20:00'), utc('2026-11-02T22:00'), null],
      ['paused', utc('2026-11-02T22:00'), utc('2026-11-04T10:00'), 'escalation:NEC'],
      ['counted', utc('2026-11-04T10:00'), utc('2026-11-04T13:00'), null],
    ]);
    assert.equal(recovery.elapsedMs, 5 * H);
    assert.equal(
      recovery.segments.filter((s: Seg) => s.kind === 'counted').reduce((n: number, s: Seg) => n + s.ms, 0),
      recovery.elapsedMs,
      'the explain view adds up to the clock',
    );
    const counter = explain.clocks.find((c: { code: string }) => c.code === 'countermeasure');
    assert.deepEqual(segs(counter.segments), [['counted', utc('2026-11-02T20:00'), utc('2026-11-04T11:00'), null]]);
  });

  test('a rule changed later applies to incidents that occur after it: business calendar, weekend and holiday closed', async () => {
    const b = (await admin.get(`/api/v1/incidents/${ids.B}`)).json();
    assert.deepEqual(
      b.clocks.map((c: { code: string; state: string }) => [c.code, c.state]),
      [
        ['report', 'excluded'],
        ['initial_response_hw', 'not_applicable'],
        ['initial_response_sw', 'met'],
        ['countermeasure', 'excluded'],
        ['recovery', 'met'],
      ],
    );
    assert.deepEqual(clockOf(b, 'report').exclusions, ['client_program']);
    const explain = (await admin.get(`/api/v1/incidents/${ids.B}/explain`)).json();
    const recovery = explain.clocks.find((c: { code: string }) => c.code === 'recovery');
    assert.equal(recovery.targetMinutes, 525);
    assert.equal(recovery.rule.calendar, '平日日中');
    assert.deepEqual(segs(recovery.segments), [
      ['counted', utc('2026-11-20T16:45'), utc('2026-11-20T17:00'), null],
      ['paused', utc('2026-11-20T17:00'), utc('2026-11-21T12:00'), 'escalation:Microsoft'],
      ['closed', utc('2026-11-21T12:00'), utc('2026-11-24T09:00'), 'calendar'],
      ['counted', utc('2026-11-24T09:00'), utc('2026-11-24T10:30'), null],
    ]);
    assert.equal(recovery.elapsedMs, 105 * 60_000);
    // A is measured by the rule in force when it occurred (24×7, 1 day), not by the later one.
    const a = (await admin.get(`/api/v1/incidents/${ids.A}/explain`)).json();
    assert.equal(a.clocks.find((c: { code: string }) => c.code === 'recovery').targetMinutes, 1440);
    const settings = (await admin.get('/api/v1/incidents/clock-settings')).json();
    assert.equal(settings.history.filter((s: { code: string }) => s.code === 'recovery').length, 2, 'the old rule stays in the history');
  });

  test('a reopened recovery pauses the recovery clock while the service was thought recovered', async () => {
    const c = (await admin.get(`/api/v1/incidents/${ids.C}`)).json();
    assert.deepEqual([clockOf(c, 'recovery').state, clockOf(c, 'recovery').elapsedMs], ['met', 18 * H]);
    assert.equal(c.milestones.recovered, utc('2026-11-06T20:00'));
    const explain = (await admin.get(`/api/v1/incidents/${ids.C}/explain`)).json();
    assert.deepEqual(segs(explain.clocks.find((x: { code: string }) => x.code === 'recovery').segments), [
      ['counted', utc('2026-11-05T09:00'), utc('2026-11-05T15:00'), null],
      ['paused', utc('2026-11-05T15:00'), utc('2026-11-06T08:00'), 'recovered'],
      ['counted', utc('2026-11-06T08:00'), utc('2026-11-06T20:00'), null],
    ]);
    const events = (await admin.get(`/api/v1/incidents/${ids.C}/events`)).json().items;
    assert.deepEqual(
      events.map((e: { type: string }) => e.type),
      ['occurred', 'milestone', 'milestone', 'milestone', 'milestone', 'reopened', 'milestone'],
    );
  });

  test('the monthly metrics match the hand-computed month and drill down to the incidents', async () => {
    const res = await admin.get('/api/v1/incidents/metrics?month=2026-11');
    assert.equal(res.statusCode, 200, res.body);
    const rows = Object.fromEntries(res.json().rows.map((r: { sla: string }) => [r.sla, r]));
    const pick = (sla: string) => [rows[sla].counted, rows[sla].met, rows[sla].missed, rows[sla].excluded, rows[sla].value, rows[sla].achieved];
    assert.deepEqual(pick('S-2-1'), [3, 3, 0, 0, 100, true]);
    assert.deepEqual(pick('S-2-2'), [2, 1, 1, 0, 50, false]);
    assert.deepEqual(pick('S-4-3-3-1'), [5, 4, 1, 0, 80, false]);
    assert.deepEqual(pick('S-4-3-3-2'), [4, 3, 1, 1, 75, false]);
    assert.deepEqual(pick('S-4-3-3-3'), [4, 2, 2, 1, 50, false]);
    assert.deepEqual([rows['S-3'].value, rows['S-3'].drill.missed], [1, [ids.D]]);
    assert.deepEqual([rows['S-4'].value, rows['S-4'].drill.missed], [1, [ids.E]]);
    assert.deepEqual(rows['S-2-2'].drill.missed, [ids.D]);
    assert.deepEqual(rows['S-4-3-3-2'].drill.excluded, [ids.B]);
    assert.deepEqual([...rows['S-4-3-3-3'].drill.missed].sort(), [ids.A, ids.D].sort());
    assert.ok(!JSON.stringify(res.json()).includes(ids.Z), 'an October incident is not in November');
  });
});

describe('incident timeline rules, scope, filters and report mail', () => {
  test('the timeline refuses what cannot happen, with field paths, and writes nothing', async () => {
    const id = await incident('F', { title: 'プリンタ故障', kind: 'hardware', siteIds: [tokyo.id], occurredAt: at('2026-11-25T09:00') }, []);
    const before = (await admin.get(`/api/v1/incidents/${id}/events`)).json().items.length;
    const early = await admin.post(`/api/v1/incidents/${id}/events`, milestone('reported', '2026-11-25T08:00'));
    assert.equal(early.statusCode, 422);
    assert.deepEqual(early.json().errors[0].path, 'at');
    assert.equal((await admin.post(`/api/v1/incidents/${id}/events`, { type: 'escalation_ended' })).statusCode, 422);
    assert.equal((await admin.post(`/api/v1/incidents/${id}/events`, { type: 'reopened', note: 'x' })).statusCode, 409);
    assert.equal((await admin.post(`/api/v1/incidents/${id}/events`, { type: 'closed' })).statusCode, 409);
    assert.equal((await admin.get(`/api/v1/incidents/${id}/events`)).json().items.length, before);
    // Recovery while an escalation is still open is refused; closing after recovery works and then freezes it.
    await admin.post(`/api/v1/incidents/${id}/events`, { type: 'escalation_started', vendor: 'Canon', at: at('2026-11-25T10:00') });
    assert.equal((await admin.post(`/api/v1/incidents/${id}/events`, milestone('recovered', '2026-11-25T12:00'))).statusCode, 422);
    await admin.post(`/api/v1/incidents/${id}/events`, { type: 'escalation_ended', at: at('2026-11-25T11:00') });
    assert.equal((await admin.post(`/api/v1/incidents/${id}/events`, milestone('recovered', '2026-11-25T12:00'))).statusCode, 201);
    const closed = await admin.post(`/api/v1/incidents/${id}/events`, { type: 'closed', note: '保守交換済み' });
    assert.equal(closed.json().status, 'closed');
    assert.equal((await admin.patch(`/api/v1/incidents/${id}`, { title: 'x' })).statusCode, 409);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    assert.ok(audits.some((a) => a.action === 'incident.escalation_started') && audits.some((a) => a.action === 'incident.closed'));
  });

  test('a running clock shows its time left and is due by the target; a paused clock has no due time', async () => {
    const occurred = new Date(Date.now() - 30 * 60_000);
    const res = await admin.post('/api/v1/incidents', { title: '進行中', kind: 'software', occurredAt: occurred.toISOString() });
    const dto = res.json();
    const report = clockOf(dto, 'report');
    assert.equal(report.state, 'running');
    assert.ok(Math.abs(Date.parse(report.dueAt as string) - (occurred.getTime() + 2 * H)) < 5_000);
    await admin.post(`/api/v1/incidents/${dto.id}/events`, { type: 'escalation_started', vendor: 'Vendor' });
    const paused = (await admin.get(`/api/v1/incidents/${dto.id}`)).json();
    assert.deepEqual([clockOf(paused, 'recovery').state, clockOf(paused, 'recovery').dueAt], ['paused', null]);
    assert.equal(clockOf(paused, 'report').state, 'running', 'the report clock is not paused by escalation');
    assert.deepEqual(paused.escalation.vendor, 'Vendor');
  });

  test('filters and site scope: an incident is seen by the people of its sites, an organization-wide one by all', async () => {
    const major = (await admin.get('/api/v1/incidents?major=any&limit=100')).json();
    assert.deepEqual(major.items.map((i: { id: string }) => i.id).sort(), [ids.D, ids.E].sort());
    const hw = (await admin.get(`/api/v1/incidents?kind=network&siteId=${osaka.id}`)).json();
    assert.deepEqual(
      hw.items.map((i: { id: string }) => i.id),
      [ids.C],
    );
    const person = await makePerson(t, osaka.id);
    const { client: osakaStaff } = await clientFor(t, ['supervisor'], { kind: 'own' }, person.id);
    const seen = (await osakaStaff.get('/api/v1/incidents?limit=100&to=2026-11-25T00:00:00Z')).json().items.map((i: { id: string }) => i.id);
    assert.deepEqual(seen.sort(), [ids.B, ids.C, ids.E].sort(), 'Osaka sees its own, the shared and the organization-wide incidents');
    assert.equal((await osakaStaff.get(`/api/v1/incidents/${ids.A}`)).statusCode, 404);
    assert.equal((await osakaStaff.get(`/api/v1/incidents/${ids.A}/explain`)).statusCode, 404);
    assert.equal((await osakaStaff.post(`/api/v1/incidents/${ids.C}/events`, { type: 'note', note: 'x' })).statusCode, 403);
    const metrics = (await osakaStaff.get('/api/v1/incidents/metrics?month=2026-11')).json();
    assert.equal(metrics.rows.find((r: { sla: string }) => r.sla === 'S-4-3-3-1').counted, 3, 'metrics count only what the reader sees');
  });

  test('isolation work on the timeline: LAN cable check, logs sent with attachments, a repair visit; sign stage and SaaS isolation', async () => {
    const res = await admin.post('/api/v1/incidents', {
      title: 'メール送受信不可',
      kind: 'cloud',
      stage: 'sign',
      isolation: 'service_side',
      provider: 'Microsoft 365',
      occurredAt: new Date(Date.now() - H).toISOString(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.deepEqual([dto.stage, dto.isolation], ['sign', 'service_side']);
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'multipart/form-data; boundary=XX' },
      payload: '--XX\r\nContent-Disposition: form-data; name="file"; filename="trace.log"\r\nContent-Type: text/plain\r\n\r\nSMTP 451 4.7.0\r\n--XX--\r\n',
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const fileId = upload.json().id;
    const events = [
      { type: 'lan_cable_checked', result: 'ok' },
      { type: 'logs_sent', to: '保守業者', method: 'mail', fileIds: [fileId] },
      { type: 'repair_visit', contractor: 'NEC フィールディング', attendee: '運用チーム 田中', testSteps: '送受信テスト', result: 'passed' },
    ];
    for (const e of events) assert.equal((await admin.post(`/api/v1/incidents/${dto.id}/events`, e)).statusCode, 201);
    const bogus = await admin.post(`/api/v1/incidents/${dto.id}/events`, { type: 'note', note: 'x', fileIds: [ids.A] });
    assert.deepEqual([bogus.statusCode, bogus.json().errors[0].path], [422, 'fileIds.0']);
    const { client: other } = await clientFor(t, ['operator']);
    const foreign = await other.post(`/api/v1/incidents/${ids.C}/events`, { type: 'note', note: 'x', fileIds: [fileId] });
    assert.equal(foreign.statusCode, 422, 'another user cannot attach a file uploaded for another incident');
    const timeline = (await admin.get(`/api/v1/incidents/${dto.id}/events`)).json().items;
    const byType = Object.fromEntries(timeline.map((e: { type: string; data: Record<string, unknown> }) => [e.type, e.data]));
    assert.equal(byType.lan_cable_checked.result, 'ok');
    assert.deepEqual(byType.logs_sent.fileIds, [fileId]);
    assert.deepEqual([byType.repair_visit.contractor, byType.repair_visit.result], ['NEC フィールディング', 'passed']);
  });

  test('the report to the staff in charge goes out in the chosen language and sets the reported milestone once', async () => {
    const res = await admin.post('/api/v1/incidents', {
      title: 'メールサーバ遅延',
      kind: 'cloud',
      provider: 'Microsoft 365',
      occurredAt: new Date(Date.now() - H).toISOString(),
    });
    const id = res.json().id;
    const sent = await admin.post(`/api/v1/incidents/${id}/report`, { to: ['staff@agency.example'], locale: 'en', message: 'Provider investigating.' });
    assert.equal(sent.statusCode, 200, sent.body);
    const dto = sent.json();
    assert.ok(dto.milestones.reported, 'reported milestone set');
    assert.equal(clockOf(dto, 'report').state, 'met');
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'staff@agency.example'));
    assert.equal(mail.template, 'incident.report');
    assert.match(mail.subject, new RegExp(`^\\[Incident report\\] ${dto.number} `));
    assert.match(mail.text, /Kind: Cloud service \(SaaS\)/);
    assert.match(mail.text, /Provider investigating\./);
    const reportedAt = dto.milestones.reported;
    const again = (await admin.post(`/api/v1/incidents/${id}/report`, { to: ['staff@agency.example'] })).json();
    assert.equal(again.milestones.reported, reportedAt, 'a second report does not move the milestone');
    assert.equal(again.status, 'open', 'a SaaS incident stays open until the provider recovers');
  });
});
