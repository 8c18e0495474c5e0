import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, pickOption, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Issue #5 acceptance (web): an upgrade licence is registered through the form against an existing full licence
 * and the detail pages show the chain both ways; the compliance page shows the product near its limit with the
 * units the upgrade took from its base licence.
 */

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let headers: Record<string, string>;

async function adminApi(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return res.json();
}

const step = stepsFor('software');

const PRODUCT = 'Office Professional Plus';
let productId: string;
let baseLicenseId: string;

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  headers = await adminHeaders(t);
  productId = (await adminApi('POST', '/software-products', { publisher: 'Microsoft', name: PRODUCT })).id;
  baseLicenseId = (
    await adminApi('POST', '/software-licenses', {
      assetNumber: 'MS-OFF-2016',
      licenseType: 'volume',
      licenseForm: 'full',
      softwareName: 'Microsoft Office Professional Plus 2016',
      productIds: [productId],
      ownedCount: 10,
    })
  ).id;
});

after(async () => {
  await app?.close();
});

test('software: an upgrade licence registered through the form shows its chain; compliance counts what the upgrade took', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);

  await page.locator('a[href="/software-licenses"]').first().click();
  await page.locator('h1', { hasText: '保有ソフトウェア台帳' }).waitFor();
  await page.locator('[data-testid=license-link]', { hasText: 'MS-OFF-2016' }).waitFor();

  await step(page, 'form', async () => {
    await page.locator('[data-testid=license-create]').click();
    await page.locator('#assetNumber').fill('MS-OFF-2021-UP');
    await page.locator('#softwareName').fill('Microsoft Office LTSC Professional Plus 2021 アップグレード');
    await pickOption(page, 'licenseForm', 'アップグレードライセンス');
    await pickOption(page, 'productIds', PRODUCT);
    await page.keyboard.press('Escape');
    await page.locator('#ownedCount').fill('4');
    await pickOption(page, 'upgradeFromAssetNumber', 'MS-OFF-2016');
    await page.locator('[data-testid=form-submit]').click();
  });

  // Saving a new licence opens its detail page.
  await step(page, 'chain', async () => {
    await page.locator('h1', { hasText: 'MS-OFF-2021-UP' }).waitFor();
    await page.locator('[data-testid=license-upgrade-from]', { hasText: 'MS-OFF-2016' }).waitFor();
    await page.locator('main .ant-tag[data-value=upgrade]', { hasText: 'アップグレードライセンス' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'software-license-chain.png'), fullPage: true });
    await page.locator('[data-testid=license-upgrade-from]').click();
    await page.locator('h1', { hasText: 'MS-OFF-2016' }).waitFor();
    await page.locator('[data-testid=license-upgrade-to]', { hasText: 'MS-OFF-2021-UP' }).waitFor();
  });

  // HQ sends 5 units of the base and 4 of the upgrade overseas: 9 of the 10 entitled (6 + 4) = 90 % → near the limit.
  const upgrade = (await adminApi('GET', '/software-licenses?q=MS-OFF-2021-UP')).items[0];
  assert.equal(upgrade.upgradeFrom.id, baseLicenseId);
  assert.deepEqual(
    upgrade.products.map((p: { id: string }) => p.id),
    [productId],
  );
  const office = await makeSite(t, {
    code: 'E2E-BKK',
    kind: 'overseas',
    nameJa: 'バンコク事務所',
    nameEn: 'Bangkok office',
    country: 'TH',
    timeZone: 'Asia/Bangkok',
  });
  for (const [licenseId, licenseCount] of [
    [baseLicenseId, 5],
    [upgrade.id, 4],
  ] as const) {
    await adminApi('POST', '/software-distributions', { distributedOn: '2026-04-01', siteId: office.id, origin: 'hq', licenseId, licenseCount });
  }

  await page.locator('a[href="/software-compliance"]').first().click();
  await page.locator('h1', { hasText: 'ライセンス適合状況' }).waitFor();
  const row = page.locator('[data-testid=compliance-table] tr.ant-table-row', { hasText: PRODUCT });
  await step(page, 'compliance', async () => {
    await row.waitFor();
    await row.locator('.ant-tag[data-value=near]', { hasText: '上限間近' }).waitFor();
    const cells = await row.locator('td').allInnerTexts();
    // product, status, entitled, consumed, shortfall, utilization, recorded, detected, distributed …
    assert.deepEqual(cells.slice(2, 5), ['10', '9', '0']);
    assert.match(cells[5], /90%/);
    assert.equal(cells[8], '9');
    await page.locator('[data-testid=compliance-summary-near] .ant-statistic-content-value', { hasText: '1' }).waitFor();
  });

  await step(page, 'compliance-detail', async () => {
    await row.locator('[data-testid=compliance-product]').click();
    const lines = page.locator('[data-testid=compliance-licenses] tr.ant-table-row');
    await lines.first().waitFor();
    const byNumber = async (n: string) => (await lines.filter({ hasText: n }).first().locator('td').allInnerTexts()).slice(-4, -1);
    // owned, effective, used: the upgrade took 4 of the base's 10.
    assert.deepEqual(await byNumber('MS-OFF-2016'), ['10', '6', '5']);
    assert.deepEqual(await byNumber('MS-OFF-2021-UP'), ['4', '4', '4']);
    await page.screenshot({ path: path.join(shotsDir, 'software-compliance-detail.png') });
  });
  await page.close();
});
