import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { diskSamples, monitoringEvents } from './monitoring.table.ts';

/** 6.i: the monthly monitoring-results report built from the hook events and disk samples. */

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
let tkTarget: string;
let osTarget: string;
const GB = 1024 ** 3;

async function event(targetId: string, severity: string, startsAt: string, resolvedAt: string, title = 'Down') {
  await t.db.insert(monitoringEvents).values({
    source: 'generic',
    fingerprint: randomUUID(),
    status: 'resolved',
    severity,
    title,
    labels: { alertname: title },
    targetId,
    startsAt: new Date(startsAt),
    lastSeenAt: new Date(resolvedAt),
    resolvedAt: new Date(resolvedAt),
  });
}

async function disk(targetId: string, host: string, at: string, pct: number, level: string) {
  await t.db
    .insert(diskSamples)
    .values({ reportId: randomUUID(), targetId, host, mount: '/data', reportedAt: new Date(at), sizeBytes: 100 * GB, usedBytes: pct * GB, level });
}

async function sheets(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return { name: ws.name, rows };
  });
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq', code: 'RPT-TK' });
  osaka = await makeSite(t, { kind: 'hq', code: 'RPT-OS' });
  const a = await admin.post('/api/v1/monitoring/targets', { name: 'Tokyo web', kind: 'server', siteId: tokyo.id, matchLabels: { host: 'tk-web' } });
  assert.equal(a.statusCode, 201, a.body);
  tkTarget = a.json().id;
  const b = await admin.post('/api/v1/monitoring/targets', { name: 'Osaka web', kind: 'server', siteId: osaka.id, matchLabels: { host: 'os-web' } });
  osTarget = b.json().id;
  // Across the October/November boundary in Tokyo time (in UTC it ended on 31 October): 1 h in October, 2 h in November.
  await event(tkTarget, 'warning', '2026-10-31T23:00:00+09:00', '2026-11-01T02:00:00+09:00', 'HostDown');
  await event(tkTarget, 'critical', '2026-11-10T10:00:00+09:00', '2026-11-10T10:30:00+09:00', 'DiskFull');
  await event(tkTarget, 'critical', '2026-11-20T09:00:00+09:00', '2026-11-20T10:00:00+09:00', 'DiskFull');
  // Over before the month started in Tokyo.
  await event(tkTarget, 'major', '2026-10-31T20:00:00+09:00', '2026-10-31T23:30:00+09:00', 'Old');
  await event(osTarget, 'major', '2026-11-05T10:00:00+09:00', '2026-11-05T11:00:00+09:00', 'OsakaDown');
  await disk(tkTarget, 'tk-web', '2026-10-31T10:00:00+09:00', 99, 'critical');
  await disk(tkTarget, 'tk-web', '2026-11-05T10:00:00+09:00', 90, 'warning');
  await disk(tkTarget, 'tk-web', '2026-11-20T10:00:00+09:00', 70, 'ok');
  await disk(osTarget, 'os-web', '2026-11-20T10:00:00+09:00', 40, 'ok');
});
after(async () => {
  await t.close();
});

type Row = { target: { id: string; name: string }; alerts: Record<string, number>; totalAlerts: number; firingSeconds: number; longestSeconds: number };
const rowOf = (items: Row[], id: string) => items.find((r) => r.target.id === id)!;

describe('monthly monitoring-results report (6.i)', () => {
  test('the summary counts alerts by severity and clips firing time to the month in Tokyo time', async () => {
    const res = await admin.get('/api/v1/monitoring/reports/monthly/summary?month=2026-11');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.from, body.to], ['2026-10-31T15:00:00.000Z', '2026-11-30T15:00:00.000Z']);
    const tk = rowOf(body.items, tkTarget);
    assert.deepEqual(tk.alerts, { info: 0, warning: 1, minor: 0, major: 0, critical: 2 });
    assert.equal(tk.totalAlerts, 3);
    assert.equal(tk.firingSeconds, 7200 + 1800 + 3600, 'the alert from October counts from 1 November 00:00');
    assert.equal(tk.longestSeconds, 7200);
    const oct = rowOf((await admin.get('/api/v1/monitoring/reports/monthly/summary?month=2026-10')).json().items, tkTarget);
    assert.deepEqual([oct.totalAlerts, oct.firingSeconds, oct.alerts.major], [2, 3600 + 3.5 * 3600, 1]);
    assert.equal((await admin.get('/api/v1/monitoring/reports/monthly/summary?month=2026-13')).statusCode, 422);
  });

  test('an alert that opened an incident counts it; a still-firing alert counts up to now', async () => {
    const db = await admin.post('/api/v1/monitoring/targets', { name: 'Tokyo db', kind: 'server', siteId: tokyo.id, matchLabels: { target: 'tk-db' } });
    const rule = await admin.post('/api/v1/monitoring/rules', { name: 'db → incident', targetId: db.json().id, action: 'incident', position: 1 });
    assert.equal(rule.statusCode, 201, rule.body);
    const token = (await admin.post('/api/v1/monitoring/hook-tokens', { name: 'report', sources: ['generic'] })).json().token;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const hook = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hooks/generic',
      headers: { authorization: `Bearer ${token}` },
      payload: { source: 'ping', key: 'tk-db', status: 'firing', severity: 'critical', title: 'tk-db down', target: 'tk-db', at },
    });
    assert.equal(hook.statusCode, 200, hook.body);
    const month = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7); // this month in Tokyo
    const row = rowOf((await admin.get(`/api/v1/monitoring/reports/monthly/summary?month=${month}`)).json().items, db.json().id) as Row & { incidents: number };
    assert.deepEqual([row.totalAlerts, row.incidents], [1, 1]);
    assert.ok(row.firingSeconds >= 3590 && row.firingSeconds <= 3700, String(row.firingSeconds));
  });

  test('the XLSX has the summary, alert and disk sheets with Japanese headings, English with lang=en', async () => {
    const res = await admin.get('/api/v1/monitoring/reports/monthly?month=2026-11');
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="monitoring-report-2026-11\.xlsx"/);
    const ja = await sheets(res.rawPayload);
    assert.deepEqual(
      ja.map((s) => s.name),
      ['監視対象別集計', 'アラート一覧', 'ディスク使用率'],
    );
    assert.equal(ja[0].rows[0][0], '監視結果報告書 2026年11月');
    assert.deepEqual(ja[0].rows[1].slice(0, 3), ['監視対象', '種別', '拠点']);
    assert.ok(ja[0].rows.some((r) => r[0] === 'Tokyo web'));
    const alerts = ja[1].rows.slice(2).filter((r) => r[2] === 'Tokyo web');
    assert.deepEqual(
      alerts.map((r) => [r[0], r[1], r[4]]),
      [
        ['2026-10-31 23:00', '2026-11-01 02:00', 'HostDown'],
        ['2026-11-10 10:00', '2026-11-10 10:30', 'DiskFull'],
        ['2026-11-20 09:00', '2026-11-20 10:00', 'DiskFull'],
      ],
    );
    const tkDisk = ja[2].rows.find((r) => r[1] === 'tk-web')!;
    assert.deepEqual([tkDisk[0], tkDisk[3], tkDisk[4], tkDisk[6]], ['Tokyo web', '90', '70', 'あり']);

    const en = await sheets((await admin.get('/api/v1/monitoring/reports/monthly?month=2026-11&lang=en')).rawPayload);
    assert.deepEqual(
      en.map((s) => s.name),
      ['Summary by target', 'Alerts', 'Disk usage'],
    );
    assert.equal(en[0].rows[0][0], 'Monitoring results report 2026-11');
    assert.deepEqual(en[1].rows[1].slice(0, 3), ['Fired at', 'Resolved at', 'Target']);
  });

  test('an operator of one site gets only the targets of that site', async () => {
    const person = await makePerson(t, osaka.id);
    const { client } = await clientFor(t, ['supervisor'], { kind: 'own' }, person.id);
    const items = (await client.get('/api/v1/monitoring/reports/monthly/summary?month=2026-11')).json().items;
    assert.deepEqual(
      items.map((r: Row) => r.target.name),
      ['Osaka web'],
    );
    const book = await sheets((await client.get('/api/v1/monitoring/reports/monthly?month=2026-11')).rawPayload);
    assert.deepEqual(
      book[1].rows.slice(2).map((r) => r[2]),
      ['Osaka web'],
    );
    assert.deepEqual(
      book[2].rows.slice(2).map((r) => r[1]),
      ['os-web'],
    );
  });
});

describe('monthly export record (6.i checklist)', () => {
  const valid = { month: '2026-11', mediumId: 'LTO-2026-11-A', periodFrom: '2026-11-01', periodTo: '2026-11-30', dataKinds: ['performance', 'logs'] };

  test('a record is created with its operator and audited, listed by month, and deleted with an audit record', async () => {
    const res = await admin.post('/api/v1/monitoring/exports', { ...valid, siteId: tokyo.id, note: '金庫に保管' });
    assert.equal(res.statusCode, 201, res.body);
    const rec = res.json();
    assert.deepEqual(
      [rec.month, rec.mediumId, rec.periodFrom, rec.periodTo, rec.dataKinds, rec.site.id, rec.note],
      ['2026-11', 'LTO-2026-11-A', '2026-11-01', '2026-11-30', ['performance', 'logs'], tokyo.id, '金庫に保管'],
    );
    assert.ok(rec.operator.name);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, 'monitoring-export.created')));
    assert.equal(audit.length, 1);
    await admin.post('/api/v1/monitoring/exports', { ...valid, month: '2026-10', periodFrom: '2026-10-01', periodTo: '2026-10-31', mediumId: 'LTO-10' });
    const nov = (await admin.get('/api/v1/monitoring/exports?month=2026-11')).json().items;
    assert.deepEqual(
      nov.map((i: { mediumId: string }) => i.mediumId),
      ['LTO-2026-11-A'],
    );
    assert.equal((await admin.get('/api/v1/monitoring/exports')).json().items.length, 2);

    const person = await makePerson(t, osaka.id);
    const { client } = await clientFor(t, ['supervisor'], { kind: 'own' }, person.id);
    const seen = (await client.get('/api/v1/monitoring/exports')).json().items.map((i: { mediumId: string }) => i.mediumId);
    assert.deepEqual(seen, ['LTO-10'], 'the Tokyo record is not shown to Osaka; the organization-wide one is');

    assert.equal((await admin.delete(`/api/v1/monitoring/exports/${rec.id}`)).statusCode, 204);
    assert.equal((await admin.get('/api/v1/monitoring/exports?month=2026-11')).json().items.length, 0);
    const deleted = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, rec.id), eq(auditLog.action, 'monitoring-export.deleted')));
    assert.equal(deleted.length, 1);
  });

  test('a period ending before it starts and a missing medium ID are refused by field, writing nothing', async () => {
    const before = (await admin.get('/api/v1/monitoring/exports')).json().items.length;
    const order = await admin.post('/api/v1/monitoring/exports', { ...valid, periodFrom: '2026-11-30', periodTo: '2026-11-01' });
    assert.equal(order.statusCode, 422, order.body);
    assert.deepEqual(
      order.json().errors.map((e: { path: string }) => e.path),
      ['periodTo'],
    );
    const { mediumId: _, ...noMedium } = valid;
    const missing = await admin.post('/api/v1/monitoring/exports', noMedium);
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(
      missing.json().errors.map((e: { path: string }) => e.path),
      ['mediumId'],
    );
    const blank = await admin.post('/api/v1/monitoring/exports', { ...valid, mediumId: '  ' });
    assert.deepEqual(
      blank.json().errors.map((e: { path: string }) => e.path),
      ['mediumId'],
    );
    assert.equal((await admin.get('/api/v1/monitoring/exports')).json().items.length, before);
  });
});
