import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { prologXml, zlibBody } from '../../server/src/test/fusion-agent.ts';
import { ADMIN, makeSite, startTestApp, type TestApp } from '../../server/src/test/harness.ts';
import { launchChromium } from './browser.ts';
import { clickSending } from './setup.ts';

const webDist = path.resolve(import.meta.dirname, '../dist');

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'build the UI first: npm run build');
  t = await startTestApp({ webDist });
  await makeSite(t, { kind: 'hq' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

const prolog = (token: string) =>
  fetch(`${base}/api/v1/inventory/ocs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-compress-zlib', authorization: `Basic ${Buffer.from(`agent:${token}`).toString('base64')}` },
    body: new Uint8Array(zlibBody(prologXml('e2e-device'))),
  });

test('an administrator issues an agent token, copies the agent command line, sees it used, and revokes it', async () => {
  const page = await browser.newPage({ locale: 'ja-JP' });
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(ADMIN.email);
  await page.locator('#login-password').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.getByRole('link', { name: 'インベントリエージェント' }).click();
  await page.getByRole('heading', { name: 'インベントリエージェント' }).waitFor();

  await page.getByTestId('agent-token-create').click();
  // The browser asks for reduced motion: the dialog is there at once, without its zoom-in animation.
  const firstClasses = await (await page.waitForFunction(() => document.querySelector('.ant-modal')?.className, undefined, { polling: 'raf' })).jsonValue();
  assert.doesNotMatch(String(firstClasses), /zoom|appear|enter/, 'no opening animation under prefers-reduced-motion');
  const name = page.getByTestId('agent-token-name');
  await name.fill('本部 PC 群');
  // Under load the dialog's form can mount after the first fill; the click must send the name.
  if ((await name.inputValue()) !== '本部 PC 群') await name.fill('本部 PC 群');
  await clickSending(page, page.getByRole('dialog').getByRole('button', { name: 'トークンの発行' }), '/api/v1/agent-tokens');
  try {
    await page.getByText('このトークンは今しか表示されません', { exact: false }).waitFor({ timeout: 60_000 });
  } catch (err) {
    throw new Error(`token dialog did not appear; dialogs show: ${(await page.getByRole('dialog').allInnerTexts()).join(' | ')}`, { cause: err });
  }
  const token = await page.getByTestId('agent-token-value').inputValue();
  assert.match(token, /^uagt_/);
  await page.getByTestId('agent-token-site').fill('TKY');
  const command = await page.getByTestId('agent-token-command').inputValue();
  assert.equal(command, `fusioninventory-agent --server '${base}/api/v1/inventory/ocs?site=TKY' --user agent --password '${token}'`);

  // The token shown is the one agents authenticate with.
  assert.equal((await prolog(token)).status, 200);
  await page.locator('.ant-modal-footer').getByRole('button', { name: '閉じる' }).click();
  await page.reload();
  const row = page.locator('tr', { hasText: '本部 PC 群' });
  await row.getByText('有効').waitFor();
  assert.ok(!(await page.content()).includes(token), 'the secret is not shown again');
  assert.match((await row.textContent()) ?? '', /\d{4}\/\d{2}\/\d{2}.*admin@test\.local/, 'last received time and creator are listed');

  await page.getByTestId('agent-token-revoke-本部 PC 群').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '失効' }).click();
  await page.getByText('トークンを失効させました').waitFor();
  await row.locator('.ant-tag', { hasText: '失効' }).waitFor();
  assert.equal((await prolog(token)).status, 401);
  await page.close();
});
