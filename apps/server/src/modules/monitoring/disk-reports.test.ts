import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { diskSamples } from './monitoring.table.ts';

/** Issue #7 item 5 (6.d, 6.e): disk-space reports from the shipped script, thresholds per target, weekly report. */

let t: TestApp;
let admin: Client;
let token: string;
let baseUrl: string;
let tokyo: { id: string };
let osaka: { id: string };
const GB = 1024 ** 3;

const post = (body: unknown, auth = token) =>
  t.app.inject({ method: 'POST', url: '/api/v1/disk-reports', headers: { authorization: `Bearer ${auth}` }, payload: body as object });
const vol = (mount: string, pct: number) => ({ mount, sizeBytes: 100 * GB, usedBytes: pct * GB });

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  token = (await admin.post('/api/v1/monitoring/hook-tokens', { name: 'disk scripts', sources: ['generic'] })).json().token;
  const target = await admin.post('/api/v1/monitoring/targets', {
    name: 'File server 01',
    kind: 'server',
    siteId: tokyo.id,
    matchLabels: { host: 'file-srv-01' },
    thresholds: { diskWarnPct: 80, diskCritPct: 90, diskMounts: { '/backup': { warnPct: 95, critPct: 98 } } },
  });
  assert.equal(target.statusCode, 201, target.body);
  await admin.post('/api/v1/monitoring/targets', { name: 'Osaka server', kind: 'server', siteId: osaka.id, matchLabels: { host: 'osaka-srv' } });
  const rule = await admin.post('/api/v1/monitoring/rules', {
    name: 'Critical disks → incident',
    minSeverity: 'critical',
    labelMatchers: { alertname: 'DiskSpace' },
    action: 'incident',
  });
  assert.equal(rule.statusCode, 201, rule.body);
});
after(async () => {
  await t.close();
});

describe('disk-space reports (6.d, 6.e)', () => {
  test('each volume is judged by its target thresholds; a breach fires an alert, a critical one opens an incident, recovery resolves it', async () => {
    const res = await post({ host: 'file-srv-01', volumes: [vol('/', 50), vol('/data', 85), vol('/logs', 92), vol('/backup', 93)] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().volumes.map((v: { mount: string; usedPct: number; level: string }) => [v.mount, v.usedPct, v.level]),
      [
        ['/', 50, 'ok'],
        ['/data', 85, 'warning'],
        ['/logs', 92, 'critical'],
        ['/backup', 93, 'ok'],
      ],
    );
    const firing = (await admin.get('/api/v1/monitoring/events?status=firing&limit=50')).json().items;
    const byMount = Object.fromEntries(firing.map((e: { labels: Record<string, string> }) => [e.labels.mount, e]));
    assert.deepEqual(Object.keys(byMount).sort(), ['/data', '/logs']);
    assert.deepEqual([byMount['/data'].severity, byMount['/data'].action], ['warning', 'record']);
    assert.equal(byMount['/logs'].action, 'incident');
    const incident = (await admin.get(`/api/v1/incidents/${byMount['/logs'].incidentId}`)).json();
    assert.deepEqual([incident.kind, incident.source, incident.sites.map((s: { id: string }) => s.id)], ['hardware', 'monitoring', [tokyo.id]]);

    await post({ host: 'file-srv-01', volumes: [vol('/data', 70)] });
    const data = (await admin.get(`/api/v1/monitoring/events/${byMount['/data'].id}`)).json();
    assert.equal(data.status, 'resolved');
    const latest = (await admin.get('/api/v1/disk-reports'))
      .json()
      .items.find((v: { host: string; mount: string }) => v.host === 'file-srv-01' && v.mount === '/data');
    assert.deepEqual([latest.usedPct, latest.level, latest.target.name, latest.site.id], [70, 'ok', 'File server 01', tokyo.id]);
  });

  test('bad reports are refused by field, and a report without a hook token by 401, writing nothing', async () => {
    const before = (await t.db.select().from(diskSamples)).length;
    const bad = await post({ host: 'file-srv-01', volumes: [vol('/', 50), { mount: '/x', sizeBytes: 10, usedBytes: 11 }] });
    assert.deepEqual([bad.statusCode, bad.json().errors[0].path], [422, 'volumes.1.usedBytes']);
    assert.equal((await post({ host: 'x', volumes: [vol('/', 1)] }, 'uhk_nope')).statusCode, 401);
    assert.equal((await t.db.select().from(diskSamples)).length, before);
  });

  test('the shipped shell script reports this machine volumes', async () => {
    const { stdout } = await promisify(execFile)('sh', ['scripts/monitoring/disk-report.sh', 'script-host'], {
      env: { ...process.env, UNYO_URL: baseUrl, UNYO_HOOK_TOKEN: token },
    });
    const out = JSON.parse(stdout);
    assert.ok(
      out.volumes.some((v: { mount: string }) => v.mount === '/'),
      stdout,
    );
    const rows = await t.db.select().from(diskSamples).where(eq(diskSamples.host, 'script-host'));
    const root = rows.find((r) => r.mount === '/')!;
    assert.ok(root.sizeBytes > 0 && root.usedBytes > 0 && root.usedBytes <= root.sizeBytes);
  });

  test('the weekly report gives growth, breaches and the days without a report; scoped by the target site', async () => {
    const at = (d: string) => `${d}T07:00:00+09:00`;
    for (const [day, pct] of [
      ['2026-11-16', 60],
      ['2026-11-17', 65],
      ['2026-11-18', 82],
    ] as const)
      assert.equal((await post({ host: 'file-srv-01', reportedAt: at(day), volumes: [vol('/archive', pct)] })).statusCode, 200);
    await post({ host: 'osaka-srv', reportedAt: at('2026-11-17'), volumes: [vol('/', 40)] });
    const week = (await admin.get('/api/v1/disk-reports/weekly?weekOf=2026-11-19')).json();
    assert.deepEqual([week.from, week.to], ['2026-11-16', '2026-11-22']);
    const archive = week.items.find((i: { mount: string }) => i.mount === '/archive');
    assert.deepEqual(
      [archive.samples, archive.firstPct, archive.lastPct, archive.maxPct, archive.growthPct, archive.breaches, archive.lastLevel],
      [3, 60, 82, 82, 22, 1, 'warning'],
    );
    assert.deepEqual(archive.missingDays, ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);

    const person = await makePerson(t, osaka.id);
    const { client: osakaStaff } = await clientFor(t, ['supervisor'], { kind: 'own' }, person.id);
    const seen = (await osakaStaff.get('/api/v1/disk-reports/weekly?weekOf=2026-11-19')).json().items.map((i: { host: string }) => i.host);
    assert.deepEqual(seen, ['osaka-srv']);
    const latest = (await osakaStaff.get('/api/v1/disk-reports')).json().items.map((i: { host: string }) => i.host);
    assert.deepEqual([...new Set(latest)], ['osaka-srv'], 'unmatched hosts and other sites are not shown');
  });
});
