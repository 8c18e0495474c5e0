import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { PgFileStore } from '../../platform/files/store.ts';
import { type Client, clientFor, loginAdmin, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { ticketCategories } from '../servicedesk/tickets.table.ts';
import { significantTerms } from './knowledge.search.ts';
import { kbArticleVersions } from './knowledge.table.ts';

let t: TestApp;
let admin: Client;
let operator: Client;
let operatorId: string;
let requester: Client;
let requesterEn: Client;
let auditor: Client;
let categoryId: string;
const ids: Record<string, string> = {};

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa3e0b2ac0000000049454e44ae426082',
  'hex',
);

const article = (over: Record<string, unknown> = {}) => ({
  ja: { title: 'VPNに接続できないときの対処', body: 'VPNクライアントを再起動し、社内ネットワークへの接続を確認してください。' },
  en: { title: 'Cannot connect to the VPN', body: 'Restart the VPN client and check the connection to the office network.' },
  visibility: 'published',
  status: 'published',
  tags: ['vpn', 'network'],
  ...over,
});

async function create(body: Record<string, unknown>, c: Client = operator) {
  const res = await c.post('/api/v1/kb/articles', body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  const op = await clientFor(t, ['operator']);
  operator = op.client;
  operatorId = op.user.id;
  const site = await makeSite(t, { kind: 'hq' });
  const overseas = await makeSite(t, { kind: 'overseas', country: 'US', timeZone: 'America/New_York' });
  requester = (await clientFor(t, ['requester'], { kind: 'own' }, (await makePerson(t, site.id)).id)).client;
  requesterEn = (await clientFor(t, ['requester'], { kind: 'own' }, (await makePerson(t, overseas.id, { nameKanji: 'John Smith' })).id)).client;
  requesterEn.lang = 'en';
  auditor = (await clientFor(t, ['auditor'])).client;
  [{ id: categoryId }] = await t.db.select({ id: ticketCategories.id }).from(ticketCategories).limit(1);

  ids.vpn = (await create(article({ categoryId }))).id;
  ids.printer = (
    await create(
      article({
        ja: { title: 'プリンターで印刷できない', body: '用紙切れと紙詰まりを確認します。複合機の電源を入れ直してください。' },
        en: { title: 'Printing does not work', body: 'Check for paper jams and empty trays. Restart the multifunction printer.' },
        tags: ['printer'],
      }),
    )
  ).id;
  // Japanese only, internal: operators find it, requesters never do.
  ids.internal = (
    await create(article({ ja: { title: '内部手順：VPN証明書の再発行', body: '証明書管理画面で再発行する。' }, en: {}, visibility: 'internal', tags: [] }))
  ).id;
  ids.draft = (await create(article({ ja: { title: '下書き：VPNの新方式', body: '未確定' }, en: {}, status: 'draft' }))).id;
  // English only, published: a Japanese requester still gets it (fallback to the other language).
  ids.enOnly = (await create(article({ ja: {}, en: { title: 'Wi-Fi at the New York office', body: 'Use the guest SSID for visitors.' }, tags: ['wifi'] }))).id;
});
after(async () => {
  await t.close();
});

const search = async (c: Client, q: string, extra = '') => {
  const res = await c.get(`/api/v1/kb/articles?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: { id: string; title: string; lang: string }[]; total: number };
};

describe('knowledge search (5.2.a, 5.6.b)', () => {
  test('finds Japanese substrings of one, two and three or more characters, and English words', async () => {
    assert.deepEqual(
      (await search(operator, '紙')).items.map((a) => a.id),
      [ids.printer],
      'one character',
    );
    assert.deepEqual(
      (await search(operator, '印刷')).items.map((a) => a.id),
      [ids.printer],
      'two characters',
    );
    assert.deepEqual(
      (await search(operator, '複合機')).items.map((a) => a.id),
      [ids.printer],
      'three characters',
    );
    assert.deepEqual(
      (await search(operator, 'ネットワーク')).items.map((a) => a.id),
      [ids.vpn],
      'katakana word in a body',
    );
    assert.deepEqual(
      (await search(operator, 'paper jams')).items.map((a) => a.id),
      [ids.printer],
      'English words, both required',
    );
    assert.deepEqual(
      (await search(operator, 'ＰＲＩＮＴＥＲ')).items.map((a) => a.id),
      [ids.printer],
      'full-width is folded',
    );
    assert.equal((await search(operator, '存在しない語')).total, 0);
  });

  test('title hits rank above body hits', async () => {
    const body = await create(article({ ja: { title: '社内ネットワークの基本', body: 'VPNについては別記事を参照。' }, en: {}, tags: [] }));
    const found = (await search(operator, 'VPN')).items.map((a) => a.id);
    assert.ok(found.includes(body.id));
    assert.ok(found.indexOf(ids.vpn) < found.indexOf(body.id), 'the article titled VPN comes first');
  });

  test('requesters see only published articles, in their language first with a fallback; operators see internal ones', async () => {
    const asOperator = (await search(operator, 'VPN')).items.map((a) => a.id);
    assert.ok(asOperator.includes(ids.internal) && asOperator.includes(ids.draft));
    const asRequester = (await search(requester, 'VPN')).items.map((a) => a.id);
    assert.ok(asRequester.includes(ids.vpn));
    assert.ok(!asRequester.includes(ids.internal) && !asRequester.includes(ids.draft));
    assert.equal((await requester.get(`/api/v1/kb/articles/${ids.internal}`)).statusCode, 404);

    const all = (await requester.get('/api/v1/kb/articles?lang=ja')).json().items as { id: string; lang: string }[];
    assert.equal(all.find((a) => a.id === ids.enOnly)?.lang, 'en', 'an English-only article is shown in English');
    assert.equal(all[all.length - 1].id, ids.enOnly, 'articles in the reader language come first');
    const en = (await search(requesterEn, 'VPN', '&lang=en')).items.find((a) => a.id === ids.vpn);
    assert.equal(en?.title, 'Cannot connect to the VPN', 'the English requester reads the English title');
  });

  test('filters by category and visibility; people without kb.read or portal.use are refused', async () => {
    assert.deepEqual(
      (await operator.get(`/api/v1/kb/articles?categoryId=${categoryId}`)).json().items.map((a: { id: string }) => a.id),
      [ids.vpn],
    );
    const internal = (await operator.get('/api/v1/kb/articles?visibility=internal')).json().items.map((a: { id: string }) => a.id);
    assert.deepEqual(internal, [ids.internal]);
    assert.equal((await auditor.get('/api/v1/kb/articles')).statusCode, 200, 'auditors read through kb.read');
    const nobody = (await clientFor(t, [])).client;
    assert.equal((await nobody.get('/api/v1/kb/articles')).statusCode, 403);
    assert.equal((await requester.post('/api/v1/kb/articles', article())).statusCode, 403);
    assert.equal((await auditor.post('/api/v1/kb/articles', article())).statusCode, 403);
  });
});

describe('suggestions while an inquiry is typed (5.4.b)', () => {
  test('significant terms split Japanese at particles and drop stopwords', () => {
    assert.deepEqual(significantTerms('VPNに接続できません'), ['vpn', '接続']);
    assert.deepEqual(significantTerms('I cannot print to the printer on floor 3'), ['printer', 'print', 'floor']);
  });

  test('typing 「VPNに接続できません」 suggests the VPN article first, published only', async () => {
    const res = await requester.get(`/api/v1/kb/suggest?text=${encodeURIComponent('VPNに接続できません')}`);
    assert.equal(res.statusCode, 200, res.body);
    const { items, terms } = res.json();
    assert.deepEqual(terms, ['vpn', '接続']);
    assert.equal(items[0].id, ids.vpn);
    assert.ok(!items.some((a: { id: string }) => a.id === ids.internal || a.id === ids.draft));
    const none = (await requester.get(`/api/v1/kb/suggest?text=${encodeURIComponent('こんにちは')}`)).json();
    assert.deepEqual(none.items, []);
    assert.equal((await auditor.get('/api/v1/kb/suggest?text=vpn')).statusCode, 403, 'suggestions are a portal feature');
  });
});

describe('article content, versions and screenshots (5.6.c)', () => {
  test('a language is all or nothing, and at least one is required', async () => {
    const half = await operator.post('/api/v1/kb/articles', article({ en: { title: 'Title only' } }));
    assert.equal(half.statusCode, 422);
    assert.deepEqual(
      half.json().errors.map((e: { path: string }) => e.path),
      ['en.body'],
    );
    const empty = await operator.post('/api/v1/kb/articles', article({ ja: {}, en: {} }));
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.json().errors.some((e: { path: string }) => e.path === 'ja.title'));
  });

  test('every save is a new immutable version; an old one can be viewed and restored', async () => {
    const a = await create(article({ ja: { title: '版管理の記事', body: '初版の本文' }, en: {} }));
    assert.equal(a.number.startsWith('KB-'), true);
    const upd = await operator.request(
      'PATCH',
      `/api/v1/kb/articles/${a.id}`,
      article({ ja: { title: '版管理の記事', body: '第二版の本文' }, en: {}, note: '手順を更新' }),
      {
        'if-match': '"v1"',
      },
    );
    assert.equal(upd.statusCode, 200, upd.body);
    assert.equal(upd.json().version, 2);
    const stale = await operator.request('PATCH', `/api/v1/kb/articles/${a.id}`, article({ ja: { title: '版管理の記事', body: '競合' }, en: {} }), {
      'if-match': '"v1"',
    });
    assert.equal(stale.statusCode, 412, 'a save based on an old version is refused');

    const list = (await operator.get(`/api/v1/kb/articles/${a.id}/versions`)).json().items;
    assert.deepEqual(
      list.map((v: { number: number }) => v.number),
      [2, 1],
    );
    assert.equal(list[0].note, '手順を更新');
    const v1 = (await operator.get(`/api/v1/kb/articles/${a.id}/versions/1`)).json();
    assert.equal(v1.ja.body, '初版の本文');

    const restored = await operator.post(`/api/v1/kb/articles/${a.id}/versions/1/restore`);
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().version, 3);
    assert.equal(restored.json().ja.body, '初版の本文');
    assert.equal((await search(operator, '初版')).items[0]?.id, a.id, 'search follows the current version');
    assert.equal((await search(operator, '第二版')).total, 0);
    const [v3] = await t.db.select().from(kbArticleVersions).where(eq(kbArticleVersions.number, 3));
    assert.equal(v3.restoredFrom, 1);
    await assert.rejects(t.db.execute(sql`update kb_article_versions set body_ja = 'x' where article_id = ${a.id}`), 'versions are immutable');
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, a.id));
    assert.deepEqual(audits.map((x) => x.action).sort(), ['kb-article.created', 'kb-article.restored', 'kb-article.updated']);
    assert.equal((await requester.get(`/api/v1/kb/articles/${a.id}/versions`)).statusCode, 403, 'history is internal');
  });

  test('screenshots must be images uploaded by the writer and are served to requesters through the article', async () => {
    const store = new PgFileStore();
    const img = await store.put(t.db, { name: 'vpn.png', contentType: 'image/png', data: PNG, createdBy: operatorId });
    const pdf = await store.put(t.db, { name: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4'), createdBy: operatorId });
    const foreign = await store.put(t.db, { name: 'other.png', contentType: 'image/png', data: PNG, createdBy: null });
    const bad = await operator.post('/api/v1/kb/articles', article({ screenshotFileIds: [img.id, pdf.id, foreign.id] }));
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad.json().errors.map((e: { path: string }) => e.path),
      ['screenshotFileIds.1', 'screenshotFileIds.2'],
    );
    const a = await create(article({ ja: { title: '画面付き', body: `手順\n![設定画面](file:${img.id})` }, en: {}, screenshotFileIds: [img.id] }));
    assert.equal(a.screenshots[0].url, `/api/v1/kb/articles/${a.id}/images/${img.id}`);
    const shot = await requester.get(a.screenshots[0].url);
    assert.equal(shot.statusCode, 200);
    assert.equal(shot.headers['content-type'], 'image/png');
    assert.equal((await requester.get(`/api/v1/kb/articles/${a.id}/images/${foreign.id}`)).statusCode, 404, 'only the article images');
    assert.equal((await requester.get(`/api/v1/files/${img.id}/content`)).statusCode, 403, 'not through the files API');
    // Another writer may keep the screenshot when editing (it is the article's already).
    const other = (await clientFor(t, ['operator'])).client;
    const kept = await other.request(
      'PATCH',
      `/api/v1/kb/articles/${a.id}`,
      article({ ja: { title: '画面付き', body: '改訂' }, en: {}, screenshotFileIds: [img.id] }),
    );
    assert.equal(kept.statusCode, 200, kept.body);
    void admin;
  });
});
