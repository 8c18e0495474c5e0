import { type AntivirusStatusDto, antivirusWorkKinds, type Locale } from '@unyo/contracts';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findAntivirusStatus } from './antivirus.repo.ts';
import { antivirusMonthly, monthBounds } from './antivirus.service.ts';
import { loadEndpointSecuritySettings } from './endpoint-security.settings.ts';

const H = {
  ja: {
    sheet: 'ウイルス定義更新状況',
    title: (m: string) => `ウイルス対策ソフト 定義ファイル更新状況報告（${m}）`,
    rule: (d: number, v: number) => `判定: 定義日付が確認日の ${d} 日より前、または同じ製品の最新版より ${v} 版を超えて古い端末を「未更新」とする。`,
    summary: (n: number, e: number, p: number) => `当月の確認 ${n} 回（報告予定 ${p} 回・実施 ${e} 回）`,
    checks: ['No.', '取込日時', '確認日', '製品', '端末数', '台帳照合', '未更新'],
    outdated: (d: string) => `未更新端末（${d} 時点の各端末の最新状況）`,
    cols: ['No.', 'コンピュータ名', '資産管理番号', 'IPアドレス', '製品', 'パターンバージョン', 'パターン日付', '経過日数', '最新版との差', '対応（最終作業）'],
    none: '未更新の端末はありません。',
  },
  en: {
    sheet: 'Antivirus definitions',
    title: (m: string) => `Antivirus definition update status report (${m})`,
    rule: (d: number, v: number) =>
      `Outdated: definitions dated more than ${d} days before the check, or more than ${v} versions behind the newest of the product.`,
    summary: (n: number, e: number, p: number) => `${n} checks this month (${p} report(s) planned, ${e} executed)`,
    checks: ['No.', 'Imported at', 'Check date', 'Product', 'Devices', 'Matched', 'Outdated'],
    outdated: (d: string) => `Outdated devices (each device's latest status as of ${d})`,
    cols: [
      'No.',
      'Computer name',
      'Asset number',
      'IP address',
      'Product',
      'Definition version',
      'Definition date',
      'Age (days)',
      'Versions behind',
      'Action taken (last work)',
    ],
    none: 'No outdated devices.',
  },
} satisfies Record<Locale, unknown>;

/** 3.1.1.u "action taken": the device's last work record before the report's instant (kind, date, operator). */
function actionOf(w: AntivirusStatusDto['lastWork'], locale: Locale, timeZone: string): string {
  if (!w) return '';
  const kind = antivirusWorkKinds.items.find((k) => k.value === w.kind)!;
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date(w.doneAt));
  return [locale === 'en' ? kind.en : kind.ja, day, w.operatorName ?? ''].filter(Boolean).join(' ');
}

/**
 * The monthly update-status report for the regular meeting (1.2.b, 3.1.1.u): the month's checks with their
 * counts, then every device still outdated at the month's end (or now, for the current month).
 */
export async function buildAntivirusXlsx(db: Db, actor: Actor, month: string, locale: Locale, timeZone: string) {
  const settings = await loadEndpointSecuritySettings(db);
  const monthly = await antivirusMonthly(db, month, timeZone);
  const { to } = monthBounds(month, timeZone);
  const asOf = to.getTime() < Date.now() ? to : new Date();
  const outdated = await findAntivirusStatus(db, { outdated: true, limit: 100_000, before: asOf }, actor, settings, timeZone);
  const h = H[locale];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(h.sheet);
  ws.addRow([h.title(month)]).font = { bold: true, size: 13 };
  ws.addRow([h.summary(monthly.snapshots.length, Math.min(monthly.planned, monthly.snapshots.length), monthly.planned)]);
  ws.addRow([h.rule(settings.staleDays, settings.maxVersionsBehind)]);
  ws.addRow([]);
  ws.addRow(h.checks).font = { bold: true };
  for (const [i, s] of monthly.snapshots.entries()) {
    ws.addRow([i + 1, new Date(s.importedAt), s.snapshotDate, s.sourceName ?? '', s.devices, s.matched, s.outdated]).getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
  }
  ws.addRow([]);
  ws.addRow([h.outdated(asOf.toISOString().slice(0, 10))]).font = { bold: true };
  ws.addRow(h.cols).font = { bold: true };
  for (const [i, s] of outdated.items.entries()) {
    const row = ws.addRow([
      i + 1,
      s.computerName,
      s.asset?.assetNumber ?? '',
      s.ipAddress ?? '',
      s.product ?? '',
      s.definitionVersion,
      s.definitionDate ?? '',
      s.ageDays ?? '',
      s.versionsBehind,
      actionOf(s.lastWork, locale, timeZone),
    ]);
    row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFCCCC' } };
  }
  if (!outdated.items.length) ws.addRow([h.none]);
  [5, 24, 16, 16, 26, 18, 12, 10, 12, 40].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `antivirus-report-${month}.xlsx` };
}
