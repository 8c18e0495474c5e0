import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, loginAdmin, makeUser, startTestApp, type TestApp } from '../../test/harness.ts';
import { users } from '../access/access.table.ts';
import { sweepRenewalNotices } from './renewals.ts';
import { minusMonths, renewalNoticeDate } from './versions.ts';

describe('renewal notice date (2.2.o)', () => {
  test('3 months under ¥10,000,000, 6 months from ¥10,000,000, clamped to the month end', () => {
    assert.equal(renewalNoticeDate('2027-09-15', 9_999_999), '2027-06-15');
    assert.equal(renewalNoticeDate('2027-09-15', 10_000_000), '2027-03-15');
    assert.equal(renewalNoticeDate('2027-09-15', 10_000_001), '2027-03-15');
    assert.equal(renewalNoticeDate('2027-09-15', null), '2027-06-15');
    assert.equal(renewalNoticeDate('2027-08-31', 10_000_000), '2027-02-28');
    assert.equal(renewalNoticeDate('2028-08-31', 10_000_000), '2028-02-29');
    assert.equal(renewalNoticeDate('2027-05-31', 1), '2027-02-28');
    assert.equal(renewalNoticeDate('2027-02-15', 1), '2026-11-15');
    assert.equal(renewalNoticeDate(null, 1), null);
    assert.equal(minusMonths('2026-12-31', -2), '2027-02-28');
  });
});

let t: TestApp;
let admin: Client;

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  // A second active administrator gets the notice too; an inactive one and an operator do not.
  await makeUser(t, ['admin']);
  const gone = await makeUser(t, ['admin']);
  await t.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
  await makeUser(t, ['operator']);
});
after(async () => {
  await t.close();
});

async function license(assetNumber: string, contractAmount: number, renewalDate: string) {
  const res = await admin.post('/api/v1/software-licenses', {
    assetNumber,
    softwareName: `Soft ${assetNumber}`,
    licenseType: 'subscription',
    ownedCount: 10,
    contractAmount,
    renewalDate,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const noticesFor = async (assetNumber: string) =>
  (await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'software.renewal-notice'))).filter((m) => m.subject.includes(assetNumber));
// 06:00 JST on the given date, when the daily sweep runs.
const at = (date: string) => new Date(`${date}T06:00:00+09:00`);

describe('renewal notices (2.2.o)', () => {
  test('each licence is noticed once on its notice date, by amount, across a month end', async () => {
    const small = await license('REN-SMALL', 9_999_999, '2027-05-31'); // notice 2027-02-28
    const edge = await license('REN-EDGE', 10_000_000, '2027-08-31'); // notice 2027-02-28
    const big = await license('REN-BIG', 10_000_001, '2027-09-01'); // notice 2027-03-01
    assert.equal(small.renewalNoticeDate, '2027-02-28');
    assert.equal(edge.renewalNoticeDate, '2027-02-28');
    assert.equal(edge.renewalNoticeMonths, 6);
    assert.equal(big.renewalNoticeDate, '2027-03-01');
    assert.equal(small.renewalNoticeSentAt, null);

    // 23:59 JST on 27 Feb is still the 27th in Tokyo: nothing is due.
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, new Date('2027-02-27T14:59:00Z'))).noticed, 0);
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2027-02-28'))).noticed, 2);
    assert.equal((await noticesFor('REN-SMALL')).length, 2, 'both active administrators');
    assert.equal((await noticesFor('REN-EDGE')).length, 2);
    assert.equal((await noticesFor('REN-BIG')).length, 0);
    const mail = (await noticesFor('REN-EDGE'))[0];
    assert.match(mail.text, /6か月前|6 months/);
    assert.match(mail.text, /¥10,000,000/);
    assert.ok(mail.text.includes(`/software-licenses/${edge.id}`), 'the link opens the licence page');

    // The next day the big contract (notice 1 March) is due; the others are not sent again.
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2027-03-01'))).noticed, 1);
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2027-03-02'))).noticed, 0);
    assert.equal((await noticesFor('REN-SMALL')).length, 2);
    assert.equal((await noticesFor('REN-BIG')).length, 2);

    const dto = (await admin.get(`/api/v1/software-licenses/${small.id}`)).json();
    assert.equal(dto.renewalNoticeSentAt, at('2027-02-28').toISOString());
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'software-license.renewal-noticed'), eq(auditLog.entityId, small.id)));
    assert.equal(audits.length, 1);
  });

  test('a new renewal date makes a new notice due; a licence entered late is noticed on the next run', async () => {
    const l = await license('REN-MOVE', 500_000, '2027-06-30'); // notice 2027-03-30
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2027-03-30'))).noticed, 1);
    const moved = await admin.patch(`/api/v1/software-licenses/${l.id}`, { renewalDate: '2028-06-30' });
    assert.equal(moved.json().renewalNoticeSentAt, null, 'the old notice does not count for the new date');
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2028-03-29'))).noticed, 0);
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2028-03-30'))).noticed, 1);

    await license('REN-LATE', 500_000, '2028-04-15'); // notice date 2028-01-15 already passed
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2028-04-01'))).noticed, 1);
    await license('REN-PAST', 500_000, '2028-03-01'); // renewal date already passed: nothing to start
    assert.equal((await sweepRenewalNotices(t.db, t.config, t.jobs, at('2028-04-02'))).noticed, 0);
  });

  test('the monthly list of upcoming renewals for the meeting (S-4-1-3-2)', async () => {
    const res = await admin.get('/api/v1/software-licenses/renewals.xlsx?month=2027-03');
    assert.equal(res.statusCode, 200, res.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const numbers: string[] = [];
    ws.eachRow((row, i) => {
      if (i > 2) numbers.push(String(row.getCell(2).value));
    });
    // REN-MOVE now renews in 2028 (notice 2028-03-30), so it is not in March 2027's list.
    assert.deepEqual(numbers, ['REN-SMALL', 'REN-EDGE', 'REN-BIG']);
    assert.equal((await admin.get('/api/v1/software-licenses/renewals.xlsx?month=2027-13')).statusCode, 422);
  });
});
