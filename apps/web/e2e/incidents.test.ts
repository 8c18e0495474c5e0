import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type BrowserApp, shotsDir, signIn, startBrowserApp, stepsFor } from './setup.ts';

/**
 * Incidents (4.1) and security cases (4.2) in the browser: an administrator records a hardware incident that occurred
 * three hours ago, reports it (the report clock is met), escalates it to a vendor (the recovery clock pauses), ends the
 * escalation and records recovery; the Explain tab shows the paused period with the vendor and the month's figures
 * count the incident. The LAN cable check and the repair visit appear on the timeline, and a SaaS incident shows its
 * isolation result. A malware case then meets its response clock once the interview and isolation are recorded.
 */

let app: BrowserApp;
let browser: Browser;
let base: string;

const TITLE = 'E2E 3階 基幹スイッチ故障';
const VENDOR = 'E2E保守ベンダー';
const CASE_TITLE = 'E2E 経理課PCのマルウェア感染';
const CLOUD_TITLE = 'E2E グループウェア(SaaS)接続不可';
const CONTRACTOR = 'E2E修理業者';

before(async () => {
  app = await startBrowserApp();
  ({ browser, base } = app);
});

after(async () => {
  await app?.close();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shotsDir, `incidents-${name}.png`), fullPage: true });
}

const step = stepsFor('incidents');

/** "2026/11/27 07:30" in the browser's (this machine's) time zone, as the ja pickers show it. */
function pickerText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Waits until no dialog is still zooming in: a click during the open animation can be lost. */
async function modalSettled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.ant-modal[class*="zoom-appear"], .ant-modal[class*="zoom-enter"]'));
}

/** Picks an option of a plain antd Select by its visible text, and checks it was taken (retried: under load a click can be lost). */
async function choose(page: Page, selectId: string, text: string) {
  const select = page.locator('.ant-select', { has: page.locator(`#${selectId}`) });
  const taken = () =>
    select
      .filter({ hasText: text })
      .waitFor({ timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
  for (let attempt = 0; attempt < 4; attempt++) {
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
    if (!(await option.isVisible())) await page.locator(`#${selectId}`).click();
    // No Escape between attempts: inside a dialog it closes the dialog, not only the dropdown.
    const clicked = await option
      .click({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    if (clicked && (await taken())) return;
  }
  throw new Error(`could not pick ${text} in #${selectId}`);
}

/** Opens the timeline dialog with `button` and saves it; the time defaults to now unless `at` is typed. */
async function recordEvent(page: Page, button: string, opts: { vendor?: string; at?: Date; fill?: Record<string, string> } = {}) {
  await page.locator(`[data-testid=${button}]`).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.locator('[data-testid=incident-event-form]').waitFor();
  await modalSettled(page);
  if (opts.at) {
    const at = dialog.locator('#at');
    await at.click();
    await at.fill(pickerText(opts.at));
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  }
  if (opts.vendor) await dialog.locator('[data-testid=incident-vendor]').fill(opts.vendor);
  for (const [testId, value] of Object.entries(opts.fill ?? {})) await dialog.locator(`[data-testid=${testId}]`).fill(value);
  await page.locator('[data-testid=incident-event-save]').click();
  await dialog.waitFor({ state: 'detached' });
}

const clock = (page: Page, code: string) => page.locator(`[data-testid=incident-clocks] [data-testid=incident-clock][data-code=${code}]`);

test('incident: report, escalate, recover, explain and the monthly figures; malware case response clock', async () => {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1440, height: 1000 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[browser]', err.message));
  await signIn(page, base);

  await step(page, 'create', async () => {
    await page.locator('a[href="/incidents"]').first().click();
    await page.locator('h1', { hasText: '障害管理' }).waitFor();
    await page.locator('[data-testid=incident-create]').click();
    await page.locator('[data-testid=incident-form]').waitFor();
    await modalSettled(page);
    await page.locator('#title').fill(TITLE);
    await choose(page, 'kind', 'ハードウェア障害');
    const occurred = page.locator('#occurredAt');
    await occurred.click();
    await occurred.fill(pickerText(new Date(Date.now() - 3 * 60 * 60_000)));
    // Confirm with the picker's OK button (Enter can reach the dialog before the picker takes the typed value).
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=incident-save]').click();
    await page.locator('h1', { hasText: TITLE }).waitFor();
    await page.locator('[data-testid=incident-status][data-status=open]').waitFor();
    // Three hours in, the 2-hour report clock has run out until the report is recorded; recovery (1 day) is running.
    await clock(page, 'report').and(page.locator('[data-state=breached]')).waitFor();
    await clock(page, 'recovery').and(page.locator('[data-state=running]')).waitFor();
  });

  await step(page, 'report', async () => {
    // Entered now, dated when it happened: one hour after the occurrence, within the 2-hour target.
    await recordEvent(page, 'incident-record-reported', { at: new Date(Date.now() - 2 * 60 * 60_000) });
    await page.locator('[data-testid=incident-milestone][data-milestone=reported][data-done=true]').waitFor();
    assert.equal(await clock(page, 'report').getAttribute('data-state'), 'met');
    const recovery = clock(page, 'recovery');
    assert.equal(await recovery.getAttribute('data-state'), 'running');
    assert.match((await recovery.textContent()) ?? '', /残り \d+時間/);
  });

  await step(page, 'escalate', async () => {
    await recordEvent(page, 'incident-escalation-start', { vendor: VENDOR });
    await page.locator('[data-testid=incident-escalation]', { hasText: VENDOR }).waitFor();
    await clock(page, 'recovery').and(page.locator('[data-state=paused]')).waitFor();
    await recordEvent(page, 'incident-escalation-end');
    await page.locator('[data-testid=incident-escalation]').waitFor({ state: 'detached' });
    await clock(page, 'recovery').and(page.locator('[data-state=running]')).waitFor();
  });

  await step(page, 'recover', async () => {
    await recordEvent(page, 'incident-record-recovered');
    await page.locator('[data-testid=incident-status][data-status=recovered]').waitFor();
    await clock(page, 'recovery').and(page.locator('[data-state=met]')).waitFor();
    await shot(page, 'detail');
  });

  await step(page, 'explain', async () => {
    await page.locator('[data-testid=incident-tab-explain]').click();
    const recovery = page.locator('[data-testid=incident-explain-clock][data-code=recovery]');
    await recovery.waitFor();
    const paused = recovery.locator('tr[data-kind=paused]');
    await paused.first().waitFor();
    assert.match((await paused.first().textContent()) ?? '', new RegExp(VENDOR));
    assert.ok((await recovery.locator('tr[data-kind=counted]').count()) >= 2, 'counted before and after the escalation');
    await shot(page, 'explain');
  });

  await step(page, 'timeline', async () => {
    await page.locator('[data-testid=incident-tab-timeline]').click();
    const timeline = page.locator('[data-testid=incident-timeline]');
    await timeline.locator('tr', { hasText: '2次エスカレーション開始' }).waitFor();
    assert.match((await timeline.textContent()) ?? '', new RegExp(VENDOR));
  });

  await step(page, 'work', async () => {
    // The LAN cable check (default: no anomaly) and the contractor's repair visit (default: passed) join the timeline.
    await page.getByRole('tab', { name: '概要' }).click();
    await recordEvent(page, 'incident-work-lan_cable_checked');
    await recordEvent(page, 'incident-work-repair_visit', { fill: { 'incident-contractor': CONTRACTOR, 'incident-attendee': '情報課 山田' } });
    await page.locator('[data-testid=incident-tab-timeline]').click();
    const timeline = page.locator('[data-testid=incident-timeline]');
    await timeline.locator('tr[data-type=lan_cable_checked]', { hasText: '異常なし' }).waitFor();
    const visit = timeline.locator('tr[data-type=repair_visit]');
    await visit.waitFor();
    assert.match((await visit.textContent()) ?? '', new RegExp(`${CONTRACTOR}.*合格`));
  });

  await step(page, 'metrics', async () => {
    await page.getByRole('link', { name: '障害一覧へ戻る' }).click();
    await page
      .locator('[data-testid=incident-link]', { hasText: /INC|\d/ })
      .first()
      .waitFor();
    await shot(page, 'list');
    await page.locator('[data-testid=incident-metrics-link]').click();
    await page.locator('h1', { hasText: '障害の月次実績' }).waitFor();
    const row = page.locator('[data-testid=incident-metrics] tr[data-sla="S-4-3-3-1"]');
    await row.locator('[data-testid=incident-metric-met]').click();
    await page.locator('[data-testid=incident-metric-drill] tr', { hasText: TITLE }).waitFor();
    await shot(page, 'metrics');
  });

  await step(page, 'cloud', async () => {
    await page.goto(`${base}/incidents`);
    await page.locator('[data-testid=incident-create]').click();
    await page.locator('[data-testid=incident-form]').waitFor();
    await modalSettled(page);
    await page.locator('#title').fill(CLOUD_TITLE);
    await choose(page, 'kind', 'クラウドサービス障害');
    await page.locator('#isolation').getByText('サービス側の問題').click();
    await page.locator('[data-testid=incident-save]').click();
    await page.locator('h1', { hasText: CLOUD_TITLE }).waitFor();
    await page.locator('[data-testid=incident-isolation][data-isolation=service_side]', { hasText: 'サービス側の問題' }).waitFor();
  });

  await step(page, 'security', async () => {
    await page.goto(`${base}/security-cases`);
    await page.locator('h1', { hasText: 'セキュリティ対応' }).waitFor();
    await page.locator('[data-testid=security-metrics]').waitFor();
    await page.locator('[data-testid=security-case-create]').click();
    await page.locator('[data-testid=security-case-form]').waitFor();
    await modalSettled(page);
    await choose(page, 'kind', 'マルウェア感染');
    await page.locator('#title').fill(CASE_TITLE);
    await page.locator('[data-testid=security-case-save]').click();
    await page.locator('h1', { hasText: CASE_TITLE }).waitFor();
    await page.locator('[data-testid=security-response-clock][data-state=running]').waitFor();

    // Closing with required steps missing marks them.
    const missing = page.locator('[data-testid=security-steps] tr[data-step=consult_staff][data-missing=true]');
    for (let attempt = 0; attempt < 3 && !(await missing.isVisible()); attempt++) {
      await page.locator('[data-testid=security-case-close]').click();
      const ok = page.locator('.ant-popconfirm:visible .ant-btn-primary');
      await ok.waitFor();
      await page.waitForTimeout(300); // the confirm's open animation: a click during it can be lost
      await ok.click({ timeout: 5_000 }).catch(() => {});
      await missing.waitFor({ timeout: 8_000 }).catch(() => {});
    }
    await missing.waitFor();

    await page.locator('[data-testid=security-step-record-interview]').click();
    await page.locator('[data-testid=security-step-form]').waitFor();
    await modalSettled(page);
    await page.locator('[data-testid=security-step-note]').fill('使用者に聞き取り済み');
    await page.locator('[data-testid=security-step-save]').click();
    await page.locator('[data-testid=security-steps] tr[data-step=interview][data-state=done]').waitFor();

    await page.locator('[data-testid=security-step-record-isolate]').click();
    await page.locator('[data-testid=security-step-form]').waitFor();
    await modalSettled(page);
    await page.locator('[data-testid=security-step-detail-0]').fill('LANケーブル抜線（物理）');
    await page.locator('[data-testid=security-step-save]').click();
    const isolate = page.locator('[data-testid=security-steps] tr[data-step=isolate][data-state=done]');
    await isolate.waitFor();
    assert.match((await isolate.textContent()) ?? '', /method: LANケーブル抜線/);
    await page.locator('[data-testid=security-response-clock][data-state=met]').waitFor();
    await shot(page, 'security-case');
  });

  await context.close();
});
