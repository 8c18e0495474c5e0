import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, makeDepartment, makePerson, makeSite, type TestApp } from '../../test/harness.ts';
import type { hardwareAssets } from './assets.table.ts';
import { runFindingChecks } from './findings.checks.ts';

import { type FindingsFixture, findingsOf as findingsOfFx, makeCleanAsset, runNow as runNowFx, startFindingsFixture } from './findings.fixtures.ts';

let fx: FindingsFixture;
let t: TestApp;
let siteA: { id: string };
let siteB: { id: string };
let dept1: { id: string };
let admin: Client;
before(async () => {
  fx = await startFindingsFixture();
  ({ t, siteA, siteB, dept1, admin } = fx);
});
after(async () => {
  await fx.t.close();
});

const makeAsset = (over: Partial<typeof hardwareAssets.$inferInsert> = {}) => makeCleanAsset(fx, over);
const findingsOf = (assetId: string) => findingsOfFx(fx, assetId);
const kindsOf = async (assetId: string) => (await findingsOf(assetId)).map((f) => f.kind).sort();
const runNow = () => runNowFx(fx);

/** `YYYY-MM-DD HH:mm` of an instant in a zone. */
function localText(iso: string, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('findings: site scope, timeline and time zones', () => {
  test('running the checks is for users who see every site: a site-scoped operator gets 403 and nothing is written under their name', async () => {
    const inA = await makeAsset({ userId: null });
    const { user, client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [siteB.id] });
    const res = await client.post('/api/v1/asset-findings/run');
    assert.equal(res.statusCode, 403, res.body);
    assert.deepEqual(await kindsOf(inA.id), [], 'the sweep did not run');
    const written = await t.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    assert.deepEqual(
      written.filter((a) => a.entityType === 'asset-finding'),
      [],
    );
    // An operator who sees every site may run it.
    const all = (await clientFor(t, ['operator'])).client;
    const ok = await all.post('/api/v1/asset-findings/run');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok(ok.json().opened >= 1);
  });

  test('the counts of a sweep can be limited to some sites (the actor’s)', async () => {
    const siteX = await makeSite(t);
    const deptX = await makeDepartment(t, siteX.id);
    await runNow();
    await makeAsset({ siteId: siteX.id, departmentId: deptX.id, userId: null, purpose: null });
    await makeAsset({ userId: null });
    const r = await runFindingChecks(t.db, new Date(), { agentStaleDays: 30, siteIds: [siteX.id] });
    assert.deepEqual(r, { detected: 2, opened: 2, reopened: 0, resolved: 0 }, 'only the two findings of site X are counted');
  });

  test('duplicate serials and MACs name only the other assets the reader can see, and count the rest', async () => {
    const inA = await makeAsset({ serialNumber: 'SN-XSITE-1' });
    const inB1 = await makeAsset({ siteId: siteB.id, departmentId: null, serialNumber: 'SN-XSITE-1' });
    const inB2 = await makeAsset({ siteId: siteB.id, departmentId: null, serialNumber: 'sn-xsite-1' });
    const lostInA = await makeAsset({ status: 'lost', macAddresses: ['02:00:00:00:cc:01'] });
    const macInB = await makeAsset({ siteId: siteB.id, departmentId: null, macAddresses: ['02:00:00:00:cc:01'] });
    await runNow();
    const { client } = await clientFor(t, ['auditor'], { kind: 'sites', siteIds: [siteB.id] });
    const seen = async (assetId: string) => {
      const res = await client.get(`/api/v1/asset-findings?assetId=${assetId}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as { kind: string; detail: Record<string, unknown> }[];
    };
    const [serial] = (await seen(inB1.id)).filter((f) => f.kind === 'duplicate_serial');
    assert.deepEqual(serial.detail.assetNumbers, [inB1.assetNumber, inB2.assetNumber].sort());
    assert.equal(serial.detail.outsideCount, 1);
    assert.ok(!JSON.stringify(serial).includes(inA.assetNumber), 'site A’s asset number is not shown');
    const [mac] = (await seen(macInB.id)).filter((f) => f.kind === 'duplicate_mac');
    assert.deepEqual(mac.detail.assetNumbers, [macInB.assetNumber]);
    assert.equal(mac.detail.outsideCount, 1);
    assert.ok(!JSON.stringify(mac).includes(lostInA.assetNumber));

    // A reader of every site sees all of them.
    const [all] = (await findingsOf(inB1.id)) as unknown as { detail: Record<string, unknown> }[];
    assert.deepEqual(all.detail.assetNumbers, [inA.assetNumber, inB1.assetNumber, inB2.assetNumber].sort());
    assert.equal(all.detail.outsideCount, 0);
  });

  test('acknowledging a finding and a damage report show in the asset’s timeline', async () => {
    const asset = await makeAsset({ userId: null });
    await runNow();
    const [f] = await findingsOf(asset.id);
    const ack = await admin.post(`/api/v1/asset-findings/${f.id}/acknowledge`, { reason: '共用端末' });
    assert.equal(ack.statusCode, 200, ack.body);
    const report = await admin.post('/api/v1/damage-reports', {
      assetId: asset.id,
      kind: 'damage',
      occurredAt: '2025-06-02T10:00:00+09:00',
      circumstances: '画面割れ',
    });
    assert.equal(report.statusCode, 201, report.body);
    const confirmed = await admin.post(`/api/v1/damage-reports/${report.json().id}/confirm`);
    assert.equal(confirmed.statusCode, 200, confirmed.body);

    const res = await admin.get(`/api/v1/hardware-assets/${asset.id}/timeline`);
    assert.equal(res.statusCode, 200, res.body);
    const actions = (res.json().items as { action: string; kind: string }[]).map((e) => e.action);
    assert.ok(actions.includes('asset-finding.acknowledged'), actions.join());
    assert.ok(actions.includes('damage-report.created'), actions.join());
    assert.ok(actions.includes('damage-report.confirmed'), actions.join());
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, f.id), eq(auditLog.action, 'asset-finding.acknowledged')));
    assert.deepEqual(audit.after, { status: 'acknowledged', reason: '共用端末', assetId: asset.id, kind: 'no_user', key: '' });
  });

  test('the export writes local date-times of the asset’s site and names the zone', async () => {
    const la = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/Los_Angeles' });
    const asset = await makeAsset({ siteId: la.id, departmentId: null, userId: null });
    await runNow();
    const [f] = (await findingsOf(asset.id)) as unknown as { firstDetectedAt: string }[];
    const expected = localText(f.firstDetectedAt, 'America/Los_Angeles');

    const csv = await admin.get(`/api/v1/asset-findings/export?format=csv&assetId=${asset.id}`);
    const [head, row] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const headers = head.split(',');
    const cells = row.split(',');
    assert.match(head, /初回検出日時（拠点の現地時刻）/);
    assert.equal(cells[headers.indexOf('初回検出日時（拠点の現地時刻）')], expected);
    assert.equal(cells[headers.indexOf('タイムゾーン')], 'America/Los_Angeles');

    const xlsx = await admin.get(`/api/v1/asset-findings/export?format=xlsx&lang=en&assetId=${asset.id}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('First detected (site local time)') + 1;
    assert.ok(col > 0, String(header));
    assert.equal(sheet.getRow(2).getCell(col).value, expected);
    assert.equal(sheet.getRow(2).getCell(header.indexOf('Time zone') + 1).value, 'America/Los_Angeles');
  });

  test('a user’s end date is passed by the calendar of their own site', async () => {
    // 01:00 UTC: already the next day in Tokyo (10:00), still the previous day in Los Angeles.
    const now = new Date();
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 1, 0));
    const yesterdayUtc = new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10);
    const la = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/Los_Angeles' });
    const laDept = await makeDepartment(t, la.id);
    const inLa = await makePerson(t, la.id, { departmentId: laDept.id, endDate: yesterdayUtc });
    const inTokyo = await makePerson(t, siteA.id, { departmentId: dept1.id, endDate: yesterdayUtc });
    const laAsset = await makeAsset({ siteId: la.id, departmentId: laDept.id, userId: inLa.id });
    const tokyoAsset = await makeAsset({ userId: inTokyo.id });
    await runFindingChecks(t.db, at, { agentStaleDays: 30 });
    assert.deepEqual(await kindsOf(laAsset.id), [], 'their last day is still today in Los Angeles');
    assert.deepEqual(await kindsOf(tokyoAsset.id), ['user_retired']);
    await runNow();
  });
});
