import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN, startTestApp, type TestApp } from '../../server/src/test/harness.ts';
import { launchChromium } from './browser.ts';

// The setup every browser test repeats: the built UI served by a test app on an ephemeral port, Chromium, signing in.

export const webDist = process.env.UNYO_WEB_DIST ?? path.resolve(import.meta.dirname, '../dist');
/** Where tests write their screenshots (CI keeps it as an artifact). */
export const shotsDir = path.resolve(import.meta.dirname, '../../../test-results');

export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  /** `http://127.0.0.1:<port>` of the running app. */
  base: string;
  close(): Promise<void>;
}

/** Starts the app (serving `npm run build`'s output) on an ephemeral port and a headless Chromium. */
export async function startBrowserApp(): Promise<BrowserApp> {
  assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'build the UI first: npm run build');
  const t = await startTestApp({ webDist });
  let browser: Browser;
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  } catch (err) {
    // Without this the open database and server would keep the test process alive.
    await t.close();
    throw err;
  }
  const addr = t.app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  fs.mkdirSync(shotsDir, { recursive: true });
  return {
    t,
    browser,
    base,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** Cookie and CSRF headers of an admin API session, for seeding data through `t.app.inject`. */
export async function adminHeaders(t: TestApp): Promise<Record<string, string>> {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
  return { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
}

/** Signs in through the login form and waits for the app shell (its user menu). */
export async function signIn(page: Page, base: string, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor();
}

/**
 * A named step of a browser test: on failure, a full-page screenshot `failure-<test>-<step>.png` in test-results,
 * then the error. `const step = stepsFor('backups')` once per test file.
 */
export function stepsFor(testName: string) {
  return async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      await page.screenshot({ path: path.join(shotsDir, `failure-${testName}-${name}.png`), fullPage: true });
      throw e;
    }
  };
}

/** Waits until no dialog or drawer is still animating in: a click during the open animation can be lost. */
export async function overlaySettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '.ant-modal[class*="-appear"], .ant-modal[class*="-enter"], .ant-drawer-content-wrapper[class*="-appear"], .ant-drawer-content-wrapper[class*="-enter"]',
      ),
  );
}

/**
 * Clicks a submit button until the browser sends the mutation it triggers (a non-GET request whose URL contains
 * `urlPart`). Under load a click during a dialog's open animation can be lost; retrying only when no request left
 * cannot submit twice.
 */
export async function clickSending(page: Page, button: Locator, urlPart: string, attempts = 3): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const sent = page
      .waitForRequest((r) => r.method() !== 'GET' && r.url().includes(urlPart), { timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    await overlaySettled(page);
    await button.click();
    if (await sent) return;
  }
  throw new Error(`no request to ${urlPart} after ${attempts} clicks`);
}

/** antd Select: open, type to filter, pick; retried because a click during the open animation can be lost. */
export async function pickOption(page: Page, selectId: string, text: string): Promise<void> {
  const select = page.locator('.ant-select', { has: page.locator(`#${selectId}`) });
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await page.locator(`#${selectId}`).click();
      await page.locator(`#${selectId}`).pressSequentially(text);
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
      await option.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      // Short: a dropdown that closed under the click (a re-render while the dialog opens) is retried, not waited for.
      await option.click({ timeout: 5_000 });
    } catch {
      // No Escape: inside a dialog it closes the dialog, not only the dropdown. Clear the typed filter and retry.
      await page
        .locator(`#${selectId}`)
        .fill('')
        .catch(() => {});
      continue;
    }
    await page.waitForTimeout(400);
    if ((await select.textContent())?.includes(text)) return;
  }
  throw new Error(`could not pick ${text} in #${selectId}`);
}
