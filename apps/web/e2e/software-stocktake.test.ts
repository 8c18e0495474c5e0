import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Annual software stock-take (S-4-1-3-1): started through the form, the media item checked present, closing refused
 * while it is unchecked and done afterwards, the result report and the two software XLSX reports downloadable.
 */

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let headers: Record<string, string>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ITEM = 'E2E-SWST-1';
const PRODUCT = 'E2E Stocktake Suite';

async function adminApi(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return res.json();
}

const step = stepsFor('software-stocktake');

/** Fetches a download link with the page's session, as the browser would on click. */
async function download(page: Page, href: string | null) {
  assert.ok(href, 'the button has a download link');
  const res = await page.request.get(new URL(href, base).toString());
  assert.equal(res.status(), 200, `${href}: ${await res.text()}`);
  assert.equal(res.headers()['content-type'], XLSX);
  // An XLSX is a zip: "PK".
  assert.equal((await res.body()).subarray(0, 2).toString(), 'PK');
}

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  headers = await adminHeaders(t);
  const site = await makeSite(t, { code: 'E2ESWST', nameJa: 'ソフト棚卸し拠点', nameEn: 'Software stock-take site' });
  await adminApi('POST', '/software-media', { itemNumber: ITEM, kind: 'certificate', title: 'E2E ライセンス証書', siteId: site.id, storageLocation: '金庫A' });
  const product = await adminApi('POST', '/software-products', { publisher: 'E2E', name: PRODUCT });
  await adminApi('POST', '/software-licenses', {
    assetNumber: 'E2E-SWST-LIC',
    licenseType: 'volume',
    licenseForm: 'full',
    softwareName: 'E2E Stocktake Suite 2026',
    productIds: [product.id],
    ownedCount: 5,
  });
});

after(async () => {
  await app?.close();
});

test('software stock-take: start, check the media item, close only when all are checked, download the result report', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);

  await step(page, 'create', async () => {
    await page.locator('a[href="/software-stocktakes"]').first().click();
    await page.locator('h1', { hasText: 'ソフトウェア棚卸し' }).waitFor();
    await page.locator('[data-testid=sw-stocktake-create]').click();
    await page.locator('#name').fill('E2E 2026年度 ソフトウェア棚卸し');
    await page.locator('#fiscalYear').fill('2026');
    await page.locator('[data-testid=form-submit]').click();
    await page.locator('h1', { hasText: 'E2E 2026年度 ソフトウェア棚卸し' }).waitFor();
    await page.locator('[data-testid=sw-stocktake-status]', { hasText: '実施中' }).waitFor();
  });

  await step(page, 'licenses', async () => {
    const line = page.locator('[data-testid=sw-stocktake-licenses] tr.ant-table-row', { hasText: PRODUCT });
    await line.locator('.ant-tag[data-value=ok]', { hasText: '適正' }).waitFor();
  });

  await step(page, 'close-refused', async () => {
    await page.locator('[data-testid=sw-stocktake-close]').click();
    await page.locator('[data-testid=sw-stocktake-close-ok]').click();
    await page.locator('.ant-alert', { hasText: '未確認の付属品・資料があります' }).waitFor();
    await page.locator('[data-testid=sw-stocktake-status]', { hasText: '実施中' }).waitFor();
  });

  await step(page, 'check', async () => {
    await page.getByRole('tab', { name: '付属品・資料の確認' }).click();
    const row = page.locator(`[data-testid=sw-stocktake-media-${ITEM}]`);
    await row.locator('[data-testid=sw-stocktake-result][data-result=unchecked]').waitFor();
    await row.locator('[data-testid=sw-stocktake-note]').fill('金庫Aで確認');
    await row.locator('[data-testid=sw-stocktake-present]').click();
    await row.locator('[data-testid=sw-stocktake-result][data-result=present]', { hasText: '所在確認' }).waitFor();
    await page.locator('[data-testid=sw-stocktake-counts]', { hasText: '確認済 1 / 1 件' }).waitFor();
  });

  await step(page, 'close', async () => {
    await page.locator('[data-testid=sw-stocktake-close]').click();
    await page.locator('[data-testid=sw-stocktake-close-ok]').click();
    await page.locator('[data-testid=sw-stocktake-status]', { hasText: '完了' }).waitFor();
    await page.locator('[data-testid=sw-stocktake-close]').waitFor({ state: 'detached' });
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(shotsDir, 'software-stocktake-closed.png'), fullPage: true });
  });

  const [stocktake] = (await adminApi('GET', '/software-stocktakes')).items;
  assert.equal(stocktake.status, 'closed');
  assert.deepEqual(stocktake.media, { total: 1, checked: 1, missing: 0 });
  const media = (await adminApi('GET', `/software-stocktakes/${stocktake.id}/media`)).items;
  assert.equal(media[0].note, '金庫Aで確認');

  await step(page, 'report', async () => download(page, await page.locator('[data-testid=sw-stocktake-report]').getAttribute('href')));

  await step(page, 'list', async () => {
    await page.getByRole('link', { name: 'ソフトウェア棚卸しへ戻る' }).click();
    const row = page.locator('[data-testid=sw-stocktake-table] tr.ant-table-row', { hasText: 'E2E 2026年度 ソフトウェア棚卸し' });
    await row.locator('[data-testid=sw-stocktake-status]', { hasText: '完了' }).waitFor();
    await row.locator('[data-testid=sw-stocktake-progress]', { hasText: '1/1' }).waitFor();
  });

  await step(page, 'compliance-report', async () => {
    await page.locator('a[href="/software-compliance"]').first().click();
    await page.locator('h1', { hasText: 'ライセンス適合状況' }).waitFor();
    await download(page, await page.locator('[data-testid=compliance-report]').getAttribute('href'));
  });

  await step(page, 'renewals-sheet', async () => {
    await page.locator('a[href="/software-licenses"]').first().click();
    await page.locator('h1', { hasText: '保有ソフトウェア台帳' }).waitFor();
    await page.locator('[data-testid=license-renewals-sheet]').click();
    const href = await page.locator('[data-testid=license-renewals-download]').getAttribute('href');
    assert.match(href ?? '', /\/api\/v1\/software-licenses\/renewals\.xlsx\?month=\d{4}-\d{2}$/);
    await download(page, href);
  });
  await page.close();
});
