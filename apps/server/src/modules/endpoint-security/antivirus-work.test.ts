import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/rows.ts';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
const site: Record<'a' | 'b', { id: string; code: string }> = { a: { id: '', code: '' }, b: { id: '', code: '' } };
const device: Record<'pc' | 'sv' | 'b', string> = { pc: '', sv: '', b: '' };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site.a = await makeSite(t, { kind: 'hq' });
  site.b = await makeSite(t);
  device.pc = (await makeAsset(t, site.a.id, { assetNumber: 'AW-001', name: 'AW-PC01' })).id;
  device.sv = (await makeAsset(t, site.a.id, { assetNumber: 'AW-002', name: 'AW-SV01', category: 'server' })).id;
  device.b = (await makeAsset(t, site.b.id, { assetNumber: 'AW-003', name: 'AW-PC02' })).id;
  const csv = csvOf([
    ['コンピュータ名', 'パターンファイルのバージョン', 'パターンファイルの日付', '検索エンジンのバージョン', '製品'],
    ['AW-PC01', '19.501.00', '2026-11-01', '23.600.1001', 'Apex One 14.0'],
    ['AW-SV01', '19.525.00', '2026-11-20', '23.620.1004', 'Apex One 14.0'],
    ['AW-PC02', '19.501.00', '2026-11-01', '23.600.1001', 'Apex One 14.0'],
  ]);
  const res = await importFile(t.app, admin, 'antivirus', { name: 'av.csv', data: Buffer.from(csv) }, { commit: true });
  assert.equal(res.json().committed, true, res.body);
  await t.db.execute(sql`update antivirus_snapshots set imported_at = '2026-11-20T01:00:00Z'`);
});
after(async () => {
  await t.close();
});

const work = (client: Client, body: Record<string, unknown>) => client.post('/api/v1/antivirus/work-records', { doneAt: '2026-11-21T10:00:00+09:00', ...body });
const paths = (res: { json(): { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path).sort();

describe('antivirus work records (3.1.1.v, 3.1.1.x, 3.3.1.l)', () => {
  test('validation errors name the field: device for device work, package and counts for distribution jobs', async () => {
    const noDevice = await work(admin, { kind: 'engine_upgrade' });
    assert.equal(noDevice.statusCode, 422, noDevice.body);
    assert.deepEqual(paths(noDevice), ['deviceId']);
    const noPackage = await work(admin, { kind: 'distribution', targetCount: 10 });
    assert.equal(noPackage.statusCode, 422);
    assert.deepEqual(paths(noPackage), ['failureCount', 'packageName', 'successCount']);
    const over = await work(admin, { kind: 'distribution', packageName: 'Apex One 14.0 SP1', targetCount: 10, successCount: 8, failureCount: 3 });
    assert.equal(over.statusCode, 422);
    assert.deepEqual(paths(over), ['successCount']);
    const negative = await work(admin, { kind: 'distribution', packageName: 'P', targetCount: 10, successCount: -1, failureCount: 0 });
    assert.deepEqual(paths(negative), ['successCount']);
    const unknown = await work(admin, { kind: 'patch', deviceId: '00000000-0000-4000-8000-000000000000' });
    assert.deepEqual(paths(unknown), ['deviceId']);
  });

  test('each kind is recorded; version before comes from the current imported status when omitted; audited', async () => {
    const fix = await work(admin, { kind: 'definition_update', deviceId: device.pc, versionAfter: '19.525.00' });
    assert.equal(fix.statusCode, 201, fix.body);
    const dto = fix.json();
    assert.deepEqual(
      [dto.kind, dto.device.assetNumber, dto.siteId, dto.versionBefore, dto.versionAfter, dto.abilities.delete],
      ['definition_update', 'AW-001', site.a.id, '19.501.00', '19.525.00', true],
    );
    assert.ok(dto.operator.name);
    const engine = (await work(admin, { kind: 'engine_upgrade', deviceId: device.sv, versionAfter: '23.700.1000' })).json();
    assert.equal(engine.versionBefore, '23.620.1004');
    const product = (await work(admin, { kind: 'product_upgrade', deviceId: device.sv, versionAfter: 'Apex One 14.1' })).json();
    assert.equal(product.versionBefore, 'Apex One 14.0');
    const given = (await work(admin, { kind: 'patch', deviceId: device.sv, versionBefore: 'build 12000', versionAfter: 'build 12500' })).json();
    assert.equal(given.versionBefore, 'build 12000');
    const dist = await work(admin, {
      kind: 'distribution',
      deviceId: device.pc,
      siteId: site.a.id,
      packageName: 'Apex One 14.0 SP1',
      targetGroup: '本庁PC',
      targetCount: 120,
      successCount: 117,
      failureCount: 3,
    });
    assert.equal(dist.statusCode, 201, dist.body);
    assert.deepEqual([dist.json().device, dist.json().siteId, dist.json().targetCount], [null, site.a.id, 120]);

    const audit = await queryRows<{ action: string; entity_id: string }>(
      t.db,
      sql`select action, entity_id from audit_log where entity_type = 'antivirus-work' order by id`,
    );
    assert.equal(audit.filter((a) => a.action === 'antivirus-work.created').length, 5);
    assert.ok(audit.some((a) => a.entity_id === dto.id));

    const list = (await admin.get(`/api/v1/antivirus/work-records?deviceId=${device.sv}`)).json();
    assert.deepEqual(list.items.map((i: { kind: string }) => i.kind).sort(), ['engine_upgrade', 'patch', 'product_upgrade']);
    const dists = (await admin.get('/api/v1/antivirus/work-records?kind=distribution&from=2026-11-21&to=2026-11-21')).json();
    assert.equal(dists.total, 1);
    assert.equal((await admin.get('/api/v1/antivirus/work-records?from=2026-11-22')).json().total, 0);

    const scratch = (await work(admin, { kind: 'patch', deviceId: device.sv })).json();
    assert.equal((await admin.delete(`/api/v1/antivirus/work-records/${scratch.id}`)).statusCode, 204);
    const deleted = await queryRows(t.db, sql`select 1 from audit_log where action = 'antivirus-work.deleted' and entity_id = ${scratch.id}`);
    assert.equal(deleted.length, 1);
  });

  test('site scoping: an operator of another site neither sees the record nor records work on a device it cannot see', async () => {
    const { client: opB } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.b.id] });
    const mine = await work(opB, { kind: 'definition_update', deviceId: device.b });
    assert.equal(mine.statusCode, 201, mine.body);
    const seen = (await opB.get('/api/v1/antivirus/work-records')).json();
    assert.ok(seen.items.length > 0);
    assert.ok(seen.items.every((i: { siteId: string }) => i.siteId === site.b.id));
    const foreign = await work(opB, { kind: 'definition_update', deviceId: device.pc });
    assert.equal(foreign.statusCode, 422);
    assert.deepEqual(paths(foreign), ['deviceId']);
    const everySite = await work(opB, { kind: 'distribution', packageName: 'P', targetCount: 1, successCount: 1, failureCount: 0 });
    assert.deepEqual(paths(everySite), ['siteId']);
    const otherSite = await work(opB, { kind: 'distribution', siteId: site.a.id, packageName: 'P', targetCount: 1, successCount: 1, failureCount: 0 });
    assert.deepEqual(paths(otherSite), ['siteId']);
    const aRecord = (await admin.get(`/api/v1/antivirus/work-records?siteId=${site.a.id}&limit=1`)).json().items[0];
    assert.equal((await opB.delete(`/api/v1/antivirus/work-records/${aRecord.id}`)).statusCode, 404);
    const { client: auditor } = await clientFor(t, ['auditor']);
    assert.equal((await auditor.get('/api/v1/antivirus/work-records')).statusCode, 200);
    assert.equal((await work(auditor, { kind: 'patch', deviceId: device.pc })).statusCode, 403);
  });

  test("the outdated list carries each device's last work record; a fixed device stays outdated until the next import; the report names the action taken", async () => {
    const later = await work(admin, { kind: 'definition_update', deviceId: device.pc, doneAt: '2026-11-22T09:30:00+09:00', versionAfter: '19.527.00' });
    const list = (await admin.get('/api/v1/antivirus/status?outdated=true')).json();
    const pc = list.items.find((i: { computerName: string }) => i.computerName === 'AW-PC01');
    assert.equal(pc.outdated, true);
    assert.deepEqual([pc.lastWork.id, pc.lastWork.kind, pc.lastWork.doneAt], [later.json().id, 'definition_update', '2026-11-22T00:30:00.000Z']);
    assert.ok(pc.lastWork.operatorName);
    const all = (await admin.get('/api/v1/antivirus/status')).json();
    const untouched = await queryRows(t.db, sql`select 1 from antivirus_work_records where device_id = ${device.b}`);
    assert.ok(untouched.length > 0);
    assert.ok(all.items.every((i: { asset: unknown; lastWork: unknown }) => i.asset !== null || i.lastWork === null));

    // The monthly report lists the action taken (3.1.1.u) beside each outdated device, as of the report's instant.
    const res = await admin.get('/api/v1/antivirus/report.xlsx?month=2026-11');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const rows = (wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.filter((c) => c !== undefined && c !== null));
    const pcRow = rows.find((r) => r[1] === 'AW-PC01')!;
    assert.match(String(pcRow.at(-1)), /^定義ファイル手動更新 2026-11-22 /);
  });

  test('distribution jobs import all-or-nothing; the same job imported again updates its counts', async () => {
    const heading = ['パッケージ', '配布先グループ', '実施日', '対象数', '成功数', '失敗数', '拠点コード', '備考'];
    const bad = csvOf([
      heading,
      ['Apex One 14.0 SP1 Patch 2', '本庁PC', '2026-10-05', '100', '95', '5', site.a.code, ''],
      ['Apex One 14.0 SP1 Patch 2', '出先PC', '2026-10-05', '10', '9', '3', site.b.code, ''],
      ['Apex One 14.0 SP1 Patch 2', '出先PC', '2026-10-06', '10', '9', '0', 'NOPE', ''],
      ['', '出先PC', '2026-10-06', '10', '9', '0', '', ''],
    ]);
    const res = await importFile(t.app, admin, 'antivirus-distributions', { name: 'jobs.csv', data: Buffer.from(bad) }, { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().committed, false);
    assert.deepEqual(
      res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [
        [3, '成功数'],
        [4, '拠点コード'],
        [5, 'パッケージ'],
      ],
    );
    const count = async () => (await queryRows(t.db, sql`select 1 from antivirus_work_records where kind = 'distribution'`)).length;
    const before = await count();

    const good = (success: string) =>
      csvOf([
        heading,
        ['Apex One 14.0 SP1 Patch 2', '本庁PC', '2026-10-05', '100', success, '5', site.a.code, '夜間配布'],
        ['Apex One 14.0 SP1 Patch 2', '出先PC', '2026/10/05', '10', '9', '1', site.b.code, ''],
      ]);
    const ok = await importFile(t.app, admin, 'antivirus-distributions', { name: 'jobs.csv', data: Buffer.from(good('90')) }, { commit: true });
    assert.deepEqual([ok.json().committed, ok.json().created], [true, 2], ok.body);
    assert.equal(await count(), before + 2);
    const again = await importFile(t.app, admin, 'antivirus-distributions', { name: 'jobs.csv', data: Buffer.from(good('95')) }, { commit: true });
    assert.deepEqual([again.json().committed, again.json().created, again.json().updated], [true, 0, 1], again.body);
    assert.equal(await count(), before + 2);
    const hq = (await admin.get(`/api/v1/antivirus/work-records?kind=distribution&siteId=${site.a.id}&from=2026-10-05&to=2026-10-05`)).json();
    assert.deepEqual(
      hq.items.map((i: { packageName: string; successCount: number; doneAt: string }) => [i.packageName, i.successCount, i.doneAt]),
      [['Apex One 14.0 SP1 Patch 2', 95, '2026-10-04T15:00:00.000Z']],
    );
    // A one-site importer cannot record a job for every site or for another site.
    const { client: opB } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.b.id] });
    const scoped = csvOf([heading, ['P', 'G', '2026-10-07', '1', '1', '0', '', ''], ['P', 'G', '2026-10-08', '1', '1', '0', site.a.code, '']]);
    const denied = await importFile(t.app, opB, 'antivirus-distributions', { name: 'jobs.csv', data: Buffer.from(scoped) }, { commit: true });
    assert.equal(denied.json().committed, false);
    assert.deepEqual(
      denied.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [
        [2, '拠点コード'],
        [3, '拠点コード'],
      ],
    );
  });
});

describe('antivirus settings changes (3.1.1.w)', () => {
  const exclusion = { setting: 'リアルタイム検索の除外フォルダ', valueBefore: '(なし)', valueAfter: 'D:\\share\\backup', reason: 'バックアップ処理の遅延' };

  test('a device settings change is listed with its setting, before → after, reason and approval, and audited', async () => {
    const res = await work(admin, {
      kind: 'settings_change',
      deviceId: device.sv,
      doneAt: '2026-11-23T10:00:00+09:00',
      approvalRef: '変更申請 CR-2026-031',
      note: '夜間に実施',
      ...exclusion,
    });
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.deepEqual(
      [dto.kind, dto.device.assetNumber, dto.siteId, dto.setting, dto.valueBefore, dto.valueAfter, dto.reason, dto.approvalRef, dto.versionBefore],
      ['settings_change', 'AW-002', site.a.id, exclusion.setting, '(なし)', 'D:\\share\\backup', exclusion.reason, '変更申請 CR-2026-031', null],
    );
    const list = (await admin.get(`/api/v1/antivirus/work-records?kind=settings_change&deviceId=${device.sv}`)).json();
    assert.deepEqual(
      list.items.map((i: { id: string; setting: string; valueAfter: string }) => [i.id, i.setting, i.valueAfter]),
      [[dto.id, exclusion.setting, 'D:\\share\\backup']],
    );
    const audit = await queryRows<{ after: { setting: string; valueAfter: string } }>(
      t.db,
      sql`select after from audit_log where action = 'antivirus-work.created' and entity_id = ${dto.id}`,
    );
    assert.deepEqual([audit.length, audit[0].after.setting, audit[0].after.valueAfter], [1, exclusion.setting, 'D:\\share\\backup']);
    // A settings change is no action taken on stale definitions: the status list's last work stays the update work.
    const status = (await admin.get('/api/v1/antivirus/status')).json();
    const sv = status.items.find((i: { computerName: string }) => i.computerName === 'AW-SV01');
    assert.ok(sv.lastWork && sv.lastWork.kind !== 'settings_change', JSON.stringify(sv.lastWork));
  });

  test("a group policy's change needs no device but a target group, and takes the chosen site", async () => {
    const policy = {
      kind: 'settings_change',
      targetGroup: '本部サーバ群ポリシー',
      setting: '予約検索の開始時刻',
      valueBefore: '12:00',
      valueAfter: '02:00',
    };
    const res = await work(admin, { ...policy, siteId: site.a.id });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().device, res.json().siteId, res.json().targetGroup, res.json().valueAfter], [null, site.a.id, '本部サーバ群ポリシー', '02:00']);
    const listed = (await admin.get(`/api/v1/antivirus/work-records?kind=settings_change&siteId=${site.a.id}`)).json();
    assert.ok(listed.items.some((i: { id: string }) => i.id === res.json().id));
    assert.ok(listed.items.every((i: { kind: string }) => i.kind === 'settings_change'));

    const noTarget = await work(admin, { kind: 'settings_change', setting: '予約検索の開始時刻', siteId: site.a.id });
    assert.equal(noTarget.statusCode, 422, noTarget.body);
    assert.deepEqual(paths(noTarget), ['deviceId']);
    const noSetting = await work(admin, { kind: 'settings_change', deviceId: device.sv, valueAfter: 'on' });
    assert.equal(noSetting.statusCode, 422, noSetting.body);
    assert.deepEqual(paths(noSetting), ['setting']);
    const { client: opB } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.b.id] });
    assert.deepEqual(paths(await work(opB, policy)), ['siteId']);
    assert.deepEqual(paths(await work(opB, { ...policy, siteId: site.a.id })), ['siteId']);
    assert.equal((await work(opB, { ...policy, siteId: site.b.id })).statusCode, 201);
  });

  test('an operator of another site cannot record a settings change for a device it cannot see', async () => {
    const { client: opB } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.b.id] });
    const foreign = await work(opB, { kind: 'settings_change', deviceId: device.sv, ...exclusion });
    assert.equal(foreign.statusCode, 422, foreign.body);
    assert.deepEqual(paths(foreign), ['deviceId']);
    // A target group does not turn a device it cannot see into a group record.
    const withGroup = await work(opB, { kind: 'settings_change', deviceId: device.sv, targetGroup: '本部サーバ群ポリシー', siteId: site.b.id, ...exclusion });
    assert.deepEqual(paths(withGroup), ['deviceId']);
    assert.equal((await work(opB, { kind: 'settings_change', deviceId: device.b, ...exclusion })).statusCode, 201);
  });
});
