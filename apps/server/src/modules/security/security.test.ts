import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, clientFor, loginAdmin, makeAsset, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
let pc: { id: string };

const at = (local: string) => `${local}:00+09:00`;
const H = 3_600_000;

async function malware(title: string, detected: string, steps: [string, string | null, Record<string, unknown>?][]) {
  const res = await admin.post('/api/v1/security-cases', { kind: 'malware', title, siteIds: [tokyo.id], assetIds: [pc.id], detectedAt: at(detected) });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  for (const [step, when, extra] of steps) {
    const r = await admin.post(`/api/v1/security-cases/${id}/steps`, { step, ...(when ? { at: at(when) } : {}), ...extra });
    assert.equal(r.statusCode, 201, `${step}: ${r.body}`);
  }
  return id;
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  pc = await makeAsset(t, tokyo.id, { assetNumber: 'PC-SEC-1' });
});
after(async () => {
  await t.close();
});

describe('security cases (4.2, S-4-5-4-1)', () => {
  const ids: Record<string, string> = {};

  test('the infected-device response clock runs from detection to the interview and, once confirmed, the isolation', async () => {
    // Met: interview 11:00, confirmed 11:30, isolated 13:30 → 3 h 30 ≤ 4 h.
    ids.met = await malware('Emotet 感染', '2026-11-16T10:00', [
      ['consult_staff', '2026-11-16T10:20'],
      ['interview', '2026-11-16T11:00', { details: { who: '利用者 A', findings: '添付ファイルを開いた' } }],
      ['confirmed', '2026-11-16T11:30'],
      ['isolate', '2026-11-16T13:30', { details: { method: 'logical' } }],
    ]);
    // Missed: isolated at 15:00 → 5 h.
    ids.late = await malware('不審プロセス', '2026-11-17T10:00', [
      ['interview', '2026-11-17T12:00'],
      ['confirmed', '2026-11-17T12:30'],
      ['isolate', '2026-11-17T15:00'],
    ]);
    // Met without isolation: the infection was never confirmed, the interview closes the clock (0 h 30).
    ids.unconfirmed = await malware('誤検知の疑い', '2026-11-18T10:00', [['interview', '2026-11-18T10:30']]);
    // Missed: nothing recorded, long past 4 h.
    ids.silent = await malware('対応記録なし', '2026-11-19T10:00', []);

    const met = (await admin.get(`/api/v1/security-cases/${ids.met}`)).json();
    assert.deepEqual([met.response.state, met.response.elapsedMs, met.response.targetMinutes], ['met', 3.5 * H, 240]);
    assert.equal(met.response.completedAt, new Date(at('2026-11-16T13:30')).toISOString());
    const interview = met.steps.find((s: { step: string }) => s.step === 'interview');
    assert.deepEqual([interview.done, interview.details.who], [true, '利用者 A']);
    assert.equal((await admin.get(`/api/v1/security-cases/${ids.late}`)).json().response.state, 'breached');
    assert.deepEqual([(await admin.get(`/api/v1/security-cases/${ids.unconfirmed}`)).json().response.elapsedMs], [0.5 * H]);

    const m = (await admin.get('/api/v1/security-cases/metrics?month=2026-11')).json();
    assert.deepEqual([m.counted, m.met, m.missed, m.value, m.achieved, m.target], [4, 2, 2, 50, false, 100]);
    assert.deepEqual([...m.drill.missed].sort(), [ids.late, ids.silent].sort());
  });

  test('closing needs every required step done or marked not applicable with a reason', async () => {
    const refused = await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/close`, {});
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(
      refused.json().errors.map((e: { path: string }) => e.path),
      ['steps.consult_staff', 'steps.isolate', 'steps.remove', 'steps.removal_confirmed'],
    );
    const noReason = await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/steps`, { step: 'isolate', notApplicable: true });
    assert.deepEqual([noReason.statusCode, noReason.json().errors[0].path], [422, 'note']);
    const unknown = await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/steps`, { step: 'announcement' });
    assert.deepEqual([unknown.statusCode, unknown.json().errors[0].path], [422, 'step']);
    for (const step of ['isolate', 'remove', 'removal_confirmed'])
      await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/steps`, { step, notApplicable: true, note: '誤検知のため不要' });
    await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/steps`, { step: 'consult_staff' });
    const closed = await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/close`, {});
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal((await admin.post(`/api/v1/security-cases/${ids.unconfirmed}/steps`, { step: 'interview' })).statusCode, 409);
  });

  test('a serious security failure opens a linked incident counted in S-3', async () => {
    const res = await admin.post('/api/v1/security-cases', {
      kind: 'malware',
      title: 'ランサムウェアによるデータ消失',
      siteIds: [tokyo.id],
      detectedAt: at('2026-11-20T09:00'),
      major: true,
      spreadOverLan: true,
    });
    const dto = res.json();
    assert.ok(dto.incidentId);
    const incident = (await admin.get(`/api/v1/incidents/${dto.incidentId}`)).json();
    assert.deepEqual([incident.majorSecurity, incident.milestones.occurred], [true, new Date(at('2026-11-20T09:00')).toISOString()]);
    const s3 = (await admin.get('/api/v1/incidents/metrics?month=2026-11')).json().rows.find((r: { sla: string }) => r.sla === 'S-3');
    assert.deepEqual(s3.drill.missed, [dto.incidentId]);
  });

  test('a suspicious-mail campaign publishes a bilingual notice and ticks its checklist step', async () => {
    const res = await admin.post('/api/v1/security-cases', { kind: 'suspicious_mail', title: '請求書を装う不審メール', detectedAt: at('2026-11-24T09:00') });
    const id = res.json().id;
    assert.deepEqual(
      res.json().steps.map((s: { step: string }) => s.step),
      ['contact_staff', 'contact_contractor', 'announcement', 'manual_distributed', 'notice_published'],
    );
    const jaOnly = await admin.post(`/api/v1/security-cases/${id}/notice`, { ja: { title: '注意', body: '開かないでください' } });
    assert.equal(jaOnly.statusCode, 422);
    assert.ok(jaOnly.json().errors.some((e: { path: string }) => e.path.startsWith('en')));
    const ok = await admin.post(`/api/v1/security-cases/${id}/notice`, {
      ja: { title: '不審メールにご注意ください', body: '請求書を装うメールの添付を開かないでください。' },
      en: { title: 'Beware of suspicious mail', body: 'Do not open attachments of mails posing as invoices.' },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const dto = ok.json();
    assert.equal(dto.steps.find((s: { step: string }) => s.step === 'notice_published').done, true);
    assert.equal(dto.abilities.notice, false);
    const notice = (await admin.get(`/api/v1/notices/${dto.noticeId}`)).json();
    assert.deepEqual([notice.status, notice.en.title, notice.ja.title], ['published', 'Beware of suspicious mail', '不審メールにご注意ください']);
    assert.equal((await admin.post(`/api/v1/security-cases/${id}/notice`, { ja: { title: 'x', body: 'y' }, en: { title: 'x', body: 'y' } })).statusCode, 409);
  });

  test('a PC-quarantine system opens a case with an operator API token; cases are scoped by site', async () => {
    const person = await makePerson(t, tokyo.id);
    const { client: operator } = await clientFor(t, ['operator'], { kind: 'all' }, person.id);
    const token = (await operator.post('/api/v1/api-tokens', { name: 'PC検疫' })).json().token;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/security-cases',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        kind: 'quarantine_alert',
        title: '検疫NG: PC-SEC-1',
        siteIds: [tokyo.id],
        assetIds: [pc.id],
        detectedAt: new Date().toISOString(),
        source: 'quarantine',
        sourceRef: 'alert-991',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().source, res.json().steps[1].step, res.json().response], ['quarantine', 'review_audit_log', null]);

    const osakaPerson = await makePerson(t, osaka.id);
    const { client: osakaStaff } = await clientFor(t, ['supervisor'], { kind: 'own' }, osakaPerson.id);
    assert.equal((await osakaStaff.get(`/api/v1/security-cases/${res.json().id}`)).statusCode, 404);
    const list = (await osakaStaff.get('/api/v1/security-cases?limit=100')).json();
    assert.ok(list.items.every((c: { sites: { id: string }[] }) => c.sites.length === 0 || c.sites.some((s) => s.id === osaka.id)));
    assert.equal((await osakaStaff.get('/api/v1/security-cases/metrics?month=2026-11')).json().counted, 0);
    const tokyoList = (await admin.get(`/api/v1/security-cases?kind=malware&siteId=${tokyo.id}&limit=100`)).json();
    assert.equal(tokyoList.total, 5);
  });
});
