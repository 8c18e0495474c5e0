import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ingestMail } from '../../server/src/modules/servicedesk/mail-inbound.ts';
import { ADMIN, makeDepartment, makePerson, makeSite, type TestApp } from '../../server/src/test/harness.ts';
import { adminHeaders, type BrowserApp, shotsDir, startBrowserApp } from './setup.ts';

let app: BrowserApp;
let t: TestApp;
let browser: Browser;
let base: string;
let headers: Record<string, string>;
let person: { id: string; siteId: string };
const password = 'e2e-password-1234';

before(async () => {
  app = await startBrowserApp();
  ({ t, browser, base } = app);
  headers = await adminHeaders(t);
  const site = await makeSite(t, { code: 'E2ESD', nameJa: 'ヘルプデスク検証拠点', nameEn: 'Service desk test office' });
  person = await makePerson(t, site.id, { employeeNumber: 'E2E-SD-1', nameKanji: 'スミス ジョン', nameRomaji: 'John Smith' });
  for (const [email, roles, personId] of [
    ['requester@test.local', ['requester'], person.id],
    ['operator@test.local', ['operator'], null],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email, roles, personId, password, displayName: email.split('@')[0] },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
});

after(async () => {
  await app?.close();
});

async function signIn(page: Page, email: string, password: string) {
  // A broken page shows up as a timeout otherwise: print what the browser threw.
  page.on('pageerror', (err) => console.error(`[browser ${email}]`, err.message));
  page.on('console', (msg) => msg.type() === 'error' && console.error(`[console ${email}]`, msg.text()));
  await page.goto(`${base}/login`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor();
}

/** A fresh browser context (own cookies) per user; waits are generous because the CI machine is shared. */
async function openPage(locale: string, width: number): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

test('portal inquiry in English, answered in Japanese by an operator: the clock stops, the requester closes it', async () => {
  // The requester switches the UI to English and files an inquiry in the portal.
  const requester = await openPage('en-US', 1280);
  await signIn(requester, 'requester@test.local', password);
  await requester.waitForURL(/\/portal/);
  await requester.locator('[data-testid=lang-switch]').getByText('English').click();
  await requester.locator('h1', { hasText: 'IT help desk' }).waitFor();
  await requester.locator('[data-testid=portal-tab-new]').click();
  await requester.locator('[data-testid=portal-subject]').fill('Cannot print to the 3F printer');
  await requester.locator('[data-testid=portal-description]').fill('Since this morning every print job from my PC stays in the queue.');
  await shot(requester, 'servicedesk-portal-form');
  await requester.locator('[data-testid=portal-submit]').click();
  const detail = requester.locator('[data-testid=portal-ticket-detail]');
  await detail.waitFor();
  const heading = (await detail.locator('h2').textContent()) ?? '';
  const number = /HD-\d{4}-\d+/.exec(heading)?.[0];
  assert.ok(number, `the portal shows the inquiry number (got "${heading}")`);
  assert.match((await requester.locator('[data-testid=portal-ticket-status]').textContent()) ?? '', /New/);
  await shot(requester, 'servicedesk-portal-submitted');

  // An operator (Japanese UI) finds it in the list with its first-answer clock running.
  const operator = await openPage('ja-JP', 1440);
  await signIn(operator, 'operator@test.local', password);
  await operator.locator('a[href="/tickets"]').first().click();
  await operator.locator('h1', { hasText: '問い合わせ' }).waitFor();
  const row = operator.locator('.ant-table-row', { hasText: number });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /Cannot print to the 3F printer/);
  assert.equal(await row.locator('[data-testid=ticket-clock]').getAttribute('data-running'), 'true');
  assert.match((await row.locator('[data-testid=ticket-clock]').textContent()) ?? '', /残り|超過/);
  await shot(operator, 'servicedesk-list');

  await row.locator('[data-testid=ticket-link]').click();
  await operator.locator('h1', { hasText: number }).waitFor();
  const clock = operator.locator('[data-testid=ticket-clock]');
  assert.equal(await clock.getAttribute('data-running'), 'true', 'the clock runs until the first answer');
  assert.equal(await operator.locator('[data-testid=ticket-event][data-type=received]').count(), 1);

  // Reply in Japanese and resolve in one step.
  const answer = 'プリンタのキューをリセットしました。もう一度印刷をお試しください。';
  await operator.locator('[data-testid=ticket-reply-body]').fill(answer);
  await operator.locator('[data-testid=ticket-reply-resolve]').click();
  await operator.locator('[data-testid=ticket-reply-send]').click();
  await operator.locator('[data-testid=ticket-status][data-status=resolved]').waitFor();
  await operator.locator('[data-testid=ticket-clock][data-state=met]').waitFor();
  assert.equal(await clock.getAttribute('data-running'), 'false', 'the clock stops at the first answer');
  assert.match((await clock.textContent()) ?? '', /達成/);
  const reply = operator.locator('[data-testid=ticket-event][data-type=public_reply]');
  await reply.waitFor();
  assert.match((await reply.textContent()) ?? '', /プリンタのキューをリセットしました/);
  await shot(operator, 'servicedesk-answered');

  // The requester sees the answer in the portal and confirms it is solved.
  await requester.reload();
  await requester.locator('[data-testid=portal-ticket-status][data-status=resolved]').waitFor();
  const answered = requester.locator('[data-testid=ticket-event][data-type=public_reply]');
  await answered.waitFor();
  assert.match((await answered.textContent()) ?? '', /プリンタのキューをリセットしました/);
  assert.equal(await requester.locator('[data-testid=ticket-event][data-visibility=internal]').count(), 0);
  await requester.locator('[data-testid=portal-close]').click();
  await requester.locator('.ant-popconfirm .ant-btn-primary').click();
  await requester.locator('[data-testid=portal-ticket-status][data-status=closed]').waitFor();
  assert.match((await requester.locator('[data-testid=portal-ticket-status]').textContent()) ?? '', /Closed/);
  assert.equal(await requester.locator('[data-testid=portal-reply-body]').count(), 0, 'a closed inquiry takes no more replies');
  await shot(requester, 'servicedesk-portal-closed');

  // The operator sees it closed.
  await operator.reload();
  await operator.locator('[data-testid=ticket-status][data-status=closed]').waitFor();
  assert.match((await operator.locator('[data-testid=ticket-status]').textContent()) ?? '', /完了/);

  const list = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(number)}`, headers })).json();
  assert.equal(list.items.length, 1);
  const stored = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${list.items[0].id}`, headers })).json();
  assert.equal(stored.channel, 'portal');
  assert.equal(stored.language, 'en', 'the inquiry language follows the requester UI language');
  assert.equal(stored.status, 'closed');
  assert.equal(stored.clock.state, 'met');
  assert.ok(stored.firstAnsweredAt);
  assert.equal(stored.firstContactResolution, true, 'answered and resolved at the first reply');
  const events = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${stored.id}/events`, headers })).json();
  const types = events.items.map((e: { type: string }) => e.type);
  assert.equal(types[0], 'received');
  assert.ok(types.includes('public_reply'));
  const moves = events.items.filter((e: { type: string }) => e.type === 'status_changed').map((e: { data: { to: string } }) => e.data.to);
  assert.deepEqual(moves.slice(-2), ['resolved', 'closed'], 'resolved by the operator, closed by the requester');
});

/** antd TreeSelect: type to filter, pick the node by its title. */
async function pickTreeNode(page: Page, selectId: string, text: string) {
  await page.locator(`#${selectId}`).click();
  await page.locator(`#${selectId}`).pressSequentially(text);
  const node = page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: text }).first();
  await node.waitFor();
  await page.waitForTimeout(300);
  await node.click();
}

test('a phone inquiry typed by the operator: requester from the people ledger, internal note, vendor escalation', async () => {
  const operator = await openPage('ja-JP', 1440);
  await signIn(operator, 'operator@test.local', password);
  await operator.locator('a[href="/tickets"]').first().click();
  await operator.locator('[data-testid=ticket-create]').click();
  await operator.locator('h1', { hasText: '問い合わせを登録' }).waitFor();

  await operator.locator('#requesterPersonId').click();
  await operator.locator('#requesterPersonId').pressSequentially('E2E-SD-1');
  const option = operator.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'スミス ジョン' }).first();
  await option.waitFor();
  await operator.waitForTimeout(300);
  await option.click();
  // The requester's site is filled in from the people ledger.
  await operator
    .locator('.ant-select', { has: operator.locator('#siteId') })
    .filter({ hasText: 'E2ESD' })
    .waitFor();
  await pickTreeNode(operator, 'categoryId', 'プリンタ・複合機');
  await operator.locator('[data-testid=ticket-subject]').fill('複合機でスキャンできない');
  await operator.locator('[data-testid=ticket-description]').fill('3階の複合機でスキャンしたファイルがフォルダに届かない。');
  await shot(operator, 'servicedesk-new-ticket');
  await operator.locator('[data-testid=ticket-save]').click();

  await operator.locator('h1', { hasText: '複合機でスキャンできない' }).waitFor();
  const clock = operator.locator('[data-testid=ticket-clock]');
  assert.equal(await clock.getAttribute('data-running'), 'true');
  assert.match((await operator.locator('[data-testid=ticket-requester]').textContent()) ?? '', /スミス ジョン/);

  // An internal note is marked as such and does not stop the clock.
  await operator.locator('[data-testid=ticket-tab-note]').click();
  await operator.locator('[data-testid=ticket-note-body]').fill('保守会社に確認する。依頼者には未連絡。');
  await operator.locator('[data-testid=ticket-note-add]').click();
  const note = operator.locator('[data-testid=ticket-event][data-type=internal_note]');
  await note.waitFor();
  assert.equal(await note.getAttribute('data-visibility'), 'internal');
  assert.match((await note.textContent()) ?? '', /内部/);
  assert.equal(await clock.getAttribute('data-running'), 'true', 'an internal note is not an answer');

  // Vendor escalation start and end.
  await operator.locator('[data-testid=ticket-escalate]').click();
  await operator.locator('[data-testid=ticket-vendor]').fill('複合機保守会社');
  await operator.locator('.ant-modal-footer .ant-btn-primary').click();
  await operator.locator('[data-testid=ticket-status][data-status=escalated]').waitFor();
  await operator.getByText('ベンダー対応中: 複合機保守会社').waitFor();
  await operator.locator('[data-testid=ticket-event][data-type=escalation_started]', { hasText: '複合機保守会社' }).waitFor();
  await operator.locator('[data-testid=ticket-escalation-end]').click();
  await operator.locator('.ant-modal-footer .ant-btn-primary').click();
  await operator.locator('[data-testid=ticket-status][data-status=in_progress]').waitFor();
  await operator.locator('[data-testid=ticket-event][data-type=escalation_ended]').waitFor();

  // Unavoidable no-response needs a reason; then resolve through the resolution dialog.
  await operator.locator('[data-testid=ticket-no-response]').click();
  await operator.locator('#reason').click();
  await operator.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '着信の不具合' }).click();
  await operator.locator('.ant-modal-footer .ant-btn-primary').click();
  await operator.getByText('やむを得ない対応不可: 着信の不具合').first().waitFor();
  await operator.locator('[data-testid=ticket-resolve]').click();
  // OK submits the dialog's form: a click before the form is mounted is lost (a CI run waited 60 s for the status).
  await operator.locator('.ant-modal #resolutionCode').waitFor();
  await operator.locator('#ticket-resolve-ok').click();
  await operator.locator('[data-testid=ticket-status][data-status=resolved]').waitFor();
  await shot(operator, 'servicedesk-phone-ticket');

  const list = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent('スキャン')}`, headers })).json();
  assert.equal(list.items.length, 1);
  const stored = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${list.items[0].id}`, headers })).json();
  assert.equal(stored.channel, 'phone');
  assert.equal(stored.requester.personId, person.id);
  assert.equal(stored.site.id, person.siteId);
  assert.equal(stored.category.code, 'printer');
  assert.equal(stored.escalated, true);
  assert.equal(stored.firstAnsweredAt, null);
  assert.equal(stored.noResponse, true);
  assert.equal(stored.noResponseReason, 'call_fault');
  assert.equal(stored.status, 'resolved');
  assert.equal(stored.resolutionCode, 'answered');
  assert.equal(stored.assignee?.displayName, 'operator', 'the operator who typed it is the assignee');
});

/** antd Select: open it, type to filter when it is searchable, pick the option by its text. */
async function pickOption(page: Page, selectId: string, text: string, typed?: string) {
  await page.locator(`#${selectId}`).click();
  if (typed) await page.locator(`#${selectId}`).pressSequentially(typed);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await page.waitForTimeout(300);
  await option.click();
}

test('a call recorded on a phone inquiry is its first answer; a referral prefills the reply with the owning department', async () => {
  const dept = await makeDepartment(t, person.siteId, { code: 'E2EFIN', nameJa: '財務課', nameEn: 'Finance Division', mail: 'finance@test.local' });
  const operator = await openPage('ja-JP', 1440);
  await signIn(operator, 'operator@test.local', password);
  await operator.goto(`${base}/tickets/new`);
  await operator.locator('h1', { hasText: '問い合わせを登録' }).waitFor();
  await pickOption(operator, 'requesterPersonId', 'スミス ジョン', 'E2E-SD-1');
  await operator
    .locator('.ant-select', { has: operator.locator('#siteId') })
    .filter({ hasText: 'E2ESD' })
    .waitFor();

  // A file-conversion inquiry asks for the formats (5.6.a); other categories do not.
  assert.equal(await operator.locator('[data-testid=ticket-details-inputs]').count(), 0);
  await pickTreeNode(operator, 'categoryId', 'ファイル変換');
  await operator.locator('[data-testid=ticket-detail-sourceFormat]').fill('一太郎 (.jtd)');
  await operator.locator('[data-testid=ticket-detail-targetFormat]').fill('Word (.docx)');
  await operator.locator('[data-testid=ticket-subject]').fill('一太郎の文書を開けない');
  await operator.locator('[data-testid=ticket-save]').click();
  await operator.locator('h1', { hasText: '一太郎の文書を開けない' }).waitFor();
  assert.equal(await operator.locator('[data-testid=ticket-detail-value-sourceFormat]').textContent(), '一太郎 (.jtd)');
  assert.equal(await operator.locator('[data-testid=ticket-detail-value-targetFormat]').textContent(), 'Word (.docx)');
  const clock = operator.locator('[data-testid=ticket-clock]');
  assert.equal(await clock.getAttribute('data-running'), 'true', 'typing the inquiry is not an answer');

  // The call that brought the inquiry in: started when it was received, answered at once.
  await operator.locator('[data-testid=ticket-record-call]').click();
  await operator.locator('[data-testid=ticket-call-durations]').waitFor();
  assert.match((await operator.locator('[data-testid=ticket-call-durations]').textContent()) ?? '', /待ち 0秒/);
  await shot(operator, 'servicedesk-record-call');
  await operator.locator('#ticket-call-ok').click();
  const call = operator.locator('[data-testid=ticket-event][data-type=call]');
  await call.waitFor();
  assert.match((await call.textContent()) ?? '', /着信 \/ 応答 \/ 待ち 0秒/);
  await operator.locator('[data-testid=ticket-clock][data-state=met]').waitFor();
  assert.equal(await clock.getAttribute('data-running'), 'false', 'the answered call stops the clock');
  assert.match((await clock.textContent()) ?? '', /達成/);

  // The formats can be corrected later in the edit drawer.
  await operator.locator('[data-testid=ticket-edit]').click();
  await operator.locator('.ant-drawer [data-testid=ticket-detail-targetFormat]').fill('PDF');
  await operator.locator('.ant-drawer [data-testid=form-submit]').click();
  await operator.locator('[data-testid=ticket-detail-value-targetFormat]', { hasText: 'PDF' }).waitFor();

  // Resolved as a referral: the reply names the department and its contact point, in the inquiry's language.
  await operator.locator('[data-testid=ticket-resolve]').click();
  await pickOption(operator, 'resolutionCode', '所管部署へ案内');
  await pickOption(operator, 'resolutionDepartmentId', '財務課', 'E2EFIN');
  const prefilled = operator.locator('[data-testid=ticket-referral-reply]');
  await operator.waitForFunction(() =>
    (document.querySelector('[data-testid=ticket-referral-reply]') as HTMLTextAreaElement | null)?.value.includes('finance@test.local'),
  );
  const text = await prefilled.inputValue();
  assert.match(text, /所管部署の財務課（連絡先: finance@test.local）へお問い合わせください。/);
  await shot(operator, 'servicedesk-referral');
  await operator.locator('#ticket-resolve-ok').click();
  await operator.locator('[data-testid=ticket-status][data-status=resolved]').waitFor();
  await operator.locator('[data-testid=ticket-resolution][data-code=referred]').waitFor();
  const shown = (await operator.locator('[data-testid=ticket-resolution-department]').textContent()) ?? '';
  assert.match(shown, /財務課/);
  assert.match(shown, /finance@test\.local/);
  const reply = operator.locator('[data-testid=ticket-event][data-type=public_reply]');
  await reply.waitFor();
  assert.match((await reply.textContent()) ?? '', /財務課（連絡先: finance@test.local）/);

  const list = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent('一太郎')}`, headers })).json();
  assert.equal(list.items.length, 1);
  const stored = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${list.items[0].id}`, headers })).json();
  assert.deepEqual(stored.details, { sourceFormat: '一太郎 (.jtd)', targetFormat: 'PDF' });
  assert.equal(stored.firstAnsweredAt, stored.receivedAt, 'answered when the call was taken');
  assert.equal(stored.clock.state, 'met');
  assert.equal(stored.resolutionCode, 'referred');
  assert.equal(stored.resolutionDepartment?.id, dept.id);
  const calls = (await t.app.inject({ method: 'GET', url: `/api/v1/call-records?ticketId=${stored.id}`, headers })).json();
  assert.equal(calls.items.length, 1);
  assert.equal(calls.items[0].waitSeconds, 0);

  // The list filters by how inquiries ended.
  await operator.goto(`${base}/tickets?resolutionCode=referred`);
  await operator.locator('.ant-table-row', { hasText: stored.number }).waitFor();
  assert.equal(await operator.locator('.ant-table-row').count(), 1, 'only the referred inquiry');
});

test('the inbound mail log shows filed and dropped mail, with the reason and a link to the inquiry', async () => {
  const deps = { db: t.db, config: t.config, queue: t.jobs, log: () => {} };
  await makeDepartment(t, person.siteId, { code: 'E2ENET', nameJa: '情報基盤課', nameEn: 'Network Infrastructure Division', mail: 'net@test.local' });
  const filed = await ingestMail(
    deps,
    Buffer.from(
      'From: Taro <taro@example.com>\r\nTo: helpdesk@test.local\r\nSubject: VPN cannot connect\r\nMessage-ID: <e2e-vpn@example.com>\r\n\r\nVPN fails since today.\r\n',
    ),
    { source: 'smtp' },
  );
  assert.equal(filed.outcome, 'created');
  const dropped = await ingestMail(
    deps,
    Buffer.from(
      'From: robot@example.com\r\nTo: helpdesk@test.local\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <e2e-ooo@example.com>\r\n\r\nAway.\r\n',
    ),
    { source: 'smtp' },
  );
  assert.deepEqual(dropped, { outcome: 'dropped', reason: 'auto_submitted', messageId: '<e2e-ooo@example.com>' });

  const admin = await openPage('ja-JP', 1440);
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.goto(`${base}/mail`);
  await admin.locator('[data-testid=mail-tab-inbound]').click();
  // Rows of the inbound log (the outbox holds the acknowledgement, whose subject quotes the same text).
  const inbound = (text: string) => admin.locator('.ant-table-row', { has: admin.locator('[data-testid=mail-inbound-outcome]'), hasText: text });
  const created = inbound('VPN cannot connect');
  await created.waitFor();
  assert.match((await created.textContent()) ?? '', /新規受付/);
  const drop = inbound('Out of office');
  assert.match((await drop.textContent()) ?? '', /破棄.*自動送信（Auto-Submitted）/);
  await shot(admin, 'servicedesk-mail-inbound');

  // Only dropped mail, then follow the filed one to its inquiry.
  await pickOption(admin, 'mail-inbound-filter', '破棄');
  await created.waitFor({ state: 'detached' });
  assert.equal(await drop.count(), 1);
  assert.match(admin.url(), /tab=inbound/);
  assert.match(admin.url(), /outcome=dropped/);
  await admin.goto(`${base}/mail?tab=inbound&outcome=created`);
  await created.locator('[data-testid=mail-inbound-ticket]').click();
  await admin.locator('h1', { hasText: 'VPN cannot connect' }).waitFor();
  assert.ok(admin.url().endsWith(`/tickets/${filed.outcome === 'created' ? filed.ticketId : ''}`));

  // Referred from the reply box: the text follows the inquiry's language (English mail), not the operator's UI.
  await admin.locator('[data-testid=ticket-reply-resolve]').click();
  await pickOption(admin, 'ticket-reply-resolution', '所管部署へ案内');
  await pickOption(admin, 'ticket-reply-department', '情報基盤課', 'E2ENET');
  await admin.waitForFunction(() =>
    (document.querySelector('[data-testid=ticket-reply-body]') as HTMLTextAreaElement | null)?.value.includes('net@test.local'),
  );
  const body = await admin.locator('[data-testid=ticket-reply-body]').inputValue();
  assert.match(body, /Please contact the department in charge, Network Infrastructure Division \(contact: net@test\.local\)\./);
  await admin.locator('[data-testid=ticket-reply-send]').click();
  await admin.locator('[data-testid=ticket-status][data-status=resolved]').waitFor();
  assert.match((await admin.locator('[data-testid=ticket-resolution-department]').textContent()) ?? '', /情報基盤課/);
});
