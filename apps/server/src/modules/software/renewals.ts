import { choiceLabel, type Locale, licenseTypes } from '@unyo/contracts';
import { and, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { type AnyJob, defineCron, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { users } from '../access/access.table.ts';
import { runSoftwareFindingChecks } from './findings.service.ts';
import { mediaOverdueSweep } from './media-overdue.ts';
import { softwareLicenses } from './software.table.ts';
import { softwareSyncJobs } from './software-sync.ts';
import { dateIn, minusMonths, renewalNoticeDate, renewalNoticeMonths } from './versions.ts';

// dateIn lives with the other date helpers so the media sweep can use it without importing this module's job list.
export { dateIn } from './versions.ts';

const yen = (n: number | null, locale: Locale) => (n === null ? (locale === 'ja' ? '未登録' : 'not recorded') : `¥${n.toLocaleString('en-US')}`);

/**
 * 2.2.o: mails every active system administrator once per renewal date, from the notice date (renewal date − 3
 * months under ¥10,000,000, − 6 months from ¥10,000,000) until the renewal date. A licence entered after its notice
 * date is noticed on the next run. Changing the renewal date makes a new notice due. Each licence is its own
 * transaction: the notice, its mails and its audit row commit together.
 */
export async function sweepRenewalNotices(db: Db, config: Config, queue: JobQueue, now = new Date()): Promise<{ checked: number; noticed: number }> {
  const today = dateIn(now, config.metrics.reportingTimeZone);
  // Six months ahead plus one: month-end clamping (08-31 − 6 months = 02-28) reaches past a plain six. The exact
  // notice date is checked below with the same function the licence DTO uses.
  const horizon = minusMonths(today, -7);
  const candidates = await db
    .select()
    .from(softwareLicenses)
    .where(
      and(
        isNotNull(softwareLicenses.renewalDate),
        gte(softwareLicenses.renewalDate, today),
        lte(softwareLicenses.renewalDate, horizon),
        sql`${softwareLicenses.renewalNoticeFor} is distinct from ${softwareLicenses.renewalDate}`,
      ),
    );
  const due = candidates.filter((l) => (renewalNoticeDate(l.renewalDate, l.contractAmount) ?? '9999') <= today);
  let noticed = 0;
  for (const c of due) {
    const sent = await inTransaction(db, async (scope) => {
      const [l] = await scope.tx.select().from(softwareLicenses).where(eq(softwareLicenses.id, c.id)).for('update');
      if (!l?.renewalDate || l.renewalNoticeFor === l.renewalDate) return false;
      const admins = await scope.tx
        .select({ email: users.email, name: users.displayName, locale: users.locale })
        .from(users)
        .where(and(eq(users.active, true), sql`'admin' = any(${users.roles})`));
      const months = renewalNoticeMonths(l.contractAmount);
      const noticeDate = renewalNoticeDate(l.renewalDate, l.contractAmount)!;
      for (const a of admins) {
        const locale: Locale = a.locale === 'en' ? 'en' : 'ja';
        await enqueueMail(scope, queue, {
          to: a.email,
          template: 'software.renewal-notice',
          locale,
          vars: {
            name: a.name,
            assetNumber: l.assetNumber,
            softwareName: l.softwareName,
            renewalDate: l.renewalDate,
            months,
            contractAmount: yen(l.contractAmount, locale),
            noticeDate,
            url: `${config.publicUrl.replace(/\/$/, '')}/software-licenses/${l.id}`,
          },
        });
      }
      await scope.tx.update(softwareLicenses).set({ renewalNoticeFor: l.renewalDate, renewalNoticeSentAt: now }).where(eq(softwareLicenses.id, l.id));
      await writeAudit(
        scope.tx,
        { actor: systemActor, requestId: null },
        {
          action: 'software-license.renewal-noticed',
          entityType: 'software-license',
          entityId: l.id,
          after: { renewalDate: l.renewalDate, noticeDate, months, recipients: admins.map((a) => a.email) },
        },
      );
      return true;
    });
    if (sent) noticed++;
  }
  return { checked: candidates.length, noticed };
}

export const renewalSweep = defineCron('software.renewal-sweep', '0 6 * * *', async (ctx) => {
  const r = await sweepRenewalNotices(ctx.db, ctx.config, ctx.queue);
  ctx.log(`checked ${r.checked}, noticed ${r.noticed}`);
});

/** Daily before the working day: agent inventory against the allow/deny lists (2.2.p). */
export const findingsSweep = defineCron('software.findings-sweep', '45 5 * * *', async (ctx) => {
  const r = await runSoftwareFindingChecks(ctx.db, ctx.config, ctx.queue);
  ctx.log(`opened ${r.opened}, removed ${r.removed}, mails ${r.notified}`);
});

export const softwareJobs: AnyJob[] = [renewalSweep, findingsSweep, mediaOverdueSweep, ...softwareSyncJobs];

const H = {
  ja: {
    sheet: '更新予定一覧',
    title: (m: string) => `ソフトウェア更新予定一覧（${m}）`,
    cols: [
      'No.',
      '資産管理番号',
      'ソフトウェア名',
      'ライセンス種別',
      '保有数',
      '契約金額（円）',
      '更新予定日',
      '通知日',
      '通知（か月前）',
      '通知送信日時',
      '調達担当者',
    ],
  },
  en: {
    sheet: 'Upcoming renewals',
    title: (m: string) => `Software renewals due (${m})`,
    cols: [
      'No.',
      'Asset number',
      'Software',
      'Licence type',
      'Owned',
      'Contract amount (JPY)',
      'Renewal date',
      'Notice date',
      'Notice (months)',
      'Notice sent',
      'Procured by',
    ],
  },
} satisfies Record<Locale, unknown>;

/**
 * The month's list of upcoming renewals for the regular meeting (S-4-1-3-2): every licence whose notice period
 * (notice date … renewal date) touches the month, with whether and when the notice went out.
 */
export async function buildRenewalsMonthly(
  db: Db,
  locale: Locale,
  month: string,
  timeZone: string,
): Promise<{ buffer: Buffer; fileName: string; count: number }> {
  const first = `${month}-01`;
  const monthEnd = new Date(Date.parse(`${minusMonths(first, -1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const rows = (
    await db
      .select()
      .from(softwareLicenses)
      .where(
        and(isNotNull(softwareLicenses.renewalDate), gte(softwareLicenses.renewalDate, first), lte(softwareLicenses.renewalDate, minusMonths(monthEnd, -6))),
      )
      .orderBy(softwareLicenses.renewalDate, softwareLicenses.assetNumber)
  ).filter((l) => (renewalNoticeDate(l.renewalDate, l.contractAmount) ?? '9999') <= monthEnd);
  const h = H[locale];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(h.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([h.title(month)]).font = { bold: true, size: 13 };
  ws.addRow(h.cols).font = { bold: true };
  [5, 16, 30, 16, 8, 16, 12, 12, 10, 18, 14].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const [i, l] of rows.entries()) {
    const sent = l.renewalNoticeSentAt && l.renewalNoticeFor === l.renewalDate ? dateIn(l.renewalNoticeSentAt, timeZone) : '';
    ws.addRow([
      i + 1,
      l.assetNumber,
      l.softwareName,
      choiceLabel(licenseTypes.items, l.licenseType, locale),
      l.ownedCount,
      l.contractAmount ?? '',
      l.renewalDate,
      renewalNoticeDate(l.renewalDate, l.contractAmount),
      renewalNoticeMonths(l.contractAmount),
      sent,
      l.procuredBy ?? '',
    ]);
  }
  ws.getColumn(6).numFmt = '#,##0';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `software-renewals-${month}.xlsx`, count: rows.length };
}
