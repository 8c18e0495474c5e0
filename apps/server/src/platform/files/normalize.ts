import type { MessageKey } from '@unyo/contracts';

/**
 * Cell values as the ledgers' users type them in Japanese Excel: full-width digits, 和暦 dates,
 * yen with commas, ○/× booleans. Each parser returns the stored form or the message key of the error.
 */

/** A cell as the readers deliver it: CSV gives strings, XLSX also numbers, booleans and dates. */
export type CellValue = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MessageKey; params?: Record<string, string | number> };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: MessageKey): Parsed<never> => ({ ok: false, error });

const FULLWIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/g;
const HALFWIDTH_KANA = /[\uFF61-\uFF9F]+/g;
const EDGE_SPACE = /^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g;

/**
 * Free text (names, titles): full-width letters and digits become half-width and half-width katakana
 * full-width; everything else is kept as typed, so kanji such as 髙 﨑 and symbols such as ① ㈱ and
 * the ideographic space survive (NFKC would turn ① into 1 and ㈱ into (株)).
 */
const TEXT_NEEDS_WORK = /[０-９Ａ-Ｚａ-ｚ\uFF61-\uFF9F]|^[\s\u3000\uFEFF]|[\s\u3000\uFEFF]$/;

export function normalizeText(s: string): string {
  // Most cells need nothing; skip the replacements for them (100k-row imports read a million cells).
  if (!TEXT_NEEDS_WORK.test(s)) return s;
  return s
    .replace(EDGE_SPACE, '')
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(HALFWIDTH_KANA, (run) => run.normalize('NFKC'));
}

/** Codes, numbers, e-mail addresses and extensions: NFKC, so any full-width form becomes ASCII. */
const PLAIN_ASCII = /^[\x21-\x7e]*$/;

export function normalizeCode(s: string): string {
  if (PLAIN_ASCII.test(s)) return s;
  return s.normalize('NFKC').replace(EDGE_SPACE, '');
}

/** The text of a cell; numbers from XLSX keep their digits (12345, not 12345.0). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return isoOfDate(v) ?? '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.replace(EDGE_SPACE, '') === '');
}

// ---------------------------------------------------------------------------------------------
// Dates

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCFullYear(y);
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Calendar date of a Date as XLSX readers produce it (Excel dates carry no zone; they arrive as UTC). */
function isoOfDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // Excel stores times as fractions of a day; round to the second so 23:59:59.9997 stays on its day.
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Excel's day numbers (1900 system). 60 is Excel's fictitious 29 Feb 1900. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466 || Math.floor(serial) === 60) return null;
  const day = Math.floor(serial) - (serial > 60 ? 1 : 0);
  return isoOfDate(new Date(Date.UTC(1899, 11, 31) + day * 86_400_000));
}

/** Eras with their first day (as ICU counts them); each era's year 1 is the year of that day. */
const eras = [
  { names: ['令和', 'R'], start: '2019-05-01' },
  { names: ['平成', 'H'], start: '1989-01-08' },
  { names: ['昭和', 'S'], start: '1926-12-25' },
  { names: ['大正', 'T'], start: '1912-07-30' },
  { names: ['明治', 'M'], start: '1868-10-23' },
] as const;

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1–99 written as digits or kanji (六, 十二, 二十三, 三一), 元 = 1. */
function smallNumber(s: string): number | null {
  if (s === '元') return 1;
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (!/^[〇零一二三四五六七八九十]{1,3}$/.test(s)) return null;
  const ten = s.indexOf('十');
  if (ten === -1) return s.length <= 2 ? [...s].reduce((n, c) => n * 10 + KANJI_DIGITS[c], 0) : null;
  if (s.indexOf('十', ten + 1) !== -1) return null;
  const tens = ten === 0 ? 1 : KANJI_DIGITS[s[ten - 1]];
  const ones = ten === s.length - 1 ? 0 : KANJI_DIGITS[s[ten + 1]];
  return ten > 1 || tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

const NUM = '(元|\\d{1,2}|[〇零一二三四五六七八九十]{1,3})';
const WAREKI = new RegExp(`^(令和|平成|昭和|大正|明治|[RHSTM])\\s*${NUM}\\s*(?:年|[./-])\\s*${NUM}\\s*(?:月|[./-])\\s*${NUM}\\s*日?$`, 'i');

/** 令和6年4月1日, 令和元年5月1日, R6.4.1, H31/4/30, s64-1-7; null if not 和暦 or not a real date of that era. */
export function parseWareki(input: string): string | null {
  const m = WAREKI.exec(input.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return null;
  const era = eras.find((e) => e.names.some((n) => n.toUpperCase() === m[1].toUpperCase()));
  const [y, mo, d] = [smallNumber(m[2]), smallNumber(m[3]), smallNumber(m[4])];
  if (!era || !y || !mo || !d) return null;
  const iso = isoOf(Number(era.start.slice(0, 4)) + y - 1, mo, d);
  if (!iso || iso < era.start) return null;
  const next = eras[eras.indexOf(era) - 1];
  if (next && iso >= next.start) return null;
  return iso;
}

const WESTERN =
  /^(\d{4})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})\s*日?(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A calendar date: 和暦, 2024/4/1, 2024-04-01, 2024.4.1, 2024年4月1日, 20240401, Excel serial days,
 * and XLSX date cells. A time of day (Excel writes "2024/04/01 0:00" into CSV) is ignored.
 */
export function parseDate(v: CellValue): Parsed<string | null> {
  if (v === null || isBlank(v)) return ok(null);
  if (v instanceof Date) return orInvalid(isoOfDate(v));
  if (typeof v === 'number') return orInvalid(excelSerialToIso(v));
  if (typeof v === 'boolean') return fail('import.invalid_date');
  // A ledger repeats a few dates many times: remember recent answers.
  let parsed = dateCache.get(v);
  if (!parsed) {
    if (dateCache.size > 20_000) dateCache.clear();
    parsed = parseDateText(v);
    dateCache.set(v, parsed);
  }
  return parsed;
}

const dateCache = new Map<string, Parsed<string | null>>();

function parseDateText(v: string): Parsed<string | null> {
  const s = v.normalize('NFKC').trim();
  const w = WESTERN.exec(s);
  if (w) return orInvalid(isoOf(Number(w[1]), Number(w[2]), Number(w[3])));
  if (/^\d{8}$/.test(s)) return orInvalid(isoOf(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6))));
  // A serial day number typed or pasted as text: only 5 digits (1927–2173), so a bare year is not a date.
  if (/^\d{5}(\.\d+)?$/.test(s)) return orInvalid(excelSerialToIso(Number(s)));
  return orInvalid(parseWareki(s));
}

function orInvalid(iso: string | null): Parsed<string | null> {
  return iso ? ok(iso) : fail('import.invalid_date');
}

// ---------------------------------------------------------------------------------------------
// Numbers and yes/no

const TRUE_WORDS = new Set(['○', '◯', '〇', '●', '有', 'あり', '有り', 'はい', 'true', 't', 'yes', 'y', '1', '有効', '済', 'on']);
const FALSE_WORDS = new Set(['×', '✕', '☓', '✗', '無', 'なし', '無し', 'いいえ', 'false', 'f', 'no', 'n', '0', '無効', '未', 'off', '-', '－']);

export function parseBool(v: CellValue): Parsed<boolean | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'number') return v === 1 ? ok(true) : v === 0 ? ok(false) : fail('import.invalid_bool');
  const s = String(v).trim();
  const k = s.normalize('NFKC').toLowerCase();
  if (TRUE_WORDS.has(s) || TRUE_WORDS.has(k)) return ok(true);
  if (FALSE_WORDS.has(s) || FALSE_WORDS.has(k)) return ok(false);
  return fail('import.invalid_bool');
}

export function parseInteger(v: CellValue): Parsed<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') return Number.isSafeInteger(v) ? ok(v) : fail('import.invalid_number');
  if (typeof v !== 'string') return fail('import.invalid_number');
  const s = v.normalize('NFKC').replace(/[\s,]/g, '');
  if (!/^[+-]?\d+$/.test(s)) return fail('import.invalid_number');
  const n = Number(s);
  return Number.isSafeInteger(n) ? ok(n) : fail('import.invalid_number');
}

/** ¥1,234,000 / 1,234,000円 / 1234000 / ▲5,000 (accounting minus); whole yen only. */
export function parseYen(v: CellValue): Parsed<number | null> {
  if (isBlank(v)) return ok(null);
  if (typeof v === 'number') return Number.isSafeInteger(v) ? ok(v) : fail('import.invalid_yen');
  if (typeof v !== 'string') return fail('import.invalid_yen');
  let s = v.normalize('NFKC').replace(/[\s,]/g, '');
  let negative = false;
  if (/^[▲△-]/.test(s)) {
    negative = true;
    s = s.slice(1);
  }
  s = s
    .replace(/^[¥\\]/, '')
    .replace(/円$/, '')
    .replace(/\.0+$/, '');
  if (!/^\d+$/.test(s)) return fail('import.invalid_yen');
  const n = Number(s) * (negative ? -1 : 1);
  return Number.isSafeInteger(n) ? ok(n === 0 ? 0 : n) : fail('import.invalid_yen');
}

/** Choice labels match regardless of width and case: 正職員, Regular, regular, ＲＥＧＵＬＡＲ. */
export function choiceKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
