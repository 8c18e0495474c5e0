import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemo } from '../org/org.seed.ts';

/** Issue #7 item 9: a year of demo operations records that the pages and monthly reports can show. */

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  assert.equal(await seedDemo(t.db, { onlyIfEmpty: true }), true);
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

describe('demo operations data', () => {
  test('a year of incidents with measurable clocks, a few still open, and the major flags', async () => {
    const all = (await admin.get('/api/v1/incidents?limit=500')).json();
    assert.ok(all.total >= 110, `${all.total} incidents`);
    const open = (await admin.get('/api/v1/incidents?status=open&limit=50')).json();
    assert.ok(open.total >= 3 && open.items.every((i: { clocks: unknown[] }) => i.clocks.length === 5));
    const months = new Set(all.items.map((i: { milestones: { occurred: string } }) => i.milestones.occurred.slice(0, 7)));
    assert.ok(months.size >= 12, `${months.size} months`);
    const june = (await admin.get('/api/v1/incidents/metrics?month=2026-06')).json();
    const recovery = june.rows.find((r: { sla: string }) => r.sla === 'S-4-3-3-1');
    assert.ok(recovery.counted >= 5 && recovery.value > 50 && recovery.value <= 100, JSON.stringify(recovery));
    const major = (await admin.get('/api/v1/incidents?major=any&limit=50')).json();
    assert.equal(major.total, 2);
    // 4.1.3.a: business systems with their responsible departments, and business-system incidents linked to them.
    const systems = (await admin.get('/api/v1/business-systems')).json().items;
    assert.ok(systems.length >= 4, `${systems.length} business systems`);
    const linked = (await admin.get(`/api/v1/incidents?businessSystemId=${systems[0].id}&limit=50`)).json();
    assert.ok(linked.total >= 1 && linked.items.every((i: { kind: string; ownerDepartment: string }) => i.kind === 'business_system' && i.ownerDepartment));
  });

  test('backups, monitoring, security cases, documents, patch plans, antivirus work records and clone images are filled for the reports', async () => {
    const backups = (await admin.get('/api/v1/backup-results/monthly?month=2026-06')).json();
    assert.ok(backups.total.due > 100 && backups.total.rate > 0.9 && backups.total.rate < 1, JSON.stringify(backups.total));
    assert.ok(backups.total.missed > 0, 'missed runs count as failures');
    const firing = (await admin.get('/api/v1/monitoring/events?status=firing&limit=50')).json();
    assert.ok(firing.items.length >= 1, 'a firing alert');
    const disks = (await admin.get('/api/v1/disk-reports')).json().items;
    assert.ok(
      disks.some((d: { level: string }) => d.level === 'warning'),
      JSON.stringify(disks.map((d: { level: string }) => d.level)),
    );
    const security = (await admin.get('/api/v1/security-cases/metrics?month=2026-07')).json();
    assert.ok(security.counted >= 1, JSON.stringify(security));
    const docs = (await admin.get('/api/v1/ops-documents')).json().items;
    assert.deepEqual(
      docs.filter((d: { reviewState: string }) => d.reviewState === 'overdue').map((d: { kind: string }) => d.kind),
      ['malware_response_plan'],
    );
    const plans = (await admin.get('/api/v1/patch-plans?limit=50')).json();
    assert.ok((plans.total ?? plans.items.length) >= 10, `${plans.total ?? plans.items.length} patch plans`);
    const work = (await admin.get('/api/v1/antivirus/work-records?limit=1000')).json();
    const kinds = new Set(work.items.map((w: { kind: string }) => w.kind));
    assert.deepEqual([...kinds].sort(), ['definition_update', 'distribution', 'engine_upgrade', 'patch', 'product_upgrade', 'settings_change']);
    // 3.1.1.w: settings changes on a file server (exclusion folder) and on a group's policy (scheduled scan time).
    type Setting = { device: unknown; targetGroup: string | null; setting: string; valueAfter: string };
    const settings: Setting[] = (await admin.get('/api/v1/antivirus/work-records?kind=settings_change')).json().items;
    assert.ok(
      settings.some((w) => w.device !== null && w.valueAfter.startsWith('D:\\Backup\\')),
      JSON.stringify(settings),
    );
    assert.ok(settings.some((w) => w.device === null && w.targetGroup === '本部サーバ群ポリシー' && w.setting === '予約検索の開始時刻'));
    assert.ok(new Set(work.items.map((w: { doneAt: string }) => w.doneAt.slice(0, 7))).size >= 11, `a year of work records: ${work.items.length}`);
    assert.ok(
      work.items.every((w: { operator: unknown }) => w.operator !== null),
      'every demo record names its operator',
    );
    // 3.3.1.k: clone images per model × OS × software set, updated monthly; one missed the latest plan.
    const images = (await admin.get('/api/v1/clone-images')).json();
    assert.ok(images.items.length >= 6 && images.items.some((i: { kind: string }) => i.kind === 'virtual'), `${images.items.length} clone images`);
    assert.deepEqual(
      images.items.filter((i: { stale: boolean }) => i.stale).map((i: { code: string }) => i.code),
      ['IMG-ALL-LAT5450-W11'],
    );
    const history = (await admin.get(`/api/v1/clone-images/${images.items[0].id}`)).json().updates;
    assert.ok(new Set(history.map((u: { updatedOn: string }) => u.updatedOn.slice(0, 7))).size >= 11, `a year of image updates: ${history.length}`);
  });
});
