import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makeDepartment, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { softwareDistributions, softwareLocalSurveySites } from './software.table.ts';

let t: TestApp;
let admin: Client;
let bangkok: { id: string; code: string };
let nairobi: { id: string; code: string };
let paris: { id: string; code: string };

/** The survey token of the last survey mail to an address. */
async function tokenFor(to: string) {
  const mails = await t.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, to), eq(mailOutbox.template, 'software-local-survey')));
  assert.ok(mails.length > 0, `a survey mail to ${to}`);
  return /\/software-survey\/([A-Za-z0-9_-]+)/.exec(mails[mails.length - 1].text)![1];
}

const form = (token: string, lang = 'ja') => t.app.inject({ method: 'GET', url: `/api/v1/software-survey-forms/${token}?lang=${lang}` });
const answer = (token: string, body: unknown, lang = 'ja') =>
  t.app.inject({ method: 'POST', url: `/api/v1/software-survey-forms/${token}?lang=${lang}`, payload: body as object });
const localRows = (siteId: string) => t.db.select().from(softwareDistributions).where(eq(softwareDistributions.siteId, siteId));

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  bangkok = await makeSite(t, { kind: 'overseas', nameJa: 'バンコク事務所', nameEn: 'Bangkok Office', timeZone: 'Asia/Bangkok' });
  nairobi = await makeSite(t, { kind: 'overseas', nameJa: 'ナイロビ事務所', nameEn: 'Nairobi Office', timeZone: 'Africa/Nairobi' });
  paris = await makeSite(t, { kind: 'overseas', nameJa: 'パリ事務所', nameEn: 'Paris Office', timeZone: 'Europe/Paris' });
  await makeDepartment(t, bangkok.id, { mail: 'admin@bangkok.example' });
  await makeDepartment(t, paris.id, { mail: 'office@paris.example' });
  // Nairobi has no department mail: its link waits for explicit recipients.
  // Already in the ledger: one local purchase inside the period and one before it.
  for (const [on, name] of [
    ['2026-05-10', 'Adobe Acrobat Standard'],
    ['2025-12-01', 'Old Tool'],
  ]) {
    const res = await admin.post('/api/v1/software-distributions', {
      distributedOn: on,
      siteId: bangkok.id,
      origin: 'local',
      softwareName: name,
      licenseCount: 1,
    });
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(async () => {
  await t.close();
});

describe('survey of locally procured software (2.2.l, 3.3.1.o)', () => {
  let surveyId: string;

  test('mails each overseas office a one-time link in English, with the Japanese link beside it; a site without an address waits', async () => {
    const res = await admin.post('/api/v1/software-surveys', {
      name: '2026年度 現地調達ソフトウェア調査',
      periodFrom: '2026-04-01',
      periodTo: '2027-03-31',
      dueOn: '2027-04-20',
      siteIds: [bangkok.id, nairobi.id, paris.id],
    });
    assert.equal(res.statusCode, 201, res.body);
    const survey = res.json();
    surveyId = survey.id;
    assert.deepEqual(survey.progress, { sites: 3, sent: 2, answered: 0, reported: 0 });
    const byCode = Object.fromEntries(survey.sites.map((s: { site: { code: string } }) => [s.site.code, s]));
    assert.equal(byCode[nairobi.code].state, 'not_sent');
    assert.equal(byCode[bangkok.code].state, 'sent');
    assert.equal(byCode[bangkok.code].mailedTo, 'admin@bangkok.example');
    // The link stays valid 14 days after the due date, to the end of that day in Bangkok (UTC+7).
    assert.equal(byCode[bangkok.code].linkExpiresAt, '2027-05-04T16:59:59.000Z');

    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'admin@bangkok.example'));
    assert.equal(mail.locale, 'en');
    assert.match(mail.subject, /locally purchased software: Bangkok Office/);
    assert.match(mail.text, /between 2026-04-01 and 2027-03-31, by 2027-04-20/);
    assert.match(mail.text, /\/software-survey\/[A-Za-z0-9_-]+\?lang=en/);

    const resent = await admin.post(`/api/v1/software-surveys/${surveyId}/send`, {
      siteIds: [nairobi.id],
      recipients: { [nairobi.id]: ['IT@Nairobi.example'] },
    });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.equal(resent.json().progress.sent, 3);
    assert.ok(await tokenFor('it@nairobi.example'));

    const wrong = await admin.post(`/api/v1/software-surveys/${surveyId}/send`, { siteIds: [(await makeSite(t)).id] });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().errors[0].path, 'siteIds');
  });

  test('the form shows the period and what the ledger already holds for the office in it, without a login', async () => {
    const token = await tokenFor('admin@bangkok.example');
    const res = await form(token, 'en');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.site.nameEn, 'Bangkok Office');
    assert.deepEqual([body.periodFrom, body.periodTo, body.dueOn], ['2026-04-01', '2027-03-31', '2027-04-20']);
    assert.deepEqual(
      body.recorded.map((r: { softwareName: string }) => r.softwareName),
      ['Adobe Acrobat Standard'],
    );
    assert.equal((await form('not-a-real-token-but-long-enough')).statusCode, 404);
  });

  test('a line outside the period is refused by its path in the office language, and nothing is written', async () => {
    const token = await tokenFor('admin@bangkok.example');
    const before = (await localRows(bangkok.id)).length;
    const res = await answer(
      token,
      {
        answeredBy: 'Somchai',
        items: [
          { softwareName: 'ESET Endpoint', licenseCount: 5, purchasedOn: '2026-06-01' },
          { softwareName: 'Thai OCR', licenseCount: 2, purchasedOn: '2026-03-31' },
        ],
      },
      'en',
    );
    assert.equal(res.statusCode, 422, res.body);
    const problem = res.json();
    assert.deepEqual(
      problem.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
      [['items.1.purchasedOn', 'Outside the period the survey asks about']],
    );
    assert.equal((await localRows(bangkok.id)).length, before, 'no ledger row from a refused answer');
    assert.equal((await form(token)).statusCode, 200, 'the link still works after a refused answer');
  });

  test('an answer becomes local rows of the distribution ledger, audited, and the link is spent', async () => {
    const token = await tokenFor('admin@bangkok.example');
    const res = await answer(token, {
      answeredBy: 'Somchai',
      items: [
        { softwareName: 'ESET Endpoint', edition: 'Protect', licenseCount: 5, purchasedOn: '2026-06-01', staffType: 'contract', accountCode: 'TH-4410' },
        { softwareName: 'Thai OCR', usedVersion: '3.2', language: 'th', licenseCount: 2, purchasedOn: '2027-03-31', recipient: 'Dr. Niran' },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { recorded: 2 });

    const list = (await admin.get(`/api/v1/software-distributions?siteId=${bangkok.id}&origin=local&limit=50`)).json();
    const eset = list.items.find((d: { softwareName: string }) => d.softwareName === 'ESET Endpoint');
    assert.ok(eset, 'the reported line is in the ledger');
    assert.deepEqual(
      [eset.origin, eset.distributedOn, eset.licenseCount, eset.edition, eset.staffType, eset.accountCode, eset.distributor, eset.license],
      ['local', '2026-06-01', 5, 'Protect', 'contract', 'TH-4410', 'Somchai', null],
    );
    assert.match(eset.entryNumber, /^SD-\d{6}$/);
    const ocr = list.items.find((d: { softwareName: string }) => d.softwareName === 'Thai OCR');
    assert.equal(ocr.recipient, 'Dr. Niran');

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, eset.id));
    assert.deepEqual(
      audits.map((a) => [a.action, a.actorLabel]),
      [['software-distribution.created', 'survey: Somchai']],
    );

    const again = await answer(token, { answeredBy: 'Somchai', items: [] }, 'en');
    assert.equal(again.statusCode, 410);
    assert.match(again.json().title, /already been answered/);
    assert.equal((await form(token)).statusCode, 410);
  });

  test('"none bought" is an answer too; the survey shows who answered and what each office reported', async () => {
    const token = await tokenFor('it@nairobi.example');
    const res = await answer(token, { answeredBy: 'Wanjiru', items: [] });
    assert.deepEqual(res.json(), { recorded: 0 });

    const survey = (await admin.get(`/api/v1/software-surveys/${surveyId}`)).json();
    assert.deepEqual(survey.progress, { sites: 3, sent: 3, answered: 2, reported: 2 });
    const byCode = Object.fromEntries(survey.sites.map((s: { site: { code: string } }) => [s.site.code, s]));
    assert.deepEqual(
      [byCode[bangkok.code].state, byCode[bangkok.code].answeredBy, byCode[bangkok.code].reported, byCode[bangkok.code].licenses],
      ['answered', 'Somchai', 2, 7],
    );
    assert.deepEqual([byCode[nairobi.code].state, byCode[nairobi.code].reported], ['answered', 0]);
    assert.equal(byCode[paris.code].state, 'sent');

    // A reminder goes only to the office that has not answered.
    const mailsBefore = (await t.db.select().from(mailOutbox)).length;
    const reminder = await admin.post(`/api/v1/software-surveys/${surveyId}/send`, {});
    assert.equal(reminder.statusCode, 200, reminder.body);
    const newMails = (await t.db.select().from(mailOutbox)).slice(mailsBefore);
    assert.deepEqual(
      newMails.map((m) => m.to),
      ['office@paris.example'],
    );

    // Staff-type aggregation (2.2.n) counts the surveyed licences.
    const byType = (await admin.get('/api/v1/software-distributions/by-staff-type')).json();
    assert.ok(
      byType.items.some(
        (i: { staffType: string; softwareName: string; licenseCount: number }) =>
          i.staffType === 'contract' && i.softwareName === 'ESET Endpoint' && i.licenseCount === 5,
      ),
    );
  });

  test('an expired link is refused; only a manager who sees every site of the survey closes it, and then links answer "closed"', async () => {
    const parisToken = await tokenFor('office@paris.example');
    await t.db
      .update(softwareLocalSurveySites)
      .set({ tokenExpiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(softwareLocalSurveySites.surveyId, surveyId), eq(softwareLocalSurveySites.siteId, paris.id)));
    assert.equal((await form(parisToken)).statusCode, 404);
    await t.db
      .update(softwareLocalSurveySites)
      .set({ tokenExpiresAt: new Date(Date.now() + 86_400_000) })
      .where(and(eq(softwareLocalSurveySites.surveyId, surveyId), eq(softwareLocalSurveySites.siteId, paris.id)));

    const person = await makePerson(t, bangkok.id);
    const { client: local } = await clientFor(t, ['operator'], { kind: 'own' }, person.id);
    const seen = (await local.get(`/api/v1/software-surveys/${surveyId}`)).json();
    assert.deepEqual(
      seen.sites.map((s: { site: { id: string } }) => s.site.id),
      [bangkok.id],
      'a one-site operator sees only its own office of the survey',
    );
    assert.equal(seen.abilities.close, false);
    assert.equal((await local.post(`/api/v1/software-surveys/${surveyId}/close`, {})).statusCode, 403);

    const closed = await admin.post(`/api/v1/software-surveys/${surveyId}/close`, {});
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal(closed.json().abilities.send, false);
    const late = await answer(parisToken, { answeredBy: 'Claire', items: [] });
    assert.equal(late.statusCode, 409);
    assert.equal((await t.db.select().from(softwareDistributions).where(eq(softwareDistributions.siteId, paris.id))).length, 0);
    assert.equal((await admin.post(`/api/v1/software-surveys/${surveyId}/send`, {})).statusCode, 409);
  });
});
