import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { ALERTMANAGER_BIN, type Alertmanager, alertmanagerInstalled, startAlertmanager } from '../../test/alertmanager.ts';
import { type Client, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { waitUntil } from '../../test/processes.ts';
import { recordingIncidents } from './monitoring.test-kit.ts';

// Acceptance of issue #7 part 4: alerts travel through a real Alertmanager to our webhook and back to resolved.

const skip = alertmanagerInstalled() ? false : `${ALERTMANAGER_BIN} is not installed (apt-get install prometheus-alertmanager; .ci/run does it)`;

let t: TestApp;
let am: Alertmanager;
let admin: Client;
let site: { id: string };
let assetId: string;
const incidents = recordingIncidents();

before(async () => {
  if (skip) return;
  t = await startTestApp({}, { incidents: incidents.port });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  admin = await loginAdmin(t.app);
  const token = (await admin.post('/api/v1/monitoring/hook-tokens', { name: 'Alertmanager', sources: ['alertmanager'] })).json().token;
  am = await startAlertmanager(`http://127.0.0.1:${port}/api/v1/hooks/alertmanager`, token);
  site = await makeSite(t);
  assetId = (await makeAsset(t, site.id, { name: 'db01' })).id;
});
after(async () => {
  await am?.stop();
  await t?.close();
});

type Event = { id: string; status: string; title: string; action: string; incidentId: string | null; target: { id: string } | null };
const eventOf = async (alertname: string, status: string): Promise<Event | undefined> => {
  const items = (await admin.get(`/api/v1/monitoring/events?source=alertmanager&status=${status}`)).json().items as (Event & {
    labels: Record<string, string>;
  })[];
  return items.find((e) => e.labels.alertname === alertname);
};

test('firing and resolved alerts from a real Alertmanager: a record rule and an incident rule', { skip, timeout: 60_000 }, async () => {
  const target = (
    await admin.post('/api/v1/monitoring/targets', { name: 'db01', kind: 'server', assetId, matchLabels: { instance: 'db01:9100', job: 'node' } })
  ).json();
  const incidentRule = await admin.post('/api/v1/monitoring/rules', { name: 'Critical → incident', position: 1, minSeverity: 'critical', action: 'incident' });
  assert.equal(incidentRule.statusCode, 201, incidentRule.body);
  await admin.post('/api/v1/monitoring/rules', { name: 'The rest: record', position: 2, action: 'record' });

  const startsAt = new Date().toISOString();
  const disk = { alertname: 'DiskFull', instance: 'db01:9100', job: 'node', severity: 'critical' };
  const load = { alertname: 'HighLoad', instance: 'db01:9100', job: 'node', severity: 'warning' };
  await am.post([
    { labels: disk, annotations: { summary: '/var is 97% full' }, startsAt },
    { labels: load, annotations: { summary: 'load 12' }, startsAt },
  ]);
  const [diskEvent, loadEvent] = await waitUntil(
    async () => {
      const d = await eventOf('DiskFull', 'firing');
      const l = await eventOf('HighLoad', 'firing');
      return d && l ? [d, l] : null;
    },
    20_000,
    200,
    `both events firing\n${am.output()}`,
  );
  assert.equal(diskEvent.target?.id, target.id);
  assert.equal(diskEvent.title, '/var is 97% full');
  assert.equal(diskEvent.action, 'incident');
  assert.equal(loadEvent.action, 'record');
  assert.equal(loadEvent.incidentId, null);
  assert.equal(incidents.opened.length, 1, 'only the critical alert opened an incident');
  assert.equal(diskEvent.incidentId, incidents.ids[0]);
  const input = incidents.opened[0];
  assert.equal(input.kind, 'hardware', 'a server target');
  assert.equal(input.siteId, site.id);
  assert.deepEqual(input.assetIds, [assetId]);
  assert.deepEqual(input.source, { type: 'monitoring', eventId: diskEvent.id });

  const endsAt = new Date().toISOString();
  await am.post([
    { labels: disk, startsAt, endsAt },
    { labels: load, startsAt, endsAt },
  ]);
  await waitUntil(
    async () => (await eventOf('DiskFull', 'resolved')) && (await eventOf('HighLoad', 'resolved')),
    20_000,
    200,
    `both events resolved\n${am.output()}`,
  );
  const resolved = (await admin.get(`/api/v1/monitoring/events/${diskEvent.id}`)).json();
  assert.equal(resolved.status, 'resolved');
  assert.ok(resolved.resolvedAt);
  assert.deepEqual(
    incidents.resolved.map((r) => r.incidentId),
    [diskEvent.incidentId],
    'the incident hears of the recovery',
  );
  assert.equal(incidents.opened.length, 1, 'still one incident');
  // The incident is a real one: open (the operator confirms recovery), with monitoring's recovery on its timeline.
  const incident = (await admin.get(`/api/v1/incidents/${diskEvent.incidentId}`)).json();
  assert.deepEqual([incident.source, incident.status], ['monitoring', 'open']);
  const timeline = (await admin.get(`/api/v1/incidents/${diskEvent.incidentId}/events`)).json().items.map((e: { type: string }) => e.type);
  assert.deepEqual(timeline, ['occurred', 'milestone', 'monitoring_resolved']);
});
