import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeSite } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, pickOption, signIn, startBrowserApp } from './setup.ts';

// Issue #7 part 4 (web): a monitored target is registered through the form, an alert for it arrives on the
// generic webhook, and the events list shows it firing, then resolved.

let app: BrowserApp;
let token: string;

before(async () => {
  app = await startBrowserApp();
  await makeSite(app.t, { nameJa: '監視テスト拠点' });
  const headers = await adminHeaders(app.t);
  const res = await app.t.app.inject({ method: 'POST', url: '/api/v1/monitoring/hook-tokens', headers, payload: { name: 'script', sources: ['generic'] } });
  token = res.json().token;
});
after(async () => {
  await app?.close();
});

const send = (status: 'firing' | 'resolved') =>
  fetch(`${app.base}/api/v1/hooks/generic`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'ping', key: 'nas01', status, severity: 'critical', title: 'nas01 応答なし', target: 'nas01' }),
  });

test('register a target, see its alert firing in red, then resolved', async () => {
  const page = await app.browser.newPage({ locale: 'ja-JP' });
  await signIn(page, app.base);
  await page.getByRole('link', { name: '監視' }).click();
  await page.getByRole('heading', { name: '監視' }).waitFor();

  await page.getByRole('tab', { name: '監視対象' }).click();
  await page.getByTestId('monitoring-target-create').click();
  await page.locator('#name').fill('nas01');
  await pickOption(page, 'siteId', '監視テスト拠点');
  await page.getByTestId('monitoring-target-labels').fill('target=nas01');
  await page.locator('#requestRef').fill('HD-000321');
  await page.locator('[data-testid=form-submit]').click();
  await page.locator('tr', { hasText: 'HD-000321' }).waitFor();

  assert.equal((await send('firing')).status, 200);
  await page.getByRole('tab', { name: 'イベント' }).click();
  const row = page.locator('tr', { hasText: 'nas01 応答なし' });
  await row.locator('[data-testid=monitoring-event-status][data-status=firing]').waitFor();
  assert.ok(await row.locator('.ant-typography-danger', { hasText: 'nas01 応答なし' }).isVisible(), 'firing events stand out');
  assert.match((await row.textContent()) ?? '', /監視テスト拠点/);

  assert.equal((await send('resolved')).status, 200);
  await page.reload();
  await page.locator('tr', { hasText: 'nas01 応答なし' }).locator('[data-testid=monitoring-event-status][data-status=resolved]').waitFor();
  await page.close();
});

// 6.i: the monthly report tab shows the month's summary per target, links the XLSX in the UI language and records a
// save of the month's data to external media.
test('the monthly report lists the targets of the month and records an export to external media', async () => {
  const page = await app.browser.newPage({ locale: 'ja-JP' });
  await signIn(page, app.base);
  await page.getByRole('link', { name: '監視' }).click();
  await page.getByRole('tab', { name: '月次報告' }).click();
  const month = new Date().toISOString().slice(0, 7);
  const picker = page.getByLabel('対象月');
  await picker.click();
  await picker.fill(month);
  await picker.press('Enter');
  await page.getByTestId('monitoring-report-summary').locator('tr', { hasText: 'nas01' }).waitFor();
  const href = (await page.getByTestId('monitoring-report-download').getAttribute('href')) ?? '';
  assert.match(href, new RegExp(`/api/v1/monitoring/reports/monthly\\?month=${month}&lang=ja`));

  await page.getByTestId('monitoring-export-add').click();
  await page.getByTestId('monitoring-export-medium').fill('LTO-E2E-01');
  await page.getByRole('dialog').getByRole('button', { name: '保存', exact: true }).click();
  await page.getByTestId('monitoring-exports').locator('tr', { hasText: 'LTO-E2E-01' }).waitFor();
  await page.close();
});
