import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
const site: Record<'a' | 'b', string> = { a: '', b: '' };

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site.a = (await makeSite(t, { kind: 'hq' })).id;
  site.b = (await makeSite(t)).id;
});
after(async () => {
  await t.close();
});

const image = (over: Record<string, unknown>) =>
  admin.post('/api/v1/clone-images', {
    code: 'IMG-TKY-W11-STD',
    model: 'FMV ESPRIMO D7012',
    os: 'Windows 11 Enterprise 23H2',
    softwareSet: '標準ソフト一式 2026',
    kind: 'physical',
    ...over,
  });

describe('clone-image register (3.3.1.k)', () => {
  const ids: Record<string, string> = {};

  test('create, audited; the same active model × OS × software set is refused on model; fields are validated by path', async () => {
    const created = await image({ siteId: site.a, storageLocation: '本庁 サーバ室 ラックA', currentVersion: '2026.10', lastUpdatedOn: '2026-10-20' });
    assert.equal(created.statusCode, 201, created.body);
    const c = created.json();
    assert.deepEqual(
      [c.code, c.kind, c.site.id, c.currentVersion, c.lastUpdatedOn, c.active, c.version],
      ['IMG-TKY-W11-STD', 'physical', site.a, '2026.10', '2026-10-20', true, 1],
    );
    assert.deepEqual(c.updates, []);
    ids.a = c.id;

    const dup = await image({ code: 'IMG-OTHER' });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(dup.json().errors[0].path, 'model');
    const dupCode = await image({ softwareSet: '別構成' });
    assert.equal(dupCode.statusCode, 409, dupCode.body);
    assert.equal(dupCode.json().errors[0].path, 'code');
    // A retired image keeps its combination for the record: a new active one may take it over.
    const retired = await image({ code: 'IMG-OLD', active: false });
    assert.equal(retired.statusCode, 201, retired.body);
    const reactivate = await admin.patch(`/api/v1/clone-images/${retired.json().id}`, { active: true });
    assert.equal(reactivate.statusCode, 409, reactivate.body);
    assert.equal(reactivate.json().errors[0].path, 'model');

    const bad = await image({ code: '', kind: 'tablet', lastUpdatedOn: '2026-13-01' });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ['code', 'kind', 'lastUpdatedOn'],
    );
    const unknownSite = await image({ code: 'IMG-X', softwareSet: 'x', siteId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknownSite.statusCode, 422, unknownSite.body);
    assert.equal(unknownSite.json().errors[0].path, 'siteId');

    const upd = await admin.patch(`/api/v1/clone-images/${ids.a}`, { storageLocation: '本庁 サーバ室 ラックB' }, { 'if-match': '"v1"' });
    assert.equal(upd.statusCode, 200, upd.body);
    assert.deepEqual([upd.json().storageLocation, upd.json().version], ['本庁 サーバ室 ラックB', 2]);
    assert.equal((await admin.patch(`/api/v1/clone-images/${ids.a}`, { note: 'x' }, { 'if-match': '"v1"' })).statusCode, 412);
  });

  test('recording an update moves the current version and date, lists the history and is audited', async () => {
    const plan = await admin.post('/api/v1/patch-plans', {
      title: '2026年11月 月例',
      instructedOn: '2026-11-02',
      presentedOn: '2026-11-10',
      targetPatches: ['KB5046617'],
    });
    assert.equal(plan.statusCode, 201, plan.body);
    ids.plan = plan.json().id;

    const bad = await admin.post(`/api/v1/clone-images/${ids.a}/updates`, { updatedOn: '2026-11-20', imageVersion: '' });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.equal(bad.json().errors[0].path, 'imageVersion');
    const badPlan = await admin.post(`/api/v1/clone-images/${ids.a}/updates`, {
      updatedOn: '2026-11-20',
      imageVersion: '2026.11',
      patchPlanId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(badPlan.statusCode, 422, badPlan.body);
    assert.equal(badPlan.json().errors[0].path, 'patchPlanId');

    const rec = await admin.post(`/api/v1/clone-images/${ids.a}/updates`, {
      updatedOn: '2026-11-20',
      imageVersion: '2026.11',
      patches: ['kb5046617', 'KB 5046633', 'Office 月例更新'],
      patchPlanId: ids.plan,
      tested: true,
    });
    assert.equal(rec.statusCode, 201, rec.body);
    const r = rec.json();
    assert.deepEqual([r.currentVersion, r.lastUpdatedOn, r.stale], ['2026.11', '2026-11-20', false]);
    assert.equal(r.updates.length, 1);
    assert.deepEqual(r.updates[0].patches, ['KB5046617', 'KB5046633', 'Office 月例更新']);
    assert.deepEqual([r.updates[0].patchPlan.id, r.updates[0].tested, typeof r.updates[0].operator.name], [ids.plan, true, 'string']);

    // A late entry of an older update is history only: the image keeps its newer state.
    const late = await admin.post(`/api/v1/clone-images/${ids.a}/updates`, { updatedOn: '2026-09-18', imageVersion: '2026.09' });
    assert.equal(late.statusCode, 201, late.body);
    assert.deepEqual(
      [late.json().currentVersion, late.json().updates.map((u: { imageVersion: string }) => u.imageVersion)],
      ['2026.11', ['2026.11', '2026.09']],
    );

    const audit = (await t.db.execute(sql`select action from audit_log where entity_type = 'clone-image' and entity_id = ${ids.a} order by id`)) as unknown as {
      rows: { action: string }[];
    };
    assert.deepEqual(
      audit.rows.map((x) => x.action),
      ['clone-image.created', 'clone-image.updated', 'clone-image.update-recorded', 'clone-image.update-recorded'],
    );
  });

  test('stale: active images last updated before the latest plan was presented', async () => {
    const old = await image({ code: 'IMG-VDI-W11', model: 'VDI', kind: 'virtual', currentVersion: '2026.10', lastUpdatedOn: '2026-10-15' });
    assert.equal(old.statusCode, 201, old.body);
    ids.vdi = old.json().id;
    const never = await image({ code: 'IMG-NB-W11', model: 'LIFEBOOK U9313', siteId: site.b });
    ids.b = never.json().id;

    const list = (await admin.get('/api/v1/clone-images?stale=true')).json();
    assert.equal(list.latestPlanPresentedOn, '2026-11-10');
    assert.deepEqual(list.items.map((i: { code: string }) => i.code).sort(), ['IMG-NB-W11', 'IMG-VDI-W11']);
    const fresh = (await admin.get('/api/v1/clone-images?stale=false&active=true')).json();
    assert.deepEqual(
      fresh.items.map((i: { code: string }) => i.code),
      ['IMG-TKY-W11-STD'],
    );
    assert.deepEqual(
      (await admin.get('/api/v1/clone-images?kind=virtual')).json().items.map((i: { code: string }) => i.code),
      ['IMG-VDI-W11'],
    );
    assert.deepEqual(
      (await admin.get(`/api/v1/clone-images?siteId=${site.b}`)).json().items.map((i: { code: string }) => i.code),
      ['IMG-NB-W11'],
    );
    assert.deepEqual(
      (await admin.get(`/api/v1/clone-images?q=${encodeURIComponent('lifebook')}`)).json().items.map((i: { code: string }) => i.code),
      ['IMG-NB-W11'],
    );

    // Updated on the presentation day: no longer stale.
    await admin.post(`/api/v1/clone-images/${ids.vdi}/updates`, { updatedOn: '2026-11-10', imageVersion: '2026.11' });
    assert.deepEqual(
      (await admin.get('/api/v1/clone-images?stale=true')).json().items.map((i: { code: string }) => i.code),
      ['IMG-NB-W11'],
    );
  });

  test('site scoping: another site operator sees org-wide images but not a site-kept one, and edits only its own', async () => {
    const { client: opB } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [site.b] });
    const seen = (await opB.get('/api/v1/clone-images?limit=500')).json();
    const codes = seen.items.map((i: { code: string }) => i.code);
    assert.ok(codes.includes('IMG-VDI-W11') && codes.includes('IMG-NB-W11'), codes.join());
    assert.ok(!codes.includes('IMG-TKY-W11-STD'), codes.join());
    assert.equal((await opB.get(`/api/v1/clone-images/${ids.a}`)).statusCode, 404);
    assert.equal((await opB.patch(`/api/v1/clone-images/${ids.a}`, { note: 'x' })).statusCode, 404);
    assert.equal((await opB.post(`/api/v1/clone-images/${ids.a}/updates`, { updatedOn: '2026-11-21', imageVersion: 'x' })).statusCode, 404);

    // Organization-wide: visible, not editable by a one-site actor.
    const vdi = (await opB.get(`/api/v1/clone-images/${ids.vdi}`)).json();
    assert.deepEqual(vdi.abilities, { update: false, recordUpdate: false });
    assert.equal((await opB.patch(`/api/v1/clone-images/${ids.vdi}`, { note: 'x' })).statusCode, 403);
    assert.equal((await opB.post(`/api/v1/clone-images/${ids.vdi}/updates`, { updatedOn: '2026-11-21', imageVersion: 'x' })).statusCode, 403);

    // The own site's image: editable; it cannot be moved to another site or made organization-wide.
    const own = (await opB.get(`/api/v1/clone-images/${ids.b}`)).json();
    assert.deepEqual(own.abilities, { update: true, recordUpdate: true });
    assert.equal((await opB.post(`/api/v1/clone-images/${ids.b}/updates`, { updatedOn: '2026-11-21', imageVersion: '2026.11' })).statusCode, 201);
    const move = await opB.patch(`/api/v1/clone-images/${ids.b}`, { siteId: site.a });
    assert.equal(move.statusCode, 422, move.body);
    assert.equal(move.json().errors[0].path, 'siteId');
    const orgWide = await opB.post('/api/v1/clone-images', { code: 'IMG-B2', model: 'm', os: 'o', softwareSet: 's', kind: 'physical' });
    assert.equal(orgWide.statusCode, 422, orgWide.body);
    assert.equal(orgWide.json().errors[0].path, 'siteId');

    const { client: supervisor } = await clientFor(t, ['supervisor']);
    assert.equal((await supervisor.get('/api/v1/clone-images')).statusCode, 200);
    assert.equal((await supervisor.post('/api/v1/clone-images', { code: 'S', model: 'm', os: 'o', softwareSet: 's', kind: 'physical' })).statusCode, 403);
  });
});
