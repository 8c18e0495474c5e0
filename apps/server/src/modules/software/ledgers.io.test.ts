import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeDepartment, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string; code: string };
let osaka: { id: string; code: string };
let paris: { id: string; code: string };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  paris = await makeSite(t, { kind: 'overseas', country: 'FR', timeZone: 'Europe/Paris' });
  await makeDepartment(t, tokyo.id, { code: 'IT-SYS' });
  await makeAsset(t, tokyo.id, { assetNumber: 'PC-T-1' });
  await makeAsset(t, osaka.id, { assetNumber: 'PC-O-1' });
  for (const n of ['LIC-A', 'LIC-B'])
    assert.equal(
      (await admin.post('/api/v1/software-licenses', { assetNumber: n, softwareName: `Soft ${n}`, licenseType: 'volume', ownedCount: 5 })).statusCode,
      201,
    );
});
after(async () => {
  await t.close();
});

const file = (rows: (string | number)[][]) => ({ name: 'ledger.csv', data: Buffer.from(`\uFEFF${csvOf(rows)}`), type: 'text/csv' });

describe('usage and distribution ledgers through the import kit (2.2.k, 2.2.l)', () => {
  test('usage ledger: an old database with its own numbers; software name from the licence; export re-imports unchanged', async () => {
    const res = await importFile(
      t.app,
      admin,
      'software-installations',
      file([
        [
          '管理番号',
          '申請日',
          '申請部署',
          '申請者',
          '作業日',
          '作業者',
          'ソフトウェア資産の資産管理番号',
          'インストール対象機器の資産管理番号',
          'ステータス',
          'ステータス（その他）',
        ],
        ['OLD-0001', '2025/4/1', 'IT-SYS', '佐藤', 'R7.4.3', '鈴木', 'LIC-A', 'PC-T-1', 'インストール済', ''],
        ['OLD-0002', '2025/4/1', '', '佐藤', '', '', 'LIC-B', 'PC-O-1', 'その他', '貸出用に一時導入'],
      ]),
      { commit: true },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().committed, res.json().created], [true, 2], res.body);
    const list = (await admin.get('/api/v1/software-installations')).json();
    const first = list.items.find((i: { entryNumber: string }) => i.entryNumber === 'OLD-0001');
    assert.deepEqual([first.softwareName, first.workedOn, first.department.code, first.device.assetNumber], ['Soft LIC-A', '2025-04-03', 'IT-SYS', 'PC-T-1']);

    // A new row through the API gets the next SU- number.
    const made = await admin.post('/api/v1/software-installations', { licenseId: first.license.id, deviceId: first.device.id, status: 'approved' });
    assert.match(made.json().entryNumber, /^SU-\d{6}$/);

    const exported = await admin.get('/api/v1/software-installations/export?format=csv');
    assert.match(exported.body, /Soft LIC-A/);
    const again = await importFile(t.app, admin, 'software-installations', { name: 'x.csv', data: exported.rawPayload, type: 'text/csv' }, { commit: true });
    assert.deepEqual([again.json().created, again.json().updated, again.json().unchanged, again.json().errorCount], [0, 0, 3, 0]);

    // A Tokyo-only operator cannot import a row on an Osaka device; licences are agency-wide and may be named.
    const { client: tokyoOp } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const scoped = await importFile(
      t.app,
      tokyoOp,
      'software-installations',
      file([
        ['管理番号', 'ソフトウェア資産の資産管理番号', 'インストール対象機器の資産管理番号', 'ステータス'],
        ['OLD-0100', 'LIC-A', 'PC-T-1', 'インストール済'],
        ['OLD-0101', 'LIC-A', 'PC-O-1', 'インストール済'],
      ]),
      { commit: true },
    );
    assert.equal(scoped.json().committed, false);
    assert.deepEqual(
      scoped.json().errors.map((e: { row: number }) => e.row),
      [3],
    );
  });

  test('distribution ledger: HQ and local rows, origin rules, office by site code', async () => {
    const heading = [
      '管理番号',
      '配布年月日',
      '配布先事務所コード',
      '調達区分',
      '配布したソフトウェア資産の資産管理番号',
      'ソフトウェア名',
      'ライセンス配布数',
      '経費振替',
      '利用者の職員区分',
    ];
    const bad = await importFile(
      t.app,
      admin,
      'software-distributions',
      file([heading, ['D-1', '2026-05-01', paris.code, '本部配布', '', '', 2, '未振替', '正職員']]),
      {
        commit: true,
      },
    );
    assert.equal(bad.json().committed, false);
    assert.match(JSON.stringify(bad.json().errors), /配布したソフトウェア資産の資産管理番号/);

    const ok = await importFile(
      t.app,
      admin,
      'software-distributions',
      file([
        heading,
        ['D-1', '2026-05-01', paris.code, '本部配布', 'LIC-A', '', 2, '未振替', '正職員'],
        ['D-2', '2026-05-02', paris.code, '現地調達', '', 'Local CAD', 1, '不要', '嘱託'],
      ]),
      { commit: true },
    );
    assert.deepEqual([ok.json().committed, ok.json().created], [true, 2], ok.body);
    const rows = (await admin.get(`/api/v1/software-distributions?siteId=${paris.id}`)).json().items;
    assert.deepEqual(
      rows.map((r: { entryNumber: string; softwareName: string; origin: string; expenseTransfer: string }) => [
        r.entryNumber,
        r.softwareName,
        r.origin,
        r.expenseTransfer,
      ]),
      [
        ['D-2', 'Local CAD', 'local', 'not_needed'],
        ['D-1', 'Soft LIC-A', 'hq', 'pending'],
      ],
    );
    const byType = (await admin.get('/api/v1/software-distributions/by-staff-type')).json().items;
    assert.deepEqual(byType, [
      { staffType: 'contract', softwareName: 'Local CAD', licenseCount: 1 },
      { staffType: 'regular', softwareName: 'Soft LIC-A', licenseCount: 2 },
    ]);
    const exported = await admin.get('/api/v1/software-distributions/export?format=csv');
    const again = await importFile(t.app, admin, 'software-distributions', { name: 'x.csv', data: exported.rawPayload, type: 'text/csv' }, { commit: true });
    assert.deepEqual([again.json().created, again.json().updated, again.json().unchanged], [0, 0, 2], again.body);
  });
});
