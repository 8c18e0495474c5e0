import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { adminHeaders, type BrowserApp, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Operations in the browser: an administrator registers the malware response plan last verified 13 months ago (overdue),
 * records its yearly review with a new version (back to ok), opens the operations dashboard (the open incident seeded
 * through the API is listed with its clock) and reads a disk report on the monitoring page's disk tab.
 */

let app: BrowserApp;
const INCIDENT_TITLE = 'E2E 運用ダッシュボード確認用の障害';
const DOC_TITLE = 'E2E マルウェア感染時対応計画表';

before(async () => {
  app = await startBrowserApp();
  const headers = await adminHeaders(app.t);
  const incident = await app.t.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers,
    payload: { title: INCIDENT_TITLE, kind: 'hardware', occurredAt: new Date(Date.now() - 30 * 60_000).toISOString() },
  });
  assert.equal(incident.statusCode, 201, incident.body);
  const hook = await app.t.app.inject({
    method: 'POST',
    url: '/api/v1/monitoring/hook-tokens',
    headers,
    payload: { name: 'disk-script', sources: ['generic'] },
  });
  assert.equal(hook.statusCode, 201, hook.body);
  const disk = await app.t.app.inject({
    method: 'POST',
    url: '/api/v1/disk-reports',
    headers: { authorization: `Bearer ${hook.json().token}` },
    payload: { host: 'e2e-fs01', volumes: [{ mount: '/data', sizeBytes: 1000 * 2 ** 30, usedBytes: 900 * 2 ** 30 }] },
  });
  assert.equal(disk.statusCode, 200, disk.body);
});

after(async () => {
  await app?.close();
});

const step = stepsFor('operations');

/** "2025/10/27" in the browser's time zone, as the ja date pickers show it. */
function dateText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())}`;
}

async function fillDate(page: Page, selector: string, d: Date) {
  const input = page.locator(selector);
  await input.click();
  await input.fill(dateText(d));
  await input.press('Enter');
}

test('an overdue operations document is reviewed with a new version, and the dashboard and disk tab render', async () => {
  const page = await app.browser.newPage({ locale: 'ja-JP' });
  await signIn(page, app.base);

  await step(page, 'create-doc', async () => {
    await page.getByRole('link', { name: '運用文書', exact: true }).click();
    await page.getByRole('heading', { name: '運用文書' }).waitFor();
    await page.getByTestId('ops-doc-create').click();
    const form = page.getByTestId('ops-doc-form');
    await form.waitFor();
    await form.locator('#title').fill(DOC_TITLE);
    await form.locator('#docVersion').fill('1.0');
    await form.locator('#owner').fill('情報システム課');
    const thirteenMonthsAgo = new Date();
    thirteenMonthsAgo.setMonth(thirteenMonthsAgo.getMonth() - 13);
    await fillDate(page, '#lastVerifiedOn', thirteenMonthsAgo);
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: 'plan-v1.txt', mimeType: 'text/plain', buffer: Buffer.from('マルウェア感染時対応計画表 v1.0\n') });
    await form.getByTestId('ops-doc-file-current').waitFor();
    await page.getByTestId('form-submit').click();
    const row = page.locator('tr', { hasText: DOC_TITLE });
    await row.locator('[data-testid=ops-doc-review-state][data-state=overdue]').waitFor();
    assert.match((await row.textContent()) ?? '', /マルウェア感染時対応計画表/);
    assert.ok(await row.getByTestId('ops-doc-download').isVisible(), 'the file can be downloaded');
  });

  await step(page, 'review', async () => {
    const row = page.locator('tr', { hasText: DOC_TITLE });
    await row.getByTestId('ops-doc-review').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByTestId('ops-doc-review-form').waitFor();
    await dialog.getByText('改訂あり').click();
    await dialog.locator('#newVersion').fill('2.0');
    await dialog.locator('#note').fill('連絡体制を更新');
    await page.getByTestId('ops-doc-review-submit').click();
    await row.locator('[data-testid=ops-doc-review-state][data-state=ok]').waitFor();
    assert.equal((await row.getByTestId('ops-doc-version').textContent())?.trim(), '2.0');
    // The history row shows the version change.
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('ops-doc-history').getByText('1.0 → 2.0').waitFor();
  });

  await step(page, 'dashboard', async () => {
    await page.getByRole('link', { name: '運用ダッシュボード', exact: true }).click();
    await page.getByRole('heading', { name: '運用ダッシュボード' }).waitFor();
    const incidents = page.getByTestId('ops-card-incidents');
    await incidents.getByText(INCIDENT_TITLE).waitFor();
    for (const card of ['security-cases', 'backups', 'alerts', 'antivirus']) await page.getByTestId(`ops-card-${card}`).waitFor();
    await page.getByTestId('operations-chart').waitFor();
    const bars = page.getByTestId('operations-chart-bar');
    assert.equal(await bars.count(), 30);
    assert.equal(await bars.last().getAttribute('data-count'), '1', 'today shows the seeded incident');
  });

  await step(page, 'disks', async () => {
    await page.getByRole('link', { name: '監視', exact: true }).click();
    await page.getByRole('heading', { name: '監視' }).waitFor();
    await page.getByRole('tab', { name: 'ディスク容量' }).click();
    const row = page.locator('[data-testid=disk-volumes] tr', { hasText: 'e2e-fs01' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /\/data/);
    assert.match((await row.textContent()) ?? '', /90\.0%/);
    assert.equal(await row.getByTestId('disk-usage').getAttribute('data-level'), 'warning');
    await page.getByText('週次レポート').click();
    await page.locator('[data-testid=disk-weekly] tr', { hasText: 'e2e-fs01' }).waitFor();
  });
  await page.close();
});
