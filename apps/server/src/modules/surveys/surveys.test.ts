import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { tickets } from '../servicedesk/tickets.table.ts';
import { sendSurveyInvitations } from './surveys.jobs.ts';
import { surveyInvitations, surveyResponses } from './surveys.table.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let nyc: { id: string };

before(async () => {
  t = await startTestApp({ publicUrl: 'https://unyo.example' });
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  nyc = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
});
after(async () => {
  await t.close();
});

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function openSurvey(over: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/surveys', {
    name: `利用満足度調査 ${Math.random()}`,
    fiscalYear: 2026,
    opensOn: inDays(-1),
    closesOn: inDays(14),
    ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().status, 'draft');
  assert.equal(res.json().target, 75);
  const opened = await admin.post(`/api/v1/surveys/${res.json().id}/open`);
  assert.equal(opened.statusCode, 200, opened.body);
  return opened.json() as { id: string; name: string };
}

/** The invitation mails of a campaign, by recipient, with the token read from the link. */
async function mailsOf(surveyName: string) {
  const rows = await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'survey.invitation'));
  return rows
    .filter((m) => (m.vars as { survey: string }).survey === surveyName)
    .map((m) => ({ to: m.to, locale: m.locale, subject: m.subject, token: /\/survey\/([A-Za-z0-9_-]+)/.exec(m.text)![1] }));
}

const answers = (time: string, clarity: string, accuracy: string, manner: string) => ({ answers: { time, clarity, accuracy, manner } });
const publicPost = (token: string, body: object, lang = 'ja') =>
  t.app.inject({ method: 'POST', url: `/api/v1/survey-responses/${token}`, payload: body, headers: { 'accept-language': lang } });
const publicGet = (token: string, q = '') => t.app.inject({ method: 'GET', url: `/api/v1/survey-responses/${token}${q}` });

describe('satisfaction survey (S-1)', () => {
  test('scores each respondent as the mean of 4 answers and the campaign as the mean of respondents, against 75', async () => {
    const s = await openSurvey();
    const a = await makePerson(t, tokyo.id, { nameKanji: '佐藤 一郎', email: 'Ichiro.Sato@example.jp' });
    const b = await makePerson(t, tokyo.id, { nameKanji: '鈴木 花子', email: 'hanako.suzuki@example.jp' });
    const c = await makePerson(t, nyc.id, { nameKanji: 'John Smith', nameRomaji: 'John Smith', email: 'john@example.com' });
    await makePerson(t, tokyo.id, { nameKanji: '退職 者', email: 'gone@example.jp', status: 'retired' });
    await makePerson(t, tokyo.id, { nameKanji: '無 メール', email: null });

    const inv = await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [tokyo.id, nyc.id] });
    assert.equal(inv.statusCode, 200, inv.body);
    assert.deepEqual(inv.json(), { added: 3, alreadyInvited: 0 });

    const mails = await mailsOf(s.name);
    assert.deepEqual(mails.map((m) => `${m.to}:${m.locale}`).sort(), ['hanako.suzuki@example.jp:ja', 'ichiro.sato@example.jp:ja', 'john@example.com:en']);
    assert.match(mails.find((m) => m.locale === 'en')!.subject, /satisfaction survey/);
    assert.match(mails.find((m) => m.locale === 'ja')!.subject, /満足度アンケート/);
    const tokenOf = (email: string) => mails.find((m) => m.to === email.toLowerCase())!.token;

    const form = await publicGet(tokenOf(a.email!));
    assert.equal(form.statusCode, 200, form.body);
    assert.equal(form.json().state, 'open');
    assert.deepEqual(
      form.json().questions.map((q: { key: string }) => q.key),
      ['time', 'clarity', 'accuracy', 'manner'],
    );
    assert.equal(form.json().questions[0].ja, '問合せから回答までに要した時間');

    // Hand-computed: A 100,80,80,60 → 80; B 60,60,40,40 → 50; campaign (80+50)/2 = 65 < 75.
    assert.equal((await publicPost(tokenOf(a.email!), answers('satisfied', 'mostly_satisfied', 'mostly_satisfied', 'neutral'))).statusCode, 200);
    const rb = await publicPost(tokenOf(b.email!), {
      ...answers('neutral', 'neutral', 'somewhat_dissatisfied', 'somewhat_dissatisfied'),
      comment: '電話がつながりにくい',
    });
    assert.equal(rb.statusCode, 200, rb.body);

    let res = (await admin.get(`/api/v1/surveys/${s.id}`)).json();
    assert.equal(res.results.respondents, 2);
    assert.equal(res.results.invited, 3);
    assert.equal(res.results.responseRate, 66.7);
    assert.equal(res.results.score, 65);
    assert.equal(res.results.met, false);
    assert.deepEqual(
      res.results.questions.map((q: { key: string; mean: number }) => [q.key, q.mean]),
      [
        ['time', 80],
        ['clarity', 70],
        ['accuracy', 60],
        ['manner', 50],
      ],
    );
    assert.equal(res.results.questions[0].counts.satisfied, 1);
    assert.equal(res.results.questions[0].counts.neutral, 1);
    assert.equal(res.invitations.pending, 0);

    // C all satisfied (100): (80 + 50 + 100) / 3 = 76.67 ≥ 75. A mean over all 12 answers would give the same
    // here; the rule is applied per respondent first all the same.
    assert.equal((await publicPost(tokenOf(c.email!), answers('satisfied', 'satisfied', 'satisfied', 'satisfied'), 'en')).statusCode, 200);
    res = (await admin.get(`/api/v1/surveys/${s.id}`)).json();
    assert.equal(res.results.score, 76.67);
    assert.equal(res.results.met, true);
    assert.equal(res.results.responseRate, 100);
    const nycRow = res.results.bySite.find((x: { site: { id: string } }) => x.site.id === nyc.id);
    assert.deepEqual([nycRow.invited, nycRow.respondents, nycRow.score], [1, 1, 100]);

    // Responses are stored without a link to the invitee.
    const stored = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id));
    assert.equal(stored.length, 3);
    assert.ok(stored.every((r) => !Object.values(r).some((v) => typeof v === 'string' && v.includes('@'))));
    // Nor can they be matched by time: the spent invitation keeps a flag, no moment at or after the first answer.
    const firstAnswer = Math.min(...stored.map((r) => r.answeredAt.getTime()));
    const invites = await t.db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, s.id));
    assert.ok(invites.every((i) => i.answered));
    for (const i of invites) {
      const times = Object.values(i).filter((v): v is Date => v instanceof Date);
      assert.ok(
        times.every((d) => d.getTime() < firstAnswer),
        `no answer time on the invitation: ${JSON.stringify(i)}`,
      );
    }
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, s.id), eq(auditLog.action, 'survey.answered')));
    assert.equal(audits.length, 3);

    // The XLSX report: summary score and one anonymous row per response.
    const x = await admin.get(`/api/v1/surveys/${s.id}/report.xlsx`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sum = wb.getWorksheet('集計')!;
    const cells = new Map<string, unknown>();
    sum.eachRow((row) => cells.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(cells.get('満足度（点）'), 76.67);
    assert.equal(cells.get('目標達成'), '達成');
    const resp = wb.getWorksheet('回答')!;
    assert.equal(resp.rowCount, 4);
    const all = JSON.stringify(resp.getSheetValues());
    assert.ok(!all.includes('@') && !all.includes('佐藤'), 'no names or addresses in the report');
    assert.ok(all.includes('電話がつながりにくい'));
  });

  test('a link works once; closed and expired campaigns refuse answers with a clear problem', async () => {
    const s = await openSurvey();
    const site = await makeSite(t, { kind: 'regional' });
    await makePerson(t, site.id, { nameKanji: '高橋 次郎', email: 'jiro@example.jp' });
    await makePerson(t, site.id, { nameKanji: '田中 三郎', email: 'saburo@example.jp' });
    await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [site.id] });
    const [m1, m2] = await mailsOf(s.name);

    assert.equal((await publicPost(m1.token, answers('satisfied', 'satisfied', 'satisfied', 'satisfied'))).statusCode, 200);
    const again = await publicPost(m1.token, answers('dissatisfied', 'dissatisfied', 'dissatisfied', 'dissatisfied'));
    assert.equal(again.statusCode, 410);
    assert.equal(again.json().title, 'このアンケートは回答済みです。ご協力ありがとうございました');
    assert.equal((await publicGet(m1.token)).json().state, 'answered');
    assert.equal((await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, s.id))).length, 1);

    const unknown = await publicGet('x'.repeat(43));
    assert.equal(unknown.statusCode, 404);
    const bad = await publicPost(m2.token, { answers: { time: 'satisfied', clarity: 'great' } }, 'en');
    assert.equal(bad.statusCode, 422);
    assert.ok(bad.json().errors.some((e: { path: string }) => e.path === 'answers.clarity'));
    assert.ok(bad.json().errors.some((e: { path: string }) => e.path === 'answers.accuracy'));

    const closed = await admin.post(`/api/v1/surveys/${s.id}/close`);
    assert.equal(closed.statusCode, 200);
    assert.equal(closed.json().abilities.invite, false);
    assert.equal((await publicGet(m2.token, '?lang=en')).json().state, 'closed');
    const late = await publicPost(m2.token, answers('satisfied', 'satisfied', 'satisfied', 'satisfied'), 'en');
    assert.equal(late.statusCode, 410);
    assert.equal(late.json().title, 'This survey is no longer accepting answers');
    assert.equal((await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [site.id] })).statusCode, 409);
    assert.equal((await admin.patch(`/api/v1/surveys/${s.id}`, { target: 80 })).statusCode, 409);

    // Past the closing day (in the respondent's zone) the link has expired even if nobody closed the campaign.
    const old = await openSurvey({ opensOn: inDays(-30), closesOn: inDays(-2) });
    const site2 = await makeSite(t, { kind: 'regional' });
    await makePerson(t, site2.id, { nameKanji: '伊藤 四郎', email: 'shiro@example.jp' });
    await admin.post(`/api/v1/surveys/${old.id}/invitations`, { audience: 'sites', siteIds: [site2.id] });
    const [m3] = await mailsOf(old.name);
    assert.equal((await publicGet(m3.token)).json().state, 'expired');
    assert.equal((await publicPost(m3.token, answers('satisfied', 'satisfied', 'satisfied', 'satisfied'))).statusCode, 410);
  });

  test('each person is mailed exactly once across audiences; requesters of tickets resolved in the period are invited', async () => {
    const s = await openSurvey();
    const site = await makeSite(t, { kind: 'regional' });
    const p = await makePerson(t, site.id, { nameKanji: '山本 五郎', email: 'goro@example.jp' });
    const ticket = (over: Partial<typeof tickets.$inferInsert>) =>
      t.db
        .insert(tickets)
        .values({ number: `HD-T-${Math.random()}`, channel: 'mail', siteId: site.id, subject: 'PC', receivedAt: new Date('2026-03-01T00:00:00Z'), ...over });
    await ticket({ requesterPersonId: p.id, resolvedAt: new Date('2026-03-10T03:00:00Z') });
    await ticket({ requesterEmail: 'Visitor@Partner.example', requesterName: 'Mary Jones', language: 'en', resolvedAt: new Date('2026-03-31T14:30:00Z') }); // 3/31 23:30 JST
    await ticket({ requesterEmail: 'late@partner.example', resolvedAt: new Date('2026-03-31T15:30:00Z') }); // 4/1 00:30 JST: outside
    await ticket({ requesterEmail: 'open@partner.example', resolvedAt: null });

    assert.deepEqual((await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [site.id] })).json(), {
      added: 1,
      alreadyInvited: 0,
    });
    const r = await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'requesters', resolvedFrom: '2026-03-01', resolvedTo: '2026-03-31' });
    assert.deepEqual(r.json(), { added: 1, alreadyInvited: 1 });
    assert.deepEqual((await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [site.id] })).json(), {
      added: 0,
      alreadyInvited: 1,
    });

    const mails = await mailsOf(s.name);
    assert.deepEqual(mails.map((m) => `${m.to}:${m.locale}`).sort(), ['goro@example.jp:ja', 'visitor@partner.example:en']);
    const dto = (await admin.get(`/api/v1/surveys/${s.id}`)).json();
    assert.deepEqual(dto.invitations, { total: 2, mailed: 2, pending: 0 });

    const bad = await admin.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'requesters', resolvedFrom: '2026-03-31', resolvedTo: '2026-03-01' });
    assert.equal(bad.statusCode, 422);
  });

  test('the mailing job works in batches and never mails an invitation twice', async () => {
    const s = await openSurvey();
    await t.db
      .insert(surveyInvitations)
      .values([1, 2, 3, 4, 5].map((i) => ({ surveyId: s.id, email: `batch${i}@example.jp`, name: `バッチ ${i}`, source: 'sites' })));
    assert.equal(await sendSurveyInvitations(t.db, t.config, t.jobs, s.id, 2), 5);
    assert.equal(await sendSurveyInvitations(t.db, t.config, t.jobs, s.id, 2), 0);
    assert.equal((await mailsOf(s.name)).length, 5);
    const rows = await t.db.select().from(surveyInvitations).where(eq(surveyInvitations.surveyId, s.id));
    assert.ok(rows.every((r) => r.mailedAt && r.tokenHash && r.tokenHash.length === 64 && r.mailId));
    const batches = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, s.id), eq(auditLog.action, 'survey.invitations_mailed')));
    assert.equal(batches.length, 3);
  });

  test('permissions: staff read, operators run, requesters and out-of-scope sites are refused', async () => {
    const s = await openSurvey();
    const { client: supervisor } = await clientFor(t, ['supervisor']);
    const { client: requester } = await clientFor(t, ['requester']);
    const { client: regional } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [tokyo.id] });

    const list = await supervisor.get('/api/v1/surveys');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.some((x: { id: string }) => x.id === s.id));
    assert.equal(list.json().items[0].abilities.close, false);
    assert.equal((await supervisor.get(`/api/v1/surveys/${s.id}/report.xlsx`)).statusCode, 200);
    assert.equal((await supervisor.post('/api/v1/surveys', { name: 'x', fiscalYear: 2026, opensOn: today(), closesOn: today() })).statusCode, 403);
    assert.equal((await supervisor.post(`/api/v1/surveys/${s.id}/close`)).statusCode, 403);
    assert.equal((await requester.get('/api/v1/surveys')).statusCode, 403);

    const out = await regional.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [nyc.id] });
    assert.equal(out.statusCode, 422);
    assert.equal(out.json().errors[0].path, 'siteIds');
    assert.equal((await regional.post(`/api/v1/surveys/${s.id}/invitations`, { audience: 'sites', siteIds: [tokyo.id] })).statusCode, 200);

    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/surveys' });
    assert.equal(anon.statusCode, 401);
    const draft = await admin.post('/api/v1/surveys', { name: 'x', fiscalYear: 2026, opensOn: today(), closesOn: inDays(-1) });
    assert.equal(draft.statusCode, 422);
    assert.equal(draft.json().errors[0].path, 'closesOn');
  });
});
