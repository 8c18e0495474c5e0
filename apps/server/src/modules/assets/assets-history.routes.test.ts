import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clientFor, loginAdmin, makeAsset, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

describe('asset history', () => {
  test('a movement relocates the asset and changes its user; collect returns it to stock without a user', async () => {
    const hq = await makeSite(t, { kind: 'hq' });
    const osaka = await makeSite(t);
    const p1 = await makePerson(t, hq.id);
    const p2 = await makePerson(t, osaka.id, { nameKanji: '移動 次郎' });
    const asset = await makeAsset(t, hq.id, { userId: p1.id, building: '本館', room: '201' });
    const { client: op } = await clientFor(t, ['operator']);
    const moved = await op.post(`/api/v1/hardware-assets/${asset.id}/movements`, {
      kind: 'move',
      movedOn: '2026-10-01',
      to: { siteId: osaka.id, building: '大阪本部', floor: '5F', room: '501' },
      toUserId: p2.id,
      requestRef: 'REQ-2026-0042',
    });
    assert.equal(moved.statusCode, 201, moved.body);
    const after1 = (await op.get(`/api/v1/hardware-assets/${asset.id}`)).json();
    assert.equal(after1.site.id, osaka.id);
    assert.equal(after1.room, '501');
    assert.equal(after1.user.nameKanji, '移動 次郎');
    const collected = await op.post(`/api/v1/hardware-assets/${asset.id}/movements`, { kind: 'collect', movedOn: '2026-11-01' });
    assert.equal(collected.statusCode, 201, collected.body);
    const after2 = (await op.get(`/api/v1/hardware-assets/${asset.id}`)).json();
    assert.equal(after2.status, 'stock');
    assert.equal(after2.user, null);
    const history = (await op.get(`/api/v1/hardware-assets/${asset.id}/movements`)).json();
    assert.equal(history.total, 2);
    const move = history.items.find((m: any) => m.kind === 'move');
    assert.equal(move.from.site.id, hq.id);
    assert.equal(move.from.room, '201');
    assert.equal(move.to.room, '501');
    assert.equal(move.fromUser.id, p1.id);
    assert.equal(move.requestRef, 'REQ-2026-0042');
    const missingTarget = await op.post(`/api/v1/hardware-assets/${asset.id}/movements`, { kind: 'install', movedOn: '2026-11-02' });
    assert.equal(missingTarget.statusCode, 422);
  });

  test('shipping to an overseas office moves the asset to the overseas ledger', async () => {
    const hq = await makeSite(t, { kind: 'hq' });
    const paris = await makeSite(t, { kind: 'overseas', country: 'FR', timeZone: 'Europe/Paris' });
    const asset = await makeAsset(t, hq.id);
    const admin = await loginAdmin(t.app);
    const res = await admin.post(`/api/v1/hardware-assets/${asset.id}/movements`, { kind: 'ship_overseas', movedOn: '2026-09-15', to: { siteId: paris.id } });
    assert.equal(res.statusCode, 201, res.body);
    const a = (await admin.get(`/api/v1/hardware-assets/${asset.id}`)).json();
    assert.equal(a.ledger, 'overseas');
    assert.equal(a.site.id, paris.id);
  });

  test('repairs, work logs and ports are recorded, and the timeline shows them with audited field changes', async () => {
    const site = await makeSite(t);
    const sw = await makeAsset(t, site.id, { category: 'switch', name: 'SW-CORE-01' });
    const pc = await makeAsset(t, site.id);
    const { client: op } = await clientFor(t, ['operator']);
    const repair = await op.post(`/api/v1/hardware-assets/${sw.id}/repairs`, {
      reportedOn: '2026-10-01',
      symptom: 'ファン異音',
      vendor: '保守業者A',
      costYen: 12000,
    });
    assert.equal(repair.statusCode, 201, repair.body);
    const back = await op.patch(`/api/v1/hardware-assets/${sw.id}/repairs/${repair.json().id}`, { returnedOn: '2026-10-05', action: 'ファン交換' });
    assert.equal(back.statusCode, 200, back.body);
    const early = await op.patch(`/api/v1/hardware-assets/${sw.id}/repairs/${repair.json().id}`, { returnedOn: '2026-09-01' });
    assert.equal(early.statusCode, 422);
    const log = await op.post(`/api/v1/hardware-assets/${sw.id}/work-logs`, {
      performedAt: '2026-10-06T10:00:00+09:00',
      content: 'ファームウェア更新 15.2(7)',
    });
    assert.equal(log.statusCode, 201, log.body);
    const port = await op.post(`/api/v1/hardware-assets/${sw.id}/ports`, { port: 'Gi1/0/1', vlan: '10', connectedAssetId: pc.id, description: '総務課' });
    assert.equal(port.statusCode, 201, port.body);
    const dupPort = await op.post(`/api/v1/hardware-assets/${sw.id}/ports`, { port: 'Gi1/0/1' });
    assert.equal(dupPort.statusCode, 409);
    await op.patch(`/api/v1/hardware-assets/${sw.id}/ports/${port.json().id}`, { vlan: '20' });
    await op.patch(`/api/v1/hardware-assets/${sw.id}`, { room: 'サーバ室' });
    const moved = await makeSite(t, { nameJa: '大阪本部' });
    await op.post(`/api/v1/hardware-assets/${sw.id}/movements`, { kind: 'move', movedOn: '2026-10-07', to: { siteId: moved.id, room: '5F' } });
    await op.patch(`/api/v1/hardware-assets/${sw.id}`, { status: 'in_repair' });

    const repairs = (await op.get(`/api/v1/hardware-assets/${sw.id}/repairs`)).json();
    assert.equal(repairs.items[0].returnedOn, '2026-10-05');
    assert.equal(repairs.items[0].action, 'ファン交換');
    const logs = (await op.get(`/api/v1/hardware-assets/${sw.id}/work-logs`)).json();
    assert.equal(logs.items[0].content, 'ファームウェア更新 15.2(7)');
    assert.ok(logs.items[0].worker.length > 0, 'the worker defaults to the signed-in user');
    const ports = (await op.get(`/api/v1/hardware-assets/${sw.id}/ports`)).json();
    assert.equal(ports.items[0].vlan, '20');
    assert.equal(ports.items[0].connectedAsset.id, pc.id);

    const timeline = (await op.get(`/api/v1/hardware-assets/${sw.id}/timeline`)).json().items;
    const kinds = timeline.map((e: any) => e.kind);
    for (const k of ['repair', 'work_log', 'updated']) assert.ok(kinds.includes(k), `timeline has ${k}: ${kinds}`);
    const roomChange = timeline.find((e: any) => e.action === 'asset.updated' && e.changes?.room);
    assert.deepEqual(roomChange.changes.room, [null, 'サーバ室']);
    const statusChange = timeline.find((e: any) => e.changes?.status);
    assert.deepEqual(statusChange.changes.status, ['使用中', '修理中'], 'stored values read as labels');
    const move = timeline.find((e: any) => e.kind === 'movement');
    assert.equal(move.changes.siteId[1], '大阪本部', 'ids read as names');
    assert.match(move.summary, /移設 2026-10-07/);
    assert.ok(new Date(timeline[0].at) >= new Date(timeline[timeline.length - 1].at), 'newest first');
  });
});
