import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { importFile } from '../../server/src/platform/files/io-test-kit.ts';
import { ADMIN, startTestApp, type TestApp } from '../../server/src/test/harness.ts';
import { launchChromium } from './browser.ts';

/**
 * Issue #3 item 4: the web kit. A CP932 people file with a bad row goes through the import wizard
 * (error shown by row and column, file fixed, commit with progress to 100 %); the DataTable's column
 * chooser, saved views (restored after reload), keyboard use and export.
 */

const webDist = path.resolve(import.meta.dirname, '../dist');
const shots = path.resolve(import.meta.dirname, '../../../test-results');
const ROWS = 50;
const BAD_INDEX = 16; // 0-based data row with the unknown department → Excel row 18
const BAD_ROW = BAD_INDEX + 2;
const WAREKI_INDEX = 7;

let t: TestApp;
let browser: Browser;
let base: string;

let adminSession: { cookie: string; 'x-csrf-token': string } | null = null;

async function adminApi(method: 'GET' | 'POST', url: string, payload?: object) {
  if (!adminSession) {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: ADMIN });
    adminSession = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
  }
  const res = await t.app.inject({ method, url, headers: adminSession, payload });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
  return res.json();
}

/** The later tests need the imported people; when run alone they import the file through the API. */
async function ensureImported() {
  if ((await adminApi('GET', '/api/v1/people?q=IMP-')).total === ROWS) return;
  const res = await importFile(
    t.app,
    { cookie: adminSession!.cookie, csrf: adminSession!['x-csrf-token'] },
    'people',
    { name: 'p.csv', data: peopleCsv(null) },
    { commit: true },
  );
  assert.equal(res.json().created, ROWS, res.body);
}

before(async () => {
  assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'build the UI first: npm run build');
  t = await startTestApp({ webDist });
  const site = await adminApi('POST', '/api/v1/sites', { code: 'E2E-HQ', kind: 'hq', nameJa: '本部（試験）', nameEn: 'HQ (test)' });
  await adminApi('POST', '/api/v1/departments', { code: 'E2E-SOUMU', nameJa: '総務課', nameEn: 'General Affairs', siteId: site.id });
  await adminApi('POST', '/api/v1/departments', { code: 'E2E-JOHO', nameJa: '情報システム課', nameEn: 'IT Systems', siteId: site.id });
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

const surnames = [
  ['髙橋', 'タカハシ'],
  ['山﨑', 'ヤマサキ'],
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['渡邉', 'ワタナベ'],
];
const givenNames = [
  ['一郎', 'イチロウ'],
  ['花子', 'ハナコ'],
  ['﨑子', 'サキコ'],
  ['健太', 'ケンタ'],
  ['美穂', 'ミホ'],
];

/** The people file as an agency would export it from its old ledger: Shift_JIS, 和暦 dates, a 備考 column. */
function peopleCsv(badDepartment: string | null): Buffer {
  const lines = ['職員番号,氏名,フリガナ,職員区分,拠点コード,部署コード,メールアドレス,着任日,備考'];
  for (let i = 0; i < ROWS; i++) {
    const [sj, sk] = surnames[i % surnames.length];
    const [gj, gk] = givenNames[Math.floor(i / surnames.length) % givenNames.length];
    const dept = i === BAD_INDEX && badDepartment ? badDepartment : i % 2 ? 'E2E-SOUMU' : 'E2E-JOHO';
    const start = i === WAREKI_INDEX ? '令和6年4月1日' : `2023/4/${(i % 28) + 1}`;
    const staff = i % 5 === 0 ? '嘱託' : '正職員';
    lines.push(
      [
        `IMP-${String(i + 1).padStart(4, '0')}`,
        `${sj} ${gj}`,
        `${sk} ${gk}`,
        staff,
        'E2E-HQ',
        dept,
        `imp${i + 1}@example.jp`,
        start,
        i % 7 ? '' : '旧台帳より',
      ].join(','),
    );
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
}

async function loginPage(): Promise<Page> {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(ADMIN.email);
  await page.locator('#login-password').fill(ADMIN.password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor();
  return page;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shots, name), animations: 'disabled' });
}

/** Runs a step; on failure keeps a screenshot of what the browser showed. */
async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await shot(page, `failure-${name}.png`);
    throw e;
  }
}

async function chooseFile(page: Page, name: string, data: Buffer) {
  await page.locator('input[data-testid=import-upload]').setInputFiles({ name, mimeType: 'text/csv', buffer: data });
  await page.locator('[data-testid=import-file-info]', { hasText: name }).waitFor();
}

test('import wizard: CP932 file with a bad row → row error → fixed file → commit with progress to 100 % → person in the list', async () => {
  const page = await loginPage();
  await page.goto(`${base}/people`);
  await page.locator('h1', { hasText: '職員' }).waitFor();
  await page.locator('[data-testid=import-open]').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('職員の一括取込').waitFor();

  await step(page, 'upload', async () => {
    await chooseFile(page, '職員台帳_誤りあり.csv', peopleCsv('NO-SUCH-DEPT'));
    assert.match(await page.locator('[data-testid=import-encoding]').innerText(), /Shift_JIS/);
  });
  await shot(page, 'import-1-upload.png');

  await page.locator('[data-testid=import-next]').click();
  await step(page, 'mapping', async () => {
    const mapping = page.locator('[data-testid=import-mapping]');
    await mapping.waitFor();
    // フリガナ is an alias of 氏名（カナ）; 備考 belongs to no column.
    assert.match(await page.locator('[data-testid=import-map-2]').innerText(), /氏名（カナ）/);
    assert.match(await page.locator('[data-testid=import-map-8]').innerText(), /取り込まない/);
  });
  await shot(page, 'import-2-mapping.png');

  await page.locator('[data-testid=import-dryrun]').click();
  const errors = page.locator('[data-testid=import-errors]');
  await step(page, 'dry-run-errors', async () => {
    await errors.waitFor();
    const rows = errors.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 1);
    const cells = await rows.first().locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 2), [String(BAD_ROW), '部署コード']);
    assert.match(cells[2], /NO-SUCH-DEPT/);
    assert.equal(await page.locator('[data-testid=import-commit]').isDisabled(), true, 'commit is disabled while errors exist');
  });
  await shot(page, 'import-3-dryrun-errors.png');

  await page.locator('[data-testid=import-reupload]').click();
  await chooseFile(page, '職員台帳_修正済み.csv', peopleCsv(null));
  await page.locator('[data-testid=import-next]').click();
  await page.locator('[data-testid=import-dryrun]').click();
  await step(page, 'dry-run-clean', async () => {
    await page.locator('[data-testid=import-clean]').waitFor();
    assert.equal(await errors.count(), 0);
    assert.match(await page.locator('[data-testid=import-counts]').innerText(), /新規\s*50\s*件/);
  });
  await shot(page, 'import-4-dryrun-clean.png');

  // Record every value the bar shows, to see it move and end at 100.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=import-progress]');
      const v = Number(el?.getAttribute('aria-valuenow'));
      if (el && seen.at(-1) !== v) seen.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.locator('[data-testid=import-commit]').click();
  await step(page, 'commit', async () => {
    await page.locator('[data-testid=import-progress][aria-valuenow="100"]').waitFor();
    await page.locator('[data-testid=import-result]').waitFor();
    assert.equal(await page.locator('[data-testid=import-progress]').getAttribute('data-percent'), '100');
    assert.match(await page.locator('[data-testid=import-result]').innerText(), /新規 50件、更新 0件、変更なし 0件/);
  });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
  console.log(`progress bar values seen: ${seen.join(' → ')}`);
  assert.equal(seen.at(-1), 100, `progress values: ${seen}`);
  assert.deepEqual(
    [...seen].sort((a, b) => a - b),
    seen,
    `progress never goes back: ${seen}`,
  );
  await shot(page, 'import-5-done.png');

  await page.locator('[data-testid=import-close]').click();
  await page.locator('[data-testid=list-search]').fill('山﨑 﨑子');
  await page.locator('[data-testid=list-search]').press('Enter');
  await page.locator('[data-testid=list-total]', { hasText: '全 2 件' }).waitFor();
  const row = page.locator('.ant-table-row', { hasText: '山﨑 﨑子' });
  assert.equal(await row.count(), 2);
  assert.match(await row.first().innerText(), /情報システム課|総務課/);
  await shot(page, 'import-6-list.png');

  const stored = await adminApi('GET', `/api/v1/people?q=IMP-${String(WAREKI_INDEX + 1).padStart(4, '0')}`);
  assert.equal(stored.items[0].startDate, '2024-04-01', '令和6年4月1日 is stored as 2024-04-01');
  assert.equal((await adminApi('GET', '/api/v1/people?q=IMP-&limit=100')).total, ROWS);
  await page.close();
});

test('column chooser hides a column; a saved default view restores filters and columns after reload; rows work from the keyboard', async () => {
  await ensureImported();
  const page = await loginPage();
  await page.goto(`${base}/people`);
  const header = page.locator('.ant-table-thead');
  await header.getByText('メールアドレス').waitFor();

  await step(page, 'column-chooser', async () => {
    await page.locator('[data-testid=column-chooser]').click();
    await page.locator('[data-testid=column-toggle-email]').click();
    await header.getByText('メールアドレス').waitFor({ state: 'detached' });
    await header.getByText('内線番号').waitFor();
  });
  await shot(page, 'table-1-column-chooser.png');
  await page.keyboard.press('Escape');

  // Column widths: the heading's separator is a focusable handle; ← → resize by 16 px.
  const handle = header.locator('th', { hasText: '氏名（カナ）' }).getByRole('separator');
  const width = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(Number(await handle.getAttribute('aria-valuenow')), width + 32);

  // "/" jumps to the search box.
  await page.locator('h1').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'list-search');
  await page.keyboard.type('髙橋');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=%E9%AB%99%E6%A9%8B/);
  await page.locator('[data-testid=list-total]', { hasText: '全 10 件' }).waitFor();

  await step(page, 'save-view', async () => {
    await page.locator('[data-testid=views-menu]').click();
    await page.locator('[data-testid=views-save-as]').click();
    await page.locator('[data-testid=views-name]').fill('髙橋さん（メールなし）');
    await page.locator('[data-testid=views-make-default]').check();
    await shot(page, 'table-2-save-view.png');
    await page.locator('[data-testid=views-save-ok]').click();
    await page.locator('[data-testid=views-menu]', { hasText: '髙橋さん（メールなし）' }).waitFor();
  });

  // Forget the browser's own column memory: what comes back must come from the saved view.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('unyo.columns.')) localStorage.removeItem(k);
  });
  await page.goto(`${base}/people`);
  await step(page, 'default-view-after-reload', async () => {
    await page.waitForURL(/q=%E9%AB%99%E6%A9%8B/);
    await page.locator('[data-testid=list-total]', { hasText: '全 10 件' }).waitFor();
    assert.equal(await page.locator('[data-testid=list-search]').inputValue(), '髙橋');
    await header.getByText('内線番号').waitFor();
    assert.equal(await header.getByText('メールアドレス').count(), 0, 'the view keeps the e-mail column hidden');
  });
  await shot(page, 'table-3-view-restored.png');

  // Standard view and back to the saved one from the menu.
  await page.locator('[data-testid=views-menu]').click();
  await page.locator('[data-testid=views-standard]').click();
  await page.locator('[data-testid=list-total]', { hasText: `全 ${ROWS} 件` }).waitFor();
  await header.getByText('メールアドレス').waitFor();
  await page.locator('[data-testid=views-menu]').click();
  await page.locator('[data-testid="views-item-髙橋さん（メールなし）"]').click();
  await page.locator('[data-testid=list-total]', { hasText: '全 10 件' }).waitFor();

  await step(page, 'keyboard', async () => {
    const rows = page.locator('tbody tr.ant-table-row');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-row-key'));
    assert.equal(focused, await rows.nth(2).getAttribute('data-row-key'));
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-row-key')), await rows.last().getAttribute('data-row-key'));
    await page.keyboard.press('Enter');
    await page.getByText('職員の編集').waitFor();
  });
  await shot(page, 'table-4-keyboard-edit.png');
  await page.close();
});

test('export downloads the current filtered list as CSV with Japanese headings (UTF-8 BOM and Shift_JIS)', async () => {
  await ensureImported();
  const page = await loginPage();
  await page.goto(`${base}/people?q=${encodeURIComponent('山﨑')}`);
  await page.locator('[data-testid=list-total]', { hasText: '全 10 件' }).waitFor();

  const download = async (testId: string) => {
    await page.locator('[data-testid=export-menu]').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${testId}]`).click()]);
    return fs.promises.readFile(await file.path());
  };

  const utf8 = await step(page, 'export-utf8', () => download('export-csv'));
  assert.deepEqual([...utf8.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM, so Excel reads it right');
  const lines = utf8.toString('utf8').slice(1).trim().split(/\r?\n/);
  assert.match(lines[0], /^職員番号,氏名,/);
  assert.equal(lines.length, 1 + 10, 'only the filtered rows');
  assert.ok(lines.slice(1).every((l) => l.includes('山﨑')));

  await shot(page, 'table-5-export-menu.png');
  const sjis = await step(page, 'export-sjis', () => download('export-csv-sjis'));
  const sjisLines = iconv.decode(sjis, 'cp932').trim().split(/\r?\n/);
  assert.match(sjisLines[0], /^職員番号,氏名,/);
  assert.ok(sjisLines[1].includes('山﨑'), '﨑 survives Shift_JIS (CP932)');
  await page.close();
});

test('sites and departments use the same kit: import, export, columns and views', async () => {
  const page = await loginPage();
  for (const [url, title, heading] of [
    ['/sites', '拠点', '拠点コード'],
    ['/departments', '部署', '部署コード'],
  ]) {
    await page.goto(`${base}${url}`);
    await page.locator('h1', { hasText: title }).waitFor();
    await page.locator('.ant-table-thead').getByText(heading).waitFor();
    for (const id of ['import-open', 'export-menu', 'column-chooser', 'views-menu']) {
      assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, `${url} ${id}`);
    }
    await page.locator('[data-testid=import-open]').click();
    await page.getByRole('dialog').getByText(`${title}の一括取込`).waitFor();
    await shot(page, `import-${url.slice(1)}.png`);
    await page.keyboard.press('Escape');
  }
  await page.close();
});

test('the wizard in English: encoding, headings and the ledger columns in English', async () => {
  const page = await loginPage();
  await page.goto(`${base}/people`);
  await page.locator('[data-testid=lang-switch]').getByText('English').click();
  await page.locator('h1', { hasText: 'People' }).waitFor();
  await page.locator('[data-testid=import-open]').click();
  await page.getByRole('dialog').getByText('Import People').waitFor();
  await chooseFile(page, 'people.csv', peopleCsv(null));
  assert.match(await page.locator('[data-testid=import-encoding]').innerText(), /CSV · Shift_JIS \(CP932\)/);
  await page.locator('[data-testid=import-next]').click();
  await page.locator('[data-testid=import-mapping]').waitFor();
  assert.match(await page.locator('[data-testid=import-map-2]').innerText(), /Name \(kana\)/);
  await shot(page, 'import-en-mapping.png');
  await page.locator('[data-testid=import-dryrun]').click();
  await page.locator('[data-testid=import-dryrun-result]').waitFor();
  assert.match(await page.locator('[data-testid=import-counts]').innerText(), /Unchanged\s*50/);
  await shot(page, 'import-en-dryrun.png');
  // The language is the account's preference: give the admin Japanese back.
  await page.keyboard.press('Escape');
  await page.locator('[data-testid=lang-switch]').getByText('日本語').click();
  await page.locator('h1', { hasText: '職員' }).waitFor();
  await page.close();
});
