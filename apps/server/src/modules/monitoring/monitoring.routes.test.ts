import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
let token: string;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  token = (await admin.post('/api/v1/monitoring/hook-tokens', { name: 'Script', sources: ['generic'] })).json().token;
});
after(async () => {
  await t.close();
});

const fire = (key: string, target: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/hooks/generic',
    headers: { authorization: `Bearer ${token}` },
    payload: { source: 'ping', key, status: 'firing', title: `${target} down`, target },
  });

describe('monitored targets (6.a)', () => {
  test('add, change and remove on request, each audited; a target needs an asset or a site', async () => {
    const site = await makeSite(t);
    const other = await makeSite(t);
    const asset = await makeAsset(t, site.id, { name: 'fw01' });
    assert.deepEqual((await admin.post('/api/v1/monitoring/targets', { name: 'x', kind: 'server' })).json().errors, [
      { path: 'siteId', message: '資産か拠点を指定してください' },
    ]);
    const created = await admin.post('/api/v1/monitoring/targets', {
      name: 'fw01',
      kind: 'network_device',
      assetId: asset.id,
      matchLabels: { target: 'fw01' },
      thresholds: { diskFreePercentMin: 10 },
      monitoredItems: '死活監視, トラップ監視',
      requestRef: 'HD-000200',
    });
    assert.equal(created.statusCode, 201, created.body);
    const target = created.json();
    assert.equal(target.site.id, site.id);
    assert.equal(target.asset.assetNumber, asset.assetNumber);
    assert.deepEqual(target.abilities, { update: true, remove: true });

    const moved = await admin.patch(`/api/v1/monitoring/targets/${target.id}`, { siteId: other.id, requestRef: 'HD-000201' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().site.id, other.id, 'a given site wins over the asset');
    assert.equal(moved.json().version, 2);
    const stale = await admin.patch(`/api/v1/monitoring/targets/${target.id}`, { name: 'fw01b' }, { 'if-match': '"1"' });
    assert.equal(stale.statusCode, 412);

    assert.equal((await fire('fw01', 'fw01')).statusCode, 200);
    assert.equal((await admin.get(`/api/v1/monitoring/targets/${target.id}`)).json().firingCount, 1);

    assert.equal(
      (await admin.delete(`/api/v1/monitoring/targets/${target.id}?requestRef=HD-000202&requestedBy=${encodeURIComponent('佐藤')}`)).statusCode,
      204,
    );
    const removed = (await admin.get(`/api/v1/monitoring/targets/${target.id}`)).json();
    assert.ok(removed.removedAt);
    assert.equal(removed.active, false);
    assert.equal(removed.requestRef, 'HD-000202');
    assert.ok(!(await admin.get('/api/v1/monitoring/targets')).json().items.some((x: { id: string }) => x.id === target.id), 'removed targets are hidden');
    assert.ok((await admin.get('/api/v1/monitoring/targets?includeRemoved=true')).json().items.some((x: { id: string }) => x.id === target.id));
    const res = await fire('fw01-again', 'fw01');
    const event = (await admin.get(`/api/v1/monitoring/events/${res.json().events[0].id}`)).json();
    assert.equal(event.target, null, 'a removed target no longer takes alerts');

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, target.id)).orderBy(auditLog.id);
    assert.deepEqual(
      audits.map((a) => a.action),
      ['monitoring-target.created', 'monitoring-target.updated', 'monitoring-target.removed'],
    );
  });

  test('rules: CRUD for monitoring.manage, read for auditors; operators manage, auditors do not', async () => {
    const { client: operator } = await clientFor(t, ['operator']);
    const { client: auditor } = await clientFor(t, ['auditor']);
    const rule = await operator.post('/api/v1/monitoring/rules', { name: 'Network → incident', targetKind: 'network_device', action: 'incident' });
    assert.equal(rule.statusCode, 201, rule.body);
    assert.equal((await auditor.get('/api/v1/monitoring/rules')).statusCode, 200);
    assert.equal((await auditor.post('/api/v1/monitoring/rules', { name: 'x', action: 'record' })).statusCode, 403);
    assert.equal((await auditor.get('/api/v1/monitoring/hook-tokens')).statusCode, 403);
    assert.equal((await operator.get('/api/v1/monitoring/hook-tokens')).statusCode, 403, 'hook tokens are for administrators');
    const patched = await operator.patch(`/api/v1/monitoring/rules/${rule.json().id}`, { enabled: false });
    assert.equal(patched.json().enabled, false);
    const bad = await operator.post('/api/v1/monitoring/rules', { name: 'x', action: 'page', minSeverity: 'huge' });
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ['action', 'minSeverity'],
    );
    assert.equal((await operator.delete(`/api/v1/monitoring/rules/${rule.json().id}`)).statusCode, 204);
    assert.equal((await operator.get(`/api/v1/monitoring/rules/${rule.json().id}`)).statusCode, 404);
  });

  test('scope: a one-site supervisor sees the targets and events of that site only', async () => {
    const a = await makeSite(t);
    const b = await makeSite(t);
    const person = await makePerson(t, a.id);
    for (const [site, name] of [
      [a, 'scope-a'],
      [b, 'scope-b'],
    ] as const) {
      assert.equal((await admin.post('/api/v1/monitoring/targets', { name, kind: 'server', siteId: site.id, matchLabels: { target: name } })).statusCode, 201);
      assert.equal((await fire(name, name)).statusCode, 200);
    }
    const { client: scoped } = await clientFor(t, ['supervisor'], { kind: 'own' }, person.id);
    const targets = (await scoped.get('/api/v1/monitoring/targets')).json();
    assert.deepEqual(
      targets.items.map((x: { name: string }) => x.name),
      ['scope-a'],
    );
    const events = (await scoped.get('/api/v1/monitoring/events')).json();
    assert.deepEqual(
      events.items.map((x: { site: { id: string } }) => x.site.id),
      [a.id],
      'events are scoped through their target; events without a target are hidden',
    );
    const all = (await admin.get(`/api/v1/monitoring/events?siteId=${b.id}`)).json().items;
    assert.equal(all.length, 1);
    assert.equal((await scoped.get(`/api/v1/monitoring/events/${all[0].id}`)).statusCode, 404);
    assert.equal((await scoped.get(`/api/v1/monitoring/targets/${all[0].target.id}`)).statusCode, 404);
    assert.equal((await scoped.post('/api/v1/monitoring/targets', { name: 'x', kind: 'server', siteId: a.id })).statusCode, 403, 'supervisors read only');
    const { client: operatorA } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [a.id] });
    const outside = await operatorA.post('/api/v1/monitoring/targets', { name: 'x', kind: 'server', siteId: b.id });
    assert.equal(outside.statusCode, 422);
    assert.equal(outside.json().errors[0].path, 'siteId');
  });

  test('event filters: status, severity and period', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hooks/generic',
      headers: { authorization: `Bearer ${token}` },
      payload: { source: 'ping', key: 'old', status: 'firing', severity: 'critical', title: 'old', at: '2025-01-01T00:00:00Z' },
    });
    const id = res.json().events[0].id;
    const ids = async (qs: string) => (await admin.get(`/api/v1/monitoring/events?${qs}`)).json().items.map((x: { id: string }) => x.id) as string[];
    assert.ok((await ids('severity=critical')).includes(id));
    assert.ok(!(await ids('severity=warning')).includes(id));
    assert.ok((await ids('status=firing&from=2026-01-01T00:00:00Z')).includes(id), 'still firing, so open in a later period');
    assert.ok(!(await ids('to=2024-12-31T00:00:00Z')).includes(id));
    assert.equal((await admin.get('/api/v1/monitoring/events?status=open')).statusCode, 422);
  });
});
