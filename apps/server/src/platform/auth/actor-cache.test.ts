import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { apiTokens, users } from '../../modules/access/access.table.ts';
import { Client, clientFor, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { configureActorCache } from './actor-cache.ts';

// Decision 0015: authenticated actors are reused for a few seconds; changes made through the app apply at once.

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  configureActorCache(5);
  await t.close();
});

async function tokenClient(u: Awaited<ReturnType<typeof clientFor>>, body: Record<string, unknown> = { name: 'script' }) {
  const res = await u.client.post('/api/v1/api-tokens', body);
  assert.equal(res.statusCode, 201, res.body);
  const api = new Client(t.app);
  api.bearer = res.json().token;
  return { api, id: res.json().id as string };
}

describe('actor cache', () => {
  test('a token revoked, a user deactivated or a role removed through the API stops working on the next request', async () => {
    configureActorCache(60);
    const admin = await loginAdmin(t.app);
    const u = await clientFor(t, ['operator', 'auditor']);
    const { api, id } = await tokenClient(u);
    assert.equal((await api.get('/api/v1/sites')).statusCode, 200);

    // A role taken away: the permission goes with it at once.
    const before = (await api.get('/api/v1/me')).json();
    assert.ok(before.permissions.includes('audit.read'), 'auditors read the audit log');
    assert.equal((await api.get('/api/v1/audit?limit=1')).statusCode, 200);
    const patched = await admin.patch(`/api/v1/users/${u.user.id}`, { roles: ['operator'] });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal((await api.get('/api/v1/me')).json().permissions.includes('audit.read'), false);
    assert.equal((await api.get('/api/v1/audit?limit=1')).statusCode, 403);

    assert.equal((await u.client.delete(`/api/v1/api-tokens/${id}`)).statusCode, 204);
    assert.equal((await api.get('/api/v1/sites')).statusCode, 401);

    const second = await tokenClient(u);
    assert.equal((await second.api.get('/api/v1/sites')).statusCode, 200);
    assert.equal((await admin.patch(`/api/v1/users/${u.user.id}`, { active: false })).statusCode, 200);
    assert.equal((await second.api.get('/api/v1/sites')).statusCode, 401);
    assert.equal((await u.client.get('/api/v1/me')).statusCode, 401, 'the session ends with the deactivation');
  });

  test('a change made outside this process applies once the time to live has passed', async () => {
    configureActorCache(0.3);
    const u = await clientFor(t, ['operator']);
    const { api, id } = await tokenClient(u);
    assert.equal((await api.get('/api/v1/sites')).statusCode, 200);
    // As another instance or the CLI would: straight in the database.
    await t.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    assert.equal((await api.get('/api/v1/sites')).statusCode, 200, 'still the cached actor');
    await sleep(400);
    assert.equal((await api.get('/api/v1/sites')).statusCode, 401);

    // With the cache off every request reads the database.
    configureActorCache(0);
    const other = await tokenClient(u);
    assert.equal((await other.api.get('/api/v1/sites')).statusCode, 200);
    await t.db.update(users).set({ active: false }).where(eq(users.id, u.user.id));
    assert.equal((await other.api.get('/api/v1/sites')).statusCode, 401);
    await t.db.update(users).set({ active: true }).where(eq(users.id, u.user.id));
  });

  test('a cached token still ends at its own expiry', async () => {
    configureActorCache(60);
    const u = await clientFor(t, ['operator']);
    const { api, id } = await tokenClient(u, { name: 'short', expiresAt: new Date(Date.now() + 1_500).toISOString() });
    assert.equal((await api.get('/api/v1/sites')).statusCode, 200);
    const [row] = await t.db.select({ expiresAt: apiTokens.expiresAt }).from(apiTokens).where(eq(apiTokens.id, id));
    const wait = new Date(row.expiresAt as unknown as string).getTime() - Date.now() + 100;
    await sleep(Math.max(0, wait));
    assert.equal((await api.get('/api/v1/sites')).statusCode, 401);
  });

  test('a token is looked up once while cached', async () => {
    configureActorCache(60);
    const u = await clientFor(t, ['operator']);
    const { api, id } = await tokenClient(u);
    assert.equal((await api.get('/api/v1/sites')).statusCode, 200);
    // last_used_at is written on a lookup at most once a minute; clear it and see that no lookup happens.
    await t.db.update(apiTokens).set({ lastUsedAt: null }).where(eq(apiTokens.id, id));
    for (let i = 0; i < 3; i++) assert.equal((await api.get('/api/v1/sites')).statusCode, 200);
    const [row] = await t.db.select({ used: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id));
    assert.equal(row.used, null);
  });
});
