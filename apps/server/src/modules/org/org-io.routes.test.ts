import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { ImportFileError } from '../../platform/files/import-error.ts';
import { authHeaders, csvOf, importFile, multipart, postFile } from '../../platform/files/io-test-kit.ts';
import { runImport } from '../../platform/files/ledger-import.ts';
import type { LedgerIo } from '../../platform/files/ledger-io.ts';
import { openSource } from '../../platform/files/source.ts';
import { type Client, clientFor, loginAdmin, makeDepartment, makePerson, makeSite, startTestApp, type TestApp } from '../../test/harness.ts';
import { departments, people, sites } from './org.table.ts';
import { peopleIo } from './people.io.ts';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  const site = await makeSite(t, { code: 'RT-HQ' });
  await makeDepartment(t, site.id, { code: 'RT-D1' });
});
after(async () => {
  await t.close();
});

const peopleFile = (n: number, prefix = 'RT') =>
  Buffer.from(
    csvOf([['職員番号', '氏名', '職員区分', '拠点コード'], ...Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `名前${i}`, '正職員', 'RT-HQ'])]),
  );
const counts = async () => ({
  people: (await t.db.select({ n: count() }).from(people))[0].n,
  audit: (await t.db.select({ n: count() }).from(auditLog))[0].n,
});

describe('progress', () => {
  test('the event stream reports parsing → validating → writing → done for the import with that id; polling shows the end state', async () => {
    const id = randomUUID();
    const events = admin.get(`/api/v1/imports/${id}/events`);
    await new Promise((r) => setTimeout(r, 50));
    const res = await importFile(t.app, admin, 'people', { name: 'p.csv', data: peopleFile(3000) }, { commit: true, headers: { 'x-import-id': id } });
    assert.equal(res.statusCode, 200, res.body);
    const stream = await events;
    assert.equal(stream.statusCode, 200);
    assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
    const progress = stream.body
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)));
    const phases = [...new Set(progress.map((p) => p.phase))];
    assert.deepEqual(phases, ['parsing', 'validating', 'writing', 'done']);
    assert.deepEqual(progress.at(-1), { id, ledger: 'people', phase: 'done', processed: 3000, total: 3000 });
    const validating = progress.filter((p) => p.phase === 'validating').map((p) => p.processed);
    assert.deepEqual(validating, [2000, 3000], 'one report per batch');

    const poll = await admin.get(`/api/v1/imports/${id}/progress`);
    assert.deepEqual(poll.json(), { id, ledger: 'people', phase: 'done', processed: 3000, total: 3000 });
    const other = await clientFor(t, ['operator']);
    assert.equal((await other.client.get(`/api/v1/imports/${id}/progress`)).statusCode, 404, "another user cannot read someone's import");
    assert.equal((await admin.get(`/api/v1/imports/${randomUUID()}/progress`)).statusCode, 404);
  });

  test('a failed import reports failed; a malformed import id is refused', async () => {
    const id = randomUUID();
    const res = await importFile(t.app, admin, 'people', { name: 'e.csv', data: Buffer.alloc(0) }, { headers: { 'x-import-id': id } });
    assert.equal(res.statusCode, 422);
    assert.equal((await admin.get(`/api/v1/imports/${id}/progress`)).json().phase, 'failed');
    const bad = await importFile(t.app, admin, 'people', { name: 'p.csv', data: peopleFile(1) }, { headers: { 'x-import-id': 'nope' } });
    assert.equal(bad.statusCode, 422);
  });
});

describe('header mapping and preview', () => {
  const custom = () =>
    iconv.encode(
      csvOf([['社員No', 'フルネーム', '雇用形態', '所属拠点', 'メモ'], ...Array.from({ length: 7 }, (_, i) => [`MAP${i}`, `髙木 ${i}`, '嘱託', 'RT-HQ', 'x'])]),
      'cp932',
    );
  const mapping = { 社員No: 'employeeNumber', フルネーム: 'nameKanji', 雇用形態: 'staffType', 所属拠点: 'site', メモ: null };

  test('the preview shows encoding, headings, five sample rows and a suggested mapping', async () => {
    const res = await postFile(t.app, admin, '/api/v1/people/import/preview', { name: 'custom.csv', data: custom() });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.format, body.encoding], ['csv', 'cp932']);
    assert.deepEqual(body.headers, ['社員No', 'フルネーム', '雇用形態', '所属拠点', 'メモ']);
    assert.equal(body.sampleRows.length, 5);
    assert.deepEqual(body.sampleRows[0], ['MAP0', '髙木 0', '嘱託', 'RT-HQ', 'x']);
    assert.deepEqual(body.suggestedMapping, { 社員No: null, フルネーム: null, 雇用形態: null, 所属拠点: null, メモ: null });
    assert.deepEqual(body.columns[0], { key: 'employeeNumber', ja: '職員番号', en: 'Employee number', required: true, type: 'code' });
  });

  test('without a mapping the key column is missing (row 1); a sent mapping is saved and then used by default', async () => {
    const missing = (await importFile(t.app, admin, 'people', { name: 'custom.csv', data: custom() })).json();
    assert.deepEqual(missing.errors, [{ row: 1, column: '職員番号', message: '列「職員番号」がありません' }]);

    const before = (await admin.get('/api/v1/imports/mappings/people')).json();
    assert.deepEqual(before, { ledger: 'people', mapping: null, updatedAt: null });
    const sent = await importFile(
      t.app,
      admin,
      'people',
      { name: 'custom.csv', data: custom() },
      { fields: { mapping: JSON.stringify(mapping), saveMapping: 'true' } },
    );
    assert.deepEqual((({ created, errors, ignoredColumns }) => ({ created, errors, ignoredColumns }))(sent.json()), {
      created: 7,
      errors: [],
      ignoredColumns: ['メモ'],
    });
    const saved = (await admin.get('/api/v1/imports/mappings/people')).json();
    assert.deepEqual(saved.mapping, mapping);
    assert.equal((await admin.get('/api/v1/audit?action=import-mapping.saved')).json().items[0].entityId, 'people');

    const again = (await importFile(t.app, admin, 'people', { name: 'custom.csv', data: custom() }, { commit: true })).json();
    assert.deepEqual([again.committed, again.created], [true, 7]);
    const preview = (await postFile(t.app, admin, '/api/v1/people/import/preview', { name: 'custom.csv', data: custom() })).json();
    assert.equal(preview.suggestedMapping.社員No, 'employeeNumber');

    const badJson = await importFile(t.app, admin, 'people', { name: 'custom.csv', data: custom() }, { fields: { mapping: '{nope' } });
    assert.equal(badJson.statusCode, 422);
    const unknownKey = (
      await importFile(t.app, admin, 'people', { name: 'c.csv', data: custom() }, { fields: { mapping: JSON.stringify({ 社員No: 'salary' }) } })
    ).json();
    assert.deepEqual(unknownKey.errors[0], { row: 1, column: '社員No', message: '列の対応付けが不正です' });
  });

  test('errors come in the user’s language, with English headings accepted', async () => {
    const { client } = await clientFor(t, ['operator']);
    await client.patch('/api/v1/me', { locale: 'en' });
    const file = csvOf([
      ['Employee number', 'Name', 'Staff type', 'Site code', 'Start date'],
      ['EN-1', 'Taro', 'boss', 'RT-HQ', 'R6.2.30'],
    ]);
    const res = (await importFile(t.app, client, 'people', { name: 'en.csv', data: Buffer.from(file) })).json();
    assert.deepEqual(res.errors, [
      { row: 2, column: 'Staff type', message: 'Use one of: Regular, Contract, Temporary (dispatched), Part-time, Project ID, Guest' },
      { row: 2, column: 'Start date', message: 'Not a date (e.g. 2024-04-01, 令和6年4月1日, R6.4.1)' },
    ]);
  });
});

/** Sends a multipart upload of `total` bytes over a real socket and notes how much had been sent when the answer came. */
function sendLarge(port: number, client: Client, total: number, declareLength: boolean) {
  const { boundary } = multipart(null);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers = authHeaders(client, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    if (declareLength) headers['content-length'] = String(head.length + total + tail.length);
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/people/import?dryRun=false', headers }, (res) => {
      answered = true;
      const at = sent;
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent: at }));
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    (async () => {
      req.write(head);
      while (sent < total && !answered && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r).once('close', r));
      }
      if (!answered && !req.destroyed) req.end(tail);
    })().catch(() => {});
  });
}

describe('a 200 MB file', () => {
  test('is refused with 413 before it is read, and with a low limit as soon as it passes it; nothing is written', async () => {
    const address = t.app.server.address();
    const port = address && typeof address === 'object' ? address.port : Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const before = await counts();
    const MB = 1024 * 1024;
    const declared = await sendLarge(port, admin, 200 * MB, true);
    assert.equal(declared.status, 413, declared.body);
    assert.match(JSON.parse(declared.body).errors[0].message, /ファイルが大きすぎます（上限 100 MB）/);
    assert.ok(declared.sent < 20 * MB, `refused after ${declared.sent} bytes`);

    const saved = t.config.imports.maxBytes;
    t.config.imports.maxBytes = MB;
    try {
      const heapBefore = process.memoryUsage().rss;
      const streamed = await sendLarge(port, admin, 200 * MB, false);
      assert.equal(streamed.status, 413, streamed.body);
      assert.match(JSON.parse(streamed.body).errors[0].message, /上限 1 MB/);
      assert.ok(streamed.sent < 40 * MB, `cut off after ${streamed.sent} bytes`);
      assert.ok(process.memoryUsage().rss - heapBefore < 100 * MB, 'the upload was not buffered');
    } finally {
      t.config.imports.maxBytes = saved;
    }
    assert.deepEqual(await counts(), before);
  });
});

describe('sites and departments', () => {
  test('sites import with Japanese labels and ○/有, and only users with all sites create them', async () => {
    const file = csvOf([
      ['拠点コード', '拠点種別', '拠点名', '拠点名（英語）', '国コード', 'タイムゾーン', '有効'],
      ['IO-S1', '本部', '本部', 'Head office', 'jp', 'Asia/Tokyo', '○'],
      ['IO-S2', 'Overseas office', 'ニューヨーク', 'New York', 'ｕｓ', 'America/New_York', '有'],
      ['IO-S3', 'regional', '札幌', 'Sapporo', '', '', '×'],
    ]);
    const res = (await importFile(t.app, admin, 'sites', { name: 'sites.csv', data: Buffer.from(file) }, { commit: true })).json();
    assert.deepEqual([res.committed, res.created, res.errorCount], [true, 3, 0]);
    const [ny] = await t.db.select().from(sites).where(eq(sites.code, 'IO-S2'));
    assert.deepEqual([ny.kind, ny.country, ny.active], ['overseas', 'US', true]);
    const [sapporo] = await t.db.select().from(sites).where(eq(sites.code, 'IO-S3'));
    assert.deepEqual([sapporo.country, sapporo.timeZone, sapporo.active], ['JP', 'Asia/Tokyo', false]);

    const exported = await admin.get('/api/v1/sites/export?q=IO-S');
    assert.equal((await importFile(t.app, admin, 'sites', { name: 's.csv', data: exported.rawPayload })).json().unchanged, 3);

    const scopedAdmin = await clientFor(t, ['admin'], { kind: 'sites', siteIds: [ny.id] });
    const add = csvOf([
      ['拠点コード', '拠点種別', '拠点名', '拠点名（英語）'],
      ['IO-S9', '本部', '新', 'New'],
    ]);
    const refused = (await importFile(t.app, scopedAdmin.client, 'sites', { name: 's.csv', data: Buffer.from(add) })).json();
    assert.deepEqual(refused.errors, [{ row: 2, column: '拠点コード', message: '拠点の新規登録は全拠点を担当する利用者のみ行えます' }]);
    const operator = await clientFor(t, ['operator']);
    assert.equal((await importFile(t.app, operator.client, 'sites', { name: 's.csv', data: Buffer.from(add) })).statusCode, 403);
  });

  test('departments may name a parent created later in the same file; cycles are refused', async () => {
    const { client } = await clientFor(t, ['operator']);
    const file = csvOf([
      ['部署コード', '部署名', '部署名（英語）', '拠点コード', '上位部署コード', '有効'],
      ['IO-D3', '係', 'Unit', 'IO-S1', 'IO-D2', ''],
      ['IO-D2', '課', 'Section', 'IO-S1', 'IO-D1', ''],
      ['IO-D1', '部', 'Division', 'IO-S1', '', 'はい'],
    ]);
    const res = (await importFile(t.app, client, 'departments', { name: 'd.csv', data: Buffer.from(file) }, { commit: true })).json();
    assert.deepEqual([res.committed, res.created, res.errors], [true, 3, []]);
    const rows = await t.db.select().from(departments);
    const byCode = new Map(rows.map((d) => [d.code, d]));
    assert.equal(byCode.get('IO-D3')!.parentId, byCode.get('IO-D2')!.id);
    assert.equal(byCode.get('IO-D2')!.parentId, byCode.get('IO-D1')!.id);
    assert.equal(byCode.get('IO-D1')!.parentId, null);

    const cycle = csvOf([
      ['部署コード', '部署名', '部署名（英語）', '拠点コード', '上位部署コード'],
      ['IO-D1', '部', 'Division', 'IO-S1', 'IO-D3'],
      ['IO-D8', '自己', 'Self', 'IO-S1', 'IO-D8'],
      ['IO-D9', '', '', '', 'IO-NONE'],
    ]);
    const refused = (await importFile(t.app, client, 'departments', { name: 'd.csv', data: Buffer.from(cycle) }, { commit: true })).json();
    assert.deepEqual(
      refused.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
      [
        [2, '上位部署コード'],
        [3, '上位部署コード'],
        [4, '部署名'],
        [4, '部署名（英語）'],
        [4, '拠点コード'],
        [4, '上位部署コード'],
      ],
    );
    assert.equal(refused.errors[0].message, '上位部署に自分自身や配下の部署は指定できません');
    assert.equal(refused.errors[5].message, '「IO-NONE」が見つかりません');
    assert.equal(refused.errors[3].message, '必須項目です');

    const exported = await client.get('/api/v1/departments/export?q=IO-D&format=xlsx');
    const again = (await importFile(t.app, client, 'departments', { name: 'd.xlsx', data: exported.rawPayload })).json();
    assert.deepEqual([again.unchanged, again.errorCount], [3, 0]);
  });
});

describe('concurrent changes', () => {
  test('an update whose row changed after it was read rolls the whole import back', async () => {
    const hq = (await t.db.select().from(sites).where(eq(sites.code, 'RT-HQ')))[0];
    await makePerson(t, hq.id, { employeeNumber: 'RT-CC-1', nameKanji: '元の名前' });
    // As if another user saved RT-CC-1 between validation and writing: the version read is stale.
    const stale: LedgerIo<any> = {
      ...peopleIo,
      async loadExisting(db, keys) {
        const found = await peopleIo.loadExisting(db, keys);
        for (const e of found.values()) e.version -= 1;
        return found;
      },
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-cc-')), 'p.csv');
    fs.writeFileSync(
      file,
      csvOf([
        ['職員番号', '氏名', '職員区分', '拠点コード'],
        ['RT-CC-NEW', '新人', '正職員', 'RT-HQ'],
        ['RT-CC-1', '新しい名前', '正職員', 'RT-HQ'],
      ]),
    );
    const before = await counts();
    const opts = { db: t.db, scope: { visibleSiteIds: null }, audit: { actor: { userId: null, label: 'test' }, requestId: null }, locale: 'ja' as const };
    await assert.rejects(
      runImport(stale, await openSource({ path: file, name: 'p.csv' }, t.config.imports), {
        ...opts,
        dryRun: false,
        fileName: 'p.csv',
        mapping: null,
        maxRows: 10,
      }),
      (e) => e instanceof ImportFileError && e.status === 409 && e.key === 'import.concurrent_change',
    );
    assert.deepEqual(await counts(), before, 'the new row was rolled back too');
    assert.equal((await t.db.select().from(people).where(eq(people.employeeNumber, 'RT-CC-1')))[0].nameKanji, '元の名前');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
