import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
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
  await makeAsset(t, site.a, { assetNumber: 'AV-001', name: 'TKY-PC001' });
  await makeAsset(t, site.a, { assetNumber: 'AV-002', name: 'tky-pc002' });
  await makeAsset(t, site.b, { assetNumber: 'AV-003', name: 'OSK-SV01' });
  // Two ledger entries with one name: the console row stays unmatched rather than guessed.
  await makeAsset(t, site.a, { assetNumber: 'AV-004', name: 'DUP-PC' });
  await makeAsset(t, site.b, { assetNumber: 'AV-005', name: 'DUP-PC' });
});
after(async () => {
  await t.close();
});

// Trend Micro Apex One's endpoint list as exported from the Japanese console (headings as shown there).
const apexHeading = [
  'エンドポイント',
  'IPアドレス',
  'ドメイン階層',
  'ウイルスパターンファイル',
  'パターンファイルの日付',
  'ウイルス検索エンジン',
  '最終アップデート日時',
  '製品',
];
const apex = (rows: string[][], name = 'apexone-endpoints.csv') => ({
  name,
  data: Buffer.from(`\uFEFF${csvOf([apexHeading, ...rows])}`),
  type: 'text/csv',
});
const P = 'Trend Micro Apex One';

/** Pins a snapshot's import time so the snapshot date (Asia/Tokyo) is known. */
async function pinSnapshot(at: string) {
  await t.db.execute(sql`update antivirus_snapshots set imported_at = ${at}::timestamptz where imported_at > now() - interval '1 hour'`);
}
const snapshotCount = async () =>
  Number(((await t.db.execute(sql`select count(*) as n from antivirus_snapshots`)) as unknown as { rows: { n: string }[] }).rows[0].n);

describe('antivirus definition status (3.1.1.u, 3.3.1.l)', () => {
  test('a row error writes nothing: no snapshot, no rows', async () => {
    const res = await importFile(
      t.app,
      admin,
      'antivirus',
      apex([
        ['TKY-PC001', '10.1.0.11', 'HQ', '19.525.00', '2026/11/20', '23.620.1004', '2026/11/20 09:12:00', P],
        ['TKY-PC002', '10.1.0.12', 'HQ', '19.523.00', '2026/13/40', '23.620.1004', '2026/11/17 08:00:00', P],
        ['tky-pc001.corp.example.jp', '10.1.0.13', 'HQ', '19.525.00', '2026/11/20', '23.620.1004', '', P],
      ]),
      { commit: true },
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.committed, false);
    assert.deepEqual(
      body.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [
        [3, 'パターンファイルの日付'],
        [4, 'エンドポイント'],
      ],
    );
    assert.equal(await snapshotCount(), 0);
  });

  test('import: matched by computer name, outdated at more than 3 days or more than 2 versions behind, unmatched listed', async () => {
    const res = await importFile(
      t.app,
      admin,
      'antivirus',
      apex([
        ['TKY-PC001.corp.example.jp', '10.1.0.11', 'HQ', '19.525.00', '2026/11/20', '23.620.1004', '2026/11/20 09:12:00', P],
        // Exactly 3 days before the snapshot date: still current.
        ['CORP\\TKY-PC002', '10.1.0.12', 'HQ', '19.523.00', '2026/11/17', '23.620.1004', '2026/11/17 08:00:00', P],
        // 4 days: outdated.
        ['OSK-SV01', '10.2.0.5', 'Osaka', '19.521.00', '2026/11/16', '23.620.1004', '2026/11/16 08:00:00', P],
        // Recent date but 3 versions behind the newest in the file: outdated.
        ['NOTEBOOK-X', '10.9.0.7', 'Meeting', '19.519.00', '2026/11/19', '23.600.1001', '2026/11/19 08:00:00', P],
        ['DUP-PC', '10.1.0.99', 'HQ', '19.525.00', '2026/11/20', '23.620.1004', '2026/11/20 09:00:00', P],
      ]),
      { commit: true },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().committed, res.json().created, res.json().errorCount], [true, 5, 0]);
    await pinSnapshot('2026-11-20T01:00:00Z');

    const list = (await admin.get('/api/v1/antivirus/status')).json();
    assert.deepEqual([list.total, list.outdated, list.unmatched], [5, 2, 2]);
    const by = Object.fromEntries(list.items.map((i: { computerName: string }) => [i.computerName, i]));
    assert.deepEqual(
      list.items.filter((i: { outdated: boolean }) => i.outdated).map((i: { computerName: string }) => i.computerName),
      ['NOTEBOOK-X', 'OSK-SV01'],
    );
    assert.equal(by['CORP\\TKY-PC002'].ageDays, 3);
    assert.equal(by['CORP\\TKY-PC002'].outdated, false);
    assert.equal(by['CORP\\TKY-PC002'].asset.assetNumber, 'AV-002');
    assert.equal(by['TKY-PC001.corp.example.jp'].asset.assetNumber, 'AV-001');
    assert.equal(by['TKY-PC001.corp.example.jp'].siteId, site.a);
    assert.equal(by['OSK-SV01'].ageDays, 4);
    assert.equal(by['NOTEBOOK-X'].versionsBehind, 3);
    assert.equal(by['NOTEBOOK-X'].asset, null);
    assert.equal(by['DUP-PC'].asset, null);
    assert.equal(by['TKY-PC001.corp.example.jp'].snapshotDate, '2026-11-20');

    const unmatched = (await admin.get('/api/v1/antivirus/status?matched=false')).json();
    assert.deepEqual(unmatched.items.map((i: { computerName: string }) => i.computerName).sort(), ['DUP-PC', 'NOTEBOOK-X']);
    const outdatedB = (await admin.get(`/api/v1/antivirus/status?outdated=true&siteId=${site.b}`)).json();
    assert.deepEqual(
      outdatedB.items.map((i: { computerName: string }) => i.computerName),
      ['OSK-SV01'],
    );
    const q = (await admin.get('/api/v1/antivirus/status?q=AV-002')).json();
    assert.equal(q.total, 1);

    const exported = await admin.get('/api/v1/antivirus/export?format=csv&outdated=true');
    assert.equal(exported.statusCode, 200);
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    assert.equal(lines[0].split(',')[0], 'コンピュータ名');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      ['NOTEBOOK-X', 'OSK-SV01'],
    );
  });

  test('a changed threshold applies when read: 2 days makes the 3-day-old device outdated', async () => {
    const res = await admin.patch('/api/v1/endpoint-security/settings', { staleDays: 2 });
    assert.equal(res.statusCode, 200, res.body);
    const list = (await admin.get('/api/v1/antivirus/status?outdated=true')).json();
    assert.deepEqual(list.items.map((i: { computerName: string }) => i.computerName).sort(), ['CORP\\TKY-PC002', 'NOTEBOOK-X', 'OSK-SV01']);
    assert.equal((await admin.patch('/api/v1/endpoint-security/settings', { staleDays: 3 })).statusCode, 200);
  });

  test('each device shows its newest snapshot; a one-site supervisor sees only its devices, never unmatched ones', async () => {
    const res = await importFile(
      t.app,
      admin,
      'antivirus',
      apex([['TKY-PC002', '10.1.0.12', 'HQ', '19.527.00', '2026/11/21', '23.620.1004', '2026/11/21 08:00:00', P]], 'apexone-pc002.csv'),
      { commit: true },
    );
    assert.equal(res.json().committed, true, res.body);
    await pinSnapshot('2026-11-21T01:00:00Z');
    const list = (await admin.get('/api/v1/antivirus/status')).json();
    assert.equal(list.total, 5);
    const pc002 = list.items.find((i: { asset: { assetNumber: string } | null }) => i.asset?.assetNumber === 'AV-002');
    assert.deepEqual([pc002.definitionVersion, pc002.snapshotDate, pc002.outdated], ['19.527.00', '2026-11-21', false]);

    const { client: scoped } = await clientFor(t, ['supervisor'], { kind: 'sites', siteIds: [site.a] });
    const mine = (await scoped.get('/api/v1/antivirus/status')).json();
    assert.deepEqual(mine.items.map((i: { asset: { assetNumber: string } }) => i.asset.assetNumber).sort(), ['AV-001', 'AV-002']);
    const { client: requester } = await clientFor(t, ['requester']);
    assert.equal((await requester.get('/api/v1/antivirus/status')).statusCode, 403);
  });

  test('Microsoft Defender headings are recognised without a mapping', async () => {
    const heading = [
      'Device name',
      'Last IP address',
      'Security intelligence version',
      'Security intelligence date',
      'Antivirus engine version',
      'Last seen',
      'Product name',
    ];
    const file = {
      name: 'defender.csv',
      data: Buffer.from(csvOf([heading, ['KAI-PC9', '10.5.0.9', '1.421.123.0', '2026-11-20', '1.1.24090.11', '2026-11-20', 'Microsoft Defender']])),
    };
    const res = await importFile(t.app, admin, 'antivirus', file);
    assert.deepEqual([res.json().errorCount, res.json().ignoredColumns], [0, []], res.body);
  });

  test('monthly S-4-5-3-1: 0% until the report is generated, then 100%; the XLSX lists the outdated devices', async () => {
    const before = (await admin.get('/api/v1/antivirus/monthly?month=2026-11')).json();
    assert.deepEqual([before.planned, before.executed, before.rate, before.met, before.snapshots.length, before.reportedAt], [1, 0, 0, false, 2, null]);
    assert.deepEqual(
      before.snapshots.map((s: { snapshotDate: string; devices: number; outdated: number; matched: number }) => [
        s.snapshotDate,
        s.devices,
        s.matched,
        s.outdated,
      ]),
      [
        ['2026-11-20', 5, 3, 2],
        ['2026-11-21', 1, 1, 0],
      ],
    );

    const res = await admin.get('/api/v1/antivirus/report.xlsx?month=2026-11');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /antivirus-report-2026-11\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const texts = rows.map((r) => r.filter((c) => c !== undefined && c !== null));
    assert.match(String(texts[0][0]), /2026-11/);
    const checks = texts.filter((r) => r[0] === 1 || r[0] === 2).slice(0, 2);
    assert.deepEqual(
      checks.map((r) => [r[2], r[4], r[5], r[6]]),
      [
        ['2026-11-20', 5, 3, 2],
        ['2026-11-21', 1, 1, 0],
      ],
    );
    const outdatedHeader = texts.findIndex((r) => r[1] === 'コンピュータ名');
    assert.deepEqual(
      texts.slice(outdatedHeader + 1).map((r) => [r[1], r[5], r[6]]),
      [
        ['NOTEBOOK-X', '19.519.00', '2026-11-19'],
        ['OSK-SV01', '19.521.00', '2026-11-16'],
      ],
    );

    const afterReport = (await admin.get('/api/v1/antivirus/monthly?month=2026-11')).json();
    assert.deepEqual([afterReport.executed, afterReport.rate, afterReport.met], [1, 100, true]);
    assert.ok(afterReport.reportedAt);
    const audit = (await t.db.execute(sql`select count(*) as n from audit_log where action = 'antivirus-report.generated'`)) as unknown as {
      rows: { n: string }[];
    };
    assert.equal(Number(audit.rows[0].n), 1);

    // Three reports planned a month (e.g. one per 10 days): two checks taken, so two of three executed.
    assert.equal((await admin.patch('/api/v1/endpoint-security/settings', { reportsPlannedPerMonth: 3 })).statusCode, 200);
    const three = (await admin.get('/api/v1/antivirus/monthly?month=2026-11')).json();
    assert.deepEqual([three.planned, three.executed, three.rate, three.met], [3, 2, 66.7, false]);
    const october = (await admin.get('/api/v1/antivirus/monthly?month=2026-10')).json();
    assert.deepEqual([october.executed, october.rate, october.snapshots], [0, 0, []]);
  });
});
