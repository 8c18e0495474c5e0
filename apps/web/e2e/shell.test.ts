import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/src/modules/org/org.seed.ts';
import { ADMIN, startTestApp, type TestApp } from '../../server/src/test/harness.ts';
import { launchChromium } from './browser.ts';

const webDist = path.resolve(import.meta.dirname, '../dist');
const shots = path.resolve(import.meta.dirname, '../../../test-results');

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'build the UI first: npm run build');
  t = await startTestApp({ webDist });
  await seedDemo(t.db, { onlyIfEmpty: true });
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

/**
 * antd Select: open it, type to filter (long lists are virtual), pick the option. The list opens and
 * closes with an animation; a click during it can be lost, so the pick is checked and retried.
 */
async function pickOption(page: Page, selectId: string, text: string, search = false) {
  const select = page.locator('.ant-select', { has: page.locator(`#${selectId}`) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator(`#${selectId}`).click();
    if (search) await page.locator(`#${selectId}`).pressSequentially(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
    await option.waitFor();
    await page.waitForTimeout(300);
    await option.click();
    await page.waitForTimeout(400);
    if ((await select.textContent())?.includes(text)) return;
  }
  throw new Error(`could not pick ${text} in #${selectId}`);
}

test('log in, create a person with a Japanese name, find it in the list, switch to English', async () => {
  const page = await browser.newPage({ locale: 'ja-JP' });
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(ADMIN.email);
  await page.locator('#login-password').fill('wrong-password-0');
  await page.locator('button[type=submit]').click();
  await page.getByText('メールアドレスまたはパスワードが違います').waitFor();

  await page.locator('#login-password').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor();

  await page.locator('a[href="/people"]').first().click();
  await page.locator('h1', { hasText: '職員' }).waitFor();
  await page.locator('[data-testid=person-create]').click();
  await page.locator('#employeeNumber').fill('E2E-0001');
  await page.locator('#nameKanji').fill('髙橋 﨑太郎');
  await page.locator('#nameKana').fill('タカハシ サキタロウ');
  await page.locator('#nameRomaji').fill('Sakitaro Takahashi');
  await pickOption(page, 'staffType', '嘱託');
  try {
    await pickOption(page, 'siteId', '本部（東京）', true);
  } catch (e) {
    await page.screenshot({ path: path.join(shots, 'failure.png'), fullPage: true });
    throw e;
  }
  await page.locator('[data-testid=form-submit]').click();

  await page.locator('[data-testid=list-search]').fill('髙橋 﨑');
  await page.locator('[data-testid=list-search]').press('Enter');
  const row = page.locator('.ant-table-row', { hasText: 'E2E-0001' });
  await row.waitFor();
  assert.match(await row.innerText(), /髙橋 﨑太郎/);
  assert.match(await row.innerText(), /嘱託/);
  await page.screenshot({ path: path.join(shots, 'people-ja.png'), fullPage: true });

  const stored = await t.app.inject({
    method: 'GET',
    url: '/api/v1/people?q=E2E-0001',
    headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  assert.equal(stored.json().items[0].nameKanji, '髙橋 﨑太郎');

  await page.locator('[data-testid=lang-switch]').getByText('English').click();
  await page.locator('h1', { hasText: 'People' }).waitFor();
  await page.locator('a[href="/sites"]', { hasText: 'Sites' }).first().waitFor();
  await page.screenshot({ path: path.join(shots, 'people-en.png'), fullPage: true });
  await page.close();
});

test('a requester lands on the portal and sees no administration menu', async () => {
  const admin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
  const cookie = String(admin.headers['set-cookie']).split(';')[0];
  const csrf = admin.json().csrfToken;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { cookie, 'x-csrf-token': csrf },
    payload: { email: 'portal-user@test.local', roles: ['requester'], password: 'portal-password-1' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const page = await browser.newPage({ locale: 'ja-JP' });
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill('portal-user@test.local');
  await page.locator('#login-password').fill('portal-password-1');
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/portal/);
  assert.equal(await page.locator('a[href="/users"]').count(), 0);
  assert.equal(await page.locator('a[href="/audit"]').count(), 0);
  await page.close();
});
