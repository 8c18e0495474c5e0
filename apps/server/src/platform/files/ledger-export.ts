import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { ExportQuery, Locale } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { csvLine, guardFormula } from './csv.ts';
import { encodeText, UTF8_BOM } from './encoding.ts';
import type { LedgerColumn, LedgerIo, Value } from './ledger-io.ts';
import type { CellValue } from './normalize.ts';
import { createXlsxWriter } from './xlsx.ts';

const PAGE = 1000;

/** Pages through the ledger with a keyset cursor, one page in memory at a time. */
async function* pages<Q>(io: LedgerIo<Q>, db: Db, query: Q, actor: Actor) {
  let cursor: string | null = null;
  do {
    const page: { rows: Record<string, Value>[]; next: string | null } = await io.exportPage(db, query, actor, cursor, PAGE);
    if (page.rows.length) yield page.rows;
    cursor = page.next;
  } while (cursor);
}

function label(c: LedgerColumn, v: string, lang: Locale) {
  const choice = c.choices?.find((ch) => ch.value === v);
  return choice ? (lang === 'en' ? choice.en : choice.ja) : v;
}

/** List items joined with ", " (the importer splits on , ; and spaces); json values in their codec's text form. */
function structuredText(c: LedgerColumn, v: Value): string {
  if (c.type === 'json') return c.codec!.format(v);
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** A value as CSV text, in the forms the importer reads back to the same value. */
export function csvText(c: LedgerColumn, v: Value, lang: Locale): string {
  if (v === null) return '';
  switch (c.type) {
    case 'text':
      return guardFormula(String(v));
    case 'enum':
      return label(c, String(v), lang);
    case 'bool':
      return lang === 'ja' ? (v ? '○' : '×') : v ? 'TRUE' : 'FALSE';
    case 'list':
    case 'json':
      // Addresses and NAPT rules never start with a formula character: no guard needed.
      return structuredText(c, v);
    default:
      return String(v);
  }
}

/** A value as a typed XLSX cell: dates as dates, numbers as numbers, yes/no as booleans. */
export function xlsxCell(c: LedgerColumn, v: Value, lang: Locale): CellValue {
  if (v === null) return null;
  switch (c.type) {
    case 'date':
      return new Date(`${v}T00:00:00Z`);
    case 'enum':
      return label(c, String(v), lang);
    case 'bool':
      return Boolean(v);
    case 'int':
    case 'yen':
      return Number(v);
    case 'list':
    case 'json':
      return structuredText(c, v) || null;
    default:
      return String(v);
  }
}

const numFmt: Partial<Record<LedgerColumn['type'], string>> = { date: 'yyyy/mm/dd', yen: '#,##0', int: '0' };

export type ExportFile = { stream: Readable; contentType: string; fileName: string };

/**
 * The ledger's rows under the current filter, as CSV (UTF-8 with BOM by default, CP932 on request)
 * or XLSX, streamed: rows are read a page at a time and written as they come, so memory stays flat
 * whatever the size. Headings are the ones the importer accepts, so an export re-imports unchanged.
 */
export function streamExport<Q>(io: LedgerIo<Q>, db: Db, actor: Actor, query: Q & ExportQuery): ExportFile {
  const lang = query.lang;
  const heading = (c: LedgerColumn) => (lang === 'en' ? c.en : c.ja);
  const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const base = `${io.name}-${stamp}`;
  if (query.format === 'xlsx') {
    const out = new PassThrough();
    const writer = createXlsxWriter(
      out,
      lang === 'en' ? io.label.en : io.label.ja,
      io.columns.map((c) => ({ header: heading(c), width: c.width, numFmt: numFmt[c.type] })),
    );
    (async () => {
      for await (const page of pages(io, db, query, actor)) {
        for (const r of page) writer.addRow(io.columns.map((c) => xlsxCell(c, r[c.key] ?? null, lang)));
        // Back-pressure: wait for the client before reading the next page.
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      await writer.finish();
    })().catch((e) => out.destroy(e));
    return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
  }
  const encoding = query.encoding;
  async function* csv() {
    if (encoding === 'utf8bom') yield UTF8_BOM;
    yield encodeText(csvLine(io.columns.map(heading)), encoding);
    for await (const page of pages(io, db, query, actor)) {
      yield encodeText(page.map((r) => csvLine(io.columns.map((c) => csvText(c, r[c.key] ?? null, lang)))).join(''), encoding);
    }
  }
  const charset = encoding === 'cp932' ? 'Shift_JIS' : 'utf-8';
  return { stream: Readable.from(csv(), { objectMode: false }), contentType: `text/csv; charset=${charset}`, fileName: `${base}.csv` };
}
