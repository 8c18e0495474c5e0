import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { makeAsset, makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, overlaySettled, pickOption, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * The daily backup check in the browser (3.1.1.l, m, 6.j): a night with a failed run shows it highlighted, the
 * operator records the first isolation and the vendor escalation, and the month's rate shows the target not met.
 */

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let headers: Record<string, string>;

async function adminApi(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return res.json();
}

const step = stepsFor('backups');

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  headers = await adminHeaders(t);
  const site = await makeSite(t, { kind: 'hq', timeZone: 'Asia/Tokyo' });
  const server = await makeAsset(t, site.id, { assetNumber: 'SRV-E2E-BK', name: 'ファイルサーバ', category: 'server' });
  await makeAsset(t, site.id, { assetNumber: 'SRV-E2E-DB', name: 'DBサーバ', category: 'server' });
  const job = await adminApi('POST', '/backup-jobs', {
    assetId: server.id,
    name: 'nightly-full',
    software: 'Veeam',
    backupType: 'full',
    schedule: 'daily',
    dueTime: '07:00',
    retentionGenerations: 7,
    destination: 'NAS01',
    startsOn: '2026-10-01',
  });
  const items = Array.from({ length: 10 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`).map((runDate) => ({
    jobId: job.id,
    runDate,
    status: runDate === '2026-10-10' ? 'failed' : 'success',
    message: runDate === '2026-10-10' ? 'Tape drive not ready' : null,
  }));
  await adminApi('POST', '/backup-results', { items });
});

after(async () => {
  await app?.close();
});

test('backups: a failed night is highlighted, triaged with the vendor escalation; the monthly rate misses its target', async () => {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 } });
  await signIn(page, base);
  await page.locator('a[href="/backups"]').first().click();
  await page.locator('h1', { hasText: 'バックアップ' }).waitFor();

  await step(page, 'results', async () => {
    await page.goto(`${base}/backups?date=2026-10-10`);
    const row = page.locator('tr.ant-table-row', { hasText: 'SRV-E2E-BK' });
    await row.locator('[data-testid=backup-status][data-status=failed]').waitFor();
    await row.locator('[data-testid=backup-triage-open]').click();
    await page.locator('#isolationNotes').fill('テープ装置の電源断。再投入後も認識せず');
    await page.locator('#vendor').fill('保守ベンダーA');
    await page.locator('#vendorTicketRef').fill('INC-1234');
    await page.locator('[data-testid=form-submit]').click();
    await row.locator('[data-testid=backup-triage]', { hasText: '保守ベンダーA' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'backups-results.png'), fullPage: true });
  });

  await step(page, 'job', async () => {
    await page.goto(`${base}/backups?tab=jobs`);
    await page.locator('[data-testid=backup-job-create]').click();
    await page.locator('#assetId').waitFor();
    await overlaySettled(page);
    await pickOption(page, 'assetId', 'SRV-E2E-DB');
    await page.locator('#name').fill('weekly-full');
    await page.locator('#software').fill('Windows Server Backup');
    await pickOption(page, 'schedule', '毎週');
    await pickOption(page, 'weekdays', '土');
    await page.locator('#retentionGenerations').fill('4');
    await page.locator('#destination').fill('USB HDD');
    await page.locator('[data-testid=form-submit]').click();
    const row = page.locator('tr.ant-table-row', { hasText: 'weekly-full' });
    await row.waitFor();
    await row.locator('.ant-tag', { hasText: '毎週' }).waitFor();
  });

  await step(page, 'restore', async () => {
    await page.goto(`${base}/backups?tab=restores`);
    await page.locator('[data-testid=backup-restore-create]').click();
    await pickOption(page, 'jobId', 'SRV-E2E-BK');
    await page.locator('#requestedBy').fill('総務課 佐藤');
    await page.locator('#what').fill('共有フォルダ 総務/2026予算.xlsx');
    await page.locator('[data-testid=form-submit]').click();
    await page.locator('tr.ant-table-row', { hasText: '総務課 佐藤' }).waitFor();
  });

  await step(page, 'monthly', async () => {
    await page.goto(`${base}/backups?tab=monthly&month=2026-10`);
    // The nightly job: 31 planned runs; 9 succeeded, 1 failed, 21 without a result past their deadline. The weekly
    // job created today plans nothing in October.
    await page.locator('[data-testid=backup-rate-total]', { hasText: '29.0%' }).waitFor();
    await page.locator('[data-testid=backup-rate-total] .ant-tag', { hasText: '未達' }).waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'backups-monthly.png'), fullPage: true });
  });
});
