import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { csvOf, importFile } from '../../server/src/platform/files/io-test-kit.ts';
import { makeAsset, makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, clickSending, overlaySettled, pickOption, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Endpoint security in the browser: the antivirus list after a console import shows the outdated device first and
 * highlighted and its fix recorded from the row, a settings change of a group's policy recorded, a patch plan entered through the form gets its 2-week due date, and the unapplied list shows what
 * the WSUS import reported as not installed.
 */

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;

const step = stepsFor('endpoint-security');

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  const headers = await adminHeaders(t);
  const sender = { cookie: headers.cookie, csrf: headers['x-csrf-token'] };
  const site = await makeSite(t, { kind: 'hq' });
  await makeAsset(t, site.id, { assetNumber: 'E2E-AV-1', name: 'E2E-PC01' });
  await makeAsset(t, site.id, { assetNumber: 'E2E-AV-2', name: 'E2E-PC02' });
  const today = new Date().toISOString().slice(0, 10);
  const av = csvOf([
    ['エンドポイント', 'ウイルスパターンファイル', 'パターンファイルの日付', '製品'],
    ['E2E-PC01', '19.525.00', today, 'Trend Micro Apex One'],
    ['E2E-PC02', '19.401.00', '2026-01-05', 'Trend Micro Apex One'],
  ]);
  const avRes = await importFile(t.app, sender, 'antivirus', { name: 'av.csv', data: Buffer.from(`\uFEFF${av}`) }, { commit: true });
  assert.equal(avRes.json().committed, true, avRes.body);
  const wsus = csvOf([
    ['Computer', 'KB Article', 'Installation state'],
    ['E2E-PC01', 'KB5034441', 'Installed'],
    ['E2E-PC02', 'KB5034441', 'Failed'],
  ]);
  const patchRes = await importFile(t.app, sender, 'patch-status', { name: 'wsus.csv', data: Buffer.from(wsus) }, { commit: true });
  assert.equal(patchRes.json().committed, true, patchRes.body);
});

after(async () => {
  await app?.close();
});

test('endpoint security: outdated antivirus device highlighted, a patch plan through the form, the unapplied list', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);

  await step(page, 'antivirus', async () => {
    await page.locator('a[href="/antivirus"]').first().click();
    await page.locator('h1', { hasText: 'ウイルス定義更新状況' }).waitFor();
    const first = page.locator('tr.ant-table-row').first();
    await first.locator('.ant-tag', { hasText: '未更新' }).waitFor();
    assert.match(await first.innerText(), /E2E-PC02/);
    assert.match((await first.getAttribute('style')) ?? '', /background/);
    await page.screenshot({ path: path.join(shotsDir, 'antivirus-status.png'), fullPage: true });
  });

  // The fix of a stale PC is recorded from its row; the PC stays outdated until the next import shows it current.
  await step(page, 'record-fix', async () => {
    const first = page.locator('tr.ant-table-row', { hasText: 'E2E-PC02' });
    await first.locator('[data-testid=av-record-fix]').click();
    await page.locator('[data-testid=av-work-version-after]').fill('19.525.00');
    await page.locator('[data-testid=form-submit]').click();
    await first.locator('[data-testid=av-last-work]', { hasText: '定義ファイル手動更新' }).waitFor();
    await first.locator('.ant-tag', { hasText: '未更新' }).waitFor();
    await page.locator('.ant-tabs-tab', { hasText: '作業記録' }).click();
    // The version before came from the imported status.
    const record = page.locator('tr.ant-table-row', { hasText: '19.401.00 → 19.525.00' });
    await record.waitFor();
    assert.match(await record.innerText(), /E2E-AV-2/);
    await page.screenshot({ path: path.join(shotsDir, 'antivirus-work.png'), fullPage: true });
  });

  // A settings change on a group's policy (3.1.1.w): no device, the setting and its value before → after.
  await step(page, 'settings-change', async () => {
    await page.locator('[data-testid=av-work-create]').click();
    await page.locator('[data-testid=av-work-kind]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '設定変更' }).click();
    await page.locator('[data-testid=av-work-target-group]').fill('本部サーバ群ポリシー');
    await page.locator('[data-testid=av-work-setting]').fill('予約検索の開始時刻');
    await page.locator('[data-testid=av-work-value-before]').fill('12:00');
    await page.locator('[data-testid=av-work-value-after]').fill('02:00');
    await page.screenshot({ path: path.join(shotsDir, 'antivirus-settings-change.png'), fullPage: true });
    await page.locator('[data-testid=form-submit]').click();
    const record = page.locator('tr.ant-table-row', { hasText: '予約検索の開始時刻' });
    await record.waitFor();
    assert.match(await record.innerText(), /設定変更[\s\S]*本部サーバ群ポリシー[\s\S]*12:00 → 02:00/);
  });

  await step(page, 'plan', async () => {
    await page.locator('a[href="/patch-plans"]').first().click();
    await page.locator('h1', { hasText: 'セキュリティパッチ適用計画' }).waitFor();
    await page.locator('[data-testid=patch-plan-create]').click();
    await page.locator('[data-testid=patch-plan-title]').fill('11月 月例セキュリティ更新');
    // 3.3.1.k: the pre-test on test PCs, with its date.
    await page.locator('#preTestedOn').click();
    await page.locator('#preTestedOn').fill('2026/11/20');
    await page.locator('#preTestedOn').press('Enter');
    await pickOption(page, 'preTestResult', '条件付きで可');
    await clickSending(page, page.locator('[data-testid=form-submit]'), '/patch-plans');
    const row = page.locator('tr.ant-table-row', { hasText: '11月 月例セキュリティ更新' });
    await row.waitFor();
    await row.locator('.ant-tag', { hasText: '未提示' }).waitFor();
    assert.match(await row.innerText(), /条件付きで可\s*2026\/11\/20/);
  });

  await step(page, 'unapplied', async () => {
    await page.locator('a[href="/patch-status"]').first().click();
    await page.locator('h1', { hasText: 'パッチ未適用一覧' }).waitFor();
    const rows = page.locator('tr.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /E2E-PC02[\s\S]*失敗/);
  });
  await page.close();
});

// 3.3.1.k: an image registered through the form is not updated for the latest presented plan until its update is recorded.
test('clone images: register an image, see it flagged, record its update from the detail drawer', async () => {
  const headers = await adminHeaders(t);
  const today = new Date().toISOString().slice(0, 10);
  const plan = await t.app.inject({
    method: 'POST',
    url: '/api/v1/patch-plans',
    headers,
    payload: { title: 'E2E 月例パッチ計画', instructedOn: today, presentedOn: today, targetPatches: ['KB5046617'] },
  });
  assert.equal(plan.statusCode, 201, plan.body);
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);

  await step(page, 'clone-image-create', async () => {
    await page.locator('a[href="/clone-images"]').first().click();
    await page.locator('h1', { hasText: 'クローンイメージ台帳' }).waitFor();
    await page.locator('[data-testid=clone-image-create]').click();
    await overlaySettled(page);
    await page.locator('#code').fill('IMG-E2E-W11-STD');
    await page.locator('#model').fill('ESPRIMO D7013/P');
    await page.locator('#os').fill('Windows 11 Enterprise 23H2');
    await page.locator('#softwareSet').fill('標準ソフト一式 2026');
    await clickSending(page, page.locator('[data-testid=form-submit]'), '/clone-images');
    const row = page.locator('tr.ant-table-row', { hasText: 'IMG-E2E-W11-STD' });
    await row.locator('[data-testid=clone-image-stale]').waitFor();
  });

  await step(page, 'clone-image-record', async () => {
    await page.locator('tr.ant-table-row', { hasText: 'IMG-E2E-W11-STD' }).getByRole('button', { name: 'IMG-E2E-W11-STD' }).click();
    await overlaySettled(page);
    await page.locator('[data-testid=clone-image-record-form]').waitFor();
    await pickOption(page, 'patchPlanId', 'E2E 月例パッチ計画');
    await page.locator('[data-testid=clone-image-patches] .ant-select-selection-item', { hasText: 'KB5046617' }).waitFor();
    await clickSending(page, page.locator('[data-testid=clone-image-record]'), '/updates');
    const history = page.locator('[data-testid=clone-image-history] tr.ant-table-row', { hasText: 'E2E 月例パッチ計画' });
    await history.waitFor();
    assert.match(await history.innerText(), /KB5046617[\s\S]*はい/);
    await page.screenshot({ path: path.join(shotsDir, 'clone-image-detail.png'), fullPage: true });
    await page.locator('.ant-drawer-close').click();
    const row = page.locator('tr.ant-table-row', { hasText: 'IMG-E2E-W11-STD' });
    await row.locator('[data-testid=clone-image-stale]').waitFor({ state: 'detached' });
  });
  await page.close();
});
