import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, with no background networking (this machine has no internet). Its pages ask for
 * reduced motion (playwright's emulation; Chromium's own flag is overridden by it), so the UI opens dialogs without
 * animation and a click cannot land on one still moving in.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.UNYO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: 'reduce', ...options });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}
