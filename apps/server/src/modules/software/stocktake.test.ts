import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { assetSoftware } from '../assets/assets.table.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
const media: string[] = [];
let licenseId: string;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  const product = (await admin.post('/api/v1/software-products', { publisher: 'Adobe', name: 'Acrobat' })).json();
  await admin.post(`/api/v1/software-products/${product.id}/rules`, { namePattern: 'Adobe Acrobat*' });
  licenseId = (
    await admin.post('/api/v1/software-licenses', {
      assetNumber: 'ACRO',
      softwareName: 'Acrobat',
      licenseType: 'volume',
      ownedCount: 2,
      productIds: [product.id],
    })
  ).json().id;
  for (const n of ['PC-1', 'PC-2', 'PC-3']) {
    const a = await makeAsset(t, tokyo.id, { assetNumber: n });
    const now = new Date();
    await t.db
      .insert(assetSoftware)
      .values({ assetId: a.id, name: 'Adobe Acrobat DC', version: '24.1', publisher: 'Adobe', firstSeenAt: now, lastSeenAt: now });
  }
  for (const [site, title] of [
    [tokyo.id, 'Acrobat 証書'],
    [osaka.id, 'Acrobat DVD'],
  ]) {
    const res = await admin.post('/api/v1/software-media', { kind: 'certificate', title, licenseId, siteId: site, storageLocation: '金庫' });
    media.push(res.json().id);
  }
});
after(async () => {
  await t.close();
});

describe('annual software stock-take (S-4-1-3-1)', () => {
  test('compares ledger and inventory, checks every media item, freezes the result at closing, and reports it', async () => {
    const created = await admin.post('/api/v1/software-stocktakes', { name: '2026年度 ソフトウェア棚卸し', fiscalYear: 2026, dueOn: '2027-01-31' });
    assert.equal(created.statusCode, 201, created.body);
    const st = created.json();
    assert.deepEqual(st.licenses, [
      { product: 'Adobe Acrobat', entitled: 2, consumed: 3, shortfall: 1, detectedUnrecorded: 3, recordedUndetected: 0, status: 'over' },
    ]);
    assert.deepEqual(st.media, { total: 2, checked: 0, missing: 0 });
    assert.equal((await admin.post('/api/v1/software-stocktakes', { name: 'again', fiscalYear: 2026, dueOn: '2027-01-31' })).statusCode, 409);

    const early = await admin.post(`/api/v1/software-stocktakes/${st.id}/close`, {});
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().errors[0].path, 'media');

    // A Tokyo-only operator checks what is in Tokyo and cannot see or check Osaka's item.
    const { client: tokyoOp } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
    const mine = (await tokyoOp.get(`/api/v1/software-stocktakes/${st.id}/media`)).json().items;
    assert.deepEqual(
      mine.map((m: { media: { title: string } }) => m.media.title),
      ['Acrobat 証書'],
    );
    assert.equal((await tokyoOp.post(`/api/v1/software-stocktakes/${st.id}/checks`, { mediaId: media[0], result: 'present' })).statusCode, 204);
    assert.equal((await tokyoOp.post(`/api/v1/software-stocktakes/${st.id}/checks`, { mediaId: media[1], result: 'present' })).statusCode, 422);
    assert.equal((await admin.post(`/api/v1/software-stocktakes/${st.id}/checks`, { mediaId: media[1], result: 'missing', note: '所在不明' })).statusCode, 204);
    // Closing covers every site: a Tokyo-only manager may check but not close.
    assert.equal((await tokyoOp.get(`/api/v1/software-stocktakes/${st.id}`)).json().abilities.close, false);
    assert.equal((await tokyoOp.post(`/api/v1/software-stocktakes/${st.id}/close`, {})).statusCode, 403);

    const closed = await admin.post(`/api/v1/software-stocktakes/${st.id}/close`, {});
    assert.equal(closed.statusCode, 200, closed.body);
    assert.deepEqual([closed.json().status, closed.json().media], ['closed', { total: 2, checked: 2, missing: 1 }]);

    // The result is what it was at closing, whatever changes afterwards.
    await admin.patch(`/api/v1/software-licenses/${licenseId}`, { ownedCount: 5 });
    const later = (await admin.get(`/api/v1/software-stocktakes/${st.id}`)).json();
    assert.equal(later.licenses[0].entitled, 2);
    assert.equal((await admin.post(`/api/v1/software-stocktakes/${st.id}/checks`, { mediaId: media[0], result: 'missing' })).statusCode, 422);

    const list = (await admin.get('/api/v1/software-stocktakes')).json().items;
    assert.deepEqual(
      list.map((s: { fiscalYear: number; status: string }) => [s.fiscalYear, s.status]),
      [[2026, 'closed']],
    );

    const x = await admin.get(`/api/v1/software-stocktakes/${st.id}/report.xlsx`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['概要', 'ライセンスと利用', '付属品・資料'],
    );
    assert.deepEqual((wb.worksheets[1].getRow(2).values as unknown[]).slice(1), ['Adobe Acrobat', 2, 3, 1, 3, 0, '超過']);
    const results: string[] = [];
    wb.worksheets[2].eachRow((row, i) => {
      if (i > 1) results.push(`${row.getCell(3).value}:${row.getCell(6).value}`);
    });
    assert.deepEqual(results, ['Acrobat 証書:所在確認', 'Acrobat DVD:所在不明']);
  });
});
