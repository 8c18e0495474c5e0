import { type Choice, choiceLabel, type Locale, stocktakeMethods, stocktakeModes, stocktakeResults, stocktakeStatuses } from '@unyo/contracts';
import ExcelJS from 'exceljs';
import { localDateOf, localDateTimeOf } from '../../platform/calendar/zoned-time.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { presentLocation } from './stocktakes.presenter.ts';
import { findAllItems, findStocktakeById } from './stocktakes.repo.ts';

const H = {
  ja: {
    summary: '集計',
    detail: '明細',
    name: '棚卸し名',
    mode: '方式',
    status: '状態',
    dueOn: '期限',
    startedAt: '開始',
    closedAt: '終了',
    site: '拠点',
    expected: '対象数',
    checked: '確認数',
    found: '確認済',
    foundElsewhere: '別の場所で確認',
    missing: '所在不明',
    unexpected: '台帳外',
    pending: '未確認',
    percent: '進捗率(%)',
    answeredBy: '回答者（遠隔）',
    total: '合計',
    assetNumber: '資産管理番号',
    assetName: '機器名',
    result: '結果',
    expectedSite: '台帳の拠点',
    expectedLocation: '台帳の設置場所',
    actualSite: '確認した拠点',
    actualLocation: '確認した設置場所',
    method: '確認方法',
    checkedBy: '確認者',
    checkedAt: '確認日時（拠点の現地時刻）',
    applied: '台帳へ反映（拠点の現地時刻）',
    note: '備考',
    draft: '仮登録',
  },
  en: {
    summary: 'Summary',
    detail: 'Items',
    name: 'Stock-take',
    mode: 'Mode',
    status: 'Status',
    dueOn: 'Due',
    startedAt: 'Started',
    closedAt: 'Closed',
    site: 'Site',
    expected: 'Expected',
    checked: 'Checked',
    found: 'Found',
    foundElsewhere: 'Found elsewhere',
    missing: 'Missing',
    unexpected: 'Not in ledger',
    pending: 'Not checked',
    percent: 'Progress (%)',
    answeredBy: 'Answered by (remote)',
    total: 'Total',
    assetNumber: 'Asset number',
    assetName: 'Name',
    result: 'Result',
    expectedSite: 'Ledger site',
    expectedLocation: 'Ledger location',
    actualSite: 'Site found',
    actualLocation: 'Location found',
    method: 'Method',
    checkedBy: 'Checked by',
    checkedAt: 'Checked at (site local time)',
    applied: 'Applied to ledger (site local time)',
    note: 'Note',
    draft: 'Draft asset',
  },
} satisfies Record<Locale, Record<string, string>>;

/**
 * ExcelJS writes a Date as its UTC wall time and Excel has no zones, so an instant is written as
 * the wall-clock time of the given zone (the site's for checks, Tokyo for the campaign).
 */
export function excelLocal(instant: Date | string | null, timeZone: string): Date | '' {
  if (!instant) return '';
  const l = localDateTimeOf(new Date(instant).getTime(), timeZone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second));
}
const HEAD_ZONE = 'Asia/Tokyo';

const label = (set: { items: readonly Choice[] }, v: string | null, l: Locale) => choiceLabel(set.items, v, l);
const place = (v: unknown) =>
  [presentLocation(v)?.building, presentLocation(v)?.floor, presentLocation(v)?.room, presentLocation(v)?.rack].filter(Boolean).join(' / ');

/** The result report (summary sheet with per-site counts, detail sheet with every item). */
export async function buildStocktakeReport(ctx: Ctx, id: string): Promise<{ buffer: Buffer; fileName: string }> {
  const st = await findStocktakeById(ctx.db, id, ctx.actor);
  if (!st) throw notFound();
  const items = await findAllItems(ctx.db, id, ctx.actor);
  const l = ctx.locale;
  const h = H[l];
  const siteName = (s: { nameJa: string; nameEn: string } | null) => (s ? (l === 'ja' ? s.nameJa : s.nameEn) : '');
  const wb = new ExcelJS.Workbook();

  const summary = wb.addWorksheet(h.summary);
  summary.addRow([h.name, st.name]);
  summary.addRow([h.mode, label(stocktakeModes, st.mode, l)]);
  summary.addRow([h.status, label(stocktakeStatuses, st.status, l)]);
  summary.addRow([h.dueOn, st.dueOn]);
  summary.addRow([h.startedAt, excelLocal(st.startedAt, HEAD_ZONE)]);
  summary.addRow([h.closedAt, excelLocal(st.closedAt, HEAD_ZONE)]);
  for (const r of [5, 6]) summary.getCell(r, 2).numFmt = 'yyyy-mm-dd hh:mm';
  summary.addRow([]);
  const head = summary.addRow([h.site, h.expected, h.checked, h.found, h.foundElsewhere, h.missing, h.unexpected, h.pending, h.percent, h.answeredBy]);
  head.font = { bold: true };
  const counts = (p: typeof st.progress) => [p.expected, p.checked, p.found, p.foundElsewhere, p.missing, p.unexpected, p.pending, p.percent];
  for (const s of st.sites) summary.addRow([`${s.site.code} ${siteName(s.site)}`, ...counts(s.progress), s.answeredBy ?? '']);
  summary.addRow([h.total, ...counts(st.progress)]).font = { bold: true };
  summary.getColumn(1).width = 30;

  const detail = wb.addWorksheet(h.detail, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = [
    h.assetNumber,
    h.assetName,
    h.result,
    h.expectedSite,
    h.expectedLocation,
    h.actualSite,
    h.actualLocation,
    h.method,
    h.checkedBy,
    h.checkedAt,
    h.applied,
    h.draft,
    h.note,
  ];
  detail.columns = cols.map((c) => ({ header: c, width: 18 }));
  detail.getRow(1).font = { bold: true };
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  for (const it of items) {
    detail.addRow([
      it.assetNumber,
      it.expectedName ?? '',
      label(stocktakeResults, it.result, l),
      siteName(it.expectedSite),
      place(it.expectedLocation),
      siteName(it.actualSite),
      place(it.actualLocation),
      label(stocktakeMethods, it.method, l),
      it.checkedBy ?? '',
      excelLocal(it.checkedAt, it.timeZone),
      excelLocal(it.appliedAt, it.timeZone),
      it.draft ? '○' : '',
      it.note ?? '',
    ]);
  }
  detail.getColumn(10).numFmt = 'yyyy-mm-dd hh:mm';
  detail.getColumn(11).numFmt = 'yyyy-mm-dd hh:mm';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `stocktake-${localDateOf(new Date(st.startedAt).getTime(), HEAD_ZONE)}.xlsx` };
}
