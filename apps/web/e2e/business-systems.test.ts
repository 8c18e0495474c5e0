import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeDepartment, makeSite } from '../../server/src/test/harness.ts';
import { type BrowserApp, clickSending, overlaySettled, pickOption, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Business systems (4.1.3.a) in the browser: an administrator registers a business system with its responsible
 * department and contact, records a business-system incident naming it (the owner department is filled from the
 * master), sees the department and contact on the incident, and records the contact with the department on the
 * timeline.
 */

let app: BrowserApp;
let browser: Browser;
let base: string;

const DEPT = 'E2E人事課';
const CODE = 'E2E-PAY';
const SYSTEM = 'E2E人事給与システム';
const CONTACT = 'E2E 給与担当 佐藤';
const TITLE = 'E2E 給与計算バッチが終了しない';

before(async () => {
  app = await startBrowserApp();
  ({ browser, base } = app);
  const site = await makeSite(app.t, { kind: 'hq' });
  await makeDepartment(app.t, site.id, { code: 'E2E-HR', nameJa: DEPT, nameEn: 'E2E Human Resources' });
});

after(async () => {
  await app?.close();
});

const step = stepsFor('business-systems');

test('business system master, a business-system incident naming it, and the department contact on the timeline', async () => {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1440, height: 1000 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[browser]', err.message));
  await signIn(page, base);

  await step(page, 'master', async () => {
    await page.goto(`${base}/business-systems`);
    await page.locator('h1', { hasText: '業務システム' }).waitFor();
    await page.locator('[data-testid=business-system-create]').click();
    const form = page.locator('[data-testid=business-system-form]');
    await form.waitFor();
    await overlaySettled(page);
    await form.locator('#code').fill(CODE);
    await form.locator('#name').fill(SYSTEM);
    await pickOption(page, 'departmentId', DEPT);
    await form.locator('#contactName').fill(CONTACT);
    await form.locator('#contactPhone').fill('03-0000-1111');
    await clickSending(page, page.locator('[data-testid=form-submit]'), '/business-systems');
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-testid=business-system-table] tr', { hasText: SYSTEM }).filter({ hasText: DEPT }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'business-systems-list.png'), fullPage: true });
  });

  await step(page, 'incident', async () => {
    await page.goto(`${base}/incidents`);
    await page.locator('h1', { hasText: '障害管理' }).waitFor();
    await page.locator('[data-testid=incident-create]').click();
    await page.locator('[data-testid=incident-form]').waitFor();
    await overlaySettled(page);
    await page.locator('#title').fill(TITLE);
    await pickOption(page, 'kind', '業務システム障害');
    await pickOption(page, 'businessSystemId', CODE);
    await clickSending(page, page.locator('[data-testid=incident-save]'), '/incidents');
    await page.locator('h1', { hasText: TITLE }).waitFor();
    await page.locator('[data-testid=incident-owner-department]', { hasText: DEPT }).waitFor();
    const facts = page.locator('[data-testid=incident-business-system-facts]');
    await facts.waitFor();
    assert.match((await facts.textContent()) ?? '', new RegExp(`${CODE}.*${DEPT}.*${CONTACT}`));
  });

  await step(page, 'contact', async () => {
    await page.locator('[data-testid=incident-work-department_contacted]').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('[data-testid=incident-event-form]').waitFor();
    await overlaySettled(page);
    assert.match(await dialog.locator('[data-testid=incident-contact]').inputValue(), new RegExp(CONTACT));
    await clickSending(page, page.locator('[data-testid=incident-event-save]'), '/events');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid=incident-tab-timeline]').click();
    const row = page.locator('[data-testid=incident-timeline] tr[data-type=department_contacted]');
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(`${CONTACT}.*電話`));
    await page.screenshot({ path: path.join(shotsDir, 'business-systems-timeline.png'), fullPage: true });
  });

  await context.close();
});
