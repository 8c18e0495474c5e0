import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { hardwareAssets } from '../../server/src/modules/assets/assets.table.ts';
import { ADMIN, makeSite, startTestApp, type TestApp } from '../../server/src/test/harness.ts';
import { launchChromium } from './browser.ts';

const webDist = path.resolve(import.meta.dirname, '../dist');
const shots = path.resolve(import.meta.dirname, '../../../test-results');

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'build the UI first: npm run build');
  t = await startTestApp({ webDist });
  const site = await makeSite(t, { nameJa: '本部（東京）', nameEn: 'Tokyo HQ' });
  await t.db.insert(hardwareAssets).values([
    { assetNumber: 'E2E-F-001', ledger: 'domestic', name: '会議室PC', category: 'desktop_pc', siteId: site.id, status: 'in_use', purpose: '会議用' },
    { assetNumber: 'E2E-F-002', ledger: 'domestic', name: '受付PC', category: 'notebook_pc', siteId: site.id, status: 'in_use', purpose: '受付' },
  ]);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launchChromium();
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await t?.close();
});

async function login(page: Page) {
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(ADMIN.email);
  await page.locator('#login-password').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor();
}

test('run the ledger checks, see the counts, resolve a finding with a reason; count the ledger by site × category', async () => {
  const page = await browser.newPage({ locale: 'ja-JP' });
  try {
    await login(page);
    await page.locator('a[href="/asset-findings"]').first().click();
    await page.locator('h1', { hasText: '台帳チェック' }).waitFor();
    await page.locator('[data-testid=findings-run]').click();
    await page.getByText('新規 2 件').waitFor();
    const noUser = page.locator('[data-testid=finding-counts] [data-kind=no_user]');
    await page.waitForFunction(() => document.querySelector('[data-kind=no_user]')?.textContent?.includes('2'));
    assert.match((await noUser.textContent()) ?? '', /使用者未登録\s*2/);

    const row = page.locator('tr', { hasText: 'E2E-F-001' });
    await row.locator('[data-testid=finding-resolve]').click();
    await page.locator('[data-testid=finding-reason]').fill('使用者を登録予定');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await row.getByText('使用者を登録予定').waitFor();
    await row.getByText('解決').first().waitFor();
    await page.locator('[data-testid=export-menu]').click();
    const xlsx = await page.locator('[data-testid=export-xlsx]').getAttribute('href');
    assert.match(xlsx ?? '', /\/api\/v1\/asset-findings\/export\?.*format=xlsx/);

    await page.locator('a[href="/asset-pivot"]').first().click();
    await page.locator('h1', { hasText: '資産集計' }).waitFor();
    const table = page.locator('[data-testid=pivot-table]');
    await table.getByText('本部（東京）').waitFor();
    await table.locator('th', { hasText: 'デスクトップPC' }).waitFor();
    const total = table.locator('tr', { hasText: '合計' }).last();
    assert.match((await total.textContent()) ?? '', /合計.*2$/);
    const href = await page.locator('[data-testid=pivot-export]').getAttribute('href');
    assert.match(href ?? '', /\/api\/v1\/hardware-assets\/pivot\/export\?rows=site&cols=category/);
  } catch (e) {
    await page.screenshot({ path: path.join(shots, 'findings-failure.png'), fullPage: true });
    throw e;
  }
});
