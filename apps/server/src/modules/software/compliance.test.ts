import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Client, clientFor, loginAdmin, makeAsset, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { assetSoftware } from '../assets/assets.table.ts';

/*
 * A hand-computed compliance fixture (2.2.m).
 *
 * Office Professional Plus — upgrade chain OFF-2016 (full, 10) → OFF-2021-UP (4, downgrade) → OFF-2024-UP (1, downgrade):
 *   effective 6 / 3 / 1 = 10 entitled.
 *   Devices (agent): 1 × 2024, 1 × 2021, 2 × 2019 (only the 2021 downgrade right covers them), 3 × 2016;
 *   one 2016 device is also in the usage ledger, and one more is in the ledger only (not detected): 8 devices.
 *   One OFF-2016 licence distributed overseas by HQ: consumed 9 of 10 = 90 % → near (threshold 90 %).
 *   Use per licence: OFF-2024-UP 1 (the 2024 device), OFF-2021-UP 3 (2021 + both 2019), OFF-2016 5 (4 devices + 1 sent).
 * Windows 11 Pro — two OEM licences bound to devices W1 and W9; W1 and W2 run Windows, W9 does not:
 *   entitled 2, consumed 2, but W2 is covered by no licence → shortfall 1 → over.
 * Acrobat — one volume licence of 5, any version; 2 devices → 40 % → ok.
 */

let t: TestApp;
let admin: Client;
let site: { id: string };
const dev: Record<string, { id: string; assetNumber: string }> = {};
const product: Record<string, string> = {};
const license: Record<string, string> = {};

async function detect(device: string, name: string, version: string, publisher = 'Microsoft Corporation') {
  const now = new Date();
  await t.db.insert(assetSoftware).values({ assetId: dev[device].id, name, version, publisher, firstSeenAt: now, lastSeenAt: now });
}

async function post(path: string, body: Record<string, unknown>) {
  const res = await admin.post(path, body);
  assert.ok(res.statusCode === 201, `${path}: ${res.statusCode} ${res.body}`);
  return res.json();
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site = await makeSite(t, { kind: 'hq' });
  const overseas = await makeSite(t, { kind: 'overseas', country: 'FR', timeZone: 'Europe/Paris' });
  for (const n of ['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7', 'O8', 'W1', 'W2', 'W9', 'A1', 'A2']) {
    const a = await makeAsset(t, site.id, { assetNumber: `PC-${n}` });
    dev[n] = { id: a.id, assetNumber: a.assetNumber };
  }
  product.office = (await post('/api/v1/software-products', { publisher: 'Microsoft', name: 'Office Professional Plus' })).id;
  product.windows = (await post('/api/v1/software-products', { publisher: 'Microsoft', name: 'Windows 11 Pro' })).id;
  product.acrobat = (await post('/api/v1/software-products', { publisher: 'Adobe', name: 'Acrobat' })).id;
  for (const v of ['2016', '2019', '2021', '2024'])
    await post(`/api/v1/software-products/${product.office}/rules`, { namePattern: `Microsoft Office Professional Plus ${v}*`, productVersion: v });
  await post(`/api/v1/software-products/${product.windows}/rules`, { namePattern: 'Windows 11 Pro*', publisherPattern: 'Microsoft*' });
  await post(`/api/v1/software-products/${product.acrobat}/rules`, { namePattern: 'Adobe Acrobat*', publisherPattern: 'Adobe*' });

  const office = (await admin.get(`/api/v1/software-products/${product.office}`)).json();
  assert.deepEqual(
    office.rules.map((r: { productVersion: string }) => r.productVersion),
    ['2016', '2019', '2021', '2024'],
  );
  const lic = (over: Record<string, unknown>) => ({ licenseType: 'volume', ownedCount: 1, ...over });
  license.o16 = (
    await post(
      '/api/v1/software-licenses',
      lic({ assetNumber: 'OFF-2016', softwareName: 'Office 2016', productIds: [product.office], licensedVersion: '2016', ownedCount: 10 }),
    )
  ).id;
  const o16 = (await admin.get(`/api/v1/software-licenses/${license.o16}`)).json();
  assert.deepEqual(
    o16.products.map((p: { id: string }) => p.id),
    [product.office],
  );
  license.o21 = (
    await post(
      '/api/v1/software-licenses',
      lic({
        assetNumber: 'OFF-2021-UP',
        softwareName: 'Office 2021 UP',
        licenseForm: 'upgrade',
        upgradeFromAssetNumber: 'OFF-2016',
        productIds: [product.office],
        licensedVersion: '2021',
        downgradeAllowed: true,
        ownedCount: 4,
      }),
    )
  ).id;
  license.o24 = (
    await post(
      '/api/v1/software-licenses',
      lic({
        assetNumber: 'OFF-2024-UP',
        softwareName: 'Office 2024 UP',
        licenseForm: 'upgrade',
        upgradeFromAssetNumber: 'OFF-2021-UP',
        productIds: [product.office],
        licensedVersion: '2024',
        downgradeAllowed: true,
      }),
    )
  ).id;
  await post(
    '/api/v1/software-licenses',
    lic({ assetNumber: 'WIN-OEM-1', licenseType: 'oem', softwareName: 'Windows 11 Pro OEM', productIds: [product.windows], boundDeviceAssetNumber: 'PC-W1' }),
  );
  await post(
    '/api/v1/software-licenses',
    lic({ assetNumber: 'WIN-OEM-9', licenseType: 'oem', softwareName: 'Windows 11 Pro OEM', productIds: [product.windows], boundDeviceAssetNumber: 'PC-W9' }),
  );
  await post('/api/v1/software-licenses', lic({ assetNumber: 'ACRO-VL', softwareName: 'Acrobat Pro', productIds: [product.acrobat], ownedCount: 5 }));

  await detect('O1', 'Microsoft Office Professional Plus 2024 - ja-jp', '16.0.17932.20000');
  await detect('O2', 'Microsoft Office Professional Plus 2021 - ja-jp', '16.0.14332.20000');
  await detect('O3', 'Microsoft Office Professional Plus 2019 - ja-jp', '16.0.10827.20000');
  await detect('O4', 'Microsoft Office Professional Plus 2019 - ja-jp', '16.0.10827.20000');
  for (const d of ['O5', 'O6', 'O7']) await detect(d, 'Microsoft Office Professional Plus 2016', '16.0.4266.1001');
  await detect('W1', 'Windows 11 Pro', '10.0.22631');
  await detect('W2', 'Windows 11 Pro', '10.0.22631');
  await detect('A1', 'Adobe Acrobat (64-bit)', '24.1', 'Adobe Inc.');
  await detect('A2', 'Adobe Acrobat DC', '23.8', 'Adobe Inc.');
  await detect('A2', 'Unmapped Toolbar', '1.0', 'Shady Ltd');
  await post('/api/v1/software-installations', { licenseId: license.o16, deviceId: dev.O7.id, status: 'installed', workedOn: '2026-04-02' });
  await post('/api/v1/software-installations', { licenseId: license.o16, deviceId: dev.O8.id, status: 'installed', workedOn: '2026-04-03' });
  await post('/api/v1/software-installations', { licenseId: license.o16, deviceId: dev.O1.id, status: 'uninstalled', workedOn: '2026-04-04' });
  await post('/api/v1/software-distributions', { distributedOn: '2026-05-01', siteId: overseas.id, licenseId: license.o16, licenseCount: 1 });
});
after(async () => {
  await t.close();
});

const itemOf = async (id: string) => {
  const res = await admin.get('/api/v1/software-compliance');
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items.find((i: { product: { id: string } }) => i.product.id === id);
};

describe('licence compliance (2.2.m)', () => {
  test('matches the hand-computed fixture to the unit', async () => {
    const office = await itemOf(product.office);
    assert.deepEqual(
      {
        entitled: office.entitled,
        consumed: office.consumed,
        shortfall: office.shortfall,
        detected: office.detected,
        recorded: office.recorded,
        distributed: office.distributed,
        detectedUnrecorded: office.detectedUnrecorded,
        recordedUndetected: office.recordedUndetected,
        utilization: office.utilization,
        status: office.status,
      },
      {
        entitled: 10,
        consumed: 9,
        shortfall: 0,
        detected: 7,
        recorded: 2,
        distributed: 1,
        detectedUnrecorded: 6,
        recordedUndetected: 1,
        utilization: 90,
        status: 'near',
      },
    );
    const windows = await itemOf(product.windows);
    assert.deepEqual([windows.entitled, windows.consumed, windows.shortfall, windows.status], [2, 2, 1, 'over']);
    const acrobat = await itemOf(product.acrobat);
    assert.deepEqual([acrobat.entitled, acrobat.consumed, acrobat.shortfall, acrobat.utilization, acrobat.status], [5, 2, 0, 40, 'ok']);

    const detail = (await admin.get(`/api/v1/software-compliance/${product.office}`)).json();
    const lines = Object.fromEntries(
      detail.licenses.map((l: { license: { assetNumber: string }; effectiveCount: number; used: number }) => [
        l.license.assetNumber,
        [l.effectiveCount, l.used],
      ]),
    );
    assert.deepEqual(lines, { 'OFF-2016': [6, 5], 'OFF-2021-UP': [3, 3], 'OFF-2024-UP': [1, 1] });
    const o8 = detail.devices.find((d: { device: { assetNumber: string } }) => d.device.assetNumber === 'PC-O8');
    assert.deepEqual([o8.recorded, o8.detected, o8.version, o8.covered], [true, false, '2016', true]);
    const o3 = detail.devices.find((d: { device: { assetNumber: string } }) => d.device.assetNumber === 'PC-O3');
    assert.deepEqual([o3.version, o3.covered], ['2019', true]);
    const winDetail = (await admin.get(`/api/v1/software-compliance/${product.windows}`)).json();
    const uncovered = winDetail.devices.filter((d: { covered: boolean }) => !d.covered).map((d: { device: { assetNumber: string } }) => d.device.assetNumber);
    assert.deepEqual(uncovered, ['PC-W2']);
  });

  test('without the downgrade right the 2019 devices are uncovered; the threshold is a setting', async () => {
    const l = (await admin.get(`/api/v1/software-licenses/${license.o21}`)).json();
    assert.equal(
      (await admin.patch(`/api/v1/software-licenses/${license.o21}`, { downgradeAllowed: false }, { 'if-match': `"v${l.version}"` })).statusCode,
      200,
    );
    const office = await itemOf(product.office);
    assert.deepEqual([office.shortfall, office.status], [2, 'over']);
    await admin.patch(`/api/v1/software-licenses/${license.o21}`, { downgradeAllowed: true });

    assert.equal((await admin.patch('/api/v1/software-compliance/settings', { nearPercent: 95 })).statusCode, 200);
    assert.equal((await itemOf(product.office)).status, 'ok');
    await admin.patch('/api/v1/software-compliance/settings', { nearPercent: 90 });
    const near = (await admin.get('/api/v1/software-compliance?status=near')).json();
    assert.deepEqual(
      near.items.map((i: { product: { id: string } }) => i.product.id),
      [product.office],
    );
    assert.deepEqual(near.summary, { ok: 1, near: 1, over: 1 });
  });

  test('the device mapping follows rule changes and inventory changes at once', async () => {
    const office = (await admin.get(`/api/v1/software-products/${product.office}`)).json();
    const rule2019 = office.rules.find((r: { productVersion: string }) => r.productVersion === '2019');
    assert.equal((await admin.delete(`/api/v1/software-products/${product.office}/rules/${rule2019.id}`)).statusCode, 204);
    let item = await itemOf(product.office);
    assert.deepEqual([item.detected, item.consumed], [5, 7], 'the two 2019 devices no longer map to Office');
    const unmapped = (await admin.get('/api/v1/software-products/unmapped?q=2019')).json().items;
    assert.deepEqual(
      unmapped.map((u: { name: string; installs: number }) => [u.name, u.installs]),
      [['Microsoft Office Professional Plus 2019 - ja-jp', 2]],
    );
    await admin.post(`/api/v1/software-products/${product.office}/rules`, { namePattern: 'Microsoft Office Professional Plus 2019*', productVersion: '2019' });
    assert.deepEqual([(await itemOf(product.office)).detected, (await itemOf(product.office)).consumed], [7, 9]);

    // The agent stops reporting Acrobat on A2: the device drops out; reporting it again brings it back.
    await t.db.delete(assetSoftware).where(eq(assetSoftware.assetId, dev.A2.id));
    item = await itemOf(product.acrobat);
    assert.deepEqual([item.detected, item.consumed], [1, 1]);
    await detect('A2', 'Adobe Acrobat DC', '23.8', 'Adobe Inc.');
    await detect('A2', 'Unmapped Toolbar', '1.0', 'Shady Ltd');
    assert.equal((await itemOf(product.acrobat)).consumed, 2);
  });

  test('usage-ledger work shows in the device work log (3.3.1.n); an uninstall changes nothing in compliance', async () => {
    const logs = (await admin.get(`/api/v1/hardware-assets/${dev.O1.id}/work-logs`)).json();
    const entry = logs.items.find((l: { source: string }) => l.source === 'software');
    assert.ok(entry, JSON.stringify(logs));
    assert.match(entry.content, /アンインストール済: Office 2016（OFF-2016）/);
    assert.equal(entry.performedAt, '2026-04-04T03:00:00.000Z');
  });

  test('the monthly written report for the regular meeting lists over and near-limit products first (2.2.m)', async () => {
    const res = await admin.get('/api/v1/software-compliance/report.xlsx');
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.match(String(ws.getCell('A2').value), /適正 1 製品／上限間近 1 製品／超過 1 製品/);
    const rows: unknown[][] = [];
    ws.eachRow((row, i) => {
      if (i > 4) rows.push([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(7).value, row.getCell(13).value]);
    });
    assert.deepEqual(rows, [
      ['Windows 11 Pro', 2, 2, 1, '超過'],
      ['Office Professional Plus', 10, 9, 0, '上限間近'],
      ['Acrobat', 5, 2, 0, '適正'],
    ]);
  });

  test('unmapped inventory names are queued by install count; operators read compliance, requesters may not', async () => {
    const q = (await admin.get('/api/v1/software-products/unmapped')).json();
    assert.deepEqual(q.items, [{ name: 'Unmapped Toolbar', publisher: 'Shady Ltd', installs: 1, versions: 1 }]);
    const op = await clientFor(t, ['operator']);
    assert.equal((await op.client.get('/api/v1/software-compliance')).statusCode, 200);
    assert.equal((await op.client.patch('/api/v1/software-compliance/settings', { nearPercent: 80 })).statusCode, 403);
    const requester = await clientFor(t, ['requester']);
    assert.equal((await requester.client.get('/api/v1/software-compliance')).statusCode, 403);
    // 3.3.1.e: staff see licences available and in use per product, nothing about devices.
    const avail = (await requester.client.get('/api/v1/portal/software-availability')).json();
    assert.deepEqual(
      avail.items.map((i: { product: { name: string }; entitled: number; inUse: number; available: number }) => [
        i.product.name,
        i.entitled,
        i.inUse,
        i.available,
      ]),
      [
        ['Acrobat', 5, 2, 3],
        ['Office Professional Plus', 10, 9, 1],
        ['Windows 11 Pro', 2, 2, 0],
      ],
    );
  });
});
