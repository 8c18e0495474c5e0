import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { mailOutbox } from '../../server/src/platform/mail/mail.table.ts';
import { makePerson, makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, pickOption, shotsDir, signIn, startBrowserApp } from './setup.ts';

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  t.config.publicUrl = base;
});

after(async () => {
  await app?.close();
});

async function answer(page: Page, choices: string[]) {
  for (const [i, key] of ['time', 'clarity', 'accuracy', 'manner'].entries()) {
    await page.locator(`[data-testid=survey-q-${key}] label`, { hasText: choices[i] }).first().click();
  }
  await page.locator('[data-testid=survey-submit]').click();
  await page.locator('[data-testid=survey-done]').waitFor();
}

test('survey: create and open a campaign, mail invitations, answer on a phone in ja and en, see the score', async () => {
  const site = await makeSite(t, { code: 'E2ESV', nameJa: '満足度検証拠点', nameEn: 'Survey test site' });
  await makePerson(t, site.id, { nameKanji: '検証 一郎', email: 'ichiro@example.jp' });
  await makePerson(t, site.id, { nameKanji: 'Jane Doe', email: 'jane@example.com' });

  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  await signIn(page, base);

  await page.locator('a[href="/surveys"]').first().click();
  await page.locator('h1', { hasText: '利用満足度調査' }).waitFor();
  await page.locator('[data-testid=survey-create]').click();
  await page.locator('#name').fill('E2E 利用満足度調査');
  await page.locator('#period').click();
  await page.locator('#period').fill('2026/01/01');
  await page.locator('#period').press('Enter');
  const end = page.locator('.ant-picker-range input').nth(1);
  await end.fill('2099/12/31');
  await end.press('Enter');
  await page.locator('[data-testid=survey-save]').click();
  await page.locator('h1', { hasText: 'E2E 利用満足度調査' }).waitFor();
  await page.locator('[data-testid=survey-open]').click();
  await page.locator('[data-testid=survey-open-ok]').click();
  await page.locator('[data-testid=survey-status]', { hasText: '実施中' }).waitFor();

  await pickOption(page, 'siteIds', 'E2ESV');
  await page.locator('[data-testid=survey-invite]').click();
  await page.locator('[data-testid=survey-mail-progress]', { hasText: '送信済み 2 / 2' }).waitFor();

  const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'survey.invitation'));
  const link = (to: string) => /https?:\/\/\S+\/survey\/[A-Za-z0-9_-]+/.exec(mails.find((m) => m.to === to)!.text)![0];

  // Respondents on a phone: Japanese invitation, then the English one (its page starts in English).
  const phone = await browser.newPage({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
  await phone.goto(link('ichiro@example.jp'));
  await phone.locator('text=問合せから回答までに要した時間').waitFor();
  await answer(phone, ['満足', 'ほぼ満足', 'ほぼ満足', '普通']);
  await phone.goto(link('ichiro@example.jp'));
  await phone.locator('[data-testid=survey-answered]').waitFor();

  await phone.goto(link('jane@example.com'));
  await phone.locator('text=The time it took from your inquiry to the answer').waitFor();
  await phone.screenshot({ path: path.join(shotsDir, 'survey-answer-en.png'), fullPage: true });
  await answer(phone, ['Neutral', 'Neutral', 'Somewhat dissatisfied', 'Somewhat dissatisfied']);
  await phone.close();

  // (80 + 50) / 2 = 65 < 75.
  await page.reload();
  await page.locator('[data-testid=survey-score-card]', { hasText: '65' }).waitFor();
  assert.match((await page.locator('body').textContent()) ?? '', /目標未達/);
  await page.screenshot({ path: path.join(shotsDir, 'survey-results.png'), fullPage: true });
  await page.close();
});

test('technical-guidance log: the month list shows a session at its site-local time', async () => {
  const headers = await adminHeaders(t);
  const nyc = await makeSite(t, { code: 'E2ENY', kind: 'overseas', country: 'US', timeZone: 'America/New_York', nameJa: 'ニューヨーク', nameEn: 'New York' });
  const now = new Date();
  const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  // New York's offset from UTC in this month (5 h in winter, 4 h in summer).
  const nyHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', hourCycle: 'h23' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
  const offset = 12 - Number(nyHour);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/guidance-logs',
    headers,
    payload: { heldAt: `${month}-15T14:00:00-0${offset}:00`, siteId: nyc.id, place: 'NY office', audience: 'Local staff', content: 'VPN setup briefing' },
  });
  assert.ok(res.statusCode === 201, res.body);

  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  await signIn(page, base);
  await page.locator('a[href="/guidance-logs"]').first().click();
  const row = page.locator('.ant-table-row', { hasText: 'VPN setup briefing' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /15 14:00/);
  assert.match((await row.textContent()) ?? '', /未合意/);
  await page.screenshot({ path: path.join(shotsDir, 'guidance-logs.png'), fullPage: true });

  // Entered in New York time from a browser anywhere: 09:00 on the 20th is 13:00 or 14:00 UTC.
  await page.locator('[data-testid=guidance-create]').click();
  await pickOption(page, 'siteId', 'E2ENY');
  await page.locator('#heldAt').click();
  await page.locator('#heldAt').fill(`${month.replace('-', '/')}/20 09:00`);
  await page.locator('#heldAt').press('Enter');
  await page.locator('#place').fill('NY office');
  await page.locator('#audience').fill('New staff');
  await page.locator('#content').fill('Teams onboarding');
  await page.locator('[data-testid=guidance-save]').click();
  await page.locator('.ant-table-row', { hasText: 'Teams onboarding' }).waitFor();
  const list = await t.app.inject({ method: 'GET', url: `/api/v1/guidance-logs?month=${month}&q=Teams`, headers });
  assert.equal(list.json().items[0].heldAt, `${month}-20T${9 + offset}:00:00.000Z`);
  assert.match((await page.locator('.ant-table-row', { hasText: 'Teams onboarding' }).textContent()) ?? '', /20 09:00/);
  await page.close();
});
