import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { type Client, clientFor, loginAdmin, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { auditLog } from '../audit/audit.table.ts';
import { files } from './files.table.ts';

const MAX_BYTES = 1024;

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp({ files: { maxBytes: MAX_BYTES } });
  admin = await loginAdmin(t.app);
});
after(async () => {
  await t.close();
});

/** A PNG as far as any signature check goes: the 8-byte signature and an IHDR chunk for a 1×1 image. */
function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.from([0x1f, 0x15, 0xc4, 0x89])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
}

/** What a browser's form post sends: multipart/form-data with one file field. */
function multipart(file: { name: string; type: string; data: Buffer }) {
  const boundary = `----unyo${createHash('sha1').update(String(Math.random())).digest('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`, 'utf8'),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(client: Client, file: { name: string; type: string; data: Buffer }) {
  const { body, contentType } = multipart(file);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrf) headers['x-csrf-token'] = client.csrf;
  return t.app.inject({ method: 'POST', url: '/api/v1/files', headers, payload: body });
}

const counts = async () => ({
  files: (await t.db.select({ n: count() }).from(files))[0].n,
  audit: (await t.db.select({ n: count() }).from(auditLog))[0].n,
});

describe('file upload and download', () => {
  test('an admin uploads a PNG and downloads the identical bytes under its Japanese name', async () => {
    const data = png();
    const res = await upload(admin, { name: '構成図.png', type: 'image/png', data });
    assert.equal(res.statusCode, 201, res.body);
    const dto = res.json();
    assert.equal(dto.name, '構成図.png');
    assert.equal(dto.contentType, 'image/png');
    assert.equal(dto.size, data.length);
    assert.equal(dto.sha256, createHash('sha256').update(data).digest('hex'));

    const meta = await admin.get(`/api/v1/files/${dto.id}`);
    assert.equal(meta.statusCode, 200);
    assert.equal(meta.json().sha256, dto.sha256);

    const content = await admin.get(`/api/v1/files/${dto.id}/content`);
    assert.equal(content.statusCode, 200);
    assert.ok(content.rawPayload.equals(data), 'downloaded bytes differ from the upload');
    assert.equal(content.headers['content-type'], 'image/png');
    assert.equal(content.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('構成図.png')}`);
    assert.equal(content.headers['x-content-type-options'], 'nosniff');

    const audit = await admin.get(`/api/v1/audit?entityType=file&entityId=${dto.id}`);
    assert.equal(audit.json().items[0].action, 'file.uploaded');
  });

  test('a PNG renamed to .csv and sent as text/csv is refused with 415 and nothing is stored', async () => {
    const before = await counts();
    const res = await upload(admin, { name: 'assets.csv', type: 'text/csv', data: png() });
    assert.equal(res.statusCode, 415, res.body);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.json().status, 415);
    assert.deepEqual(await counts(), before);
  });

  test('a real CSV is accepted as text/csv', async () => {
    const data = Buffer.from('資産番号,名称\r\nA-0001,ノートPC\r\n', 'utf8');
    const res = await upload(admin, { name: 'assets.csv', type: 'text/csv', data });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().size, data.length);
  });

  test('an empty file is refused with 422 and nothing is stored', async () => {
    const before = await counts();
    const res = await upload(admin, { name: 'empty.txt', type: 'text/plain', data: Buffer.alloc(0) });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().errors[0].path, 'file');
    assert.deepEqual(await counts(), before);
  });

  test('a file over files.maxBytes is refused with 413 and nothing is stored; one at the limit is accepted', async () => {
    const before = await counts();
    const big = Buffer.concat([png(), Buffer.alloc(MAX_BYTES, 0x41)]);
    const res = await upload(admin, { name: 'big.png', type: 'image/png', data: big });
    assert.equal(res.statusCode, 413, res.body);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(await counts(), before);

    const exact = Buffer.concat([png(), Buffer.alloc(MAX_BYTES - png().length, 0x41)]);
    const ok = await upload(admin, { name: 'exact.png', type: 'image/png', data: exact });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().size, MAX_BYTES);
  });

  test('a requester may not upload (403) and nothing is stored', async () => {
    const { client } = await clientFor(t, ['requester']);
    const before = await counts();
    const res = await upload(client, { name: '構成図.png', type: 'image/png', data: png() });
    assert.equal(res.statusCode, 403, res.body);
    assert.deepEqual(await counts(), before);
  });

  test("an operator sees their own uploads but not another site-scoped user's", async () => {
    const site = { kind: 'sites' as const, siteIds: [(await makeSite(t)).id] };
    const a = await clientFor(t, ['operator'], site);
    const b = await clientFor(t, ['operator'], site);
    const res = await upload(a.client, { name: 'mine.png', type: 'image/png', data: png() });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    assert.equal((await a.client.get(`/api/v1/files/${id}/content`)).statusCode, 200);
    assert.equal((await b.client.get(`/api/v1/files/${id}/content`)).statusCode, 404);
    assert.equal((await b.client.get(`/api/v1/files/${id}`)).statusCode, 404);
  });
});
