import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { count, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { csvOf, importFile } from '../../platform/files/io-test-kit.ts';
import {
  type Client,
  clientFor,
  createTestDatabaseUrl,
  loginAdmin,
  makeDepartment,
  makePerson,
  makeSite,
  startTestApp,
  type TestApp,
} from '../../test/harness.ts';
import { people } from './org.table.ts';

/**
 * Issue #3 acceptance: a 1,000-row CP932 people CSV with one unknown department and one 和暦 date;
 * dry run, fix, commit, one audit record, CP932 export re-imported with zero changes; XLSX round trip.
 */

let t: TestApp;
let admin: Client;
let site: { id: string; code: string };
before(async () => {
  t = await startTestApp();
  admin = await loginAdmin(t.app);
  site = await makeSite(t, { code: 'ACC-HQ' });
  await makeDepartment(t, site.id, { code: 'ACC-SOUMU' });
  await makeDepartment(t, site.id, { code: 'ACC-JOHO' });
});
after(async () => {
  await t.close();
});

const HEADER = [
  '職員番号',
  '氏名',
  '氏名（カナ）',
  '氏名（ローマ字）',
  '職員区分',
  '拠点コード',
  '部署コード',
  'メールアドレス',
  '内線番号',
  '在籍状況',
  '着任日',
  '終了日',
];
const BAD_ROW = 778; // Excel row: data row 777
const WAREKI_ROW = 11;
const staff = ['正職員', '嘱託', 'Contract', 'part_time', 'アルバイト'];

function peopleRows(badDepartment: string): string[][] {
  const rows = [HEADER];
  for (let i = 1; i <= 1000; i++) {
    const row = rows.length + 1;
    rows.push([
      `ACC${String(i).padStart(5, '0')}`,
      i === 1 ? '髙橋 﨑子' : i === 2 ? '㈱運用 ①郎' : `試験 ${i}郎`,
      i % 3 === 0 ? 'ｼｹﾝ ﾀﾛｳ' : 'シケン　タロウ',
      `Taro Shiken ${i}`,
      staff[i % staff.length],
      'ACC-HQ',
      row === BAD_ROW ? badDepartment : i % 2 ? 'ACC-SOUMU' : 'ＡＣＣ－ＪＯＨＯ',
      i === 5 ? 'ｔａｒｏ５＠ｅｘａｍｐｌｅ．ｊｐ' : `p${i}@example.jp`,
      String(1000 + i),
      i % 10 === 0 ? '' : i % 7 === 0 ? '休職' : '在籍',
      row === WAREKI_ROW ? '令和6年4月1日' : i % 2 ? '2023/4/1' : '2022-10-01',
      i === 4 ? '2031年3月31日' : '',
    ]);
  }
  return rows;
}

const cp932 = (rows: string[][]) => iconv.encode(csvOf(rows), 'cp932');
const peopleCount = async () => (await t.db.select({ n: count() }).from(people).where(like(people.employeeNumber, 'ACC%')))[0].n;
const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0].n;

describe('the people ledger import (issue #3 acceptance)', () => {
  let exported: Buffer;

  test('a CP932 dry run reports exactly the unknown department, with its row and column, and writes nothing', async () => {
    const audits = await auditCount();
    const res = await importFile(t.app, admin, 'people', { name: 'people.csv', data: cp932(peopleRows('ACC-NONE')), type: 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.errors, [{ row: BAD_ROW, column: '部署コード', message: '「ACC-NONE」が見つかりません' }]);
    assert.equal(body.errorCount, 1);
    assert.deepEqual(
      { dryRun: body.dryRun, committed: body.committed, encoding: body.encoding, rows: body.rows, created: body.created, updated: body.updated },
      { dryRun: true, committed: false, encoding: 'cp932', rows: 1000, created: 999, updated: 0 },
    );
    assert.equal(await peopleCount(), 0);
    assert.equal(await auditCount(), audits);
  });

  test('a commit with the bad row still in it writes nothing either (all or nothing)', async () => {
    const res = await importFile(t.app, admin, 'people', { name: 'people.csv', data: cp932(peopleRows('ACC-NONE')) }, { commit: true });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().committed, false);
    assert.equal(res.json().errors[0].row, BAD_ROW);
    assert.equal(await peopleCount(), 0);
  });

  test('after the fix the commit writes 1,000 people and one audit record with the counts', async () => {
    const audits = await auditCount();
    const res = await importFile(t.app, admin, 'people', { name: 'people.csv', data: cp932(peopleRows('ACC-JOHO')) }, { commit: true });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.errors, []);
    assert.deepEqual([body.committed, body.created, body.updated, body.unchanged], [true, 1000, 0, 0]);
    assert.equal(await peopleCount(), 1000);
    assert.equal(await auditCount(), audits + 1, 'one audit record for the whole import');

    const audit = (await admin.get('/api/v1/audit?action=person.imported')).json().items;
    assert.equal(audit.length, 1);
    assert.equal(audit[0].entityType, 'person');
    assert.equal(audit[0].siteId, site.id);
    assert.deepEqual(audit[0].after, { file: 'people.csv', format: 'csv', encoding: 'cp932', rows: 1000, created: 1000, updated: 0, unchanged: 0 });

    const [wareki] = await t.db
      .select()
      .from(people)
      .where(eq(people.employeeNumber, `ACC${String(WAREKI_ROW - 1).padStart(5, '0')}`));
    assert.equal(wareki.startDate, '2024-04-01');
    const [first] = await t.db.select().from(people).where(eq(people.employeeNumber, 'ACC00001'));
    assert.equal(first.nameKanji, '髙橋 﨑子');
    const byNumber = async (n: number) =>
      (
        await t.db
          .select()
          .from(people)
          .where(eq(people.employeeNumber, `ACC0000${n}`))
      )[0];
    assert.equal((await byNumber(2)).nameKanji, '㈱運用 ①郎');
    assert.equal((await byNumber(3)).nameKana, 'シケン タロウ', 'half-width kana became full-width');
    assert.equal((await byNumber(5)).email, 'taro5@example.jp');
    assert.equal((await byNumber(4)).endDate, '2031-03-31');
    assert.equal((await byNumber(2)).staffType, 'contract');
    assert.equal((await byNumber(3)).staffType, 'part_time');
    assert.equal((await t.db.select().from(people).where(eq(people.employeeNumber, 'ACC00010')))[0].status, 'active', 'empty status takes the default');
  });

  test('the CP932 export of those people re-imports, byte for byte, with zero changes', async () => {
    const res = await admin.get(`/api/v1/people/export?format=csv&encoding=cp932&siteId=${site.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'text/csv; charset=Shift_JIS');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="people-\d{8}\.csv"/);
    exported = res.rawPayload;
    const text = iconv.decode(exported, 'cp932');
    assert.equal(text.split('\r\n')[0], HEADER.join(','));
    assert.equal(text.split('\r\n').length, 1002);
    assert.ok(text.includes('髙橋 﨑子') && text.includes('㈱運用 ①郎'));
    assert.ok(!exported.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'no BOM in CP932');

    const dry = await importFile(t.app, admin, 'people', { name: 'export.csv', data: exported });
    assert.deepEqual((({ created, updated, unchanged, errors, encoding }) => ({ created, updated, unchanged, errors, encoding }))(dry.json()), {
      created: 0,
      updated: 0,
      unchanged: 1000,
      errors: [],
      encoding: 'cp932',
    });
    const commit = await importFile(t.app, admin, 'people', { name: 'export.csv', data: exported }, { commit: true });
    assert.deepEqual([commit.json().committed, commit.json().updated, commit.json().unchanged], [true, 0, 1000]);
    const versions = await t.db.select({ v: people.version }).from(people).where(like(people.employeeNumber, 'ACC%'));
    assert.ok(
      versions.every((r) => r.v === 1),
      'no row was rewritten',
    );
  });

  test('the default export is UTF-8 with BOM and re-imports unchanged too', async () => {
    const res = await admin.get(`/api/v1/people/export?siteId=${site.id}`);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
    const dry = (await importFile(t.app, admin, 'people', { name: 'utf8.csv', data: res.rawPayload })).json();
    assert.deepEqual([dry.encoding, dry.unchanged, dry.errorCount], ['utf8bom', 1000, 0]);
  });

  test('the XLSX export has typed cells and a frozen Japanese header, and re-imports unchanged', async () => {
    const res = await admin.get(`/api/v1/people/export?format=xlsx&siteId=${site.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    assert.equal(sheet.name, '職員');
    assert.equal(sheet.views[0].state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    assert.deepEqual((sheet.getRow(1).values as string[]).slice(1), HEADER);
    assert.equal(sheet.rowCount, 1001);
    const row = sheet.getRow(WAREKI_ROW);
    assert.ok(row.getCell(11).value instanceof Date, 'dates are date cells');
    assert.equal((row.getCell(11).value as Date).toISOString(), '2024-04-01T00:00:00.000Z');
    assert.equal(row.getCell(1).value, `ACC${String(WAREKI_ROW - 1).padStart(5, '0')}`);

    const dry = (await importFile(t.app, admin, 'people', { name: 'people.xlsx', data: res.rawPayload })).json();
    assert.deepEqual([dry.format, dry.encoding, dry.rows, dry.unchanged, dry.errorCount], ['xlsx', null, 1000, 1000, 0]);
    xlsxExport = res.rawPayload;
  });

  test('an edited row is an update; columns missing from the file keep their values', async () => {
    const file = csvOf([
      ['職員番号', '内線番号'],
      ['ACC00001', '9999'],
      ['ACC00002', '1002'],
    ]);
    const res = (await importFile(t.app, admin, 'people', { name: 'ext.csv', data: Buffer.from(file) }, { commit: true })).json();
    assert.deepEqual([res.created, res.updated, res.unchanged, res.errorCount], [0, 1, 1, 0]);
    const [p] = await t.db.select().from(people).where(eq(people.employeeNumber, 'ACC00001'));
    assert.deepEqual([p.extension, p.nameKanji, p.version], ['9999', '髙橋 﨑子', 2]);
  });
});

let xlsxExport: Buffer;

describe('files that cannot be imported get a clear error and write nothing', () => {
  const snapshot = async () => ({ people: (await t.db.select({ n: count() }).from(people))[0].n, audit: await auditCount() });

  async function refused(file: { name: string; data: Buffer; type?: string }, status: number, message: RegExp) {
    const before = await snapshot();
    for (const commit of [false, true]) {
      const res = await importFile(t.app, admin, 'people', file, { commit });
      assert.equal(res.statusCode, status, `${file.name}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json().errors[0].path, 'file');
      assert.match(res.json().errors[0].message, message);
    }
    assert.deepEqual(await snapshot(), before);
  }

  test('a truncated XLSX', async () => {
    assert.ok(xlsxExport, 'the XLSX export test ran first');
    await refused({ name: 'people.xlsx', data: xlsxExport.subarray(0, Math.floor(xlsxExport.length * 0.6)) }, 422, /壊れているか、途中で切れています/);
  });

  test('an empty file and a file of blank lines', async () => {
    await refused({ name: 'people.csv', data: Buffer.alloc(0), type: 'text/csv' }, 422, /ファイルが空です/);
    await refused({ name: 'people.csv', data: Buffer.from('\r\n\r\n'), type: 'text/csv' }, 422, /ファイルが空です/);
  });

  test('a PNG renamed .csv', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    await refused({ name: 'people.csv', data: png, type: 'text/csv' }, 415, /CSVまたはExcel/);
  });

  test('a header without data rows, undecodable text and a cut-off CSV', async () => {
    await refused({ name: 'people.csv', data: Buffer.from(`${HEADER.join(',')}\r\n`) }, 422, /データ行がありません/);
    const bad = Buffer.concat([iconv.encode(`${HEADER.join(',')}\r\nACC1,山田`, 'cp932'), Buffer.from([0x85, 0x40, 0xff]), Buffer.from('\r\n')]);
    await refused({ name: 'people.csv', data: bad }, 422, /2行目に読み取れない文字があります/);
    await refused({ name: 'people.csv', data: Buffer.from(`${HEADER.join(',')}\r\nACC1,"山田`) }, 422, /CSVの形式が崩れています/);
  });

  test('more rows than the limit', async () => {
    const saved = t.config.imports.maxRows;
    t.config.imports.maxRows = 10;
    try {
      const rows = [HEADER, ...Array.from({ length: 11 }, (_, i) => [`LIM${i}`, '名前', '', '', '正職員', 'ACC-HQ', '', '', '', '', '', ''])];
      await refused({ name: 'people.csv', data: Buffer.from(csvOf(rows)) }, 413, /上限 10 行/);
    } finally {
      t.config.imports.maxRows = saved;
    }
  });
});

describe('site scope', () => {
  test('a scoped operator imports only rows of their sites and exports only their people', async () => {
    const mine = await makeSite(t, { code: 'SCP-A' });
    const other = await makeSite(t, { code: 'SCP-B' });
    await makePerson(t, other.id, { employeeNumber: 'SCP-B-1' });
    await makePerson(t, mine.id, { employeeNumber: 'SCP-A-0' });
    const { client } = await clientFor(t, ['operator'], { kind: 'sites', siteIds: [mine.id] });
    const file = csvOf([
      ['職員番号', '氏名', '職員区分', '拠点コード'],
      ['SCP-A-1', '範囲内', '正職員', 'SCP-A'],
      ['SCP-A-2', '範囲外', '正職員', 'SCP-B'],
      ['SCP-B-1', '他拠点の人', '正職員', 'SCP-A'],
    ]);
    const res = (await importFile(t.app, client, 'people', { name: 'scope.csv', data: Buffer.from(file) }, { commit: true })).json();
    assert.deepEqual(res.errors, [
      { row: 3, column: '拠点コード', message: '担当範囲外の拠点のデータです' },
      { row: 4, column: '職員番号', message: '担当範囲外の拠点のデータです' },
    ]);
    assert.equal(res.committed, false);
    assert.equal((await t.db.select().from(people).where(eq(people.employeeNumber, 'SCP-A-1'))).length, 0);

    const exported = await client.get('/api/v1/people/export');
    assert.equal(exported.statusCode, 200);
    const numbers = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    assert.deepEqual(numbers, ['SCP-A-0']);

    const auditor = await clientFor(t, ['auditor']);
    assert.equal((await auditor.client.get(`/api/v1/people/export?siteId=${other.id}`)).statusCode, 200);
    assert.equal((await importFile(t.app, auditor.client, 'people', { name: 'x.csv', data: Buffer.from(file) })).statusCode, 403);
  });
});

describe('CLI import', () => {
  const cli = path.join(import.meta.dirname, '../../cli.ts');
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let drop: () => Promise<void>;
  before(async () => {
    const db = await createTestDatabaseUrl();
    drop = db.drop;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-cli-import-'));
    env = { ...process.env, LOG_LEVEL: 'silent', UNYO_SEED_DEMO: 'false', UNYO_DATA_DIR: path.join(dir, 'db') };
    if (db.url) env.DATABASE_URL = db.url;
    else delete env.DATABASE_URL;
  });
  after(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  const write = (name: string, data: Buffer | string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data);
    return p;
  };

  test('imports sites, departments and a CP932 people file; a bad row fails with a table and exit 1, with a progress bar', () => {
    assert.equal(run('migrate').status, 0);
    const sitesCsv = write(
      'sites.csv',
      csvOf([
        ['拠点コード', '拠点種別', '拠点名', '拠点名（英語）'],
        ['CLI-HQ', '本部', '本部', 'HQ'],
      ]),
    );
    const deptCsv = write(
      'depts.csv',
      csvOf([
        ['部署コード', '部署名', '部署名（英語）', '拠点コード'],
        ['CLI-D', '情報課', 'IT', 'CLI-HQ'],
      ]),
    );
    assert.match(run('import', 'sites', sitesCsv).stdout, /sites: 1行 — 新規 1、更新 0、変更なし 0（登録済み）/);
    assert.equal(run('import', 'departments', deptCsv).status, 0);

    const rows = [
      ['職員番号', '氏名', '職員区分', '部署コード', '着任日'],
      ...Array.from({ length: 50 }, (_, i) => [`CLI${i}`, `髙橋 ${i}`, '正職員', 'CLI-D', 'R6.4.1']),
    ];
    rows[31][3] = 'CLI-NONE';
    const bad = write('bad.csv', iconv.encode(csvOf(rows), 'cp932'));
    const dry = run('import', 'people', bad, '--dry-run');
    assert.equal(dry.status, 1, dry.stderr);
    assert.match(dry.stdout, /新規 49、更新 0、変更なし 0（試行）/);
    assert.match(dry.stdout, /\s+32\s+部署コード\s+「CLI-NONE」が見つかりません/);
    assert.match(dry.stderr, /\[#{20}\] 100% 50\/50/);

    rows[31][3] = 'CLI-D';
    const good = write('good.csv', iconv.encode(csvOf(rows), 'cp932'));
    const ok = run('import', 'people', good, '--lang', 'en');
    assert.equal(ok.status, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /people: 50 rows — created 50, updated 0, unchanged 0 \(committed\)/);
    assert.match(run('audit-verify').stdout, /Audit log OK/);

    const empty = run('import', 'people', write('empty.csv', ''));
    assert.equal(empty.status, 1);
    assert.match(empty.stderr, /ファイルが空です/);
  });
});
