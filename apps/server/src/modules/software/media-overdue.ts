import type { Locale } from '@unyo/contracts';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { defineCron, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { findStaffForSite } from '../access/users.repo.ts';
import { sites } from '../org/org.table.ts';
import { softwareMedia, softwareMediaLoans } from './media.table.ts';
import { dateIn } from './versions.ts';

const DAY_MS = 86_400_000;

/** Open loans past their due date that were not yet noticed for that date. */
const overdueUnnoticed = (today: string) =>
  and(
    isNull(softwareMediaLoans.returnedAt),
    lt(softwareMediaLoans.dueOn, today),
    sql`${softwareMediaLoans.overdueNoticedFor} is distinct from ${softwareMediaLoans.dueOn}`,
  );

/**
 * 2.2.r: an item lent out must be retrievable at any time, so a loan past its due date (today in the reporting time
 * zone is after due_on) is mailed once per due date to the active operators and administrators who see the item's
 * site, in their language. A new due date (a new loan) makes a new notice due. Each loan is its own transaction:
 * the mails, the noticed date and the audit row commit together.
 */
export async function sweepOverdueMediaLoans(db: Db, config: Config, queue: JobQueue, now = new Date()): Promise<{ checked: number; noticed: number }> {
  const today = dateIn(now, config.metrics.reportingTimeZone);
  const candidates = await db.select({ id: softwareMediaLoans.id }).from(softwareMediaLoans).where(overdueUnnoticed(today));
  let noticed = 0;
  for (const c of candidates) {
    const sent = await inTransaction(db, async (scope) => {
      const [row] = await scope.tx
        .select({ loan: softwareMediaLoans, media: softwareMedia, site: { nameJa: sites.nameJa, nameEn: sites.nameEn } })
        .from(softwareMediaLoans)
        .innerJoin(softwareMedia, eq(softwareMedia.id, softwareMediaLoans.mediaId))
        .innerJoin(sites, eq(sites.id, softwareMedia.siteId))
        .where(and(eq(softwareMediaLoans.id, c.id), overdueUnnoticed(today)))
        .for('update', { of: softwareMediaLoans });
      if (!row?.loan.dueOn) return false;
      const dueOn = row.loan.dueOn;
      const { loan, media, site } = row;
      const daysOverdue = Math.round((Date.parse(today) - Date.parse(dueOn)) / DAY_MS);
      const recipients = await findStaffForSite(scope.tx, media.siteId);
      for (const r of recipients) {
        const locale: Locale = r.locale === 'en' ? 'en' : 'ja';
        await enqueueMail(scope, queue, {
          to: r.email,
          template: 'software.media-overdue',
          locale,
          vars: {
            name: r.displayName,
            itemNumber: media.itemNumber,
            title: media.title,
            site: locale === 'en' ? site.nameEn : site.nameJa,
            borrower: loan.borrower,
            lentOn: dateIn(loan.lentAt, config.metrics.reportingTimeZone),
            dueOn,
            daysOverdue,
            url: `${config.publicUrl.replace(/\/$/, '')}/software-media?q=${encodeURIComponent(media.itemNumber)}`,
          },
        });
      }
      await scope.tx.update(softwareMediaLoans).set({ overdueNoticedFor: dueOn }).where(eq(softwareMediaLoans.id, loan.id));
      await writeAudit(
        scope.tx,
        { actor: systemActor, requestId: null },
        {
          action: 'software-media.loan-overdue-noticed',
          entityType: 'software-media',
          entityId: media.id,
          siteId: media.siteId,
          after: { loanId: loan.id, borrower: loan.borrower, dueOn, daysOverdue, recipients: recipients.map((r) => r.email) },
        },
      );
      return true;
    });
    if (sent) noticed++;
  }
  return { checked: candidates.length, noticed };
}

/** Daily at the start of the working day, after the renewal sweep. */
export const mediaOverdueSweep = defineCron('software.media-overdue-sweep', '15 6 * * *', async (ctx) => {
  const r = await sweepOverdueMediaLoans(ctx.db, ctx.config, ctx.queue);
  ctx.log(`checked ${r.checked}, noticed ${r.noticed}`);
});
