import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client, loginAdmin, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t.close();
});

test('OpenAPI 3.1 is generated from the Zod schemas and the docs page is served', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/people'].get, 'people list documented');
  const body = doc.paths['/api/v1/people'].post.requestBody.content['application/json'].schema;
  assert.ok(JSON.stringify(body).includes('employeeNumber'));
  assert.ok(JSON.stringify(doc.paths['/api/v1/people'].get.parameters).includes('cursor'));
  const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /swagger/i);
});

test('health, readiness and Prometheus metrics', async () => {
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
  const ready = (await t.app.inject({ method: 'GET', url: '/readyz' })).json();
  assert.equal(ready.status, 'ready');
  assert.equal(ready.database, process.env.UNYO_TEST_DB === 'postgres' ? 'postgres' : 'pglite');
  const admin = await loginAdmin(t.app);
  await admin.get('/api/v1/sites');
  const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /unyo_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/sites"/);
  assert.match(metrics.body, /process_resident_memory_bytes/);
});

test('every response carries a request id, and problems repeat it; a client-sent id is kept', async () => {
  const anon = new Client(t.app);
  const res = await anon.get('/api/v1/people');
  assert.equal(res.statusCode, 401);
  assert.ok(res.headers['x-request-id']);
  assert.equal(res.json().requestId, res.headers['x-request-id']);
  assert.equal(res.json().type, 'https://unyo.dev/problems/unauthenticated');
  const mine = await anon.get('/healthz', { 'x-request-id': 'trace-123' });
  assert.equal(mine.headers['x-request-id'], 'trace-123');
});

test('unknown API paths are problem+json 404s in the caller’s language', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
  assert.equal(res.statusCode, 404);
  assert.match(String(res.headers['content-type']), /problem\+json/);
  assert.equal(res.json().title, 'Not found');
  const ja = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  assert.equal(ja.json().title, '対象が見つかりません');
});

test('bad query parameters and malformed ids are 422 with the parameter named', async () => {
  const admin = await loginAdmin(t.app);
  const limit = await admin.get('/api/v1/people?limit=100000');
  assert.equal(limit.statusCode, 422);
  assert.equal(limit.json().errors[0].path, 'limit');
  const id = await admin.get('/api/v1/people/not-a-uuid');
  assert.equal(id.statusCode, 422);
  assert.equal(id.json().errors[0].path, 'params.id');
  const cursor = await admin.get('/api/v1/people?cursor=garbage');
  assert.equal(cursor.statusCode, 422);
  assert.equal(cursor.json().errors[0].path, 'cursor');
});

test('a malformed JSON body is a 400 problem, not a crash', async () => {
  const admin = await loginAdmin(t.app);
  const res = await admin.request('POST', '/api/v1/sites', undefined, { 'content-type': 'application/json' });
  const raw = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sites',
    headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'content-type': 'application/json' },
    payload: '{"code": ',
  });
  assert.ok([400, 422].includes(res.statusCode));
  assert.equal(raw.statusCode, 400);
  assert.match(String(raw.headers['content-type']), /problem\+json/);
});
