import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PersonListQuery } from '@unyo/contracts';
import { count, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { ADMIN, clientFor, loginAdmin, makeDepartment, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { users } from '../access/access.table.ts';
import { actorOf } from '../access/auth.service.ts';
import { people, sites } from './org.table.ts';
import { findPersonPage } from './people.repo.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0].n;

describe('sites, departments and people', () => {
  test('admin creates a site, a department and a person with Japanese names, and finds the person by kana', async () => {
    const admin = await loginAdmin(t.app);
    const site = await admin.post('/api/v1/sites', {
      code: 'NYC2',
      kind: 'overseas',
      nameJa: 'ニューヨーク事務所',
      nameEn: 'New York',
      country: 'us',
      timeZone: 'America/New_York',
      officeCode: 'US-NY1',
      accountCode: '5101',
    });
    assert.equal(site.statusCode, 201, site.body);
    assert.equal(site.json().country, 'US');
    assert.equal(site.headers.etag, '"v1"');
    const dept = await admin.post('/api/v1/departments', {
      code: 'NYC2-OFF',
      nameJa: '事務所',
      nameEn: 'Office',
      siteId: site.json().id,
      mail: 'nyc@example.jp',
    });
    assert.equal(dept.statusCode, 201, dept.body);
    const person = await admin.post('/api/v1/people', {
      employeeNumber: '900001',
      nameKanji: '髙橋 﨑子',
      nameKana: 'タカハシ サキコ',
      nameRomaji: 'Sakiko Takahashi',
      staffType: 'contract',
      siteId: site.json().id,
      departmentId: dept.json().id,
      email: 'sakiko@example.jp',
      startDate: '2024-04-01',
    });
    assert.equal(person.statusCode, 201, person.body);
    assert.equal(person.json().department.code, 'NYC2-OFF');
    assert.equal(person.json().abilities.update, true);

    const found = await admin.get(`/api/v1/people?q=${encodeURIComponent('タカハシ')}`);
    assert.equal(found.statusCode, 200);
    assert.deepEqual(
      found.json().items.map((p: { employeeNumber: string }) => p.employeeNumber),
      ['900001'],
    );
    assert.equal(found.json().total, 1);
    // One- and two-character searches (the grams index), half-width kana folded: 﨑子, 髙, ｻｷ.
    for (const q of ['﨑子', '髙', 'ｻｷ']) {
      const short = await admin.get(`/api/v1/people?q=${encodeURIComponent(q)}`);
      assert.deepEqual(
        short.json().items.map((p: { employeeNumber: string }) => p.employeeNumber),
        ['900001'],
        q,
      );
    }
    assert.equal((await admin.get(`/api/v1/people?q=${encodeURIComponent('子﨑')}`)).json().total, 0);

    const audit = await admin.get(`/api/v1/audit?entityType=person&entityId=${person.json().id}`);
    assert.equal(audit.json().items[0].action, 'person.created');
    assert.equal(audit.json().items[0].after.nameKanji, '髙橋 﨑子');
    assert.equal(audit.json().items[0].after.searchGrams, undefined, 'search grams are not part of the audit record');
  });

  test('bad input returns problem+json naming each field, in the requested language, and writes nothing', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const [before] = await t.db.select({ n: count() }).from(people);
    const audits = await auditCount();
    const res = await admin.post('/api/v1/people', {
      employeeNumber: 'bad number!',
      nameKanji: '',
      nameKana: 'abc',
      staffType: 'boss',
      siteId: site.id,
      startDate: '2024-05-01',
      endDate: '2024-04-01',
    });
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    const body = res.json();
    const paths = body.errors.map((e: { path: string }) => e.path);
    for (const p of ['employeeNumber', 'nameKanji', 'nameKana', 'staffType']) assert.ok(paths.includes(p), `missing ${p} in ${paths}`);
    assert.equal(body.title, '入力内容に誤りがあります');
    assert.ok(body.errors.some((e: { message: string }) => e.message === 'かな・カナで入力してください'));
    assert.equal((await t.db.select({ n: count() }).from(people))[0].n, before.n);
    assert.equal(await auditCount(), audits);

    await admin.patch('/api/v1/me', { locale: 'en' });
    const en = await admin.post('/api/v1/people', { employeeNumber: 'X1', nameKanji: 'x', nameKana: 'abc', staffType: 'regular', siteId: site.id });
    assert.equal(en.json().title, 'The request has invalid fields');
    assert.deepEqual(en.json().errors, [{ path: 'nameKana', message: 'Use hiragana or katakana only' }]);
    await admin.patch('/api/v1/me', { locale: 'ja' });
  });

  test('a duplicate natural key is a 409 naming the field, and the transaction leaves nothing behind', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    await makePerson(t, site.id, { employeeNumber: 'DUP-1' });
    const audits = await auditCount();
    const res = await admin.post('/api/v1/people', { employeeNumber: 'DUP-1', nameKanji: '重複', staffType: 'regular', siteId: site.id });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().errors[0].path, 'employeeNumber');
    assert.equal(await auditCount(), audits);
  });

  test('a department of another site, an unknown site and a department cycle are refused', async () => {
    const admin = await loginAdmin(t.app);
    const a = await makeSite(t);
    const b = await makeSite(t);
    const deptB = await makeDepartment(t, b.id);
    const wrong = await admin.post('/api/v1/people', {
      employeeNumber: 'X-DS',
      nameKanji: '部署違い',
      staffType: 'regular',
      siteId: a.id,
      departmentId: deptB.id,
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().errors[0].path, 'departmentId');
    const unknown = await admin.post('/api/v1/departments', { code: 'X-UNK', nameJa: 'x', nameEn: 'x', siteId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().errors[0].path, 'siteId');
    const parent = await makeDepartment(t, a.id);
    const child = await makeDepartment(t, a.id, { parentId: parent.id });
    const cycle = await admin.patch(`/api/v1/departments/${parent.id}`, { parentId: child.id });
    assert.equal(cycle.statusCode, 422);
    assert.equal(cycle.json().errors[0].path, 'parentId');
  });

  test('two editors: the second save with a stale If-Match gets 412 and changes nothing', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const person = await makePerson(t, site.id, { nameKanji: '元の名前' });
    const first = await admin.get(`/api/v1/people/${person.id}`);
    const etag = String(first.headers.etag);
    const editor1 = await admin.patch(`/api/v1/people/${person.id}`, { nameKanji: '編集者一' }, { 'if-match': etag });
    assert.equal(editor1.statusCode, 200);
    assert.equal(editor1.headers.etag, '"v2"');
    const editor2 = await admin.patch(`/api/v1/people/${person.id}`, { nameKanji: '編集者二' }, { 'if-match': etag });
    assert.equal(editor2.statusCode, 412);
    assert.match(editor2.json().title, /他のユーザーが先に更新しました/);
    const now = await admin.get(`/api/v1/people/${person.id}`);
    assert.equal(now.json().nameKanji, '編集者一');
    assert.equal(now.json().version, 2);
  });

  test('a PATCH changes only the fields it names (an overseas office keeps its time zone)', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t, { kind: 'overseas', country: 'FR', timeZone: 'Europe/Paris', active: false });
    const res = await admin.patch(`/api/v1/sites/${site.id}`, { nameJa: 'パリ事務所（新）' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().timeZone, 'Europe/Paris');
    assert.equal(res.json().country, 'FR');
    assert.equal(res.json().active, false);
    const person = await makePerson(t, site.id, { status: 'on_leave' });
    const p = await admin.patch(`/api/v1/people/${person.id}`, { extension: '1234' });
    assert.equal(p.json().status, 'on_leave');
  });

  test('a site in use cannot be deleted; an unused one can, and both are audited correctly', async () => {
    const admin = await loginAdmin(t.app);
    const used = await makeSite(t);
    await makePerson(t, used.id);
    const res = await admin.delete(`/api/v1/sites/${used.id}`);
    assert.equal(res.statusCode, 409);
    const unused = await makeSite(t);
    assert.equal((await admin.delete(`/api/v1/sites/${unused.id}`)).statusCode, 204);
    assert.equal((await admin.get(`/api/v1/sites/${unused.id}`)).statusCode, 404);
    const audit = await admin.get(`/api/v1/audit?entityType=site&entityId=${unused.id}`);
    assert.equal(audit.json().items[0].action, 'site.deleted');
  });

  test('above the count cap the list says "at least" and paging still reaches every row', async () => {
    const site = await makeSite(t);
    for (let i = 0; i < 6; i++) await makePerson(t, site.id, { employeeNumber: `CAP-${i}` });
    const [admin] = await t.db.select().from(users).where(eq(users.email, ADMIN.email));
    const actor = await actorOf(t.db, admin, 'session', null);
    const q = PersonListQuery.parse({ siteId: site.id, limit: '4' });
    const first = await findPersonPage(t.db, q, actor, 5);
    assert.equal(first.total, 5);
    assert.equal(first.totalExact, false);
    const second = await findPersonPage(t.db, { ...q, cursor: first.nextCursor! }, actor, 5);
    assert.equal(first.items.length + second.items.length, 6);
    const exact = await findPersonPage(t.db, q, actor, 6);
    assert.deepEqual([exact.total, exact.totalExact], [6, true]);
  });

  test('cursor paging walks every person once, in order', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    for (let i = 0; i < 7; i++) await makePerson(t, site.id, { employeeNumber: `PG-${i}`, nameKana: i % 2 ? 'ア' : 'イ' });
    for (const sort of ['employeeNumber', 'nameKana', 'updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await admin.get(`/api/v1/people?siteId=${site.id}&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().total, 7);
        seen.push(...res.json().items.map((p: { employeeNumber: string }) => p.employeeNumber));
        cursor = res.json().nextCursor;
      } while (cursor);
      assert.equal(seen.length, 7, `sort ${sort}: ${seen}`);
      assert.equal(new Set(seen).size, 7);
    }
  });
});

describe('roles and site scope', () => {
  test('a requester gets 403 on operator and admin endpoints', async () => {
    const { client } = await clientFor(t, ['requester']);
    for (const url of ['/api/v1/people', '/api/v1/sites', '/api/v1/users', '/api/v1/audit', '/api/v1/jobs/runs', '/api/v1/dashboard']) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 403, url);
      assert.match(String(res.headers['content-type']), /problem\+json/);
    }
    const site = await makeSite(t);
    const write = await client.post('/api/v1/people', { employeeNumber: 'R1', nameKanji: 'x', staffType: 'regular', siteId: site.id });
    assert.equal(write.statusCode, 403);
  });

  test('a site-scoped operator sees only their sites, gets 404 on another site by id, and cannot write there', async () => {
    const mine = await makeSite(t);
    const other = await makeSite(t);
    const me = await makePerson(t, mine.id);
    const theirs = await makePerson(t, other.id);
    const { client } = await clientFor(t, ['operator'], { kind: 'own' }, me.id);
    const list = await client.get('/api/v1/people?limit=500');
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.length > 0);
    for (const p of list.json().items) assert.equal(p.site.id, mine.id);
    assert.equal((await client.get(`/api/v1/people/${theirs.id}`)).statusCode, 404);
    assert.equal((await client.get(`/api/v1/sites/${other.id}`)).statusCode, 404);
    const sitesSeen = (await client.get('/api/v1/sites?limit=500')).json().items.map((s: { id: string }) => s.id);
    assert.deepEqual(sitesSeen, [mine.id]);
    const patch = await client.patch(`/api/v1/people/${theirs.id}`, { nameKanji: '越権' });
    assert.equal(patch.statusCode, 404);
    const create = await client.post('/api/v1/people', { employeeNumber: 'SC-X', nameKanji: '越権', staffType: 'regular', siteId: other.id });
    assert.equal(create.statusCode, 422);
    assert.equal(create.json().errors[0].path, 'siteId');
    const own = await client.post('/api/v1/people', { employeeNumber: 'SC-OK', nameKanji: '自拠点', staffType: 'regular', siteId: mine.id });
    assert.equal(own.statusCode, 201, own.body);
    // Operators may not create sites.
    assert.equal((await client.post('/api/v1/sites', { code: 'OPS', kind: 'regional', nameJa: 'x', nameEn: 'x' })).statusCode, 403);
  });

  test('an auditor reads but cannot write', async () => {
    const { client } = await clientFor(t, ['auditor']);
    assert.equal((await client.get('/api/v1/people')).statusCode, 200);
    assert.equal((await client.get('/api/v1/audit')).statusCode, 200);
    const site = await makeSite(t);
    assert.equal((await client.patch(`/api/v1/sites/${site.id}`, { nameJa: 'x' })).statusCode, 403);
  });

  test('the count of sites in the database matches what an all-scope admin lists', async () => {
    const admin = await loginAdmin(t.app);
    const [{ n }] = await t.db.select({ n: count() }).from(sites);
    assert.equal((await admin.get('/api/v1/sites')).json().total, n);
  });
});
