import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { csvOf, importFile } from './platform/files/io-test-kit.ts';
import { Client, clientFor, loginAdmin, startTestApp, type TestApp } from './test/harness.ts';

/**
 * Every route with the permission that guards it and how its lists are scoped. A change here is a
 * permission change: review the diff, then run with UPDATE_SNAPSHOTS=1.
 */
const snapshotFile = path.join(import.meta.dirname, 'route-permissions.snapshot.json');

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const apiRoutes = () =>
  [...t.routeGuards].filter((r) => r.url.startsWith('/api/v1/')).sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));

test('the route → permission snapshot is unchanged', () => {
  const current = apiRoutes().map((r) => `${r.method.padEnd(6)} ${r.url}  ${r.guard}${r.scope !== 'none' ? ` [scope:${r.scope}]` : ''}`);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(snapshotFile)) {
    fs.writeFileSync(snapshotFile, `${JSON.stringify(current, null, 2)}\n`);
  }
  assert.deepEqual(current, JSON.parse(fs.readFileSync(snapshotFile, 'utf8')));
});

const sample = (url: string, ids: Record<string, string>) =>
  url.replace(':id', ids.id ?? '00000000-0000-4000-8000-000000000000').replace(':name', 'platform.heartbeat');

test('anonymous callers get 401 on every non-public route, and requesters 403 on every permission-guarded one', async () => {
  const anon = new Client(t.app);
  const { client: requester } = await clientFor(t, ['requester']);
  for (const r of apiRoutes()) {
    if (r.guard === 'public') continue;
    const url = sample(r.url, {});
    const a = await anon.request(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
    assert.equal(a.statusCode, 401, `${r.method} ${r.url} anonymous`);
    if (r.guard === 'authenticated' || r.guard === 'portal.use') continue;
    const q = await requester.request(r.method, url, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
    assert.equal(q.statusCode, 403, `${r.method} ${r.url} requester`);
  }
});

/** The site id a DTO belongs to, whatever its shape (a stock-take over one site counts as that site). */
function siteOf(url: string, item: Record<string, any>): string | null {
  if (url === '/api/v1/sites') return item.id;
  if (Array.isArray(item.sites)) return item.sites.length === 1 ? (item.sites[0].site?.id ?? item.sites[0].id) : 'several';
  return item.site?.id ?? item.siteId ?? null;
}

/** Downloads are scoped by the same SQL as their lists and tested beside them; this test reads JSON lists. */
const isDownload = (url: string) => url.endsWith('/export') || url.endsWith('.xlsx');

test('for every site-scoped route, a one-site supervisor sees only that site and gets 404 by id elsewhere', async () => {
  const admin = await loginAdmin(t.app);
  const made: Record<string, { siteId: string; personId: string }> = {};
  const license = await admin.post('/api/v1/software-licenses', {
    assetNumber: 'SCOPE-LIC',
    softwareName: 'Scope Office',
    licenseType: 'volume',
    ownedCount: 10,
  });
  assert.equal(license.statusCode, 201, license.body);
  const hookToken = (await admin.post('/api/v1/monitoring/hook-tokens', { name: 'scope', sources: ['generic'] })).json().token;
  for (const code of ['SCOPE-A', 'SCOPE-B']) {
    const site = (await admin.post('/api/v1/sites', { code, kind: 'regional', nameJa: code, nameEn: code })).json();
    const dept = (await admin.post('/api/v1/departments', { code: `${code}-D`, nameJa: '部', nameEn: 'D', siteId: site.id })).json();
    const person = (
      await admin.post('/api/v1/people', { employeeNumber: `${code}-P`, nameKanji: '範囲 確認', staffType: 'regular', siteId: site.id, departmentId: dept.id })
    ).json();
    await admin.post('/api/v1/users', { email: `${code.toLowerCase()}@test.local`, personId: person.id, roles: ['requester'], password: 'scope-password-1' });
    made[code] = { siteId: site.id, personId: person.id };
    const asset = await admin.post('/api/v1/hardware-assets', {
      assetNumber: `${code}-HW`,
      ledger: 'domestic',
      name: `${code}-PC`,
      category: 'desktop_pc',
      siteId: site.id,
      userId: person.id,
    });
    assert.equal(asset.statusCode, 201, asset.body);
    const damage = await admin.post('/api/v1/damage-reports', {
      assetId: asset.json().id,
      kind: 'damage',
      occurredAt: '2026-11-01T10:00:00+09:00',
      circumstances: 'お茶をこぼした',
    });
    assert.equal(damage.statusCode, 201, damage.body);
    // A site-kept clone image; organization-wide images (no site) are seen by every reader and tested in clone-images.test.ts.
    const image = await admin.post('/api/v1/clone-images', {
      code: `${code}-IMG`,
      model: code,
      os: 'Windows 11',
      softwareSet: '標準',
      kind: 'physical',
      siteId: site.id,
    });
    assert.equal(image.statusCode, 201, image.body);
    const backupJob = await admin.post('/api/v1/backup-jobs', {
      assetId: asset.json().id,
      name: `${code} nightly`,
      software: 'Veeam',
      backupType: 'full',
      schedule: 'daily',
      dueTime: '07:00',
      retentionGenerations: 7,
      destination: 'NAS',
    });
    assert.equal(backupJob.statusCode, 201, backupJob.body);
    const avWork = await admin.post('/api/v1/antivirus/work-records', {
      kind: 'definition_update',
      deviceId: asset.json().id,
      doneAt: '2026-11-02T10:00:00+09:00',
    });
    assert.equal(avWork.statusCode, 201, avWork.body);
    const results = await admin.post('/api/v1/backup-results', {
      items: [
        { jobId: backupJob.json().id, runDate: '2026-11-01', status: 'failed' },
        { jobId: backupJob.json().id, runDate: '2026-11-02', status: 'success' },
      ],
    });
    assert.equal(results.statusCode, 201, results.body);
    const restore = await admin.post('/api/v1/backup-restores', { jobId: backupJob.json().id, requestedBy: code, what: 'a file' });
    assert.equal(restore.statusCode, 201, restore.body);
    const media = await admin.post('/api/v1/software-media', { kind: 'manual', title: `${code} manual`, siteId: site.id, storageLocation: 'shelf' });
    assert.equal(media.statusCode, 201, media.body);
    const shipment = await admin.post('/api/v1/software-media/shipments', {
      item: `${code} manual copy`,
      sender: 'HQ',
      recipient: code,
      method: 'internal_mail',
      shippedOn: '2026-11-02',
      siteId: site.id,
    });
    assert.equal(shipment.statusCode, 201, shipment.body);
    const finding = await admin.post('/api/v1/software-findings', { assetId: asset.json().id, name: `${code} toolbar` });
    assert.equal(finding.statusCode, 201, finding.body);
    const install = await admin.post('/api/v1/software-installations', { licenseId: license.json().id, deviceId: asset.json().id, status: 'installed' });
    assert.equal(install.statusCode, 201, install.body);
    for (const origin of ['hq', 'local']) {
      const dist = await admin.post('/api/v1/software-distributions', {
        distributedOn: '2026-11-01',
        siteId: site.id,
        origin,
        licenseId: origin === 'hq' ? license.json().id : null,
        softwareName: `${code} local tool`,
        licenseCount: 2,
      });
      assert.equal(dist.statusCode, 201, dist.body);
    }
    const survey = await admin.post('/api/v1/software-surveys', {
      name: `${code} 現地調達調査`,
      periodFrom: '2026-04-01',
      periodTo: '2027-03-31',
      dueOn: '2027-04-30',
      siteIds: [site.id],
      send: false,
    });
    assert.equal(survey.statusCode, 201, survey.body);
    const inc = await admin.post('/api/v1/incidents', { title: `${code} 障害`, kind: 'hardware', siteIds: [site.id], occurredAt: '2026-11-01T09:00:00+09:00' });
    assert.equal(inc.statusCode, 201, inc.body);
    const sec = await admin.post('/api/v1/security-cases', {
      kind: 'malware',
      title: `${code} 感染`,
      siteIds: [site.id],
      detectedAt: '2026-11-01T09:00:00+09:00',
    });
    assert.equal(sec.statusCode, 201, sec.body);
    const stocktake = await admin.post('/api/v1/stocktakes', { name: `${code} 棚卸し`, mode: 'visual', dueOn: '2026-12-25', siteIds: [site.id] });
    assert.equal(stocktake.statusCode, 201, stocktake.body);
    const ticket = await admin.post('/api/v1/tickets', { channel: 'phone', requester: { personId: person.id }, siteId: site.id, subject: `${code} 問合せ` });
    assert.equal(ticket.statusCode, 201, ticket.body);
    const call = await admin.post('/api/v1/call-records', { ticketId: ticket.json().id, queuedAt: '2026-03-02T10:00:00+09:00' });
    assert.equal(call.statusCode, 201, call.body);
    const guidance = await admin.post('/api/v1/guidance-logs', {
      heldAt: '2026-11-01T10:00:00+09:00',
      siteId: site.id,
      place: '会議室',
      audience: '職員',
      content: '説明',
    });
    assert.equal(guidance.statusCode, 201, guidance.body);
    const notice = await admin.post('/api/v1/notices', {
      ja: { title: `${code} お知らせ`, body: '本文' },
      siteIds: [site.id],
      status: 'published',
      publishFrom: '2026-01-01T00:00:00Z',
    });
    assert.equal(notice.statusCode, 201, notice.body);
    const target = await admin.post('/api/v1/monitoring/targets', { name: `${code}-SRV`, kind: 'server', siteId: site.id, matchLabels: { target: code } });
    assert.equal(target.statusCode, 201, target.body);
    const alert = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hooks/generic',
      headers: { authorization: `Bearer ${hookToken}` },
      payload: { source: 'scope', key: code, status: 'firing', title: `${code} down`, target: code },
    });
    assert.equal(alert.statusCode, 200, alert.body);
  }
  // Antivirus and patch status rows are scoped by the site of the asset their computer name matched.
  const av = csvOf([
    ['コンピュータ名', 'パターンファイルのバージョン', 'パターンファイルの日付'],
    ['SCOPE-A-PC', '19.525.00', '2026-11-01'],
    ['SCOPE-B-PC', '19.525.00', '2026-11-01'],
    ['SCOPE-NOWHERE', '19.525.00', '2026-11-01'],
  ]);
  const avRes = await importFile(t.app, admin, 'antivirus', { name: 'av.csv', data: Buffer.from(av) }, { commit: true });
  assert.equal(avRes.json().committed, true, avRes.body);
  const wsus = csvOf([
    ['Computer', 'KB Article', 'Installation state'],
    ['SCOPE-A-PC', 'KB5034441', 'NotInstalled'],
    ['SCOPE-B-PC', 'KB5034441', 'Failed'],
    ['SCOPE-NOWHERE', 'KB5034441', 'NotInstalled'],
  ]);
  const patchRes = await importFile(t.app, admin, 'patch-status', { name: 'wsus.csv', data: Buffer.from(wsus) }, { commit: true });
  assert.equal(patchRes.json().committed, true, patchRes.body);
  // The new assets have a user but no purpose: one finding per site.
  assert.equal((await admin.post('/api/v1/asset-findings/run')).statusCode, 200);
  const a = made['SCOPE-A'];
  const { client: scoped } = await clientFor(t, ['supervisor'], { kind: 'own' }, a.personId);
  const scopedRoutes = apiRoutes().filter((r) => r.method === 'GET' && r.scope === 'site');
  assert.ok(scopedRoutes.length >= 9, 'expected the org, users, audit and dashboard routes to be site-scoped');

  for (const r of scopedRoutes.filter((x) => !x.url.includes(':') && !isDownload(x.url))) {
    const res = await scoped.get(`${r.url}?limit=500`.replace('/dashboard?limit=500', '/dashboard').replace('/pivot?limit=500', '/pivot?rows=site'));
    assert.equal(res.statusCode, 200, `${r.url}: ${res.body}`);
    const body = res.json();
    if (r.url.endsWith('/pivot')) {
      assert.deepEqual(
        body.rows.map((row: { key: string }) => row.key),
        [a.siteId],
        `${r.url} counts only the own site`,
      );
      continue;
    }
    if (r.url.endsWith('/count')) {
      const list = (await scoped.get(`${r.url.slice(0, -'/count'.length)}?limit=500`)).json();
      assert.ok(list.items.length > 0 && body.total === list.items.length, `${r.url} counts only the own site: ${res.body}`);
      continue;
    }
    if (r.url.endsWith('/by-staff-type')) {
      assert.deepEqual(
        body.items.map((i: { softwareName: string; licenseCount: number }) => [i.softwareName, i.licenseCount]),
        [
          ['SCOPE-A local tool', 2],
          ['Scope Office', 2],
        ],
        `${r.url} counts only the own site`,
      );
      continue;
    }
    if (!Array.isArray(body.items)) {
      assert.equal(body.counts.sites, 1, `${r.url} counts only the own site`);
      continue;
    }
    assert.ok(body.items.length > 0, `${r.url} shows the own site's records`);
    for (const item of body.items) assert.equal(siteOf(r.url, item), a.siteId, `${r.url} leaked ${JSON.stringify(item).slice(0, 200)}`);
  }

  for (const r of scopedRoutes.filter((x) => x.url.endsWith('/:id'))) {
    const listUrl = r.url.replace('/:id', '');
    const all = (await admin.get(`${listUrl}?limit=500`)).json().items as Record<string, any>[];
    const outside = all.find((i) => siteOf(listUrl, i) === made['SCOPE-B'].siteId);
    const inside = all.find((i) => siteOf(listUrl, i) === a.siteId);
    assert.ok(outside && inside, `fixtures for ${r.url}`);
    assert.equal((await scoped.get(r.url.replace(':id', outside.id))).statusCode, 404, `${r.url} out of scope`);
    assert.equal((await scoped.get(r.url.replace(':id', inside.id))).statusCode, 200, `${r.url} in scope`);
  }
});
