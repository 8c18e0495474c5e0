import type { Locale } from '@unyo/contracts';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/http/context.ts';
import { excelLocal } from '../assets/stocktakes-report.ts';
import { findGuidanceLogsOfMonth } from './guidance.repo.ts';

const H = {
  ja: {
    sheet: '技術指導一覧',
    title: (m: string) => `技術指導一覧（${m}）`,
    no: 'No.',
    heldAt: '日時（拠点の現地時刻）',
    endsAt: '終了',
    site: '拠点',
    place: '場所',
    audience: '対象者',
    attendees: '参加者',
    count: '人数',
    content: '内容',
    topic: '関連案件・テーマ',
    agreedBy: '事前合意（担当職員）',
    agreedOn: '合意日',
    note: '備考',
    total: (n: number, p: number) => `計 ${n} 件・参加 ${p} 名`,
  },
  en: {
    sheet: 'Technical guidance',
    title: (m: string) => `Technical guidance given (${m})`,
    no: 'No.',
    heldAt: 'Date/time (site local)',
    endsAt: 'Ends',
    site: 'Site',
    place: 'Place',
    audience: 'Audience',
    attendees: 'Attendees',
    count: 'Count',
    content: 'Content',
    topic: 'Project / topic',
    agreedBy: 'Agreed with (staff in charge)',
    agreedOn: 'Agreed on',
    note: 'Note',
    total: (n: number, p: number) => `${n} sessions, ${p} attendees`,
  },
} satisfies Record<Locale, Record<string, unknown>>;

/** The month's list for the regular meeting (1.3.c): one row per session, site-local times. */
export async function buildGuidanceMonthly(ctx: Ctx, month: string, siteId?: string): Promise<{ buffer: Buffer; fileName: string }> {
  const rows = await findGuidanceLogsOfMonth(ctx.db, month, siteId, ctx.actor);
  const h = H[ctx.locale];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(h.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([h.title(month)]).font = { bold: true, size: 13 };
  const cols = [h.no, h.heldAt, h.endsAt, h.site, h.place, h.audience, h.attendees, h.count, h.content, h.topic, h.agreedBy, h.agreedOn, h.note];
  const widths = [5, 17, 17, 18, 18, 22, 24, 7, 50, 20, 18, 12, 24];
  ws.addRow(cols).font = { bold: true };
  cols.forEach((_, i) => {
    ws.getColumn(i + 1).width = widths[i];
  });
  let people = 0;
  for (const [i, r] of rows.entries()) {
    people += r.attendeeCount ?? 0;
    const row = ws.addRow([
      i + 1,
      excelLocal(r.heldAt, r.timeZone),
      excelLocal(r.endsAt, r.timeZone),
      `${r.site.code} ${ctx.locale === 'ja' ? r.site.nameJa : r.site.nameEn}`,
      r.place,
      r.audience,
      r.attendees ?? '',
      r.attendeeCount ?? '',
      r.content,
      r.topic ?? '',
      r.staffAgreedBy ?? '',
      r.staffAgreedOn ?? '',
      r.note ?? '',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
  ws.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  ws.addRow([]);
  ws.addRow([h.total(rows.length, people)]).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `guidance-${month}.xlsx` };
}
