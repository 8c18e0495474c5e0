import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { readCsvRows } from './csv.ts';
import { decodeText, detectEncodingOfBuffer, encodeCp932, sniff, utf8InvalidAt } from './encoding.ts';
import { ImportFileError } from './import-error.ts';
import { openSource } from './source.ts';

const CP932_ONLY = '髙橋 﨑子 ① ㈱';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-enc-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const fileOf = (name: string, data: Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return { path: p, name };
};

async function rejects(p: Promise<unknown> | (() => unknown), key: string) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    assert.ok(e instanceof ImportFileError, String(e));
    assert.equal(e.key, key);
    return e;
  }
  assert.fail(`expected ${key}`);
}

describe('encoding detection', () => {
  test('CP932-only characters survive a CP932 round trip and the file is detected as CP932', async () => {
    const bytes = encodeCp932(`氏名\r\n${CP932_ONLY}\r\n`);
    assert.ok(!bytes.includes(0x3f), 'no character was replaced by "?"');
    assert.equal(await detectEncodingOfBuffer(bytes), 'cp932');
    assert.equal(decodeText(bytes, 'cp932'), `氏名\r\n${CP932_ONLY}\r\n`);
    // Both CP932 codes of 﨑 (NEC-selected 0xED95 and IBM 0xFAB1) decode to the same character.
    assert.equal(iconv.decode(Buffer.from('ed95fab1', 'hex'), 'cp932'), '﨑﨑');
  });

  test('JIS-mapped characters are written as their CP932 equivalents instead of "?"', () => {
    assert.equal(decodeText(encodeCp932('〜−‖¥'), 'cp932'), '～－∥￥');
    assert.equal(decodeText(encodeCp932('𠮷'), 'cp932'), '?');
  });

  test('UTF-8 with and without BOM', async () => {
    const text = `氏名\n${CP932_ONLY}\n`;
    assert.equal(await detectEncodingOfBuffer(Buffer.from(text)), 'utf8');
    assert.equal(await detectEncodingOfBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), 'utf8bom');
    assert.equal(await detectEncodingOfBuffer(Buffer.from('code,name\nA,B\n')), 'utf8');
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('氏名')]), 'utf8bom'), '氏名');
  });

  test('bytes that are neither UTF-8 nor CP932 are refused, naming the line', async () => {
    const bad = Buffer.concat([encodeCp932('氏名\r\n山田\r\n'), Buffer.from([0x82, 0x20, 0x85, 0x40]), Buffer.from('\r\n')]);
    const e = await rejects(detectEncodingOfBuffer(bad), 'import.undecodable');
    assert.equal(e.params.row, 3);
    assert.match(e.render('ja'), /3行目/);
    // A UTF-8 file with one broken sequence on line 2.
    const broken = Buffer.concat([Buffer.from('氏名\n山'), Buffer.from([0xe5, 0xb1]), Buffer.from('\n')]);
    assert.equal((await rejects(detectEncodingOfBuffer(broken), 'import.undecodable')).params.row, 2);
  });

  test('utf8InvalidAt finds the first bad byte, including a sequence cut off at the end', () => {
    assert.equal(utf8InvalidAt(Buffer.from('abc髙')), -1);
    assert.equal(utf8InvalidAt(Buffer.from([0x61, 0xc0, 0x80])), 1);
    assert.equal(utf8InvalidAt(Buffer.from([0x61, 0xe9, 0xab])), 1);
    assert.equal(utf8InvalidAt(Buffer.from([0xed, 0xa0, 0x80])), 0, 'surrogates are not UTF-8');
  });

  test('empty, whitespace-only, binary, .xls and UTF-16 files are refused by their first bytes', async () => {
    await rejects(() => sniff(Buffer.alloc(0)), 'import.empty_file');
    await rejects(() => sniff(Buffer.from('\uFEFF \r\n\r\n')), 'import.empty_file');
    await rejects(() => sniff(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), 'import.binary_file');
    await rejects(() => sniff(Buffer.from('%PDF-1.7')), 'import.binary_file');
    await rejects(() => sniff(Buffer.from('a,b\n\u0000\u0001')), 'import.binary_file');
    await rejects(() => sniff(Buffer.from('d0cf11e0a1b11ae1', 'hex')), 'import.xls_unsupported');
    await rejects(() => sniff(Buffer.from('fffe4100', 'hex')), 'import.utf16_unsupported');
    assert.deepEqual(sniff(Buffer.from('504b0304', 'hex')), { kind: 'xlsx' });
  });
});

describe('reading CSV files', () => {
  test('a CP932 CSV with quoted multi-line cells gives rows numbered as Excel shows them', async () => {
    const csv = `職員番号,氏名,備考\r\nE1,${CP932_ONLY},"改行\r\nあり"\r\n\r\nE2,"カンマ,入り",""""\r\n`;
    const src = await openSource(fileOf('a.csv', encodeCp932(csv)), { maxBytes: 1 << 20 });
    assert.equal(src.format, 'csv');
    assert.equal(src.encoding, 'cp932');
    const rows = [];
    for await (const r of src.rows()) rows.push(r);
    assert.deepEqual(rows, [
      { row: 1, cells: ['職員番号', '氏名', '備考'] },
      { row: 2, cells: ['E1', CP932_ONLY, '改行\r\nあり'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['E2', 'カンマ,入り', '"'] },
    ]);
  });

  test('tab-separated text is recognised; an unclosed quote is a clear error', async () => {
    const tsv = await openSource(fileOf('a.txt', Buffer.from('\uFEFF職員番号\t氏名\nE1\t山田, 太郎\n')), { maxBytes: 1 << 20 });
    const rows = [];
    for await (const r of tsv.rows()) rows.push(r.cells);
    assert.deepEqual(rows, [
      ['職員番号', '氏名'],
      ['E1', '山田, 太郎'],
    ]);
    const cut = await openSource(fileOf('cut.csv', Buffer.from('a,b\n1,"unfinished\n2,3\n')), { maxBytes: 1 << 20 });
    await rejects(async () => {
      for await (const _ of cut.rows());
    }, 'import.malformed_csv');
  });

  test('readCsvRows reads UTF-8 with a BOM without a stray BOM in the first heading', async () => {
    const p = fileOf('bom.csv', Buffer.from('\uFEFF職員番号,氏名\r\n1,山田\r\n'));
    const rows = [];
    for await (const r of readCsvRows(fs.createReadStream(p.path), 'utf8bom')) rows.push(r.cells);
    assert.equal(rows[0][0], '職員番号');
  });
});
