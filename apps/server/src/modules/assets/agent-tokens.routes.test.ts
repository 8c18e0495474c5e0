import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { prologXml, zlibBody } from '../../test/fusion-agent.ts';
import { type Client, clientFor, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';
import { agentTokens } from './assets.table.ts';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

const prolog = (token: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/inventory/ocs',
    headers: { 'content-type': 'application/x-compress-zlib', authorization: `Basic ${Buffer.from(`any:${token}`).toString('base64')}` },
    payload: zlibBody(prologXml('token-test')),
  });

describe('agent tokens', () => {
  test('a created token is shown once; the list has no secret but shows when it was last used; revoking is audited', async () => {
    const res = await admin.post('/api/v1/agent-tokens', { name: '本部 PC 群' });
    assert.equal(res.statusCode, 201);
    const created = res.json();
    assert.match(created.token, /^uagt_[\w-]{8}_[\w-]{32}$/);
    assert.equal(created.name, '本部 PC 群');
    assert.equal(created.lastUsedAt, null);

    const [stored] = await t.db.select().from(agentTokens).where(eq(agentTokens.id, created.id));
    assert.notEqual(stored.tokenHash, created.token, 'only a hash is stored');
    // The secret is the last 32 characters (the 8-character prefix may itself contain '_').
    assert.ok(!stored.tokenHash.includes(created.token.slice(-32)));

    assert.equal((await prolog(created.token)).statusCode, 200);
    const list = await admin.get('/api/v1/agent-tokens');
    assert.equal(list.statusCode, 200);
    const item = list.json().items.find((x: { id: string }) => x.id === created.id);
    assert.ok(item.lastUsedAt, 'last use is shown');
    assert.equal(item.createdBy, 'admin@test.local');
    assert.equal(item.token, undefined);
    assert.ok(!JSON.stringify(list.json()).includes(created.token), 'the secret is never listed');
    assert.equal(item.prefix, `${created.token.split('_').slice(0, 2).join('_')}_…`);

    assert.equal((await admin.delete(`/api/v1/agent-tokens/${created.id}`)).statusCode, 204);
    assert.equal((await admin.delete(`/api/v1/agent-tokens/${created.id}`)).statusCode, 404, 'already revoked');
    assert.equal((await prolog(created.token)).statusCode, 401);
    const revoked = (await admin.get('/api/v1/agent-tokens')).json().items.find((x: { id: string }) => x.id === created.id);
    assert.ok(revoked.revokedAt);

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, created.id)).orderBy(auditLog.id);
    assert.deepEqual(
      audits.map((a) => a.action),
      ['agent_token.created', 'agent_token.revoked'],
    );
    assert.ok(!JSON.stringify(audits).includes(stored.tokenHash), 'the audit trail has no hash either');
  });

  test('only holders of agent-token.manage may list, create or revoke', async () => {
    const { client: operator } = await clientFor(t, ['operator']);
    assert.equal((await operator.get('/api/v1/agent-tokens')).statusCode, 403);
    assert.equal((await operator.post('/api/v1/agent-tokens', { name: 'x' })).statusCode, 403);
    const mine = (await admin.post('/api/v1/agent-tokens', { name: 'kept' })).json();
    assert.equal((await operator.delete(`/api/v1/agent-tokens/${mine.id}`)).statusCode, 403);
    assert.equal((await prolog(mine.token)).statusCode, 200, 'still valid');
    assert.equal((await admin.post('/api/v1/agent-tokens', { name: '  ' })).statusCode, 422);
  });
});
