import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { excelSerialToIso, normalizeCode, normalizeText, parseBool, parseDate, parseInteger, parseWareki, parseYen } from './normalize.ts';

const date = (v: Parameters<typeof parseDate>[0]) => {
  const r = parseDate(v);
  return r.ok ? r.value : `invalid`;
};

describe('和暦 dates', () => {
  test('kanji eras, 元年, letter forms with . / - and full-width input', () => {
    assert.equal(parseWareki('令和6年4月1日'), '2024-04-01');
    assert.equal(parseWareki('令和元年5月1日'), '2019-05-01');
    assert.equal(parseWareki('令和 元年 5月 1日'), '2019-05-01');
    assert.equal(parseWareki('R6.4.1'), '2024-04-01');
    assert.equal(parseWareki('R06/04/01'), '2024-04-01');
    assert.equal(parseWareki('r6-4-1'), '2024-04-01');
    assert.equal(parseWareki('R1.5.1'), '2019-05-01');
    assert.equal(parseWareki('H31.4.30'), '2019-04-30');
    assert.equal(parseWareki('平成元年1月8日'), '1989-01-08');
    assert.equal(parseWareki('S64.1.7'), '1989-01-07');
    assert.equal(parseWareki('昭和45年3月31日'), '1970-03-31');
    assert.equal(parseWareki('T1.7.30'), '1912-07-30');
    assert.equal(parseWareki('明治45年7月29日'), '1912-07-29');
    assert.equal(parseWareki('Ｒ６．４．１'), '2024-04-01');
    assert.equal(parseWareki('令和６年４月１日'), '2024-04-01');
    assert.equal(parseWareki('令和六年四月一日'), '2024-04-01');
    assert.equal(parseWareki('平成三十一年四月三十日'), '2019-04-30');
    assert.equal(parseWareki('令和6年4月1'), '2024-04-01');
  });

  test('dates that do not exist, or lie outside their era, are rejected', () => {
    for (const bad of [
      'R6.2.30',
      'R5.2.29',
      '令和6年13月1日',
      'R6.4.31',
      'H31.5.1',
      'R1.4.30',
      'H0.1.1',
      'S64.1.8',
      '平成1年1月7日',
      'X6.4.1',
      '令和',
      'R6.4',
    ]) {
      assert.equal(parseWareki(bad), null, bad);
    }
    assert.equal(parseWareki('R6.2.29'), '2024-02-29');
  });
});

describe('dates', () => {
  test('common formats, Excel serials and XLSX date cells', () => {
    for (const s of [
      '2024/4/1',
      '2024-04-01',
      '2024.4.1',
      '2024年4月1日',
      '20240401',
      '２０２４／０４／０１',
      '2024/04/01 0:00',
      '2024-04-01T00:00:00Z',
      ' 2024/4/1 ',
    ]) {
      assert.equal(date(s), '2024-04-01', s);
    }
    assert.equal(date('令和6年4月1日'), '2024-04-01');
    assert.equal(date(45383), '2024-04-01');
    assert.equal(date('45383'), '2024-04-01');
    assert.equal(date(new Date(Date.UTC(2024, 3, 1))), '2024-04-01');
    assert.equal(date(new Date(Date.UTC(2024, 3, 1, 23, 59, 59, 999))), '2024-04-02');
    assert.equal(excelSerialToIso(1), '1900-01-01');
    assert.equal(excelSerialToIso(59), '1900-02-28');
    assert.equal(excelSerialToIso(61), '1900-03-01');
    assert.equal(excelSerialToIso(60), null, "Excel's 29 Feb 1900 does not exist");
    assert.equal(date(''), null);
    assert.equal(date(null), null);
    assert.equal(date('　'), null);
  });

  test('impossible or ambiguous dates are errors', () => {
    for (const bad of ['2024/2/30', '2023-02-29', '2024/13/1', '24/4/1', '2024', '4/1', 'tomorrow', '20241301', '2024/4/1 25:00']) {
      assert.deepEqual(parseDate(bad), { ok: false, error: 'import.invalid_date' }, bad);
    }
    assert.deepEqual(parseDate(true), { ok: false, error: 'import.invalid_date' });
  });
});

describe('text and codes', () => {
  test('full-width letters and digits become half-width, half-width kana full-width; kanji and CP932 symbols are kept', () => {
    assert.equal(normalizeText('  ＩＴ推進課　第２係 '), 'IT推進課　第2係');
    assert.equal(normalizeText('ｼｹﾝ ﾀﾛｳ'), 'シケン タロウ');
    assert.equal(normalizeText('ｶﾞｯｺｳ'), 'ガッコウ');
    assert.equal(normalizeText('髙橋 﨑子 ① ㈱'), '髙橋 﨑子 ① ㈱');
    assert.equal(normalizeText('総務課（分室）'), '総務課（分室）');
    assert.equal(normalizeCode(' Ｅ０００１２ '), 'E00012');
    assert.equal(normalizeCode('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ'), 'taro@example.jp');
  });
});

describe('numbers, yen and yes/no', () => {
  test('yen amounts', () => {
    for (const [s, n] of [
      ['¥1,234,000', 1234000],
      ['￥1,234,000', 1234000],
      ['1,234,000円', 1234000],
      ['１，２３４，０００円', 1234000],
      ['1234000', 1234000],
      ['▲5,000', -5000],
      ['-5000', -5000],
      ['0', 0],
    ] as const) {
      assert.deepEqual(parseYen(s), { ok: true, value: n }, s);
    }
    assert.deepEqual(parseYen(1234000), { ok: true, value: 1234000 });
    assert.equal(parseYen('12.5').ok, false);
    assert.equal(parseYen('千円').ok, false);
    assert.deepEqual(parseYen(''), { ok: true, value: null });
  });

  test('integers', () => {
    assert.deepEqual(parseInteger('１２３'), { ok: true, value: 123 });
    assert.deepEqual(parseInteger('1,024'), { ok: true, value: 1024 });
    assert.equal(parseInteger('1.5').ok, false);
    assert.equal(parseInteger(1.5).ok, false);
  });

  test('booleans in the forms Japanese ledgers use', () => {
    for (const s of ['○', '◯', '有', 'あり', 'はい', 'true', 'TRUE', 'Yes', 'Y', '1', '１', '有効'])
      assert.deepEqual(parseBool(s), { ok: true, value: true }, s);
    for (const s of ['×', '✕', '無', 'なし', 'いいえ', 'false', 'No', 'n', '0', '無効']) assert.deepEqual(parseBool(s), { ok: true, value: false }, s);
    assert.deepEqual(parseBool(true), { ok: true, value: true });
    assert.deepEqual(parseBool(0), { ok: true, value: false });
    assert.deepEqual(parseBool(''), { ok: true, value: null });
    assert.deepEqual(parseBool('たぶん'), { ok: false, error: 'import.invalid_bool' });
  });
});
