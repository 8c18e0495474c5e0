import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assetSoftware } from '../../server/src/modules/assets/assets.table.ts';
import { makeAsset, makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, pickOption, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Unauthorized software (2.2.p, q) and the media register (2.2.r–u) in the browser: a deny rule added through the
 * list tab makes the check open a finding for the agent-reported package, an operator confirms it with a note, and
 * a report from an inquiry keeps the ticket; then an installation medium registered through the form is lent out.
 */

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let headers: Record<string, string>;
let site: { id: string; code: string };
const DEVICE = 'PC-E2E-SW01';

async function adminApi(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return res.json();
}

const step = stepsFor('software-findings');

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  headers = await adminHeaders(t);
  site = await makeSite(t, { kind: 'hq' });
  const device = await makeAsset(t, site.id, { assetNumber: DEVICE, name: '経理部 端末' });
  // What the inventory agent reported on the device.
  const now = new Date();
  await t.db.insert(assetSoftware).values([
    { assetId: device.id, name: 'uTorrent', version: '3.6', publisher: 'BitTorrent Inc.', firstSeenAt: now, lastSeenAt: now },
    { assetId: device.id, name: '7-Zip 23.01 (x64)', version: '23.01', publisher: 'Igor Pavlov', firstSeenAt: now, lastSeenAt: now },
  ]);
});

after(async () => {
  await app?.close();
});

test('software findings: a deny rule and a check open a finding that is confirmed with a note; a ticket reports one', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);
  await page.locator('a[href="/software-findings"]').first().click();
  await page.locator('h1', { hasText: '未許可ソフトウェア' }).waitFor();

  await step(page, 'rule', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '許可・禁止リスト' }).click();
    await page.locator('[data-testid=finding-mode] .ant-radio-button-wrapper-checked', { hasText: '禁止リスト方式' }).waitFor();
    await page.locator('#namePattern').fill('utorrent*');
    await page.locator('#note').fill('P2P ファイル共有');
    await page.locator('[data-testid=list-rule-add]').click();
    const rule = page.locator('[data-testid=list-rules] tr.ant-table-row', { hasText: 'utorrent*' });
    await rule.waitFor();
    await rule.locator('.ant-tag[data-value=deny]', { hasText: '禁止' }).waitFor();
  });

  await step(page, 'run', async () => {
    await page.locator('[data-testid=finding-run]').click();
    await page.locator('[data-testid=finding-run-result]', { hasText: '新規検出 1 件' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'software-finding-lists.png'), fullPage: true });
  });

  const row = page.locator('tr.ant-table-row', { hasText: 'uTorrent' });
  await step(page, 'confirm', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '検出結果' }).click();
    await row.locator('[data-testid=finding-device]', { hasText: DEVICE }).waitFor();
    await row.locator('.ant-tag[data-value=denied]', { hasText: '禁止ソフトウェア' }).waitFor();
    await row.locator('.ant-tag[data-value=open]', { hasText: '未確認' }).waitFor();
    assert.equal(await page.locator('tr.ant-table-row', { hasText: '7-Zip' }).count(), 0);
    await row.locator('[data-testid=finding-confirmed]').click();
    await page.locator('[data-testid=finding-note]').fill('利用者に削除を依頼しました');
    await page.locator('[data-testid=finding-resolve-ok]').click();
    await row.locator('.ant-tag[data-value=confirmed]', { hasText: '確認済（削除依頼中）' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'software-findings.png'), fullPage: true });
  });
  const stored = (await adminApi('GET', '/software-findings?q=uTorrent')).items[0];
  assert.deepEqual([stored.status, stored.note, stored.version], ['confirmed', '利用者に削除を依頼しました', '3.6']);

  // 2.2.q: from an inquiry, the operator reports software found while helping the user.
  const ticket = await adminApi('POST', '/tickets', {
    channel: 'phone',
    language: 'ja',
    requester: { name: '佐藤 一郎', email: 'sato@example.jp' },
    siteId: site.id,
    subject: '動作が遅い',
    description: 'PC の動作が遅いとの連絡',
  });
  await step(page, 'ticket-report', async () => {
    await page.goto(`${base}/tickets/${ticket.id}`);
    await page.locator('[data-testid=finding-report]', { hasText: '未許可ソフトウェアを報告' }).click();
    const form = page.locator('[data-testid=finding-report-form]');
    await form.waitFor();
    await pickOption(page, 'assetId', DEVICE);
    await form.locator('#name').fill('Free Game Launcher');
    await form.locator('#publisher').fill('Example Games');
    await page.locator('[data-testid=finding-report-ok]').click();
    await form.waitFor({ state: 'detached' });
  });
  const reported = (await adminApi('GET', '/software-findings?q=Free%20Game')).items[0];
  assert.deepEqual([reported.reason, reported.ticketId, reported.asset.assetNumber], ['reported', ticket.id, DEVICE]);
  await page.close();
});

test('media register: an item registered through the form is lent out and shows its borrower', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);
  await page.locator('a[href="/software-media"]').first().click();
  await page.locator('h1', { hasText: '付属品・資料' }).waitFor();

  await step(page, 'media-form', async () => {
    await page.locator('[data-testid=media-create]').click();
    const form = page.locator('[data-testid=media-form]');
    await form.waitFor();
    await form.locator('#itemNumber').fill('MD-E2E-001');
    await form.locator('#title').fill('Office LTSC 2021 インストールメディア');
    await pickOption(page, 'siteId', site.code);
    await form.locator('#storageLocation').fill('本館3階 キャビネットA');
    await page.locator('[data-testid=form-submit]').click();
    await form.waitFor({ state: 'detached' });
  });

  const row = page.locator('tr.ant-table-row', { hasText: 'MD-E2E-001' });
  await step(page, 'lend', async () => {
    await row.locator('.ant-tag[data-value=install_media]', { hasText: 'インストールメディア' }).waitFor();
    await row.locator('.ant-tag[data-value=stored]', { hasText: '保管中' }).waitFor();
    await row.locator('[data-testid=media-lend]').click();
    await page.locator('[data-testid=media-lend-form] #borrower').fill('山田 花子');
    await page.locator('[data-testid=media-lend-ok]').click();
    await row.locator('[data-testid=media-status] .ant-tag[data-value=lent]', { hasText: '貸出中' }).waitFor();
    await row.locator('[data-testid=media-borrower]', { hasText: '山田 花子' }).waitFor();
    assert.equal(await row.locator('[data-testid=media-lend]').count(), 0);
    await page.screenshot({ path: path.join(shotsDir, 'software-media.png'), fullPage: true });
  });

  await step(page, 'loans', async () => {
    await row.locator('[data-testid=media-loans-open]').click();
    await page.locator('[data-testid=media-loans] tr.ant-table-row', { hasText: '山田 花子' }).locator('.ant-tag', { hasText: '未返却' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=media-loans]').waitFor({ state: 'detached' });
  });

  await step(page, 'overdue', async () => {
    // A second item lent with a due date long past: tagged 延滞, and the only one left by the 延滞のみ switch.
    const late = await adminApi('POST', '/software-media', { kind: 'manual', title: '延滞マニュアル', siteId: site.id, storageLocation: '書庫' });
    await adminApi('POST', `/software-media/${late.id}/lend`, { borrower: '佐藤 一郎', dueOn: '2020-04-01' });
    await page.reload();
    const lateRow = page.locator('tr.ant-table-row', { hasText: late.itemNumber });
    await lateRow.locator('[data-testid=media-overdue]', { hasText: '延滞' }).waitFor();
    assert.equal(await row.locator('[data-testid=media-overdue]').count(), 0, 'a loan without a due date is not overdue');
    await page.locator('[data-testid=media-overdue-only]').click();
    await page.waitForURL(/overdue=1/);
    await row.waitFor({ state: 'detached' });
    await lateRow.waitFor();
    await page.locator('[data-testid=media-overdue-only]').click();
    await row.waitFor();
  });

  await step(page, 'shipment', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '送付記録' }).click();
    await page.locator('[data-testid=shipment-create]').click();
    const form = page.locator('[data-testid=shipment-form]');
    await form.waitFor();
    await pickOption(page, 'mediaId', 'MD-E2E-001');
    await form.locator('#item').fill('Office LTSC 2021 インストールメディア（写し）');
    await form.locator('#sender').fill('情報システム課');
    await form.locator('#recipient').fill('大阪事務所 総務係');
    await pickOption(page, 'siteId', site.code);
    await page.locator('[data-testid=form-submit]').click();
    await form.waitFor({ state: 'detached' });
    const shipped = page.locator('tr.ant-table-row', { hasText: '大阪事務所 総務係' });
    await shipped.locator('.ant-tag[data-value=internal_mail]', { hasText: '社内便' }).waitFor();
    assert.match((await shipped.textContent()) ?? '', /MD-E2E-001/);
  });
  await page.close();
});
