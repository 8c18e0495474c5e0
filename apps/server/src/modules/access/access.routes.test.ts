import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { ADMIN, Client, clientFor, login, loginAdmin, makePerson, makeSite, PASSWORD, startTestApp, type TestApp } from '../../test/harness.ts';
import { sessions, users } from './access.table.ts';
import { resetLoginThrottle } from './auth.service.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ login: { maxFailures: 3, lockMinutes: 15 } });
});
after(async () => {
  await t.close();
});

describe('login and sessions', () => {
  test('login sets an HttpOnly SameSite=Lax session cookie and /me returns the user with abilities', async () => {
    const c = new Client(t.app);
    const res = await c.post('/api/v1/auth/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /unyo_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    const admin = await loginAdmin(t.app);
    const me = await admin.get('/api/v1/me');
    assert.equal(me.json().email, ADMIN.email);
    assert.ok(me.json().permissions.includes('user.create'));
    assert.equal(me.json().visibleSiteIds, null);
    assert.equal((await new Client(t.app).get('/api/v1/me')).statusCode, 401);
  });

  test('a wrong password is refused without telling which part was wrong; repeated failures lock the account', async () => {
    resetLoginThrottle();
    const u = await clientFor(t, ['operator']);
    const c = new Client(t.app);
    const unknown = await c.post('/api/v1/auth/login', { email: 'nobody@test.local', password: 'whatever-123' });
    const wrong = await c.post('/api/v1/auth/login', { email: u.user.email, password: 'wrong-password-1' });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.json().title, wrong.json().title);
    await c.post('/api/v1/auth/login', { email: u.user.email, password: 'wrong-password-2' });
    await c.post('/api/v1/auth/login', { email: u.user.email, password: 'wrong-password-3' });
    const locked = await c.post('/api/v1/auth/login', { email: u.user.email, password: PASSWORD }, { 'accept-language': 'en' });
    assert.equal(locked.statusCode, 423);
    assert.match(locked.json().title, /locked/);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    const admin = await loginAdmin(t.app);
    const audit = await admin.get(`/api/v1/audit?entityType=user&entityId=${u.user.id}&action=user.locked`);
    assert.equal(audit.json().total, 1);
    // An administrator's password reset unlocks the account.
    const reset = await admin.patch(`/api/v1/users/${u.user.id}`, { password: 'brand-new-password-1' });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal(reset.json().lockedUntil, null);
    assert.equal((await c.post('/api/v1/auth/login', { email: u.user.email, password: 'brand-new-password-1' })).statusCode, 200);
  });

  test('too many attempts from one address are throttled with 429', async () => {
    resetLoginThrottle();
    const c = new Client(t.app);
    let last = 0;
    for (let i = 0; i < 32; i++) last = (await c.post('/api/v1/auth/login', { email: `x${i}@test.local`, password: 'nope-nope-nope' })).statusCode;
    assert.equal(last, 429);
    resetLoginThrottle();
  });

  test('cookie-authenticated writes need the CSRF token', async () => {
    const admin = await loginAdmin(t.app);
    const csrf = admin.csrf;
    admin.csrf = null;
    const res = await admin.post('/api/v1/sites', { code: 'CSRF1', kind: 'regional', nameJa: 'x', nameEn: 'x' });
    assert.equal(res.statusCode, 403);
    assert.match(res.json().title, /CSRF/);
    admin.csrf = 'forged';
    assert.equal((await admin.post('/api/v1/sites', { code: 'CSRF1', kind: 'regional', nameJa: 'x', nameEn: 'x' })).statusCode, 403);
    admin.csrf = csrf;
    assert.equal((await admin.post('/api/v1/sites', { code: 'CSRF1', kind: 'regional', nameJa: 'x', nameEn: 'x' })).statusCode, 201);
  });

  test('logout ends this session; logout-all ends every session of the user', async () => {
    const u = await clientFor(t, ['operator']);
    const second = await login(t.app, u.user.email, PASSWORD);
    assert.equal((await u.client.post('/api/v1/auth/logout')).statusCode, 204);
    assert.equal((await u.client.get('/api/v1/me')).statusCode, 401);
    assert.equal((await second.get('/api/v1/me')).statusCode, 200);
    const third = await login(t.app, u.user.email, PASSWORD);
    assert.equal((await third.post('/api/v1/auth/logout-all')).statusCode, 204);
    assert.equal((await second.get('/api/v1/me')).statusCode, 401);
    assert.equal((await t.db.select().from(sessions).where(eq(sessions.userId, u.user.id))).length, 0);
  });

  test('password change enforces the policy, checks the current password and ends other sessions', async () => {
    const u = await clientFor(t, ['operator']);
    const other = await login(t.app, u.user.email, PASSWORD);
    const weak = await u.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' });
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().errors[0].path, 'newPassword');
    const wrong = await u.client.post('/api/v1/me/password', { currentPassword: 'not-my-password', newPassword: 'a-much-better-password-9' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().errors[0].path, 'currentPassword');
    const ok = await u.client.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a-much-better-password-9' });
    assert.equal(ok.statusCode, 204);
    assert.equal((await u.client.get('/api/v1/me')).statusCode, 200);
    assert.equal((await other.get('/api/v1/me')).statusCode, 401);
    await login(t.app, u.user.email, 'a-much-better-password-9');
  });
});

describe('API tokens', () => {
  test('a token is shown once, works as Bearer without CSRF, and stops working when revoked or expired', async () => {
    const admin = await loginAdmin(t.app);
    const created = await admin.post('/api/v1/api-tokens', { name: 'monitoring' });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    assert.match(token, /^unyo_/);
    const listed = await admin.get('/api/v1/api-tokens');
    assert.equal(JSON.stringify(listed.json()).includes(token), false);
    const [stored] = await t.db.select().from(users).where(eq(users.email, ADMIN.email));
    assert.ok(stored);

    const api = new Client(t.app);
    api.bearer = token;
    assert.equal((await api.get('/api/v1/sites')).statusCode, 200);
    const write = await api.post('/api/v1/sites', { code: 'TOKEN1', kind: 'regional', nameJa: 'トークン', nameEn: 'Token' });
    assert.equal(write.statusCode, 201);
    assert.equal((await admin.delete(`/api/v1/api-tokens/${id}`)).statusCode, 204);
    assert.equal((await api.get('/api/v1/sites')).statusCode, 401);

    const bad = new Client(t.app);
    bad.bearer = 'unyo_nope_nope';
    assert.equal((await bad.get('/api/v1/sites')).statusCode, 401);
    const past = await admin.post('/api/v1/api-tokens', { name: 'old', expiresAt: '2020-01-01T00:00:00Z' });
    assert.equal(past.statusCode, 422);
    assert.equal(past.json().errors[0].path, 'expiresAt');
  });

  test('a token carries its user’s roles and scope', async () => {
    const mine = await makeSite(t);
    const other = await makeSite(t);
    const me = await makePerson(t, mine.id);
    await makePerson(t, other.id);
    const u = await clientFor(t, ['operator'], { kind: 'own' }, me.id);
    const { token } = (await u.client.post('/api/v1/api-tokens', { name: 'script' })).json();
    const api = new Client(t.app);
    api.bearer = token;
    const people = (await api.get('/api/v1/people?limit=500')).json().items;
    assert.ok(people.length > 0);
    for (const p of people) assert.equal(p.site.id, mine.id);
    assert.equal((await api.get('/api/v1/users')).statusCode, 403);
  });
});

describe('users administration', () => {
  test('admin creates a user linked to a person with a site scope; the user then sees only that site', async () => {
    const admin = await loginAdmin(t.app);
    const site = await makeSite(t);
    const person = await makePerson(t, site.id, { nameKanji: '利用 花子' });
    const res = await admin.post('/api/v1/users', {
      email: 'Hanako@Test.Local',
      personId: person.id,
      roles: ['supervisor'],
      siteScope: { kind: 'sites', siteIds: [site.id] },
      password: 'initial-password-1',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().email, 'hanako@test.local');
    assert.equal(res.json().displayName, '利用 花子');
    assert.equal(JSON.stringify(res.json()).includes('passwordHash'), false);
    const audit = await admin.get(`/api/v1/audit?entityType=user&entityId=${res.json().id}`);
    assert.equal(JSON.stringify(audit.json()).includes('argon2'), false);
    const c = await login(t.app, 'hanako@test.local', 'initial-password-1');
    const seen = (await c.get('/api/v1/sites?limit=500')).json().items.map((s: { id: string }) => s.id);
    assert.deepEqual(seen, [site.id]);
    assert.equal((await c.post('/api/v1/users', { email: 'x@test.local', roles: ['admin'], password: 'some-password-12' })).statusCode, 403);
    const dup = await admin.post('/api/v1/users', { email: 'hanako@test.local', roles: ['requester'], password: 'initial-password-1' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().errors[0].path, 'email');
  });

  test('the last active administrator cannot be demoted or deactivated', async () => {
    const admin = await loginAdmin(t.app);
    const [me] = await t.db.select().from(users).where(eq(users.email, ADMIN.email));
    const others = (await admin.get('/api/v1/users?role=admin&active=true&limit=500')).json().items.filter((u: { id: string }) => u.id !== me.id);
    for (const o of others) await admin.patch(`/api/v1/users/${o.id}`, { active: false });
    const res = await admin.patch(`/api/v1/users/${me.id}`, { roles: ['operator'] });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().errors[0].path, 'roles');
    const off = await admin.patch(`/api/v1/users/${me.id}`, { active: false });
    assert.equal(off.statusCode, 422);
  });

  test('deactivating a user ends their sessions at once', async () => {
    const admin = await loginAdmin(t.app);
    const u = await clientFor(t, ['operator']);
    assert.equal((await u.client.get('/api/v1/me')).statusCode, 200);
    assert.equal((await admin.patch(`/api/v1/users/${u.user.id}`, { active: false })).statusCode, 200);
    assert.equal((await u.client.get('/api/v1/me')).statusCode, 401);
  });

  test('the roles page lists the five roles with their permissions', async () => {
    const admin = await loginAdmin(t.app);
    const roles = (await admin.get('/api/v1/roles')).json();
    assert.deepEqual(
      roles.items.map((r: { name: string }) => r.name),
      ['admin', 'operator', 'supervisor', 'auditor', 'requester'],
    );
    const auditor = roles.items.find((r: { name: string }) => r.name === 'auditor');
    assert.ok(auditor.permissions.every((p: string) => p.endsWith('.read') || p.endsWith('.export')));
  });
});
