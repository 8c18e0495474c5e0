import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
const site: Record<'a' | 'b', string> = { a: '', b: '' };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site.a = (await makeSite(t, { kind: 'hq' })).id;
  site.b = (await makeSite(t)).id;
  await makeAsset(t, site.a, { assetNumber: 'PT-001', name: 'TKY-PC001' });
  await makeAsset(t, site.a, { assetNumber: 'PT-002', name: 'TKY-PC002' });
  await makeAsset(t, site.b, { assetNumber: 'PT-003', name: 'OSK-SV01' });
});
after(async () => {
  await t.close();
});

const todayTokyo = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
const plan = (over: Record<string, unknown>) => admin.post('/api/v1/patch-plans', { title: '2026年11月 月例パッチ', targetPatches: ['KB5034441'], ...over });

describe('patch plans (1.1.b) and S-4-5-1-1', () => {
  const ids: Record<string, string> = {};

  test('CRUD, audited; presented before the instruction is refused', async () => {
    const bad = await plan({ instructedOn: '2026-11-10', presentedOn: '2026-11-09' });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().errors[0].path, 'presentedOn');

    const created = await plan({
      instructedOn: '2026-11-02',
      presentedOn: '2026-11-16',
      targetSiteIds: [site.a],
      applyFrom: '2026-11-18',
      applyUntil: '2026-11-30',
    });
    assert.equal(created.statusCode, 201, created.body);
    const p = created.json();
    assert.deepEqual([p.presentDueOn, p.deadline, p.targetSites.map((s: { id: string }) => s.id), p.status], ['2026-11-16', 'met', [site.a], 'draft']);
    ids.met = p.id;

    const upd = await admin.patch(`/api/v1/patch-plans/${p.id}`, { status: 'approved', approvedBy: '情報システム課 山田' }, { 'if-match': '"v1"' });
    assert.equal(upd.statusCode, 200, upd.body);
    assert.deepEqual([upd.json().status, upd.json().version], ['approved', 2]);
    assert.equal((await admin.patch(`/api/v1/patch-plans/${p.id}`, { note: 'x' }, { 'if-match': '"v1"' })).statusCode, 412);
    const late = await admin.patch(`/api/v1/patch-plans/${p.id}`, { presentedOn: '2026-11-01' });
    assert.equal(late.statusCode, 422, late.body);

    // 3.3.1.k: the pre-test on test PCs is recorded with its date; a result without a date is refused on the date.
    const undated = await admin.patch(`/api/v1/patch-plans/${p.id}`, { preTestResult: 'passed' });
    assert.equal(undated.statusCode, 422, undated.body);
    assert.equal(undated.json().errors[0].path, 'preTestedOn');
    const tested = await admin.patch(`/api/v1/patch-plans/${p.id}`, {
      preTestedOn: '2026-11-17',
      preTestResult: 'passed_with_issues',
      preTestNotes: '検証用 PC 2 台で適用・再起動を確認。業務アプリ A の印刷に遅延あり',
    });
    assert.equal(tested.statusCode, 200, tested.body);
    const fetched = (await admin.get(`/api/v1/patch-plans/${p.id}`)).json();
    assert.deepEqual([fetched.preTestedOn, fetched.preTestResult, fetched.preTestNotes.slice(0, 6)], ['2026-11-17', 'passed_with_issues', '検証用 PC']);

    const scratch = (await plan({ instructedOn: '2026-11-05', title: '削除用' })).json();
    assert.equal((await admin.delete(`/api/v1/patch-plans/${scratch.id}`)).statusCode, 204);
    assert.equal((await admin.get(`/api/v1/patch-plans/${scratch.id}`)).statusCode, 404);

    const audit = (await t.db.execute(sql`select action from audit_log where entity_type = 'patch-plan' order by id`)) as unknown as {
      rows: { action: string }[];
    };
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['patch-plan.created', 'patch-plan.updated', 'patch-plan.updated', 'patch-plan.created', 'patch-plan.deleted'],
    );
    const { client: operator } = await clientFor(t, ['operator']);
    assert.equal((await operator.post('/api/v1/patch-plans', { title: 'op', instructedOn: '2026-11-01' })).statusCode, 201);
    const { client: supervisor } = await clientFor(t, ['supervisor']);
    assert.equal((await supervisor.get('/api/v1/patch-plans')).statusCode, 200);
    assert.equal((await supervisor.post('/api/v1/patch-plans', { title: 'sv', instructedOn: '2026-11-01' })).statusCode, 403);
  });

  test('14 days after the instruction is on time, 15 is late; not presented past the deadline is late, before it pending', async () => {
    ids.missed = (await plan({ instructedOn: '2026-11-02', presentedOn: '2026-11-17' })).json().id;
    ids.unpresentedLate = (await plan({ instructedOn: '2026-11-03' })).json().id;
    ids.cancelled = (await plan({ instructedOn: '2026-11-04', status: 'cancelled' })).json().id;
    const pending = (await plan({ instructedOn: todayTokyo() })).json();
    assert.equal(pending.deadline, 'pending');

    // The operator's plan above (2026-11-01, not presented) is late as well.
    const m = (await admin.get('/api/v1/patch-plans/monthly?month=2026-11')).json();
    assert.deepEqual(m.met, [ids.met]);
    assert.equal(m.missed.length, 3);
    assert.ok(m.missed.includes(ids.missed) && m.missed.includes(ids.unpresentedLate));
    assert.ok(!m.missed.includes(ids.cancelled) && !m.pending.includes(ids.cancelled));
    assert.deepEqual([m.rate, m.achieved, m.deadlineDays, m.target], [25, false, 14, 95]);

    // A 15-day deadline makes the 15-day plan on time.
    assert.equal((await admin.patch('/api/v1/endpoint-security/settings', { planDeadlineDays: 15 })).statusCode, 200);
    const m15 = (await admin.get('/api/v1/patch-plans/monthly?month=2026-11')).json();
    assert.deepEqual(m15.met.sort(), [ids.met, ids.missed].sort());
    assert.equal((await admin.patch('/api/v1/endpoint-security/settings', { planDeadlineDays: 14 })).statusCode, 200);

    const thisMonth = (await admin.get(`/api/v1/patch-plans/monthly?month=${todayTokyo().slice(0, 7)}`)).json();
    assert.ok(thisMonth.pending.includes(pending.id));
    const empty = (await admin.get('/api/v1/patch-plans/monthly?month=2026-01')).json();
    assert.deepEqual([empty.rate, empty.achieved], [null, null]);
  });
});

// A WSUS "computers × updates" status report saved as CSV.
const wsusHeading = ['Computer', 'KB Article', 'Update title', 'Classification', 'Approval', 'Installation state', 'Last status time'];
const wsus = (rows: string[][]) => ({ name: 'wsus-status.csv', data: Buffer.from(csvOf([wsusHeading, ...rows])), type: 'text/csv' });
const cu = '2026-11 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems';

describe('patch application status (3.3.1.k)', () => {
  test('a bad install state writes nothing', async () => {
    const res = await importFile(
      t.app,
      admin,
      'patch-status',
      wsus([['TKY-PC001.corp.example.jp', 'KB5034441', cu, 'Security Updates', 'Install', 'Pending', '2026/11/20 10:00']]),
      {
        commit: true,
      },
    );
    assert.equal(res.json().committed, false, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [[2, 'Installation state']],
    );
    const n = (await t.db.execute(sql`select count(*) as n from patch_status_imports`)) as unknown as { rows: { n: string }[] };
    assert.equal(Number(n.rows[0].n), 0);
  });

  test('unapplied list by device × update, filters, scope, and the application rate of a plan', async () => {
    const res = await importFile(
      t.app,
      admin,
      'patch-status',
      wsus([
        ['TKY-PC001.corp.example.jp', 'KB5034441', cu, 'Security Updates', 'Install', 'Installed', '2026/11/20 10:00'],
        ['TKY-PC002.corp.example.jp', 'KB5034441', cu, 'Security Updates', 'Install', 'NotInstalled', '2026/11/20 10:00'],
        ['OSK-SV01.corp.example.jp', 'KB5034441', cu, 'Security Updates', 'Install', 'Failed', '2026/11/20 10:00'],
        ['UNKNOWN-PC.corp.example.jp', '5034441', cu, 'Security Updates', 'Install', 'Installed', '2026/11/20 10:00'],
        ['TKY-PC001.corp.example.jp', 'KB5034439', '.NET Framework update', 'Updates', 'Install', 'NotApplicable', '2026/11/20 10:00'],
        ['TKY-PC002.corp.example.jp', 'KB5034439', '.NET Framework update', 'Updates', 'Install', 'Downloaded', '2026/11/20 10:00'],
      ]),
      { commit: true },
    );
    assert.deepEqual([res.json().committed, res.json().created], [true, 6], res.body);

    const list = (await admin.get('/api/v1/patch-status')).json();
    assert.deepEqual(
      list.items.map((i: { kb: string; computerName: string; state: string }) => [i.kb, i.computerName, i.state]),
      [
        ['KB5034439', 'TKY-PC002.corp.example.jp', 'downloaded'],
        ['KB5034441', 'OSK-SV01.corp.example.jp', 'failed'],
        ['KB5034441', 'TKY-PC002.corp.example.jp', 'notinstalled'],
      ],
    );
    assert.equal(list.items[0].asset.assetNumber, 'PT-002');
    assert.equal((await admin.get('/api/v1/patch-status?kb=kb5034441')).json().total, 2);
    assert.equal((await admin.get('/api/v1/patch-status?state=failed')).json().total, 1);
    assert.equal((await admin.get(`/api/v1/patch-status?siteId=${site.b}`)).json().total, 1);
    const { client: scoped } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [site.a] });
    const mine = (await scoped.get('/api/v1/patch-status')).json();
    assert.deepEqual(
      mine.items.map((i: { siteId: string }) => i.siteId),
      [site.a, site.a],
    );

    const all = (await plan({ instructedOn: '2026-11-10', targetPatches: ['KB5034441', 'kb5034439'] })).json();
    const rate = (await admin.get(`/api/v1/patch-plans/${all.id}/application`)).json();
    assert.deepEqual(
      rate.items.map((i: { kb: string; applicable: number; installed: number; rate: number | null }) => [i.kb, i.applicable, i.installed, i.rate]),
      [
        ['KB5034441', 4, 2, 50],
        ['KB5034439', 1, 0, 0],
      ],
    );
    assert.deepEqual([rate.applicable, rate.installed, rate.rate], [5, 2, 40]);
    const siteA = (await plan({ instructedOn: '2026-11-10', targetPatches: ['KB5034441', 'KB5034439'], targetSiteIds: [site.a] })).json();
    const rateA = (await admin.get(`/api/v1/patch-plans/${siteA.id}/application`)).json();
    assert.deepEqual([rateA.applicable, rateA.installed, rateA.rate], [3, 1, 33.3]);

    // A later import for one pair wins over the earlier one.
    const again = await importFile(
      t.app,
      admin,
      'patch-status',
      wsus([['TKY-PC002', 'KB5034441', cu, 'Security Updates', 'Install', 'Installed', '2026/11/22 10:00']]),
      {
        commit: true,
      },
    );
    assert.equal(again.json().committed, true, again.body);
    assert.equal((await admin.get('/api/v1/patch-status?kb=KB5034441')).json().total, 1);
    assert.equal((await admin.get(`/api/v1/patch-plans/${siteA.id}/application`)).json().rate, 66.7);
    const monthly = (await admin.get('/api/v1/patch-plans/monthly?month=2026-11')).json();
    const rates = Object.fromEntries(monthly.application.map((a: { planId: string; rate: number | null }) => [a.planId, a.rate]));
    assert.deepEqual([rates[all.id], rates[siteA.id]], [60, 66.7]);

    const exported = await admin.get('/api/v1/patch-status/export?format=csv&lang=en');
    assert.equal(exported.statusCode, 200);
    assert.equal(
      exported.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean).length,
      1 + 6,
    );
  });
});
