import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { ADMIN, type Client, clientFor, loginAdmin, makePerson, makeSite, makeUser, startTestApp, type TestApp } from '../../test/harness.ts';
import { users } from '../access/access.table.ts';
import { softwareMediaLoans } from './media.table.ts';
import { sweepOverdueMediaLoans } from './media-overdue.ts';
import { dateIn } from './versions.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
// Who sees a Tokyo item: the administrator (all sites), an English-speaking Tokyo operator and an operator whose own
// site is Tokyo. An Osaka operator, an inactive Tokyo operator and an all-site auditor do not.
const emails: Record<string, string> = {};

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'hq' });
  const en = await makeUser(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
  await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, en.id));
  emails.tokyoEn = en.email;
  const person = await makePerson(t, tokyo.id);
  emails.ownTokyo = (await makeUser(t, ['operator'], { kind: 'own' }, person.id)).email;
  emails.osaka = (await makeUser(t, ['operator'], { kind: 'sites', siteIds: [osaka.id] })).email;
  const gone = await makeUser(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });
  await t.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
  emails.inactive = gone.email;
  emails.auditor = (await makeUser(t, ['auditor'])).email;
});
after(async () => {
  await t.close();
});

const DAY_MS = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);

async function lentItem(title: string, siteId: string, dueOn: string | null) {
  const res = await admin.post('/api/v1/software-media', { kind: 'install_media', title, siteId, storageLocation: 'キャビネットB' });
  assert.equal(res.statusCode, 201, res.body);
  const lent = await admin.post(`/api/v1/software-media/${res.json().id}/lend`, { borrower: `借用者 ${title}`, dueOn });
  assert.equal(lent.statusCode, 200, lent.body);
  return lent.json();
}

const mailsFor = async (itemNumber: string) =>
  (await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'software.media-overdue'))).filter((m) => m.subject.includes(itemNumber));

describe('overdue loans of media and documents (2.2.r)', () => {
  test('the overdue filter lists only open loans past their due date, within the reader’s sites; the DTO carries the flag', async () => {
    const today = dateIn(new Date(), t.config.metrics.reportingTimeZone);
    const late = await lentItem('OVD Tokyo late', tokyo.id, shift(today, -1));
    const dueToday = await lentItem('OVD Tokyo due today', tokyo.id, today);
    await lentItem('OVD Tokyo no due date', tokyo.id, null);
    const returned = await lentItem('OVD Tokyo returned', tokyo.id, shift(today, -5));
    assert.equal((await admin.post(`/api/v1/software-media/${returned.id}/return`, {})).statusCode, 200);
    const osakaLate = await lentItem('OVD Osaka late', osaka.id, shift(today, -3));

    assert.deepEqual([late.loan.overdue, dueToday.loan.overdue], [true, false]);
    assert.equal((await admin.get(`/api/v1/software-media/${late.id}`)).json().loan.overdue, true);
    const history = (await admin.get(`/api/v1/software-media/${returned.id}/loans`)).json().items;
    assert.deepEqual(
      history.map((l: { overdue: boolean }) => l.overdue),
      [false],
      'a returned loan is no longer overdue',
    );

    const all = (await admin.get('/api/v1/software-media?overdue=true&limit=100')).json();
    assert.deepEqual(all.items.map((m: { title: string }) => m.title).sort(), ['OVD Osaka late', 'OVD Tokyo late']);
    assert.equal(all.total, 2);
    assert.ok(all.items.every((m: { loan: { overdue: boolean } }) => m.loan.overdue));
    const lent = (await admin.get('/api/v1/software-media?status=lent&limit=100')).json().items;
    assert.equal(lent.find((m: { id: string }) => m.id === dueToday.id).loan.overdue, false);

    const { client: osakaOnly } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [osaka.id] });
    const seen = (await osakaOnly.get('/api/v1/software-media?overdue=true')).json();
    assert.deepEqual([seen.total, seen.items[0].id], [1, osakaLate.id]);
    assert.equal((await admin.get('/api/v1/software-media?overdue=false')).statusCode, 422);

    // Clear the board so the sweep below sees only its own loans.
    for (const m of [late, dueToday, osakaLate]) await admin.post(`/api/v1/software-media/${m.id}/return`, {});
  });

  test('the daily sweep mails the staff of the item’s site once per due date, in their language, and audits it', async () => {
    const late = await lentItem('OVD sweep late', tokyo.id, '2026-12-10');
    const tomorrow = await lentItem('OVD sweep tomorrow', tokyo.id, '2026-12-12');
    const today = await lentItem('OVD sweep today', tokyo.id, '2026-12-11');

    // 23:59 on 10 December in Tokyo: the loan due that day is not overdue yet.
    assert.equal((await sweepOverdueMediaLoans(t.db, t.config, t.jobs, new Date('2026-12-10T14:59:00Z'))).noticed, 0);
    // 01:00 on 11 December in Tokyo (still the 10th in UTC): it is.
    const at = new Date('2026-12-10T16:00:00Z');
    assert.deepEqual(await sweepOverdueMediaLoans(t.db, t.config, t.jobs, at), { checked: 1, noticed: 1 });

    const mails = await mailsFor(late.itemNumber);
    assert.deepEqual(mails.map((m) => m.to).sort(), [ADMIN.email, emails.ownTokyo, emails.tokyoEn].sort());
    for (const not of [emails.osaka, emails.inactive, emails.auditor]) assert.ok(!mails.some((m) => m.to === not));
    const en = mails.find((m) => m.to === emails.tokyoEn)!;
    const ja = mails.find((m) => m.to === emails.ownTokyo)!;
    assert.equal(en.subject, `[Unyo] Lent item past its due date (${late.itemNumber} OVD sweep late)`);
    assert.equal(ja.subject, `【Unyo】貸出中の付属品・資料が返却期限を過ぎています（${late.itemNumber} OVD sweep late）`);
    assert.match(en.text, /Borrower: 借用者 OVD sweep late/);
    assert.match(en.text, /Due: 2026-12-10\nDays overdue: 1\n/);
    assert.match(ja.text, /延滞日数: 1 日/);
    assert.match(ja.text, new RegExp(`貸出日: ${dateIn(new Date(late.loan.lentAt), 'Asia/Tokyo')}`));
    assert.ok(en.text.includes(`/software-media?q=${late.itemNumber}`), 'the link opens the media list on the item');
    assert.equal((await mailsFor(tomorrow.itemNumber)).length, 0, 'a loan due tomorrow is not noticed');
    assert.equal((await mailsFor(today.itemNumber)).length, 0, 'a loan due today is not noticed');

    const [loan] = await t.db.select().from(softwareMediaLoans).where(eq(softwareMediaLoans.id, late.loan.id));
    assert.equal(loan.overdueNoticedFor, '2026-12-10');
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'software-media.loan-overdue-noticed'), eq(auditLog.entityId, late.id)));
    assert.equal(audits.length, 1);
    assert.equal(audits[0].siteId, tokyo.id);
    assert.deepEqual(((audits[0].after as { recipients: string[] }).recipients ?? []).slice().sort(), mails.map((m) => m.to).sort());

    // The next run the same day sends nothing more; the next day only the loan due on the 11th is new.
    assert.equal((await sweepOverdueMediaLoans(t.db, t.config, t.jobs, at)).noticed, 0);
    assert.equal((await sweepOverdueMediaLoans(t.db, t.config, t.jobs, new Date('2026-12-12T01:00:00Z'))).noticed, 1);
    assert.equal((await mailsFor(late.itemNumber)).length, 3);
    assert.equal((await mailsFor(today.itemNumber)).length, 3);

    // Returned and lent again with a new due date: the new loan is noticed on its own.
    await admin.post(`/api/v1/software-media/${late.id}/return`, {});
    await admin.post(`/api/v1/software-media/${late.id}/lend`, { borrower: '再貸出', dueOn: '2026-12-15' });
    assert.equal(
      (await sweepOverdueMediaLoans(t.db, t.config, t.jobs, new Date('2026-12-16T01:00:00Z'))).noticed,
      2,
      'the relent item and the loan due on the 12th',
    );
    assert.equal((await mailsFor(late.itemNumber)).length, 6);
  });
});
