import { openTicketStatuses } from '@unyo/contracts';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { files } from '../../platform/files/files.table.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { type AnyJob, defineCron, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { users } from '../access/access.table.ts';
import { sites } from '../org/org.table.ts';
import { CalendarCache, computeClock } from './tickets.clock.ts';
import { appendTicketEvents } from './tickets.kernel.ts';
import { lockTicket } from './tickets.repo.ts';
import { ticketEvents, tickets } from './tickets.table.ts';

const DAY_MS = 86_400_000;
/** Per run; the next run (5 minutes later) takes the rest. */
const BATCH = 500;

/** The web page of a ticket, for links in mails. */
export const ticketUrl = (config: Pick<Config, 'publicUrl'>, id: string) => `${config.publicUrl.replace(/\/$/, '')}/tickets/${id}`;

/**
 * Finds unanswered tickets that have used 75 % of their first-answer time and warns each assignee once
 * (at_risk_notified_at marks it, also when nobody is assigned, so the list's at-risk filter sees it).
 * Candidates come from the due-time index: a ticket whose deadline is weeks away cannot be at risk, and one
 * breached for more than a day is past warning. Each ticket is its own transaction, so one failure does not hold
 * back the others.
 */
export async function sweepAtRiskTickets(db: Db, config: Config, queue: JobQueue, now = new Date()): Promise<{ checked: number; notified: number }> {
  const candidates = await db
    .select()
    .from(tickets)
    .where(
      and(
        isNull(tickets.firstAnsweredAt),
        isNull(tickets.atRiskNotifiedAt),
        isNotNull(tickets.firstAnswerDueAt),
        gt(tickets.firstAnswerDueAt, new Date(now.getTime() - DAY_MS)),
        // Business hours stretch 30 minutes of remaining time over a long weekend or the year-end closure.
        lte(tickets.firstAnswerDueAt, new Date(now.getTime() + 14 * DAY_MS)),
        sql`not (${tickets.installRequest} or ${tickets.noResponse})`,
        inArray(tickets.status, [...openTicketStatuses]),
      ),
    )
    .orderBy(asc(tickets.firstAnswerDueAt))
    .limit(BATCH);
  const cache = new CalendarCache(db);
  let notified = 0;
  for (const c of candidates) {
    const calendar = await cache.get(c.siteId);
    const clock = computeClock(c, calendar, now);
    if (clock.state !== 'at_risk' && clock.state !== 'breached') continue;
    const sent = await inTransaction(db, async (scope) => {
      const t = await lockTicket(scope.tx, c.id, null);
      if (!t || t.firstAnsweredAt || t.atRiskNotifiedAt) return false;
      await appendTicketEvents(scope.tx, { actor: systemActor, requestId: null }, t.id, [], { atRiskNotifiedAt: now });
      if (!t.assigneeId) return true;
      const [u] = await scope.tx
        .select({ email: users.email, name: users.displayName, locale: users.locale, active: users.active })
        .from(users)
        .where(eq(users.id, t.assigneeId));
      if (!u?.active) return true;
      const [site] = await scope.tx.select({ nameJa: sites.nameJa, nameEn: sites.nameEn }).from(sites).where(eq(sites.id, t.siteId));
      const locale = u.locale === 'en' ? 'en' : 'ja';
      const dueAt = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
        timeZone: calendar.timeZone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(clock.dueAt!));
      await enqueueMail(scope, queue, {
        to: u.email,
        template: 'ticket.at-risk',
        locale,
        vars: {
          name: u.name,
          number: t.number,
          subject: t.subject,
          site: locale === 'ja' ? (site?.nameJa ?? '') : (site?.nameEn ?? ''),
          dueAt: `${dueAt} (${calendar.timeZone})`,
          remainingMinutes: Math.max(0, Math.floor((clock.remainingMs ?? 0) / 60_000)),
          url: ticketUrl(config, t.id),
        },
      });
      return true;
    });
    if (sent) notified++;
  }
  return { checked: candidates.length, notified };
}

export const ticketAtRiskSweep = defineCron('servicedesk.at-risk-sweep', '*/5 * * * *', async (ctx) => {
  const r = await sweepAtRiskTickets(ctx.db, ctx.config, ctx.queue);
  ctx.log(`checked ${r.checked}, at risk ${r.notified}`);
});

/**
 * Portal uploads that no ticket event names a day later were abandoned (the form was never sent): they are removed
 * so requesters cannot park files here. Operators' uploads (purpose `attachment`) are not touched. One audit row per
 * removed file, in the same transaction as the delete.
 */
export async function sweepOrphanPortalUploads(db: Db, now = new Date()): Promise<number> {
  return inTransaction(db, async ({ tx }) => {
    const candidates = await tx
      .select({ id: files.id, name: files.name, size: files.size, createdBy: files.createdBy })
      .from(files)
      .where(and(eq(files.purpose, 'ticket-attachment'), lt(files.createdAt, new Date(now.getTime() - DAY_MS))))
      .limit(BATCH);
    if (candidates.length === 0) return 0;
    const ids = candidates.map((c) => c.id);
    const used = await tx
      .select({ id: sql<string>`f.id` })
      .from(ticketEvents)
      .crossJoin(sql`jsonb_array_elements_text(${ticketEvents.data} -> 'fileIds') as f(id)`)
      .where(
        sql`${ticketEvents.data} -> 'fileIds' ?| array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[]`,
      );
    const keep = new Set(used.map((u) => u.id));
    const orphans = candidates.filter((c) => !keep.has(c.id));
    if (orphans.length === 0) return 0;
    await tx.delete(files).where(
      inArray(
        files.id,
        orphans.map((o) => o.id),
      ),
    );
    for (const o of orphans) {
      await writeAudit(
        tx,
        { actor: systemActor, requestId: null },
        {
          action: 'file.removed',
          entityType: 'file',
          entityId: o.id,
          before: { name: o.name, size: o.size, createdBy: o.createdBy },
          after: { reason: 'unattached portal upload' },
        },
      );
    }
    return orphans.length;
  });
}

export const portalUploadSweep = defineCron('servicedesk.portal-upload-sweep', '30 3 * * *', async (ctx) => {
  ctx.log(`removed ${await sweepOrphanPortalUploads(ctx.db)} unattached portal upload(s)`);
});

export const ticketJobs: AnyJob[] = [ticketAtRiskSweep, portalUploadSweep];
