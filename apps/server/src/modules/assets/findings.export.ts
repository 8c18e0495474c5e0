import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { type AssetFindingExportQuery, choiceLabel, findingKinds, findingStatuses, type Locale } from '@unyo/contracts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { localDateTimeOf } from '../../platform/calendar/zoned-time.ts';
import { csvLine, guardFormula } from '../../platform/files/csv.ts';
import { encodeText, UTF8_BOM } from '../../platform/files/encoding.ts';
import type { ExportFile } from '../../platform/files/ledger-export.ts';
import type { CellValue } from '../../platform/files/normalize.ts';
import { createXlsxWriter } from '../../platform/files/xlsx.ts';
import { type FindingWithRefs, findFindingRows } from './findings.repo.ts';

const PAGE = 1000;

type Col = { ja: string; en: string; width?: number; numFmt?: string; value(r: FindingWithRefs, lang: Locale): CellValue };

const pad = (n: number) => String(n).padStart(2, '0');
/**
 * `YYYY-MM-DD HH:mm` on the wall clock of the asset's site, as text: an XLSX date cell has no zone
 * (ExcelJS would store the UTC time) and an ISO `Z` time is not what anyone at the site reads.
 */
const localTime = (v: Date | string | null, timeZone: string) => {
  if (v === null) return null;
  const l = localDateTimeOf(new Date(v).getTime(), timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`;
};

const columns: Col[] = [
  { ja: '資産管理番号', en: 'Asset number', width: 18, value: (r) => r.asset.assetNumber },
  { ja: '機器名', en: 'Name', width: 24, value: (r) => r.asset.name },
  { ja: '拠点', en: 'Site', width: 18, value: (r, l) => (l === 'en' ? r.site.nameEn : r.site.nameJa) },
  { ja: 'チェック項目', en: 'Check', width: 26, value: (r, l) => choiceLabel(findingKinds.items, r.kind, l) },
  { ja: '重複値', en: 'Duplicated value', width: 20, value: (r) => r.key || null },
  { ja: '状態', en: 'Status', width: 12, value: (r, l) => choiceLabel(findingStatuses.items, r.status, l) },
  { ja: '理由', en: 'Reason', width: 30, value: (r) => r.reason },
  { ja: '初回検出日時（拠点の現地時刻）', en: 'First detected (site local time)', width: 18, value: (r) => localTime(r.firstDetectedAt, r.site.timeZone) },
  { ja: '最終検出日時（拠点の現地時刻）', en: 'Last detected (site local time)', width: 18, value: (r) => localTime(r.lastDetectedAt, r.site.timeZone) },
  { ja: '対応日時（拠点の現地時刻）', en: 'Closed at (site local time)', width: 18, value: (r) => localTime(r.closedAt, r.site.timeZone) },
  { ja: 'タイムゾーン', en: 'Time zone', width: 20, value: (r) => r.site.timeZone },
  { ja: '対応者', en: 'Closed by', width: 20, value: (r) => r.closedByLabel },
];

async function* pages(db: Db, q: AssetFindingExportQuery, actor: Actor) {
  let cursor: string | undefined;
  do {
    const page = await findFindingRows(db, q, actor, cursor, PAGE);
    if (page.items.length) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function csvValue(v: CellValue): string {
  if (v === null) return '';
  return typeof v === 'string' ? guardFormula(v) : String(v);
}

/** The findings under the list's filters as CSV or XLSX, streamed a page at a time. */
export function exportFindings(db: Db, actor: Actor, q: AssetFindingExportQuery): ExportFile {
  const lang = q.lang;
  const today = localDateTimeOf(Date.now(), 'Asia/Tokyo');
  const stamp = `${today.year}${pad(today.month)}${pad(today.day)}`;
  const base = `asset-findings-${stamp}`;
  if (q.format === 'xlsx') {
    const out = new PassThrough();
    const writer = createXlsxWriter(
      out,
      lang === 'en' ? 'Findings' : '台帳チェック結果',
      columns.map((c) => ({ header: c[lang], width: c.width, numFmt: c.numFmt })),
    );
    (async () => {
      for await (const page of pages(db, q, actor)) {
        for (const r of page) writer.addRow(columns.map((c) => c.value(r, lang)));
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      await writer.finish();
    })().catch((e) => out.destroy(e));
    return { stream: out, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${base}.xlsx` };
  }
  const encoding = q.encoding;
  async function* csv() {
    if (encoding === 'utf8bom') yield UTF8_BOM;
    yield encodeText(csvLine(columns.map((c) => c[lang])), encoding);
    for await (const page of pages(db, q, actor)) {
      yield encodeText(page.map((r) => csvLine(columns.map((c) => csvValue(c.value(r, lang))))).join(''), encoding);
    }
  }
  const charset = encoding === 'cp932' ? 'Shift_JIS' : 'utf-8';
  return { stream: Readable.from(csv(), { objectMode: false }), contentType: `text/csv; charset=${charset}`, fileName: `${base}.csv` };
}
