import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  const site = await makeSite(t, { kind: 'hq' });
  await makeAsset(t, site.id, { assetNumber: 'PC-OEM-1' });
});
after(async () => {
  await t.close();
});

const heading = [
  '資産管理番号',
  'ライセンス種別',
  'ライセンス形態',
  'ソフトウェア名',
  '保有ライセンス数',
  '契約金額',
  '更新予定日',
  'アップグレード元資産管理番号',
  'OEM対象機器',
  'ダウングレード可',
];
const csv = (rows: (string | number)[][]) => ({ name: 'licences.csv', data: Buffer.from(`\uFEFF${csvOf([heading, ...rows])}`), type: 'text/csv' });

describe('owned-licence ledger import/export (2.2.j)', () => {
  test('an upgrade chain in one file, OEM binding by device number, 和暦 and yen; export re-imports unchanged', async () => {
    const file = csv([
      // The upgrade comes before its base in the file: references among new rows still resolve.
      ['LIC-UP', 'ボリュームライセンス', 'アップグレードライセンス', 'Office 2021 UP', 4, '', '', 'LIC-BASE', '', '○'],
      ['LIC-BASE', 'ボリュームライセンス', 'フルライセンス', 'Office 2016', 10, '¥12,000,000', '令和9年8月31日', '', '', ''],
      ['LIC-OEM', 'OEM', '', 'Windows 11 Pro OEM', 1, '', '', '', 'PC-OEM-1', ''],
    ]);
    const res = await importFile(t.app, admin, 'software-licenses', file, { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().committed, res.json().created, res.json().errorCount], [true, 3, 0]);
    const list = (await admin.get('/api/v1/software-licenses')).json();
    const up = list.items.find((l: { assetNumber: string }) => l.assetNumber === 'LIC-UP');
    const base = list.items.find((l: { assetNumber: string }) => l.assetNumber === 'LIC-BASE');
    assert.equal(up.upgradeFrom.assetNumber, 'LIC-BASE');
    assert.equal(up.licenseForm, 'upgrade');
    assert.equal(up.downgradeAllowed, true);
    assert.deepEqual(
      base.upgradeTo.map((u: { assetNumber: string }) => u.assetNumber),
      ['LIC-UP'],
    );
    assert.equal(base.contractAmount, 12_000_000);
    assert.equal(base.renewalDate, '2027-08-31');
    assert.equal(base.renewalNoticeDate, '2027-02-28');
    assert.equal(list.items.find((l: { assetNumber: string }) => l.assetNumber === 'LIC-OEM').boundDevice.assetNumber, 'PC-OEM-1');

    const exported = await admin.get('/api/v1/software-licenses/export?format=csv');
    assert.equal(exported.statusCode, 200);
    const again = await importFile(t.app, admin, 'software-licenses', { name: 'export.csv', data: exported.rawPayload, type: 'text/csv' }, { commit: true });
    assert.deepEqual([again.json().created, again.json().updated, again.json().unchanged, again.json().errorCount], [0, 0, 3, 0]);
  });

  test('any bad row writes nothing and is reported by row and column', async () => {
    const file = csv([
      ['LIC-OK', 'パッケージ', '', 'Acrobat', 1, '', '', '', '', ''],
      ['LIC-BAD', 'パッケージ', '', 'Visio', 'たくさん', '', '', 'LIC-NOPE', 'PC-NOPE', ''],
    ]);
    const res = await importFile(t.app, admin, 'software-licenses', file, { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.committed, false);
    assert.deepEqual(
      body.errors.map((e: { row: number; column: string }) => [e.row, e.column]).sort(),
      [
        [3, 'OEM対象機器'],
        [3, 'アップグレード元資産管理番号'],
        [3, '保有ライセンス数'],
      ].sort(),
    );
    const list = (await admin.get('/api/v1/software-licenses?q=LIC-OK')).json();
    assert.equal(list.total, 0);
  });
});
