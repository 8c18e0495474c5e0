import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { mailOutbox } from '../../platform/mail/mail.table.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { notices } from './knowledge.table.ts';
import { noticeBroadcastJob, sendBroadcastBatch } from './notices.broadcast.ts';

let t: TestApp;
let admin: Client;
let tokyo: { id: string };
let osaka: { id: string };
let nyc: { id: string };
let reqTokyo: Client;
let reqNyc: Client;
let reqOsaka: Client;

const hour = 3600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const notice = (over: Record<string, unknown> = {}) => ({
  ja: { title: '停電に伴うシステム停止', body: '土曜日の9時から12時まで全システムが停止します。' },
  en: {},
  severity: 'maintenance',
  status: 'published',
  siteIds: [tokyo.id],
  publishFrom: iso(-hour),
  publishUntil: iso(24 * hour),
  ...over,
});

async function create(body: Record<string, unknown>, c: Client = admin) {
  const res = await c.post('/api/v1/notices', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  tokyo = await makeSite(t, { kind: 'hq' });
  osaka = await makeSite(t, { kind: 'regional' });
  nyc = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
  reqTokyo = (await clientFor(t, ['requester'], { kind: 'own' }, (await makePerson(t, tokyo.id)).id)).client;
  reqOsaka = (await clientFor(t, ['requester'], { kind: 'own' }, (await makePerson(t, osaka.id)).id)).client;
  reqNyc = (await clientFor(t, ['requester'], { kind: 'own' }, (await makePerson(t, nyc.id, { nameKanji: 'Jane Doe' })).id)).client;
});
after(async () => {
  await t.close();
});

const portalTitles = async (c: Client, lang = 'ja') => {
  const res = await c.get(`/api/v1/portal/notices?lang=${lang}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { title: string }[]).map((n) => n.title);
};

describe('bilingual notices (3.1.1.f, 5.1.d)', () => {
  test('English is required as soon as an overseas office is targeted, with field paths', async () => {
    const res = await admin.post('/api/v1/notices', notice({ siteIds: [tokyo.id, nyc.id] }));
    assert.equal(res.statusCode, 422);
    const errors = res.json().errors as { path: string; message: string }[];
    assert.deepEqual(
      errors.map((e) => e.path),
      ['en.title', 'en.body'],
    );
    assert.match(errors[0].message, /海外拠点/);
    const all = await admin.post('/api/v1/notices', notice({ targetAll: true, siteIds: [] }));
    assert.equal(all.statusCode, 422, 'all sites include the overseas one');
    const half = await admin.post('/api/v1/notices', notice({ en: { title: 'Power outage' } }));
    assert.deepEqual(
      half.json().errors.map((e: { path: string }) => e.path),
      ['en.body'],
      'English is a complete pair or absent',
    );
    const noTarget = await admin.post('/api/v1/notices', notice({ siteIds: [] }));
    assert.deepEqual(
      noTarget.json().errors.map((e: { path: string }) => e.path),
      ['siteIds'],
    );
    const window = await admin.post('/api/v1/notices', notice({ publishUntil: iso(-2 * hour) }));
    assert.deepEqual(
      window.json().errors.map((e: { path: string }) => e.path),
      ['publishUntil'],
    );
    const ok = await create(
      notice({ siteIds: [tokyo.id, nyc.id], en: { title: 'Systems down for a power outage', body: 'All systems stop on Saturday 9:00-12:00 JST.' } }),
    );
    assert.deepEqual(ok.sites.map((s: { id: string }) => s.id).sort(), [tokyo.id, nyc.id].sort());
    assert.equal(ok.current, true);
  });

  test('the portal shows current notices for the requester site and all sites, in their language', async () => {
    await create(notice({ ja: { title: '東京向け', body: '本文' } }));
    await create(notice({ ja: { title: '大阪向け', body: '本文' }, siteIds: [osaka.id] }));
    await create(
      notice({
        ja: { title: '全拠点向け', body: '本文' },
        en: { title: 'For every office', body: 'Body' },
        targetAll: true,
        siteIds: [],
        severity: 'critical',
      }),
    );
    await create(notice({ ja: { title: '東京・予定', body: '本文' }, publishFrom: iso(hour), publishUntil: null }));
    await create(notice({ ja: { title: '東京・終了', body: '本文' }, publishFrom: iso(-3 * hour), publishUntil: iso(-hour) }));
    await create(notice({ ja: { title: '東京・下書き', body: '本文' }, status: 'draft' }));

    const tokyoSees = await portalTitles(reqTokyo);
    assert.equal(tokyoSees[0], '全拠点向け', 'critical first');
    assert.ok(tokyoSees.includes('東京向け'));
    for (const hidden of ['大阪向け', '東京・予定', '東京・終了', '東京・下書き']) assert.ok(!tokyoSees.includes(hidden), hidden);
    assert.deepEqual((await portalTitles(reqOsaka)).sort(), ['全拠点向け', '大阪向け'].sort());
    const nycSees = await portalTitles(reqNyc, 'en');
    assert.ok(nycSees.includes('For every office') && nycSees.includes('Systems down for a power outage'));
    assert.ok(!nycSees.includes('東京向け'));
    assert.equal((await reqTokyo.get('/api/v1/notices')).statusCode, 403, 'requesters use the portal list only');
  });

  test('a broadcast mails the people of the target sites once, in their language, in batches with progress', async () => {
    const site = await makeSite(t, { kind: 'regional' });
    const far = await makeSite(t, { kind: 'overseas', country: 'GB', timeZone: 'Europe/London' });
    await makePerson(t, site.id, { nameKanji: '佐藤 一郎', email: 'sato@example.jp' });
    await makePerson(t, site.id, { nameKanji: 'Maria Garcia', email: 'maria@example.jp' });
    await makePerson(t, site.id, { nameKanji: '鈴木 次郎', email: null });
    await makePerson(t, site.id, { nameKanji: '退職 者', email: 'retired@example.jp', status: 'retired' });
    await makePerson(t, far.id, { nameKanji: '田中 花子', nameRomaji: 'Hanako Tanaka', email: 'tanaka@example.uk' });
    await makePerson(t, tokyo.id, { nameKanji: '対象外', email: 'other@example.jp' });
    const n = await create(
      notice({ siteIds: [site.id, far.id], ja: { title: 'メール配信テスト', body: '配信本文' }, en: { title: 'Broadcast test', body: 'Broadcast body' } }),
    );

    const first = await admin.post(`/api/v1/notices/${n.id}/broadcast`);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().broadcast.status, 'queued');
    assert.equal(first.json().broadcast.total, 3);
    assert.equal(first.json().abilities.broadcast, false);

    const jobCtx = { db: t.db, config: t.config, queue: t.jobs, jobId: null, log: () => {} };
    assert.equal(await sendBroadcastBatch(t.db, t.config, t.jobs, n.id, 2), true, 'more to send after the first batch');
    const mid = (await admin.get(`/api/v1/notices/${n.id}`)).json().broadcast;
    assert.deepEqual([mid.status, mid.sent], ['sending', 2]);
    await noticeBroadcastJob.handler({ noticeId: n.id }, jobCtx);
    // Asking again and re-running the job mail nobody twice.
    assert.equal((await admin.post(`/api/v1/notices/${n.id}/broadcast`)).json().broadcast.sent, 3);
    await noticeBroadcastJob.handler({ noticeId: n.id }, jobCtx);

    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.template, 'notice.broadcast'));
    const got = Object.fromEntries(mails.map((m) => [m.to, m.locale]));
    assert.deepEqual(got, { 'sato@example.jp': 'ja', 'maria@example.jp': 'en', 'tanaka@example.uk': 'en' });
    const tanaka = mails.find((m) => m.to === 'tanaka@example.uk')!;
    assert.match(tanaka.subject, /Broadcast test/);
    assert.match(tanaka.text, /Dear Hanako Tanaka/);
    const done = (await admin.get(`/api/v1/notices/${n.id}`)).json().broadcast;
    assert.deepEqual([done.status, done.sent, done.total], ['done', 3, 3]);
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, n.id));
    assert.deepEqual(audits.map((a) => a.action).sort(), ['notice.broadcast-finished', 'notice.broadcast-requested', 'notice.created']);
  });

  test('a draft is not broadcast', async () => {
    const n = await create(notice({ status: 'draft' }));
    const res = await admin.post(`/api/v1/notices/${n.id}/broadcast`);
    assert.equal(res.statusCode, 409);
    const [row] = await t.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.template, 'notice.broadcast'), eq(mailOutbox.to, 'other@example.jp')));
    assert.equal(row, undefined);
  });

  test('a broadcast asked for before the publish window waits for the window to start', async () => {
    const site = await makeSite(t, { kind: 'regional' });
    await makePerson(t, site.id, { nameKanji: '予約 配信', email: 'scheduled@example.jp' });
    const n = await create(notice({ siteIds: [site.id], publishFrom: iso(2 * hour), publishUntil: iso(24 * hour), ja: { title: '予定', body: '本文' } }));
    const res = await admin.post(`/api/v1/notices/${n.id}/broadcast`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().broadcast.status, 'queued');
    const jobCtx = { db: t.db, config: t.config, queue: t.jobs, jobId: null, log: () => {} };
    await noticeBroadcastJob.handler({ noticeId: n.id }, jobCtx);
    const mailed = () => t.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'scheduled@example.jp'));
    assert.equal((await mailed()).length, 0, 'nobody is mailed about a notice the portal does not show yet');
    assert.equal((await admin.get(`/api/v1/notices/${n.id}`)).json().broadcast.status, 'queued', 'still scheduled');
    // The window starts: the (delayed or swept) job mails it.
    await t.db
      .update(notices)
      .set({ publishFrom: new Date(Date.now() - 1000) })
      .where(eq(notices.id, n.id));
    await noticeBroadcastJob.handler({ noticeId: n.id }, jobCtx);
    assert.equal((await mailed()).length, 1);
    assert.equal((await admin.get(`/api/v1/notices/${n.id}`)).json().broadcast.status, 'done');
  });

  test('site-scoped operators manage only notices of their sites; readers cannot write', async () => {
    const scoped = (await clientFor(t, ['operator'], { kind: 'sites', siteIds: [osaka.id] })).client;
    assert.equal((await scoped.post('/api/v1/notices', notice({ targetAll: true, siteIds: [], en: { title: 'x', body: 'y' } }))).statusCode, 403);
    const outside = await scoped.post('/api/v1/notices', notice({ siteIds: [tokyo.id] }));
    assert.equal(outside.statusCode, 422);
    assert.deepEqual(
      outside.json().errors.map((e: { path: string }) => e.path),
      ['siteIds.0'],
    );
    const own = await create(notice({ siteIds: [osaka.id], ja: { title: '大阪スコープ', body: '本文' } }), scoped);
    assert.equal(own.abilities.update, true);

    const listed = (await scoped.get('/api/v1/notices?limit=100')).json().items as { id: string; targetAll: boolean; sites: { id: string }[] }[];
    assert.ok(
      listed.every((x) => x.targetAll || x.sites.some((s) => s.id === osaka.id)),
      'only all-site notices and Osaka ones',
    );
    const allSite = listed.find((x) => x.targetAll)!;
    assert.equal((await scoped.request('PATCH', `/api/v1/notices/${allSite.id}`, notice({ siteIds: [osaka.id] }))).statusCode, 403);
    const tokyoOnly = (await admin.get('/api/v1/notices?limit=100'))
      .json()
      .items.find((x: { sites: { id: string }[]; targetAll: boolean }) => !x.targetAll && x.sites.every((s) => s.id === tokyo.id));
    assert.equal((await scoped.get(`/api/v1/notices/${tokyoOnly.id}`)).statusCode, 404);

    const auditor = (await clientFor(t, ['auditor'])).client;
    assert.equal((await auditor.get('/api/v1/notices')).statusCode, 200);
    assert.equal((await auditor.post('/api/v1/notices', notice())).statusCode, 403);
    assert.equal((await auditor.post(`/api/v1/notices/${own.id}/broadcast`)).statusCode, 403);
  });
});
