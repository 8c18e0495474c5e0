import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { allJobs } from '../../app.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, makePerson, type TestApp } from '../../test/harness.ts';
import { people } from '../org/org.table.ts';
import { hardwareAssets } from './assets.table.ts';
import { runFindingChecks } from './findings.checks.ts';

import {
  type Finding,
  type FindingsFixture,
  findingsOf as findingsOfFx,
  makeCleanAsset,
  runNow as runNowFx,
  startFindingsFixture,
} from './findings.fixtures.ts';

let fx: FindingsFixture;
let t: TestApp;
let siteA: { id: string };
let siteB: { id: string };
let dept1: { id: string };
let dept2: { id: string };
let active: { id: string };
let admin: Client;
before(async () => {
  fx = await startFindingsFixture();
  ({ t, siteA, siteB, dept1, dept2, active, admin } = fx);
});
after(async () => {
  await fx.t.close();
});

const makeAsset = (over: Partial<typeof hardwareAssets.$inferInsert> = {}) => makeCleanAsset(fx, over);
const findingsOf = (assetId: string) => findingsOfFx(fx, assetId);
const kindsOf = async (assetId: string) => (await findingsOf(assetId)).map((f) => f.kind).sort();
const runNow = () => runNowFx(fx);

describe('data-quality findings (2.1.b, 2.1.e)', () => {
  test('the daily sweep is scheduled', () => {
    const cron = allJobs.find((j) => j.name === 'assets.findings-sweep');
    assert.ok(cron && cron.kind === 'cron');
    assert.equal(cron.cron, '30 5 * * *');
  });

  test('each kind is detected on the right assets, and a clean or retired asset has none', async () => {
    const retired = await makePerson(t, siteA.id, { departmentId: dept1.id, status: 'retired' });
    const leaving = await makePerson(t, siteA.id, { departmentId: dept1.id, endDate: '2020-03-31' });
    const transferred = await makePerson(t, siteA.id, { departmentId: dept1.id, status: 'transferred' });
    const otherDept = await makePerson(t, siteA.id, { departmentId: dept2.id });

    const clean = await makeAsset();
    const aRetired = await makeAsset({ userId: retired.id });
    const aLeft = await makeAsset({ userId: leaving.id });
    const aTransferred = await makeAsset({ userId: transferred.id });
    const aMismatch = await makeAsset({ userId: otherDept.id });
    const aNoUser = await makeAsset({ userId: null, purpose: '  ' });
    const aStockNoUser = await makeAsset({ status: 'stock', userId: null, purpose: null });
    const serial1 = await makeAsset({ serialNumber: ' sn-dup-1 ' });
    const serial2 = await makeAsset({ serialNumber: 'SN-DUP-1' });
    const serialRetired = await makeAsset({ serialNumber: 'SN-DUP-2', status: 'retired' });
    const serialLone = await makeAsset({ serialNumber: 'SN-DUP-2' });
    const stolen = await makeAsset({ status: 'lost', macAddresses: ['02:00:00:00:aa:01'] });
    const reused = await makeAsset({ macAddresses: ['02:00:00:00:aa:01'] });
    const disposed = await makeAsset({ status: 'disposed', macAddresses: ['02:00:00:00:aa:02'] });
    const afterDisposal = await makeAsset({ macAddresses: ['02:00:00:00:aa:02'] });
    const stale = await makeAsset({ lastInventoryAt: new Date(Date.now() - 40 * 86_400_000) });
    const fresh = await makeAsset({ lastInventoryAt: new Date(Date.now() - 10 * 86_400_000) });
    const gone = await makeAsset({ status: 'retired', userId: retired.id, purpose: null });

    await runNow();
    assert.deepEqual(await kindsOf(clean.id), []);
    assert.deepEqual(await kindsOf(aRetired.id), ['user_retired']);
    assert.deepEqual(await kindsOf(aLeft.id), ['user_retired'], 'end date passed counts as retired');
    assert.deepEqual(await kindsOf(aTransferred.id), ['user_transferred']);
    assert.deepEqual(await kindsOf(aMismatch.id), ['user_department_mismatch']);
    assert.deepEqual(await kindsOf(aNoUser.id), ['no_purpose', 'no_user']);
    assert.deepEqual(await kindsOf(aStockNoUser.id), [], 'only in-use assets need a user and a purpose');
    const s1 = await findingsOf(serial1.id);
    assert.deepEqual(
      s1.map((f) => [f.kind, f.key]),
      [['duplicate_serial', 'SN-DUP-1']],
    );
    assert.deepEqual(await kindsOf(serial2.id), ['duplicate_serial']);
    assert.deepEqual(await kindsOf(serialLone.id), [], 'a retired asset does not make a serial duplicate');
    assert.deepEqual(await kindsOf(serialRetired.id), []);
    const mac = await findingsOf(reused.id);
    assert.deepEqual(
      mac.map((f) => [f.kind, f.key]),
      [['duplicate_mac', '02:00:00:00:aa:01']],
    );
    assert.deepEqual(await kindsOf(stolen.id), [], 'findings are raised on assets in service only');
    assert.deepEqual(await kindsOf(afterDisposal.id), [], 'a disposed device gave up its MAC');
    assert.deepEqual(await kindsOf(disposed.id), []);
    assert.deepEqual(await kindsOf(stale.id), ['agent_stale']);
    assert.deepEqual(await kindsOf(fresh.id), []);
    assert.deepEqual(await kindsOf(gone.id), []);

    // The list carries counts per kind under the other filters.
    const res = await admin.get(`/api/v1/asset-findings?kind=user_retired&siteId=${siteA.id}`);
    const body = res.json();
    assert.equal(body.counts.user_retired, 2);
    assert.equal(body.counts.duplicate_serial, 2);
    assert.equal(body.counts.no_user, 1);
    assert.equal(body.total, 2);
    assert.deepEqual(body.items.map((f: Finding) => f.asset.id).sort(), [aRetired.id, aLeft.id].sort());
    assert.equal(body.items[0].site.id, siteA.id);

    // A second run changes nothing: the same conditions are the same findings.
    const again = await runNow();
    assert.equal(again.opened, 0);
    assert.equal(again.resolved, 0);
  });

  test('resolved reopens while the condition holds, acknowledged stays, fixed ones resolve by themselves', async () => {
    const a = await makeAsset({ userId: null });
    const b = await makeAsset({ userId: null });
    await runNow();
    const [fa] = await findingsOf(a.id);
    const [fb] = await findingsOf(b.id);
    assert.equal(fa.abilities.resolve, true);

    const noReason = await admin.post(`/api/v1/asset-findings/${fa.id}/resolve`, { reason: ' ' });
    assert.equal(noReason.statusCode, 422);

    const resolved = await admin.post(`/api/v1/asset-findings/${fa.id}/resolve`, { reason: '使用者を確認中' });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json().status, 'resolved');
    assert.equal(resolved.json().reason, '使用者を確認中');
    const ack = await admin.post(`/api/v1/asset-findings/${fb.id}/acknowledge`, { reason: '共用端末のため使用者なし' });
    assert.equal(ack.json().status, 'acknowledged');
    assert.equal(ack.json().abilities.acknowledge, false);
    const ackResolved = await admin.post(`/api/v1/asset-findings/${fa.id}/acknowledge`, { reason: 'x' });
    assert.equal(ackResolved.statusCode, 409);

    // The condition is still there: the resolved one comes back, the acknowledged one stays.
    const run = await runNow();
    assert.ok(run.reopened >= 1);
    const [fa2] = await findingsOf(a.id);
    assert.equal(fa2.id, fa.id);
    assert.equal(fa2.status, 'open');
    assert.equal(fa2.reason, null);
    const [fb2] = await findingsOf(b.id);
    assert.equal(fb2.status, 'acknowledged');
    assert.equal(fb2.reason, '共用端末のため使用者なし');
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'asset-finding'), eq(auditLog.entityId, fa.id)));
    assert.deepEqual(
      audits.map((x) => x.action),
      ['asset-finding.resolved', 'asset-finding.reopened'],
    );

    // Both get a user: both findings close on the next run, with reason 'auto'.
    await t.db.update(hardwareAssets).set({ userId: active.id }).where(eq(hardwareAssets.id, a.id));
    await t.db.update(hardwareAssets).set({ userId: active.id }).where(eq(hardwareAssets.id, b.id));
    await runNow();
    for (const id of [a.id, b.id]) {
      const [f] = await findingsOf(id);
      assert.equal(f.status, 'resolved');
      assert.equal(f.reason, 'auto');
    }
    // And the condition returning reopens the auto-resolved finding.
    await t.db.update(hardwareAssets).set({ userId: null }).where(eq(hardwareAssets.id, a.id));
    await runFindingChecks(t.db, new Date(), { agentStaleDays: 30 });
    const [fa3] = await findingsOf(a.id);
    assert.equal(fa3.id, fa.id);
    assert.equal(fa3.status, 'open');
  });

  test('a transfer order on the user raises the transferred and department-mismatch findings', async () => {
    const person = await makePerson(t, siteA.id, { departmentId: dept1.id });
    const asset = await makeAsset({ userId: person.id });
    await runNow();
    assert.deepEqual(await kindsOf(asset.id), []);
    await t.db.update(people).set({ departmentId: dept2.id, status: 'transferred' }).where(eq(people.id, person.id));
    await runNow();
    assert.deepEqual(await kindsOf(asset.id), ['user_department_mismatch', 'user_transferred']);
  });

  test('a site-scoped operator sees and acts on findings of their sites only; counts too', async () => {
    const inB = await makeAsset({ siteId: siteB.id, departmentId: null, userId: null });
    const inA = await makeAsset({ userId: null });
    await runNow();
    const { client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [siteB.id] });
    const list = await client.get('/api/v1/asset-findings?limit=500');
    assert.equal(list.statusCode, 200);
    const ids = new Set(list.json().items.map((f: Finding) => f.asset.id));
    assert.ok(ids.has(inB.id));
    assert.ok(!ids.has(inA.id));
    assert.equal(list.json().counts.no_user, 1);
    assert.equal(list.json().counts.user_retired, undefined);
    const [fa] = await findingsOf(inA.id);
    const denied = await client.post(`/api/v1/asset-findings/${fa.id}/resolve`, { reason: 'x' });
    assert.equal(denied.statusCode, 404);
    const auditor = (await clientFor(t, ['auditor'])).client;
    assert.equal((await auditor.get('/api/v1/asset-findings')).statusCode, 200);
    assert.equal((await auditor.post(`/api/v1/asset-findings/${fa.id}/resolve`, { reason: 'x' })).statusCode, 403);
    assert.equal((await auditor.post('/api/v1/asset-findings/run')).statusCode, 403);
  });

  test('export as CSV and XLSX under the list filters, with Japanese or English headings', async () => {
    const asset = await makeAsset({ userId: null, purpose: null });
    await runNow();
    const csv = await admin.get(`/api/v1/asset-findings/export?format=csv&assetId=${asset.id}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.match(lines[0], /^資産管理番号,機器名,拠点,チェック項目/);
    assert.equal(lines.length, 3);
    assert.ok(lines.slice(1).every((l) => l.startsWith(asset.assetNumber)));
    assert.ok(lines.some((l) => l.includes('使用者未登録')));

    const xlsx = await admin.get(`/api/v1/asset-findings/export?format=xlsx&lang=en&assetId=${asset.id}&kind=no_purpose`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    assert.equal(sheet.getRow(1).getCell(1).value, 'Asset number');
    assert.equal(sheet.rowCount, 2);
    assert.equal(sheet.getRow(2).getCell(1).value, asset.assetNumber);
    assert.equal(sheet.getRow(2).getCell(4).value, 'No purpose');
  });
});
