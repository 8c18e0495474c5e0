import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type Client, clientFor, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.table.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

const peopleView = (name: string, over: Record<string, unknown> = {}) => ({
  ledger: 'people',
  name,
  state: {
    filters: { status: 'active', q: '髙橋' },
    sort: { key: 'nameKana', order: 'desc' },
    columnOrder: ['nameKanji', 'employeeNumber'],
    hiddenColumns: ['extension'],
    columnWidths: { nameKanji: 240 },
  },
  ...over,
});

const names = async (c: Client, ledger = 'people') => ((await c.get(`/api/v1/views?ledger=${ledger}`)).json().items as { name: string }[]).map((v) => v.name);
const auditOf = (id: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'saved-view'), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);

describe('saved views', () => {
  test('a user saves, lists, renames, restyles and deletes a view; every change is audited with before and after', async () => {
    const { client, user } = await clientFor(t, ['requester']);
    const created = await client.post('/api/v1/views', peopleView('在籍・カナ降順'));
    assert.equal(created.statusCode, 201, created.body);
    const view = created.json();
    assert.equal(view.name, '在籍・カナ降順');
    assert.equal(view.isDefault, false);
    assert.deepEqual(view.state.sort, { key: 'nameKana', order: 'desc' });
    assert.deepEqual(view.state.filters, { status: 'active', q: '髙橋' });
    assert.equal('userId' in view, false, 'the owner column is not part of the DTO');

    // A minimal state gets the defaults.
    const bare = await client.post('/api/v1/views', { ledger: 'people', name: 'すべて', state: {} });
    assert.equal(bare.statusCode, 201, bare.body);
    assert.deepEqual(bare.json().state, { filters: {}, sort: null, columnOrder: [], hiddenColumns: [], columnWidths: {} });
    assert.deepEqual(await names(client), ['すべて', '在籍・カナ降順']);
    assert.deepEqual(await names(client, 'sites'), []);

    const renamed = await client.patch(`/api/v1/views/${view.id}`, { name: '在籍者', state: { ...view.state, hiddenColumns: ['email', 'extension'] } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().name, '在籍者');
    assert.deepEqual(renamed.json().state.hiddenColumns, ['email', 'extension']);
    assert.ok(renamed.json().updatedAt >= view.updatedAt);

    assert.equal((await client.delete(`/api/v1/views/${view.id}`)).statusCode, 204);
    assert.deepEqual(await names(client), ['すべて']);
    assert.equal((await client.delete(`/api/v1/views/${view.id}`)).statusCode, 404);

    const trail = await auditOf(view.id);
    assert.deepEqual(
      trail.map((a) => a.action),
      ['saved-view.created', 'saved-view.updated', 'saved-view.deleted'],
    );
    assert.ok(trail.every((a) => a.actorId === user.id));
    assert.equal((trail[1].before as { name: string }).name, '在籍・カナ降順');
    assert.equal((trail[1].after as { name: string }).name, '在籍者');
    assert.equal((trail[2].before as { name: string }).name, '在籍者');
    assert.equal('userId' in (trail[0].after as object), false);
  });

  test("another user's views are invisible: not listed, and 404 on update or delete", async () => {
    const owner = await clientFor(t, ['operator']);
    const other = await clientFor(t, ['admin']);
    const view = (await owner.client.post('/api/v1/views', peopleView('私のビュー'))).json();

    assert.deepEqual(await names(other.client), []);
    assert.equal((await other.client.patch(`/api/v1/views/${view.id}`, { name: '乗っ取り' })).statusCode, 404);
    assert.equal((await other.client.patch(`/api/v1/views/${view.id}`, { isDefault: true })).statusCode, 404);
    assert.equal((await other.client.delete(`/api/v1/views/${view.id}`)).statusCode, 404);
    assert.deepEqual(await names(owner.client), ['私のビュー']);
    assert.equal((await auditOf(view.id)).length, 1, 'refused attempts write nothing');

    // The same name is free for another user.
    assert.equal((await other.client.post('/api/v1/views', peopleView('私のビュー'))).statusCode, 201);
  });

  test('at most one default per list: a new default takes over, on create and on update', async () => {
    const { client } = await clientFor(t, ['supervisor']);
    const a = (await client.post('/api/v1/views', peopleView('A', { isDefault: true }))).json();
    const b = (await client.post('/api/v1/views', peopleView('B', { isDefault: true }))).json();
    const s = (await client.post('/api/v1/views', peopleView('S', { ledger: 'sites', isDefault: true }))).json();
    const defaults = async () =>
      ((await client.get('/api/v1/views?ledger=people')).json().items as { id: string; isDefault: boolean }[]).filter((v) => v.isDefault).map((v) => v.id);
    assert.deepEqual(await defaults(), [b.id]);

    assert.equal((await client.patch(`/api/v1/views/${a.id}`, { isDefault: true })).statusCode, 200);
    assert.deepEqual(await defaults(), [a.id]);
    assert.equal((await client.get('/api/v1/views?ledger=sites')).json().items[0].id, s.id, 'other lists keep their default');
    assert.equal((await client.get('/api/v1/views?ledger=sites')).json().items[0].isDefault, true);

    assert.equal((await client.patch(`/api/v1/views/${a.id}`, { isDefault: false })).statusCode, 200);
    assert.deepEqual(await defaults(), []);
  });

  test('names are unique per user and list (409 on name); bad input is 422 before anything is written', async () => {
    const admin = await loginAdmin(t.app);
    const first = (await admin.post('/api/v1/views', peopleView('重複'))).json();
    const dup = await admin.post('/api/v1/views', peopleView(' 重複 '));
    assert.equal(dup.statusCode, 409, dup.body);
    assert.deepEqual(
      dup.json().errors.map((e: { path: string }) => e.path),
      ['name'],
    );
    assert.equal((await admin.post('/api/v1/views', peopleView('重複', { ledger: 'departments' }))).statusCode, 201, 'another list may reuse it');
    const second = (await admin.post('/api/v1/views', peopleView('別名'))).json();
    assert.equal((await admin.patch(`/api/v1/views/${second.id}`, { name: '重複' })).statusCode, 409);
    assert.equal((await admin.patch(`/api/v1/views/${first.id}`, { name: '重複' })).statusCode, 200, 'keeping its own name is fine');

    for (const bad of [
      peopleView('x', { ledger: 'People!' }),
      peopleView(''),
      peopleView('x', { state: { sort: { key: 'code', order: 'up' } } }),
      peopleView('x', { state: { columnWidths: { code: 5 } } }),
      peopleView('x', { state: { filters: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) } }),
    ]) {
      const res = await admin.post('/api/v1/views', bad);
      assert.equal(res.statusCode, 422, `${JSON.stringify(bad).slice(0, 120)}: ${res.body}`);
    }
    assert.equal((await admin.get('/api/v1/views')).statusCode, 422, 'the list needs ?ledger=');
    assert.equal((await admin.patch('/api/v1/views/not-a-uuid', { name: 'x' })).statusCode, 422);
  });

  test('anonymous callers get 401; cookie sessions need the CSRF token to change views', async () => {
    const { client } = await clientFor(t, ['requester']);
    const csrf = client.csrf;
    client.csrf = null;
    assert.equal((await client.post('/api/v1/views', peopleView('CSRF'))).statusCode, 403);
    client.csrf = csrf;
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/views?ledger=people' });
    assert.equal(anon.statusCode, 401);
  });
});
