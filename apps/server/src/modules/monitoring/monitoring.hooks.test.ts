import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { hookTokens } from './monitoring.table.ts';
import { amAlert, amBody, recordingIncidents } from './monitoring.test-kit.ts';

let t: TestApp;
let admin: Client;
let token: string;
let site: { id: string };
let targetId: string;
const incidents = recordingIncidents();

const hook = (kind: string, body: unknown, bearer = token) =>
  t.app.inject({ method: 'POST', url: `/api/v1/hooks/${kind}`, headers: { authorization: `Bearer ${bearer}` }, payload: body as object });
const event = async (id: string) => (await admin.get(`/api/v1/monitoring/events/${id}`)).json();
const generic = (over: Record<string, unknown>) => ({
  source: 'backup-check',
  key: 'nas01/daily',
  status: 'firing',
  severity: 'major',
  title: 'Backup failed',
  ...over,
});

before(async () => {
  t = await startTestApp({ monitoring: { reopenMinutes: 10, flapThreshold: 3, flapWindowMinutes: 60 } }, { incidents: incidents.port });
  admin = await loginAdmin(t.app);
  site = await makeSite(t);
  const asset = await makeAsset(t, site.id, { name: 'web01' });
  const res = await admin.post('/api/v1/monitoring/hook-tokens', { name: 'Prometheus', sources: ['alertmanager', 'zabbix', 'generic'] });
  assert.equal(res.statusCode, 201, res.body);
  token = res.json().token;
  const target = await admin.post('/api/v1/monitoring/targets', {
    name: 'web01',
    kind: 'server',
    assetId: asset.id,
    matchLabels: { instance: 'web01:9100' },
    requestedBy: '情報システム課 佐藤',
    requestRef: 'HD-000123',
  });
  assert.equal(target.statusCode, 201, target.body);
  assert.equal(target.json().site.id, site.id, 'the site comes from the asset');
  targetId = target.json().id;
});
after(async () => {
  await t.close();
});

describe('monitoring webhooks', () => {
  test('Alertmanager: a repeated firing updates the open event; the resolution resolves it at endsAt', async () => {
    const labels = { alertname: 'NodeDown', instance: 'web01:9100', job: 'node', severity: 'critical' };
    const first = await hook('alertmanager', amBody([amAlert(labels)]));
    assert.equal(first.statusCode, 200, first.body);
    const [{ id, outcome }] = first.json().events;
    assert.equal(outcome, 'created');
    const again = await hook('alertmanager', amBody([amAlert(labels)]));
    assert.deepEqual(again.json().events, [{ id, outcome: 'updated' }]);
    let e = await event(id);
    assert.equal(e.status, 'firing');
    assert.equal(e.notificationCount, 2);
    assert.equal(e.severity, 'critical');
    assert.equal(e.target.id, targetId, 'linked by the instance label');
    assert.equal(e.site.id, site.id);
    assert.equal(e.title, 'NodeDown on web01:9100');
    assert.equal(e.action, 'record', 'no rule: recorded only');

    const resolved = await hook('alertmanager', amBody([amAlert(labels, { status: 'resolved', endsAt: '2026-11-27T01:05:00Z' })], 'resolved'));
    assert.deepEqual(resolved.json().events, [{ id, outcome: 'resolved' }]);
    e = await event(id);
    assert.equal(e.status, 'resolved');
    assert.equal(e.resolvedAt, '2026-11-27T01:05:00.000Z');
    const list = (await admin.get(`/api/v1/monitoring/events?targetId=${targetId}&status=resolved&source=alertmanager`)).json();
    assert.deepEqual(
      list.items.map((i: { id: string }) => i.id),
      [id],
    );
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.id);
    assert.deepEqual(
      audits.map((a) => a.action),
      ['monitoring-event.created', 'monitoring-event.resolved'],
      'repeats only count; transitions are audited',
    );
  });

  test('concurrent webhooks for one alert make one event and lose no notification', async () => {
    const labels = { alertname: 'Burst', instance: 'web01:9100', severity: 'warning' };
    const results = await Promise.all(Array.from({ length: 12 }, () => hook('alertmanager', amBody([amAlert(labels)]))));
    assert.deepEqual([...new Set(results.map((r) => r.statusCode))], [200]);
    const ids = new Set(results.map((r) => r.json().events[0].id));
    assert.equal(ids.size, 1);
    const e = await event([...ids][0]);
    assert.equal(e.notificationCount, 12);
    assert.equal(results.filter((r) => r.json().events[0].outcome === 'created').length, 1);
  });

  test('Zabbix: problem and recovery meet on the event id; severity names and Zabbix times are read', async () => {
    const problem = {
      eventId: '4711',
      eventValue: '1',
      severity: 'High',
      host: 'core-sw01',
      trigger: 'Interface Gi0/1 down',
      eventTime: '2026.11.27 10:15:00',
    };
    const res = await hook('zabbix', problem);
    assert.equal(res.statusCode, 200, res.body);
    const id = res.json().events[0].id;
    let e = await event(id);
    assert.equal(e.severity, 'major');
    assert.equal(e.startsAt, '2026-11-27T01:15:00.000Z', 'Zabbix local time, +09:00 by default');
    assert.deepEqual(e.labels, { host: 'core-sw01', trigger: 'Interface Gi0/1 down' });
    assert.equal(e.target, null, 'no target matches host=core-sw01');
    const recovery = await hook('zabbix', { ...problem, eventValue: 0, eventTime: '2026-11-27T10:20:00+09:00' });
    assert.deepEqual(recovery.json().events, [{ id, outcome: 'resolved' }]);
    e = await event(id);
    assert.equal(e.resolvedAt, '2026-11-27T01:20:00.000Z');
    const bad = await hook('zabbix', { ...problem, eventTime: 'yesterday' });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].path, 'eventTime');
  });

  test('generic JSON: the target label links it; an unknown resolution is ignored', async () => {
    await admin.post('/api/v1/monitoring/targets', { name: 'nas01', kind: 'storage', siteId: site.id, matchLabels: { target: 'nas01' } });
    const res = await hook('generic', generic({ key: 'nas01/weekly', target: 'nas01', at: '2026-11-27T02:00:00Z' }));
    assert.equal(res.statusCode, 200, res.body);
    const e = await event(res.json().events[0].id);
    assert.equal(e.target.name, 'nas01');
    assert.equal(e.labels.source, 'backup-check');
    assert.equal(e.fingerprint, 'backup-check:nas01/weekly');
    const stray = await hook('generic', generic({ key: 'never-fired', status: 'resolved' }));
    assert.deepEqual(stray.json().events, [{ id: null, outcome: 'ignored' }]);
  });

  test('flapping: re-firing within 10 minutes re-opens the same event; from the third flap in the window no rule action runs', async () => {
    const rule = await admin.post('/api/v1/monitoring/rules', {
      name: 'Backups page the desk',
      source: 'generic',
      minSeverity: 'major',
      labelMatchers: { team: 'infra' },
      action: 'incident',
      incidentKind: 'business_system',
    });
    assert.equal(rule.statusCode, 201, rule.body);
    const base = Date.parse('2026-11-27T03:00:00Z');
    const at = (min: number) => new Date(base + min * 60_000).toISOString();
    const fire = (min: number) => hook('generic', generic({ key: 'flappy', labels: { team: 'infra' }, at: at(min) }));
    const resolve = (min: number) => hook('generic', generic({ key: 'flappy', status: 'resolved', at: at(min) }));
    const opened = incidents.opened.length;

    const id = (await fire(0)).json().events[0].id;
    assert.equal(incidents.opened.length, opened + 1, 'the rule opened an incident');
    const input = incidents.opened.at(-1)!;
    assert.equal(input.kind, 'business_system');
    assert.equal(input.title, 'Backup failed');
    assert.deepEqual(input.source, { type: 'monitoring', eventId: id });
    assert.equal(input.occurredAt.toISOString(), at(0));
    assert.equal(input.siteId, null);
    let e = await event(id);
    assert.equal(e.action, 'incident');
    assert.equal(e.rule.id, rule.json().id);
    assert.equal(e.incidentId, incidents.ids.at(-1), 'the incident id is kept on the event');

    await resolve(2);
    assert.deepEqual(incidents.resolved.at(-1), { incidentId: e.incidentId, at: new Date(at(2)) }, 'the incident hears of the recovery');
    for (const [n, min] of [
      [1, 5],
      [2, 10],
    ]) {
      assert.deepEqual((await fire(min)).json().events, [{ id, outcome: 'reopened' }]);
      assert.equal(incidents.opened.length, opened + 1 + n, `flap ${n} below the threshold still runs the rule`);
      await resolve(min + 1);
    }
    assert.deepEqual((await fire(15)).json().events, [{ id, outcome: 'reopened' }]);
    assert.equal(incidents.opened.length, opened + 3, 'the third flap in the window is suppressed');
    e = await event(id);
    assert.equal(e.flapCount, 3);
    assert.equal(e.flapping, true);
    assert.equal(e.status, 'firing');
    await resolve(16);

    const later = (await fire(16 + 11)).json().events[0];
    assert.equal(later.outcome, 'created', 'more than 10 minutes after the resolution: a new event');
    assert.notEqual(later.id, id);
    assert.equal(incidents.opened.length, opened + 4);
  });

  test('a rule with action record records only; rules below the minimum severity do not match', async () => {
    const opened = incidents.opened.length;
    const res = await hook('generic', generic({ key: 'minor-thing', severity: 'warning', labels: { team: 'infra' } }));
    const e = await event(res.json().events[0].id);
    assert.equal(e.action, 'record');
    assert.equal(e.rule, null);
    await admin.post('/api/v1/monitoring/rules', { name: 'Warnings: record', position: 1, minSeverity: 'warning', action: 'record' });
    const rec = await hook('generic', generic({ key: 'recorded', labels: { team: 'infra' } }));
    const r = await event(rec.json().events[0].id);
    assert.equal(r.action, 'record');
    assert.equal(r.rule.name, 'Warnings: record', 'the first rule in position order wins');
    assert.equal(incidents.opened.length, opened);
  });

  test('tokens: none, unknown or revoked is a 401 problem; a token for another hook is a 403', async () => {
    const body = generic({ key: 'auth' });
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/hooks/generic', payload: body });
    assert.equal(none.statusCode, 401);
    assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assert.equal((await hook('generic', body, 'uhk_00000000_nope')).statusCode, 401);
    assert.equal((await hook('generic', body, 'unyo_not-a-hook-token')).statusCode, 401);
    const zabbixOnly = (await admin.post('/api/v1/monitoring/hook-tokens', { name: 'Zabbix', sources: ['zabbix'] })).json();
    assert.equal((await hook('generic', body, zabbixOnly.token)).statusCode, 403);
    const [stored] = await t.db.select().from(hookTokens).where(eq(hookTokens.id, zabbixOnly.id));
    assert.notEqual(stored.tokenHash, zabbixOnly.token, 'only a hash is stored');
    assert.equal((await admin.delete(`/api/v1/monitoring/hook-tokens/${zabbixOnly.id}`)).statusCode, 204);
    assert.equal((await hook('zabbix', {}, zabbixOnly.token)).statusCode, 401, 'revoked; and authentication comes before validation');
    const list = (await admin.get('/api/v1/monitoring/hook-tokens')).json();
    assert.ok(!JSON.stringify(list).includes(zabbixOnly.token));
  });

  test('malformed bodies are 422 problems with field paths', async () => {
    const am = await hook('alertmanager', { status: 'firing', alerts: [{ status: 'firing', labels: {} }] });
    assert.equal(am.statusCode, 422);
    assert.ok(
      am.json().errors.some((x: { path: string }) => x.path === 'alerts.0.startsAt'),
      am.body,
    );
    const gen = await hook('generic', { source: 'x', key: 'y', status: 'burning', title: 't' });
    assert.equal(gen.statusCode, 422);
    assert.deepEqual(
      gen.json().errors.map((x: { path: string }) => x.path),
      ['status'],
    );
  });
});
