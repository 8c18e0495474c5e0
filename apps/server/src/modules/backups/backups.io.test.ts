import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { sweepMissedBackups } from './backups.rate.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
  osaka = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
  for (const [site, number] of [
    [tokyo.id, 'FS-01'],
    [osaka.id, 'OSK-FS-01'],
  ] as const) {
    const asset = await makeAsset(t, site, { assetNumber: number, category: 'server' });
    const job = await admin.post('/api/v1/backup-jobs', {
      assetId: asset.id,
      name: 'daily-full',
      software: 'Veeam',
      backupType: 'full',
      schedule: 'daily',
      dueTime: '07:00',
      retentionGenerations: 7,
      destination: 'テープ LTO-8 (金庫)',
      startsOn: '2026-11-01',
    });
    assert.equal(job.statusCode, 201, job.body);
  }
});
after(async () => {
  await t.close();
});

const heading = ['資産管理番号', 'ジョブ名', '実行日', '結果', '開始日時', '終了日時', 'サイズ', '世代', 'メッセージ'];
const csv = (rows: (string | number)[][]) => ({ name: 'veeam.csv', data: Buffer.from(`\uFEFF${csvOf([heading, ...rows])}`), type: 'text/csv' });

describe('backup results import/export (3.1.1.l: results from backup-software logs)', () => {
  test('a bad row writes nothing; the fixed file is written in one go, replacing a missed run', async () => {
    // 1 Nov is missed on both servers before the file arrives (due 2 Nov 07:00 JST).
    assert.deepEqual(await sweepMissedBackups(t.db, new Date('2026-11-01T22:00:00Z')), { missed: 2 });
    const rows = [
      ['FS-01', 'daily-full', '2026/11/1', '正常終了', '2026/11/01 23:00', '2026/11/02 01:10', 123456789, 'G1', '遅れて取込'],
      ['FS-01', 'daily-full', '2026-11-02', '正常終了', '2026/11/02 23:00', '2026/11/03 01:05', 123456000, 'G2', ''],
      ['FS-01', 'daily-full', '2026-11-03', '失敗', '2026/11/03 23:00', '', '', '', 'Tape drive not ready'],
      ['FS-01', 'weekly-nope', '2026-11-04', '正常終了', '', '', '', '', ''],
    ];
    const bad = await importFile(t.app, admin, 'backup-results', csv(rows), { commit: true });
    assert.equal(bad.statusCode, 200, bad.body);
    assert.deepEqual([bad.json().committed, bad.json().errorCount], [false, 1]);
    assert.deepEqual([bad.json().errors[0].row, bad.json().errors[0].column], [5, 'ジョブ名']);
    assert.equal((await admin.get('/api/v1/backup-results?status=success')).json().total, 0, 'nothing written');

    const good = await importFile(t.app, admin, 'backup-results', csv(rows.slice(0, 3)), { commit: true });
    assert.deepEqual([good.json().committed, good.json().created, good.json().updated, good.json().errorCount], [true, 2, 1, 0], good.body);
    const list = (await admin.get('/api/v1/backup-results?siteId=' + tokyo.id)).json().items;
    assert.deepEqual(
      list.map((r: { runDate: string; status: string; source: string; triage: unknown }) => [r.runDate, r.status, r.source, !!r.triage]),
      [
        ['2026-11-03', 'failed', 'import', true],
        ['2026-11-02', 'success', 'import', false],
        ['2026-11-01', 'success', 'import', true],
      ],
    );
    // Wall-clock times are read in the site's zone.
    assert.equal(list[2].endedAt, '2026-11-01T16:10:00.000Z');

    const exported = await admin.get(`/api/v1/backup-results/export?format=csv&siteId=${tokyo.id}`);
    assert.equal(exported.statusCode, 200);
    const again = await importFile(t.app, admin, 'backup-results', { name: 'export.csv', data: exported.rawPayload, type: 'text/csv' }, { commit: true });
    assert.deepEqual([again.json().created, again.json().updated, again.json().unchanged, again.json().errorCount], [0, 0, 3, 0], again.body);
  });

  test('an importer limited to one site cannot write results for servers elsewhere', async () => {
    const { client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const res = await importFile(t.app, client, 'backup-results', csv([['OSK-FS-01', 'daily-full', '2026-11-05', '正常終了', '', '', '', '', '']]), {
      commit: true,
    });
    assert.deepEqual([res.json().committed, res.json().errors[0].column], [false, '資産管理番号'], res.body);
  });
});
