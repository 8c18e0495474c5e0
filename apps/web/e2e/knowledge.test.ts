import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, clientFor, makePerson, makeSite, PASSWORD, type TestApp } from '../../server/src/test/harness.ts';
import { type BrowserApp, startBrowserApp } from './setup.ts';

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let requesterEmail: string;
let overseasCode: string;

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  const tokyo = await makeSite(t, { kind: 'hq' });
  const nyc = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
  overseasCode = nyc.code;
  const person = await makePerson(t, tokyo.id, { email: 'yamada@example.jp' });
  requesterEmail = (await clientFor(t, ['requester'], { kind: 'own' }, person.id)).user.email;
});

after(async () => {
  await app?.close();
});

async function login(email: string, password: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'ja-JP' });
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

test('an operator writes a bilingual article, revises it and restores the first version; a requester finds it', async () => {
  const page = await login(ADMIN.email, ADMIN.password);
  await page.goto(`${base}/kb`);
  await page.getByTestId('kb-create').click();
  await page.getByTestId('kb-title-ja').fill('VPNに接続できないとき');
  await page.getByTestId('kb-body-ja').fill('VPNクライアントを再起動してください。');
  await page.getByRole('tab', { name: '英語' }).click();
  await page.getByTestId('kb-title-en').fill('Cannot connect to the VPN');
  await page.getByTestId('kb-body-en').fill('Restart the VPN client.');
  await page.getByTestId('kb-visibility').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '利用者に公開' }).click();
  await page.getByTestId('kb-status').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '公開中' }).click();
  await page.getByTestId('kb-save').click();
  await page.getByTestId('kb-article-view').getByText('VPNクライアントを再起動してください。').waitFor();

  await page.getByTestId('kb-edit').click();
  await page.getByTestId('kb-body-ja').fill('VPNクライアントを再インストールしてください。');
  await page.getByTestId('kb-save').click();
  await page.getByTestId('kb-article-view').getByText('再インストール').waitFor();

  await page.getByTestId('kb-history').click();
  await page.getByTestId('kb-versions').getByText('v2').waitFor();
  await page.getByTestId('kb-restore-1').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /OK|はい/ })
    .click();
  await page.getByText('第1版の内容を復元しました').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('kb-article-view').getByText('VPNクライアントを再起動してください。').waitFor();
  await page.getByText('v3').first().waitFor();

  const req = await login(requesterEmail, PASSWORD);
  await req.goto(`${base}/portal?tab=faq`);
  await req.getByTestId('faq-search').locator('input').fill('ＶＰＮ');
  await req.getByTestId('faq-search').locator('input').press('Enter');
  await req.getByTestId('kb-result').filter({ hasText: 'VPNに接続できないとき' }).click();
  await req.getByTestId('kb-body').getByText('再起動').waitFor();

  // Typing an inquiry suggests the article.
  await req.goto(`${base}/portal?tab=new`);
  await req.getByTestId('portal-subject').fill('VPNに接続できません');
  await req.getByTestId('kb-suggestions').getByText('VPNに接続できないとき').waitFor();
});

test('a notice for an overseas office needs English; the requester sees current notices of their site', async () => {
  const page = await login(ADMIN.email, ADMIN.password);
  await page.goto(`${base}/notices`);
  await page.getByTestId('notice-create').click();
  await page.getByTestId('notice-title-ja').fill('システム停止のお知らせ');
  await page.getByTestId('notice-body-ja').fill('土曜日にシステムを停止します。');
  // The dropdown can take a click while it is still opening: pick until the select shows the status.
  const status = page.getByTestId('notice-status');
  for (let attempt = 0; attempt < 3 && !(await status.textContent())?.includes('公開'); attempt++) {
    await status.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '公開' }).first();
    await option.waitFor();
    await page.waitForTimeout(300);
    await option.click();
    await page.waitForTimeout(300);
  }
  assert.match((await status.textContent()) ?? '', /公開/);
  await page.getByTestId('notice-target-all').check();
  await page.getByTestId('notice-save').click();
  await page.getByText('海外拠点が対象のため、英語の入力が必要です').first().waitFor();
  await page.getByTestId('notice-title-en').fill('Planned system outage');
  await page.getByTestId('notice-body-en').fill('Systems stop on Saturday.');
  await page.getByTestId('notice-save').click();
  await page.getByTestId('notices-table').getByText('システム停止のお知らせ').waitFor();
  await page.getByTestId('notice-broadcast').click();
  const confirm = page.locator('.ant-popconfirm').getByRole('button', { name: /OK|はい/ });
  const progress = page.getByTestId('notice-broadcast-progress');
  await confirm.click();
  // A click while the confirmation is still opening can be lost (CI, once): confirm again if it is still open.
  if (
    !(await progress.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    ))
  ) {
    if (await confirm.isVisible()) await confirm.click();
    await progress.waitFor();
  }
  assert.ok(overseasCode);

  const req = await login(requesterEmail, PASSWORD);
  await req.goto(`${base}/portal`);
  await req.getByTestId('portal-notices').getByText('システム停止のお知らせ').waitFor();
});
