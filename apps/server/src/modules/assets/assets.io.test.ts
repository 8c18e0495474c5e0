import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeDepartment, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { hardwareAssets } from './assets.table.ts';
import { naptCodec } from './assets-cells.ts';

/**
 * Issue #4 item 9 (hardware ledger import/export): a CP932 file with bad rows is reported by row and
 * column and writes nothing; the fixed file commits; its export re-imports with zero changes.
 */

let t: TestApp;
let admin: Client;
let siteA: { id: string };
let siteB: { id: string };
let user: { id: string };
let held: { id: string };
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  siteA = await makeSite(t, { code: 'HWA' });
  siteB = await makeSite(t, { code: 'HWB', kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
  await makeDepartment(t, siteA.id, { code: 'HWA-ISD', nameJa: '情報システム課' });
  await makeDepartment(t, siteB.id, { code: 'HWB-GA', nameJa: '総務班' });
  user = await makePerson(t, siteA.id, { employeeNumber: 'HW0001' });
  await makePerson(t, siteB.id, { employeeNumber: 'HW0002' });
  held = await makeAsset(t, siteA.id, { assetNumber: 'OLD-1', serialNumber: 'SN-TAKEN', macAddresses: ['aa:bb:cc:00:00:01'] });
});
after(async () => {
  await t.close();
});

const HEADER = [
  '台帳',
  '資産管理番号',
  '機器名',
  '機器種別',
  'メーカー',
  '型番',
  'シリアル番号',
  '拠点コード',
  '建物',
  '階',
  '部屋',
  '設置部署名',
  '使用者',
  'IPアドレス',
  'MACアドレス',
  'NAPT設定情報',
  '状態',
  '取得区分',
  '購入日',
  '価格',
  'リース期限',
  '親資産',
  '備考',
];

type Row = Partial<Record<(typeof HEADER)[number], string>>;
const good: Row[] = [
  {
    台帳: '国内',
    資産管理番号: 'HW-0001',
    機器名: 'SRV-01',
    機器種別: 'サーバ',
    シリアル番号: 'SN-1',
    拠点コード: 'HWA',
    建物: '本館',
    階: '3F',
    部屋: 'サーバ室',
  },
  {
    資産管理番号: 'HW-0002',
    機器名: 'VM-01',
    機器種別: '仮想サーバ',
    拠点コード: 'HWA',
    IPアドレス: '10.0.0.5, 10.0.0.6;192.168.1.1',
    親資産: 'HW-0001',
    NAPT設定情報: 'tcp 10.0.0.5:443=203.0.113.5:8443 #Web公開; udp 10.0.0.6 = 203.0.113.6',
  },
  {
    資産管理番号: 'HW-0003',
    機器名: 'PC-情シス-01',
    機器種別: 'ノートPC',
    シリアル番号: 'SN-3',
    拠点コード: 'HWA',
    部屋: '301会議室',
    設置部署名: '情報システム課',
    使用者: 'HW0001',
    MACアドレス: 'AA-BB-CC-DD-EE-03',
    取得区分: 'リース',
    購入日: '令和6年4月1日',
    価格: '¥128,000',
    リース期限: '2029/3/31',
  },
  {
    台帳: '海外',
    資産管理番号: 'HW-0004',
    機器名: 'NY-PC-01',
    機器種別: 'desktop_pc',
    拠点コード: 'HWB',
    設置部署名: 'HWB-GA',
    使用者: 'HW0002',
    MACアドレス: 'aabb.ccdd.ee04',
    状態: '在庫',
  },
  { 資産管理番号: 'HW-0005', 機器名: 'SW-01', 機器種別: 'スイッチ', 拠点コード: 'HWA', 備考: '=SUM(A1) ではない' },
];
// Excel rows of the bad variants (header is row 1): each breaks one thing.
const bad: Row[] = [
  { IPアドレス: '10.0.0.300' },
  { MACアドレス: 'zz:bb:cc:dd:ee:ff' },
  { 拠点コード: 'NOPE' },
  { 設置部署名: 'HWB-GA' },
  { 使用者: 'X9999' },
  { シリアル番号: 'SN-1' },
  { シリアル番号: 'sn-taken' },
  { MACアドレス: 'AA:BB:CC:00:00:01' },
  { 購入日: '2024/13/40' },
  { NAPT設定情報: '10.0.0.5:443' },
];

function rowsOf(withBad: boolean): string[][] {
  const out = [HEADER];
  const all = [...good];
  if (withBad) {
    for (const [i, b] of bad.entries()) all.push({ 資産管理番号: `HW-BAD-${i}`, 機器名: `BAD-${i}`, 機器種別: 'その他', 拠点コード: 'HWA', ...b });
  } else {
    all.push({ 資産管理番号: 'HW-0006', 機器名: 'PC-06', 機器種別: 'デスクトップPC', 拠点コード: 'HWA', MACアドレス: '00:11:22:33:44:55' });
  }
  for (const r of all) out.push(HEADER.map((h) => (r as Record<string, string>)[h] ?? (h === '台帳' ? '国内' : '')));
  return out;
}

const cp932 = (rows: string[][]) => iconv.encode(csvOf(rows), 'cp932');
const imported = async () => t.db.select().from(hardwareAssets).where(like(hardwareAssets.assetNumber, 'HW-%'));

describe('the hardware ledger import (issue #4 item 9)', () => {
  test('a CP932 dry run lists every bad row by row and column, and writes nothing', async () => {
    const res = await importFile(t.app, admin, 'hardware-assets', { name: 'assets.csv', data: cp932(rowsOf(true)), type: 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    const first = good.length + 2; // Excel row of the first bad row
    assert.deepEqual(body.errors, [
      { row: first, column: 'IPアドレス', message: '「10.0.0.300」はIPアドレスとして読み取れません' },
      { row: first + 1, column: 'MACアドレス', message: '「zz:bb:cc:dd:ee:ff」はMACアドレスとして読み取れません（例: 00:1A:2B:3C:4D:5E）' },
      { row: first + 2, column: '拠点コード', message: '「NOPE」が見つかりません' },
      { row: first + 3, column: '設置部署名', message: '部署と拠点が一致しません' },
      { row: first + 4, column: '使用者', message: '「X9999」が見つかりません' },
      { row: first + 5, column: 'シリアル番号', message: 'ファイル内で重複しています（2行目と同じ値）' },
      { row: first + 6, column: 'シリアル番号', message: 'シリアル番号「sn-taken」は資産 OLD-1 に登録済みです' },
      { row: first + 7, column: 'MACアドレス', message: 'MACアドレス aa:bb:cc:00:00:01 は資産 OLD-1 で使用中です' },
      { row: first + 8, column: '購入日', message: '日付として読み取れません（例: 2024/4/1、令和6年4月1日、R6.4.1）' },
      {
        row: first + 9,
        column: 'NAPT設定情報',
        message: 'NAPT設定「10.0.0.5:443」を読み取れません（例: tcp 10.0.0.5:443=203.0.113.5:8443 #Web公開; udp 10.0.0.6=203.0.113.6）',
      },
    ]);
    assert.deepEqual([body.encoding, body.committed, body.rows], ['cp932', false, good.length + bad.length]);
    const commit = await importFile(t.app, admin, 'hardware-assets', { name: 'assets.csv', data: cp932(rowsOf(true)) }, { commit: true });
    assert.deepEqual([commit.json().committed, commit.json().errorCount], [false, bad.length]);
    assert.equal((await imported()).length, 0);
  });

  test('the fixed file commits every row with normalized addresses, NAPT rules, 和暦 dates and references', async () => {
    const res = await importFile(t.app, admin, 'hardware-assets', { name: 'assets.csv', data: cp932(rowsOf(false)) }, { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((({ committed, created, errors }) => ({ committed, created, errors }))(res.json()), { committed: true, created: 6, errors: [] });
    const byNo = new Map((await imported()).map((r) => [r.assetNumber, r]));
    const vm = byNo.get('HW-0002')!;
    assert.deepEqual(vm.ipAddresses, ['10.0.0.5', '10.0.0.6', '192.168.1.1']);
    assert.equal(vm.parentId, byNo.get('HW-0001')!.id, 'the parent created by the same file');
    assert.deepEqual(vm.napt, [
      { protocol: 'tcp', insideAddress: '10.0.0.5', insidePort: 443, outsideAddress: '203.0.113.5', outsidePort: 8443, note: 'Web公開' },
      { protocol: 'udp', insideAddress: '10.0.0.6', insidePort: null, outsideAddress: '203.0.113.6', outsidePort: null, note: null },
    ]);
    const pc = byNo.get('HW-0003')!;
    assert.deepEqual(
      [pc.macAddresses, pc.userId, pc.purchaseDate, pc.priceYen, pc.leaseEnd, pc.acquisition, pc.room, pc.status],
      [['aa:bb:cc:dd:ee:03'], user.id, '2024-04-01', 128000, '2029-03-31', 'lease', '301会議室', 'in_use'],
    );
    const ny = byNo.get('HW-0004')!;
    assert.deepEqual([ny.ledger, ny.siteId, ny.status, ny.macAddresses], ['overseas', siteB.id, 'stock', ['aa:bb:cc:dd:ee:04']]);
    assert.equal(byNo.get('HW-0005')!.notes, '=SUM(A1) ではない');
    const audit = (await admin.get('/api/v1/audit?action=asset.imported')).json().items;
    assert.equal(audit.length, 1);
    assert.deepEqual([audit[0].after.created, audit[0].after.rows], [6, 6]);
  });

  test('the CP932 export re-imports with zero changes; XLSX too', async () => {
    const res = await admin.get('/api/v1/hardware-assets/export?encoding=cp932&q=HW-');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /filename="hardware-assets-\d{8}\.csv"/);
    const text = iconv.decode(res.rawPayload, 'cp932');
    assert.ok(text.includes('tcp 10.0.0.5:443=203.0.113.5:8443 #Web公開; udp 10.0.0.6=203.0.113.6'), text);
    assert.ok(text.includes('"10.0.0.5, 10.0.0.6, 192.168.1.1"'));
    const dry = (await importFile(t.app, admin, 'hardware-assets', { name: 'export.csv', data: res.rawPayload })).json();
    assert.deepEqual([dry.errors, dry.created, dry.updated, dry.unchanged], [[], 0, 0, 6]);

    const xlsx = await admin.get('/api/v1/hardware-assets/export?format=xlsx&q=HW-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0].rowCount, 7);
    const again = (await importFile(t.app, admin, 'hardware-assets', { name: 'export.xlsx', data: xlsx.rawPayload })).json();
    assert.deepEqual([again.errors, again.unchanged], [[], 6]);
  });

  test('an edited row updates only that asset; a MAC moved onto an active asset is refused', async () => {
    const file = csvOf([
      ['資産管理番号', '部屋', 'MACアドレス'],
      ['HW-0001', '第2サーバ室', ''],
      ['HW-0005', '', 'aa:bb:cc:dd:ee:03'],
    ]);
    const refused = (await importFile(t.app, admin, 'hardware-assets', { name: 'e.csv', data: Buffer.from(file) }, { commit: true })).json();
    assert.deepEqual(refused.errors, [{ row: 3, column: 'MACアドレス', message: 'MACアドレス aa:bb:cc:dd:ee:03 は資産 HW-0003 で使用中です' }]);
    const ok = csvOf([
      ['資産管理番号', '部屋'],
      ['HW-0001', '第2サーバ室'],
    ]);
    const res = (await importFile(t.app, admin, 'hardware-assets', { name: 'e.csv', data: Buffer.from(ok) }, { commit: true })).json();
    assert.deepEqual([res.committed, res.updated], [true, 1]);
    const [srv] = await t.db.select().from(hardwareAssets).where(eq(hardwareAssets.assetNumber, 'HW-0001'));
    assert.deepEqual([srv.room, srv.building, srv.version], ['第2サーバ室', '本館', 2]);
  });

  test('the export takes the list filters and the caller scope', async () => {
    const overseas = iconv.decode((await admin.get('/api/v1/hardware-assets/export?encoding=cp932&ledger=overseas')).rawPayload, 'cp932');
    assert.deepEqual(
      overseas
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
      ['HW-0004'],
    );
    const { client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [siteB.id] });
    const scoped = (await client.get('/api/v1/hardware-assets/export?lang=en')).body;
    assert.equal(
      scoped
        .split('\r\n')[0]
        .replace(/^\uFEFF/, '')
        .split(',')[1],
      'Asset number',
    );
    assert.deepEqual(
      scoped
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
      ['HW-0004'],
    );
    assert.notEqual(held.id, '');
  });
});

describe('NAPT cell form', () => {
  test('IPv6 endpoints with ports use brackets and read back the same', () => {
    const text = 'tcp [2001:db8::5]:443=203.0.113.5:443; any 10.0.0.1=2001:db8::1';
    const parsed = naptCodec.parse(text);
    assert.ok(parsed.ok);
    assert.equal(naptCodec.format(parsed.value), 'tcp [2001:db8::5]:443=203.0.113.5:443; 10.0.0.1=2001:db8::1');
    assert.deepEqual(naptCodec.parse(''), { ok: true, value: [] });
    assert.equal(naptCodec.parse('tcp 10.0.0.1:70000=1.2.3.4').ok, false);
  });
});
