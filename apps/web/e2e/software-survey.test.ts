import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { mailOutbox } from '../../server/src/platform/mail/mail.table.ts';
import { makeDepartment, makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { type BrowserApp, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Survey of locally procured software (2.2.l, 3.3.1.o): an administrator asks an overseas office, the office answers
 * through the mailed English link without an account (a purchase date outside the period is refused on its field), and
 * the answer shows on the survey and as an origin-local row of the distribution ledger.
 */

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;

const SURVEY = 'E2E 現地調達ソフトウェア調査';
const OFFICE_MAIL = 'it@e2e-bangkok.example';
const SOFTWARE = 'E2E Local Acrobat Pro';

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  // The mailed links point at this server.
  t.config.publicUrl = base;
  const site = await makeSite(t, {
    code: 'E2ELS',
    kind: 'overseas',
    country: 'TH',
    timeZone: 'Asia/Bangkok',
    nameJa: '現地調達検証事務所',
    nameEn: 'Local Purchase Test Office',
  });
  await makeDepartment(t, site.id, { mail: OFFICE_MAIL });
});

after(async () => {
  await app?.close();
});

const step = stepsFor('software-survey');

/** Types a date into an antd picker input and confirms it. */
async function typeDate(page: Page, selector: string, value: string) {
  const input = page.locator(selector);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

test('local-purchase survey: create, answer in English from the mailed link, see the answer and the ledger row', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);

  await step(page, 'create', async () => {
    await page.locator('a[href="/software-distributions"]').first().click();
    await page.locator('[data-testid=distribution-surveys]').click();
    await page.locator('h1', { hasText: '現地調達ソフトウェア調査' }).waitFor();
    await page.locator('[data-testid=local-survey-create]').click();
    // Every overseas office is asked by default.
    await page
      .locator('.ant-select', { has: page.locator('#siteIds') })
      .filter({ hasText: 'E2ELS' })
      .waitFor();
    await page.locator('#name').fill(SURVEY);
    await typeDate(page, '#period', '2026/04/01');
    await typeDate(page, '.ant-picker-range input >> nth=1', '2027/03/31');
    await typeDate(page, '#dueOn', '2099/04/20');
    await page.locator('[data-testid=local-survey-save]').click();
    await page.locator('h1', { hasText: SURVEY }).waitFor();
    const row = page.locator('[data-testid=local-survey-sites] .ant-table-row', { hasText: 'E2ELS' });
    await row.locator('[data-testid=local-survey-site-state][data-state=sent]').waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(OFFICE_MAIL));
  });

  await step(page, 'list', async () => {
    await page.getByRole('link', { name: '調査一覧へ戻る' }).click();
    const row = page.locator('[data-testid=local-survey-table] .ant-table-row', { hasText: SURVEY });
    await row.waitFor();
    assert.match((await row.locator('[data-testid=local-survey-progress]').textContent()) ?? '', /0\/1/);
    await row.locator('[data-testid=local-survey-status][data-status=open]').waitFor();
  });

  // The office's mail is in English; its link opens the form in English.
  const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, OFFICE_MAIL));
  assert.equal(mail.template, 'software-local-survey');
  const link = /https?:\/\/\S+\/software-survey\/[A-Za-z0-9_-]+\?lang=en/.exec(mail.text)?.[0];
  assert.ok(link, mail.text);

  const office = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  await step(office, 'answer', async () => {
    await office.goto(link);
    await office.locator('h1', { hasText: 'Survey of locally purchased software' }).waitFor();
    await office.locator('[data-testid=local-survey-summary]', { hasText: 'Local Purchase Test Office' }).waitFor();
    await office.locator('[data-testid=local-survey-recorded]', { hasText: 'No local purchases of this period are in the ledger yet' }).waitFor();

    await office.locator('[data-testid=local-survey-add-line]').click();
    await office.locator('#items_0_softwareName').fill(SOFTWARE);
    await office.locator('#items_0_licenseCount').fill('3');
    await typeDate(office, '#items_0_purchasedOn', '2026-03-31');
    await office.locator('#items_0_staffType').click();
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Regular' }).click();
    await office.locator('[data-testid=local-survey-answered-by]').fill('Somchai');
    // Every text of the page is English; only the survey's own name and the language switch are Japanese.
    const body = ((await office.locator('body').textContent()) ?? '').replace(SURVEY, '').replace('日本語', '');
    assert.doesNotMatch(body, /[\u3040-\u30ff\u4e00-\u9fff]/, 'no Japanese text on the English form');

    await office.locator('[data-testid=local-survey-submit]').click();
    const dateItem = office.locator('.ant-form-item', { has: office.locator('#items_0_purchasedOn') });
    await dateItem.locator('.ant-form-item-explain-error', { hasText: 'Outside the period the survey asks about' }).waitFor();
    await office.screenshot({ path: path.join(shotsDir, 'software-survey-answer-en.png'), fullPage: true });

    await typeDate(office, '#items_0_purchasedOn', '2026-05-10');
    await dateItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await office.locator('[data-testid=local-survey-submit]').click();
    await office.locator('[data-testid=local-survey-answer-done]', { hasText: 'Purchases recorded in the overseas distribution ledger: 1.' }).waitFor();

    // The link is spent.
    await office.goto(link);
    await office.locator('[data-testid=local-survey-answer-answered]', { hasText: 'This survey has already been answered' }).waitFor();
  });
  await office.close();

  await step(page, 'answered', async () => {
    await page.locator('[data-testid=local-survey-link]', { hasText: SURVEY }).click();
    // The admin's page loaded the survey before the office answered.
    await page.reload();
    const row = page.locator('[data-testid=local-survey-sites] .ant-table-row', { hasText: 'E2ELS' });
    await row.locator('[data-testid=local-survey-site-state][data-state=answered]').waitFor();
    assert.equal(await row.locator('[data-testid=local-survey-site-reported]').textContent(), '1');
    assert.match((await row.textContent()) ?? '', /Somchai/);
    await page.screenshot({ path: path.join(shotsDir, 'software-survey-detail.png'), fullPage: true });

    await row.locator('[data-testid=local-survey-site-ledger]').click();
    await page.locator('h1', { hasText: '海外配布台帳' }).waitFor();
    assert.match(page.url(), /origin=local/);
    // The ledger row (the staff-type summary below the ledger names the software too).
    const ledgerRow = page.locator('.ant-table-row', { hasText: SOFTWARE }).filter({ hasText: '現地調達' });
    await ledgerRow.waitFor();
    assert.match((await ledgerRow.textContent()) ?? '', /2026\/05\/10/);
  });
  await page.close();
});
