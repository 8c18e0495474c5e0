import { choiceLabel, complianceStatuses, type Locale } from '@unyo/contracts';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.ts';
import { complianceReport } from './compliance.service.ts';
import { dateIn } from './renewals.ts';

const H = {
  ja: {
    sheet: 'ライセンス適合状況',
    title: (d: string) => `ソフトウェアライセンス適合状況報告（${d} 現在）`,
    note: (p: number) => `判定: 不足がある、または利用数が保有数を超える製品は「超過」、利用数が保有数の ${p}% 以上は「上限間近」。`,
    summary: (ok: number, near: number, over: number) => `適正 ${ok} 製品／上限間近 ${near} 製品／超過 ${over} 製品`,
    cols: [
      'No.',
      '発行元',
      '製品',
      '保有（有効）',
      '利用',
      '利用率（%）',
      '不足',
      '検出（エージェント）',
      '記録（使用台帳）',
      '海外配布',
      '検出のみ',
      '台帳のみ',
      '判定',
    ],
  },
  en: {
    sheet: 'Licence compliance',
    title: (d: string) => `Software licence compliance report (as of ${d})`,
    note: (p: number) => `Status: "Over" when installations are not covered or use exceeds the licences held; "Near limit" from ${p}% of them.`,
    summary: (ok: number, near: number, over: number) => `${ok} OK / ${near} near limit / ${over} over`,
    cols: [
      'No.',
      'Publisher',
      'Product',
      'Entitled',
      'Used',
      'Use (%)',
      'Shortfall',
      'Detected (agent)',
      'Recorded (ledger)',
      'Overseas',
      'Detected only',
      'Ledger only',
      'Status',
    ],
  },
} satisfies Record<Locale, unknown>;

const fills = { over: 'FFFFCCCC', near: 'FFFFF2CC' } as const;

/** The written compliance report for the monthly regular meeting (2.2.m): over and near-limit products first. */
export async function buildComplianceXlsx(db: Db, locale: Locale, timeZone: string): Promise<{ buffer: Buffer; fileName: string }> {
  const report = await complianceReport(db);
  const today = dateIn(new Date(report.computedAt), timeZone);
  const h = H[locale];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(h.sheet, { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.addRow([h.title(today)]).font = { bold: true, size: 13 };
  ws.addRow([h.summary(report.summary.ok, report.summary.near, report.summary.over)]);
  ws.addRow([h.note(report.nearPercent)]);
  ws.addRow(h.cols).font = { bold: true };
  [5, 18, 36, 10, 8, 10, 8, 12, 12, 10, 10, 10, 10].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const [i, x] of report.items.entries()) {
    const row = ws.addRow([
      i + 1,
      x.product.publisher ?? '',
      x.product.name,
      x.entitled,
      x.consumed,
      x.utilization ?? '',
      x.shortfall,
      x.detected,
      x.recorded,
      x.distributed,
      x.detectedUnrecorded,
      x.recordedUndetected,
      choiceLabel(complianceStatuses.items, x.status, locale),
    ]);
    if (x.status !== 'ok') row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[x.status] } };
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `software-compliance-${today}.xlsx` };
}
