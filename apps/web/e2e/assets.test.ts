import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { importFile } from '../../server/src/platform/files/io-test-kit.ts';
import { ADMIN, startTestApp, type TestApp } from '../../server/src/test/harness.ts';
import { launchChromium } from './browser.ts';
import { pickOption } from './setup.ts';

/**
 * Issue #4 acceptance (web): a CP932 hardware ledger with bad rows goes through the import wizard
 * (row errors, fixed file, commit), an asset is found by its Japanese location, and the selected
 * assets' labels come back as a PDF with one page per 24 labels.
 */

const webDist = path.resolve(import.meta.dirname, '../dist');
const shots = path.resolve(import.meta.dirname, '../../../test-results');
const ROWS = 25;
const BAD_IP_INDEX = 3; // 0-based data row → CSV row 5 (heading is row 1)
const BAD_SITE_INDEX = 11; // → CSV row 13
const MEETING_ROOM_INDEX = 6; // the one asset in 本館 3F 会議室
const assetNumber = (i: number) => `E2E-PC-${String(i + 1).padStart(4, '0')}`;

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

before(async () => {
  assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'build the UI first: npm run build');
  t = await startTestApp({ webDist });
  const site = await adminApi('POST', '/api/v1/sites', { code: 'E2E-HQ', kind: 'hq', nameJa: '本部（試験）', nameEn: 'HQ (test)' });
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

/** The ledger as the agency keeps it in Excel, saved as Shift_JIS CSV; optionally with two bad rows. */
function ledgerCsv(withErrors: boolean): Buffer {
  const lines = ['台帳,資産管理番号,機器名,機器種別,メーカー,型番,シリアル番号,拠点コード,建物,階,部屋,設置部署,IPアドレス,MACアドレス,状態,購入日,備考欄'];
  for (let i = 0; i < ROWS; i++) {
    const ip = withErrors && i === BAD_IP_INDEX ? '10.0.300.1' : `10.20.0.${i + 10}`;
    const site = withErrors && i === BAD_SITE_INDEX ? 'NO-SUCH-SITE' : 'E2E-HQ';
    const [building, floor, room] = i === MEETING_ROOM_INDEX ? ['本館', '3F', '会議室'] : i % 2 ? ['本館', '2F', '執務室'] : ['別館', '1F', '倉庫'];
    lines.push(
      [
        i < 20 ? '国内' : '海外',
        assetNumber(i),
        `髙橋PC-${i + 1}`,
        i % 3 ? 'ノートPC' : 'デスクトップPC',
        '富士通',
        'FMV-U9311',
        `SN-E2E-${1000 + i}`,
        site,
        building,
        floor,
        room,
        'E2E-JOHO',
        ip,
        `00-1B-44-11-3A-${(0x10 + i).toString(16).toUpperCase()}`,
        '使用中',
        '令和5年4月1日',
        i % 5 ? '' : '旧台帳より',
      ].join(','),
    );
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
}

/** The later tests need the assets; when run alone they import the file through the API. */
async function ensureImported() {
  if ((await adminApi('GET', '/api/v1/hardware-assets?q=E2E-PC-')).total === ROWS) return;
  const res = await importFile(
    t.app,
    { cookie: adminSession!.cookie, csrf: adminSession!['x-csrf-token'] },
    'hardware-assets',
    { name: 'assets.csv', data: ledgerCsv(false) },
    { commit: true },
  );
  assert.equal(res.json().created, ROWS, res.body);
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

async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await shot(page, `failure-assets-${name}.png`);
    throw e;
  }
}

async function chooseFile(page: Page, name: string, data: Buffer) {
  await page.locator('input[data-testid=import-upload]').setInputFiles({ name, mimeType: 'text/csv', buffer: data });
  await page.locator('[data-testid=import-file-info]', { hasText: name }).waitFor();
}

test('hardware ledger import: CP932 file with bad rows → row errors → fixed file → commit → assets in the list', async () => {
  const page = await loginPage();
  await page.locator('a[href="/assets"]').first().click();
  await page.locator('h1', { hasText: 'ハードウェア台帳' }).waitFor();
  await page.locator('[data-testid=import-open]').click();
  await page.getByRole('dialog').getByText('ハードウェア台帳の一括取込').waitFor();

  await step(page, 'upload', async () => {
    await chooseFile(page, 'ハードウェア台帳_誤りあり.csv', ledgerCsv(true));
    assert.match(await page.locator('[data-testid=import-encoding]').innerText(), /Shift_JIS/);
  });
  await page.locator('[data-testid=import-next]').click();
  await page.locator('[data-testid=import-mapping]').waitFor();
  await page.locator('[data-testid=import-dryrun]').click();

  const errors = page.locator('[data-testid=import-errors]');
  await step(page, 'dry-run-errors', async () => {
    await errors.waitFor();
    const rows = errors.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 2, await errors.innerText());
    const cells = await Promise.all([0, 1].map((i) => rows.nth(i).locator('td').allInnerTexts()));
    const byRow = new Map(cells.map((c) => [c[0], c]));
    assert.equal(byRow.get(String(BAD_IP_INDEX + 2))?.[1], 'IPアドレス');
    assert.match(byRow.get(String(BAD_IP_INDEX + 2))?.[2] ?? '', /IP/);
    assert.equal(byRow.get(String(BAD_SITE_INDEX + 2))?.[1], '拠点コード');
    assert.match(byRow.get(String(BAD_SITE_INDEX + 2))?.[2] ?? '', /NO-SUCH-SITE/);
    assert.equal(await page.locator('[data-testid=import-commit]').isDisabled(), true, 'commit is disabled while errors exist');
  });
  await shot(page, 'assets-import-errors.png');

  await page.locator('[data-testid=import-reupload]').click();
  await chooseFile(page, 'ハードウェア台帳_修正済み.csv', ledgerCsv(false));
  await page.locator('[data-testid=import-next]').click();
  await page.locator('[data-testid=import-dryrun]').click();
  await step(page, 'dry-run-clean', async () => {
    await page.locator('[data-testid=import-clean]').waitFor();
    assert.match(await page.locator('[data-testid=import-counts]').innerText(), new RegExp(`新規\\s*${ROWS}\\s*件`));
  });
  await page.locator('[data-testid=import-commit]').click();
  await step(page, 'commit', async () => {
    await page.locator('[data-testid=import-result]').waitFor();
    assert.match(await page.locator('[data-testid=import-result]').innerText(), new RegExp(`新規 ${ROWS}件`));
  });
  await page.locator('[data-testid=import-close]').click();

  await step(page, 'list', async () => {
    await page.locator('[data-testid=list-total]', { hasText: `全 ${ROWS} 件` }).waitFor();
    const first = page.locator('.ant-table-row', { hasText: assetNumber(0) });
    assert.match(await first.innerText(), /デスクトップPC[\s\S]*使用中[\s\S]*本部（試験）[\s\S]*別館 1F 倉庫[\s\S]*情報システム課/);
    assert.match(await first.innerText(), /00:1b:44:11:3a:10/, 'MAC normalized');
  });
  // The ledger presets: 海外台帳 shows the five overseas rows only.
  await page.locator('[data-testid=asset-presets]').getByText('海外台帳').click();
  await page.waitForURL(/ledger=overseas/);
  await page.locator('[data-testid=list-total]', { hasText: '全 5 件' }).waitFor();
  await shot(page, 'assets-list-overseas.png');

  const stored = await adminApi('GET', `/api/v1/hardware-assets?q=${assetNumber(0)}`);
  assert.equal(stored.items[0].purchaseDate, '2023-04-01', '令和5年4月1日 is stored as 2023-04-01');
  await page.close();
});

test('an asset is found by its Japanese location text and its detail page shows it', async () => {
  await ensureImported();
  const page = await loginPage();
  await page.goto(`${base}/assets`);
  await page.locator('[data-testid=list-total]', { hasText: `全 ${ROWS} 件` }).waitFor();
  await page.locator('[data-testid=list-search]').fill('本館 3F 会議室');
  await page.locator('[data-testid=list-search]').press('Enter');
  await step(page, 'search', async () => {
    await page.locator('[data-testid=list-total]', { hasText: '全 1 件' }).waitFor();
    const rows = page.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), new RegExp(assetNumber(MEETING_ROOM_INDEX)));
  });
  await shot(page, 'assets-search-location.png');

  await page.locator('[data-testid=asset-link]', { hasText: assetNumber(MEETING_ROOM_INDEX) }).click();
  await step(page, 'detail', async () => {
    await page.locator('h1', { hasText: assetNumber(MEETING_ROOM_INDEX) }).waitFor();
    await page.getByRole('tab', { name: '概要' }).waitFor();
    assert.match(await page.locator('.ant-descriptions').nth(1).innerText(), /本館 3F 会議室/);
    for (const tab of ['履歴', '移動', '修理', '作業記録', 'ソフトウェア']) await page.getByRole('tab', { name: tab }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'ポート' }).count(), 0, 'ports are for network equipment only');
  });
  await shot(page, 'assets-detail.png');
  await page.close();
});

test('selected assets print as a label sheet PDF: 25 labels at 24 per A4 page → 2 pages', async () => {
  await ensureImported();
  const page = await loginPage();
  await page.goto(`${base}/assets`);
  await page.locator('[data-testid=list-total]', { hasText: `全 ${ROWS} 件` }).waitFor();

  await page.locator('.ant-table-thead [data-testid=asset-select-all]').click();
  await page.locator('[data-testid=asset-selected-count]', { hasText: `${ROWS}件を選択中` }).waitFor();
  await shot(page, 'assets-selected.png');

  // The PDF goes to the browser's viewer; the test keeps a copy of each label response on its way.
  const sheets: { status: number; type: string; body: Buffer; ids: string[] }[] = [];
  await page.route('**/api/v1/hardware-assets/labels', async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    sheets.push({ status: res.status(), type: res.headers()['content-type'] ?? '', body, ids: JSON.parse(route.request().postData() ?? '{}').ids ?? [] });
    await route.fulfill({ response: res, body });
  });
  const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

  await page.locator('[data-testid=asset-print-labels]').click();
  const sheet = await step(page, 'labels', async () => {
    for (let i = 0; i < 100 && sheets.length < 1; i++) await page.waitForTimeout(100);
    assert.equal(sheets.length, 1);
    return sheets[0];
  });
  assert.equal(sheet.status, 200, sheet.body.toString());
  assert.match(sheet.type, /application\/pdf/);
  assert.equal(sheet.ids.length, ROWS);
  assert.equal(sheet.body.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(pageCount(sheet.body), 2, 'ceil(25 / 24) pages');

  // One asset's own label from its detail page: one page.
  await page.locator('[data-testid=asset-link]', { hasText: assetNumber(0) }).click();
  await page.locator('h1', { hasText: assetNumber(0) }).waitFor();
  await page.locator('[data-testid=asset-print-label]').click();
  await step(page, 'single-label', async () => {
    for (let i = 0; i < 50 && sheets.length < 2; i++) await page.waitForTimeout(100);
    assert.equal(sheets.length, 2);
  });
  assert.equal(sheets[1].ids.length, 1);
  assert.equal(pageCount(sheets[1].body), 1);
  await page.close();
});

test('a new overseas asset: the IP error shows on its field, the save opens the detail page, a work log entry appears', async () => {
  const page = await loginPage();
  await page.goto(`${base}/assets/new`);
  await page.getByText('資産の登録').waitFor();
  await page.locator('#assetNumber').fill('E2E-OS-0001');
  await page.locator('#name').fill('ジャカルタ事務所 ノートPC');
  await pickOption(page, 'ledger', '海外');
  await page.getByText('海外端末チェック').waitFor();
  await pickOption(page, 'siteId', '本部（試験）');
  await page.locator('#building').fill('本館');
  await page.locator('#ipAddresses').fill('192.168.1.300');
  await page.locator('#ipAddresses').press('Enter');
  await page.locator('[data-testid=form-submit]').click();
  await step(page, 'ip-error', async () => {
    const item = page.locator('.ant-form-item', { has: page.locator('#ipAddresses') });
    await item.locator('.ant-form-item-explain-error').waitFor();
  });
  await shot(page, 'assets-form-ip-error.png');
  await page
    .locator('.ant-select', { has: page.locator('#ipAddresses') })
    .locator('.ant-select-selection-item-remove')
    .click();
  await page.locator('#ipAddresses').fill('192.168.1.30');
  await page.locator('#ipAddresses').press('Enter');
  await page.locator('[data-testid=form-submit]').click();

  await step(page, 'detail', async () => {
    await page.locator('h1', { hasText: 'E2E-OS-0001' }).waitFor();
    assert.match((await page.locator('.ant-descriptions', { hasText: 'IPアドレス' }).textContent()) ?? '', /192\.168\.1\.30/);
    await page.locator('.ant-descriptions', { hasText: 'Entra ID 登録確認日' }).waitFor();
  });

  await page.getByRole('tab', { name: '作業記録' }).click();
  await page.locator('[data-testid=work-log-add]').click();
  const content = page.locator('#content');
  await content.fill('初期セットアップ（標準ソフトウェア導入）');
  // Under load the dialog's form can mount after the first fill; the click must send the text.
  if ((await content.inputValue()) !== '初期セットアップ（標準ソフトウェア導入）') await content.fill('初期セットアップ（標準ソフトウェア導入）');
  await page.locator('[data-testid=work-log-form-ok]').click();
  await step(page, 'work-log', async () => {
    await page.locator('.ant-table-row', { hasText: '初期セットアップ（標準ソフトウェア導入）' }).waitFor({ timeout: 60_000 });
  });
  await page.getByRole('tab', { name: '履歴' }).click();
  await page
    .locator('[data-testid=asset-timeline]')
    .getByText(/作業記録/)
    .first()
    .waitFor();
  await shot(page, 'assets-timeline.png');
  await page.close();
});

test('bulk edit: two selected assets move to one room in one request, the others keep theirs, and each timeline shows it', async () => {
  await ensureImported();
  const page = await loginPage();
  await page.goto(`${base}/assets`);
  const chosen = [assetNumber(1), assetNumber(2)];
  await page.locator(`[data-testid=asset-select-${chosen[1]}]`).waitFor();
  for (const n of chosen) await page.locator(`[data-testid=asset-select-${n}]`).click();
  await page.locator('[data-testid=asset-selected-count]', { hasText: '2件を選択中' }).waitFor();
  await page.locator('[data-testid=asset-bulk-edit]').click();
  await page.locator('#room').fill('E2E一括倉庫');
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/hardware-assets/bulk-update')) sent.push(r.postData() ?? '');
  });
  await page.locator('[data-testid=form-submit]').click();
  await step(page, 'bulk-saved', async () => {
    await page.locator('.ant-message', { hasText: '2' }).waitFor();
  });
  assert.equal(sent.length, 1, 'one request for both assets');
  const list = await adminApi('GET', `/api/v1/hardware-assets?q=${encodeURIComponent('E2E一括倉庫')}`);
  assert.deepEqual(list.items.map((a: { assetNumber: string }) => a.assetNumber).sort(), chosen);
  const other = (await adminApi('GET', `/api/v1/hardware-assets?q=${assetNumber(3)}`)).items[0];
  assert.notEqual(other.room, 'E2E一括倉庫');
  await page.goto(`${base}/assets/${list.items[0].id}`);
  await page.getByRole('tab', { name: '履歴' }).click();
  await step(page, 'bulk-timeline', async () => {
    await page.locator('[data-testid=asset-timeline]', { hasText: 'E2E一括倉庫' }).waitFor();
  });
  await page.close();
});

test('past 1,000 matches the list says "1000 件以上" and counts them exactly when asked', async () => {
  const site = await adminApi('POST', '/api/v1/sites', { code: 'E2E-MANY', kind: 'regional', nameJa: '多数拠点', nameEn: 'Many assets' });
  await t.db.execute(
    sql`insert into hardware_assets (asset_number, ledger, name, category, site_id)
        select 'MANY-' || lpad(g::text, 5, '0'), 'domestic', 'PC-' || g, 'desktop_pc', ${site.id} from generate_series(1, 1005) g`,
  );
  const page = await loginPage();
  await page.goto(`${base}/assets?siteId=${site.id}`);
  await step(page, 'capped-total', async () => {
    await page.locator('[data-testid=list-total]', { hasText: '1000 件以上中' }).waitFor();
  });
  await page.locator('[data-testid=list-count-all]').click();
  await step(page, 'exact-total', async () => {
    await page.locator('[data-testid=list-total]', { hasText: '全 1005 件中' }).waitFor();
    assert.equal(await page.locator('[data-testid=list-count-all]').count(), 0);
  });
  await page.close();
});
