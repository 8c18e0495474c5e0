import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, pickOption, shotsDir, signIn, startBrowserApp } from './setup.ts';

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
});

after(async () => {
  await app?.close();
});

test('stock-take: create, enter codes on the scan page, close, see corrected locations and missing items', async () => {
  const headers = await adminHeaders(t);
  const site = await makeSite(t, { code: 'E2EST', nameJa: '棚卸し検証拠点', nameEn: 'Stock-take test site' });
  const seeded: Record<string, string> = {};
  for (const [assetNumber, room] of [
    ['E2E-ST-1', '会議室A'],
    ['E2E-ST-2', '会議室A'],
    ['E2E-ST-3', '倉庫'],
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hardware-assets',
      headers,
      payload: { assetNumber, ledger: 'domestic', name: `検証端末 ${assetNumber}`, category: 'notebook_pc', siteId: site.id, building: '本館', room },
    });
    assert.equal(res.statusCode, 201, res.body);
    seeded[assetNumber] = res.json().id;
  }

  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  await signIn(page, base);

  await page.locator('a[href="/stocktakes"]').first().click();
  await page.locator('h1', { hasText: '棚卸し' }).waitFor();
  await page.locator('[data-testid=stocktake-create]').click();
  await page.locator('#name').fill('E2E 第1四半期棚卸し');
  await page.locator('#dueOn').click();
  await page.locator('#dueOn').fill('2099/03/31');
  await page.locator('#dueOn').press('Enter');
  await pickOption(page, 'siteIds', 'E2EST');
  await page.locator('[data-testid=stocktake-save]').click();
  await page.locator('h1', { hasText: 'E2E 第1四半期棚卸し' }).waitFor();
  await page.locator('.ant-table-row', { hasText: 'E2E-ST-3' }).waitFor();

  // The scan page, phone-sized.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('[data-testid=stocktake-scan]').click();
  await page.locator('[data-testid=scan-page]').waitFor();
  await page.locator('[data-testid=scan-building]').fill('本館');
  await page.locator('[data-testid=scan-room]').fill('会議室A');
  await page.locator('[data-testid=scan-start]').click();
  await page.locator('[data-testid=scan-code]').fill('E2E-ST-1');
  await page.locator('[data-testid=scan-code]').press('Enter');
  await page.locator('[data-testid=scan-result][data-code="E2E-ST-1"][data-result=found]').waitFor();
  assert.match(await page.locator('[data-testid=scan-result][data-code="E2E-ST-1"]').innerText(), /確認済/);

  await page.locator('[data-testid=scan-change]').click();
  await page.locator('[data-testid=scan-room]').fill('会議室B');
  await page.locator('[data-testid=scan-start]').click();
  assert.match(await page.locator('[data-testid=scan-place]').innerText(), /会議室B/);
  // A QR label's URL works the same as the typed number.
  await page.locator('[data-testid=scan-code]').fill(`${base}/assets/${seeded['E2E-ST-2']}`);
  await page.locator('[data-testid=scan-code]').press('Enter');
  const moved = page.locator('[data-testid=scan-result][data-result=found_elsewhere]');
  await moved.waitFor();
  assert.match(await moved.innerText(), /E2E-ST-2/);
  assert.match(await moved.innerText(), /別の場所で確認/);
  await page.screenshot({ path: path.join(shotsDir, 'stocktake-scan.png'), fullPage: true });

  // Close in the detail page.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: 'E2E 第1四半期棚卸し' }).click();
  await page.locator('[data-testid=stocktake-close]').click();
  await page.locator('[data-testid=stocktake-close-ok]').click();
  await page.locator('[data-testid=stocktake-status]', { hasText: '完了' }).waitFor();
  await page.locator('.ant-table-row', { hasText: 'E2E-ST-3' }).filter({ hasText: '所在不明' }).waitFor();
  await page.screenshot({ path: path.join(shotsDir, 'stocktake-closed.png'), fullPage: true });
  await page.close();

  const asset = async (n: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/hardware-assets/${seeded[n]}`, headers })).json();
  assert.equal((await asset('E2E-ST-2')).room, '会議室B', 'the moved asset is corrected in the ledger');
  assert.equal((await asset('E2E-ST-1')).room, '会議室A');
  assert.equal((await asset('E2E-ST-3')).status, 'in_use', 'a missing asset is not retired automatically');
  const list = (await t.app.inject({ method: 'GET', url: '/api/v1/stocktakes', headers })).json();
  const st = list.items.find((s: { name: string }) => s.name === 'E2E 第1四半期棚卸し');
  assert.equal(st.status, 'closed');
  const all = (await t.app.inject({ method: 'GET', url: `/api/v1/stocktakes/${st.id}/items`, headers })).json();
  assert.equal(all.items.find((i: { assetNumber: string }) => i.assetNumber === 'E2E-ST-2').method, 'scan', 'a QR URL typed by a reader counts as a scan');
  const items = (await t.app.inject({ method: 'GET', url: `/api/v1/stocktakes/${st.id}/items?result=missing`, headers })).json();
  assert.deepEqual(
    items.items.map((i: { assetNumber: string }) => i.assetNumber),
    ['E2E-ST-3'],
  );
});
