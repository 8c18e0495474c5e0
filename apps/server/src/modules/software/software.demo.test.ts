import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Client, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemo } from '../org/org.seed.ts';

/** Issue #5 item 10: demo software ledgers consistent with the demo devices. */

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  assert.equal(await seedDemo(t.db, { onlyIfEmpty: true }), true);
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

describe('demo software', () => {
  test('about 150 licences with an upgrade chain, OEM licences bound to notebooks, subscriptions with renewals', async () => {
    const page = (await admin.get('/api/v1/software-licenses?limit=500')).json();
    assert.ok(page.total >= 140 && page.total <= 160, `${page.total} licences`);
    const top = page.items.find((l: { assetNumber: string }) => l.assetNumber === 'SW-OFF-2021-UP');
    assert.equal(top.upgradeFrom.assetNumber, 'SW-OFF-2019-UP');
    const mid = page.items.find((l: { assetNumber: string }) => l.assetNumber === 'SW-OFF-2019-UP');
    assert.equal(mid.upgradeFrom.assetNumber, 'SW-OFF-2016-001');
    const oem = page.items.filter((l: { licenseType: string; boundDevice: unknown }) => l.licenseType === 'oem' && l.boundDevice);
    assert.equal(oem.length, 50);
    const subs = page.items.filter((l: { renewalDate: string | null }) => l.renewalDate);
    assert.ok(
      subs.some((l: { renewalNoticeMonths: number }) => l.renewalNoticeMonths === 6) &&
        subs.some((l: { renewalNoticeMonths: number }) => l.renewalNoticeMonths === 3),
    );
  });

  test('compliance over the demo devices shows ok, near-limit and over products; the usage ledger and queue are filled', async () => {
    const c = (await admin.get('/api/v1/software-compliance')).json();
    assert.ok(c.summary.ok > 0 && c.summary.near > 0 && c.summary.over > 0, JSON.stringify(c.summary));
    const office = c.items.find((i: { product: { name: string } }) => i.product.name === 'Office Professional Plus');
    assert.ok(office.detected > 300, `${office.detected} Office installs`);
    const oem = c.items.find((i: { product: { name: string } }) => i.product.name === 'Office Home & Business 2021');
    assert.deepEqual([oem.entitled, oem.consumed, oem.shortfall, oem.status], [50, 60, 10, 'over']);
    assert.ok(office.recorded > 0 && office.detectedUnrecorded > 0);
    const unmapped = (await admin.get('/api/v1/software-products/unmapped?limit=3')).json().items.map((u: { name: string }) => u.name);
    assert.ok(unmapped.includes('Google Chrome'), unmapped.join(', '));
    assert.ok((await admin.get('/api/v1/software-distributions')).json().total >= 50);
    assert.ok((await admin.get('/api/v1/software-media?status=lent')).json().total === 3);
    const overdue = (await admin.get('/api/v1/software-media?overdue=true')).json().items;
    assert.ok(
      overdue.some((m: { loan: { borrower: string; dueOn: string; overdue: boolean } }) => m.loan.borrower === '総務課 鈴木' && m.loan.overdue),
      'one demo loan is past its due date',
    );
  });
});
