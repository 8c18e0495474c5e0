import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
let licenseId: string;
let assetId: string;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  assetId = (await makeAsset(t, tokyo.id, { assetNumber: 'SRV-01' })).id;
  licenseId = (
    await admin.post('/api/v1/software-licenses', { assetNumber: 'LIC-M', softwareName: 'Office 2021', licenseType: 'volume', ownedCount: 10 })
  ).json().id;
});
after(async () => {
  await t.close();
});

describe('software media, certificates and documents (2.2.r–u)', () => {
  test('an item is registered with its licence and storage place, lent out and returned, with its loan log', async () => {
    const res = await admin.post('/api/v1/software-media', {
      kind: 'certificate',
      title: 'Office 2021 ライセンス証書',
      licenseId,
      siteId: tokyo.id,
      storageLocation: '本館3F 情報システム課 キャビネットA-2',
    });
    assert.equal(res.statusCode, 201, res.body);
    const item = res.json();
    assert.match(item.itemNumber, /^MD-\d{6}$/);
    assert.deepEqual([item.status, item.license.assetNumber, item.abilities.lend, item.abilities.return], ['stored', 'LIC-M', true, false]);

    const lent = await admin.post(`/api/v1/software-media/${item.id}/lend`, { borrower: '総務課 田中', dueOn: '2026-12-10' });
    assert.equal(lent.statusCode, 200, lent.body);
    assert.deepEqual([lent.json().status, lent.json().loan.borrower, lent.json().abilities.lend], ['lent', '総務課 田中', false]);
    assert.equal((await admin.post(`/api/v1/software-media/${item.id}/lend`, { borrower: '別の人' })).statusCode, 409);
    assert.equal((await admin.get('/api/v1/software-media?status=lent')).json().total, 1);
    const disposeLent = await admin.patch(`/api/v1/software-media/${item.id}`, { disposed: true });
    assert.equal(disposeLent.statusCode, 422);

    const back = await admin.post(`/api/v1/software-media/${item.id}/return`, {});
    assert.equal(back.json().status, 'stored');
    assert.equal((await admin.post(`/api/v1/software-media/${item.id}/return`, {})).statusCode, 409);
    const loans = (await admin.get(`/api/v1/software-media/${item.id}/loans`)).json().items;
    assert.equal(loans.length, 1);
    assert.ok(loans[0].returnedAt);
    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'software-media'), eq(auditLog.entityId, item.id)));
    assert.deepEqual(
      audits.map((a) => a.action),
      ['software-media.created', 'software-media.lent', 'software-media.returned'],
    );
  });

  test('hardware manuals (2.2.u) and shipments of copies by internal mail (2.2.t); lists are scoped by site', async () => {
    const manual = await admin.post('/api/v1/software-media', {
      kind: 'manual',
      title: 'SRV-01 運用マニュアル',
      assetId,
      siteId: tokyo.id,
      storageLocation: '書庫',
      documentVersion: '第3版',
    });
    assert.equal(manual.json().asset.assetNumber, 'SRV-01');
    await admin.post('/api/v1/software-media', { kind: 'install_media', title: 'Osaka DVD', siteId: osaka.id, storageLocation: '大阪 倉庫' });
    const ship = await admin.post('/api/v1/software-media/shipments', {
      mediaId: manual.json().id,
      item: 'SRV-01 運用マニュアル（写し）',
      copies: 2,
      sender: '本部 情報システム課',
      recipient: '大阪本部 総務課',
      method: 'internal_mail',
      shippedOn: '2026-11-20',
      siteId: tokyo.id,
    });
    assert.equal(ship.statusCode, 201, ship.body);
    const shipments = (await admin.get('/api/v1/software-media/shipments')).json().items;
    assert.deepEqual(
      shipments.map((s: { method: string; copies: number; media: { itemNumber: string } }) => [s.method, s.copies, s.media.itemNumber]),
      [['internal_mail', 2, manual.json().itemNumber]],
    );
    const { client: osakaOnly } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [osaka.id] });
    const seen = (await osakaOnly.get('/api/v1/software-media')).json().items.map((m: { title: string }) => m.title);
    assert.deepEqual(seen, ['Osaka DVD']);
    assert.equal((await osakaOnly.get(`/api/v1/software-media/${manual.json().id}`)).statusCode, 404);
    assert.equal((await osakaOnly.get('/api/v1/software-media/shipments')).json().total, 0);
  });
});
