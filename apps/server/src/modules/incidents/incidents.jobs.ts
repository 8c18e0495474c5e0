import { choiceLabel, incidentClockCodes, type Locale } from '@unyo/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { defineCron, type JobQueue } from '../../platform/jobs/jobs.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { clocksOf } from './incidents.presenter.ts';
import { loadRules } from './incidents.repo.ts';
import { appendEvent } from './incidents.service.ts';
import { incidents } from './incidents.table.ts';

/** Share of a clock's target after which it is at risk (as for the service-desk first answer). */
export const INCIDENT_AT_RISK_RATIO = 0.75;

/**
 * Clock alerts (issue #7 item 2): a running clock past 75 % of its target is at risk, past 100 % breached. Each
 * level of each clock is mailed once to the operators and administrators who see one of the incident's sites (all of
 * them for an organization-wide incident), noted on the timeline and audited.
 */
export async function incidentClockAlertSweep(db: Db, queue: JobQueue, config: Config, now = new Date()) {
  const open = await db
    .select()
    .from(incidents)
    .where(inArray(incidents.status, ['open', 'recovered']));
  if (open.length === 0) return { checked: 0, alerts: 0 };
  const rulesAt = await loadRules(db);
  let alerts = 0;
  for (const row of open) {
    const due = clocksOf(row, rulesAt, now).flatMap((c) => {
      if (c.state !== 'running' && c.state !== 'breached') return [];
      const level = c.state === 'breached' ? 'breached' : c.elapsedMs >= INCIDENT_AT_RISK_RATIO * c.targetMinutes * 60_000 ? 'at_risk' : null;
      if (!level) return [];
      const sent = (row.clockAlerts as Record<string, string>)[c.code];
      if (sent === level || sent === 'breached') return [];
      return [{ clock: c, level }];
    });
    if (due.length === 0) continue;
    await inTransaction(db, async (scope) => {
      const [locked] = await scope.tx.select().from(incidents).where(eq(incidents.id, row.id)).for('update');
      const sentNow = { ...(locked.clockAlerts as Record<string, 'at_risk' | 'breached'>) };
      const fresh = due.filter((d) => sentNow[d.clock.code] !== d.level && sentNow[d.clock.code] !== 'breached');
      if (fresh.length === 0) return;
      const recipients = await queryRows<{ email: string; display_name: string; locale: string | null }>(
        scope.tx,
        sql`select u.email, u.display_name, u.locale from users u left join people p on p.id = u.person_id
            where u.active and u.roles && array['admin','operator']::text[]
              and (u.site_scope_kind = 'all' or ${locked.siteIds.length === 0}
                or (u.site_scope_kind = 'sites' and u.site_scope_ids && ${`{${locked.siteIds.join(',')}}`}::uuid[])
                or (u.site_scope_kind = 'own' and p.site_id = any(${`{${locked.siteIds.join(',')}}`}::uuid[])))
            order by u.email`,
      );
      for (const d of fresh) {
        for (const r of recipients) {
          const locale: Locale = r.locale === 'en' ? 'en' : 'ja';
          await enqueueMail(scope, queue, {
            to: r.email,
            template: 'incident.clock-alert',
            locale,
            vars: {
              name: r.display_name,
              number: locked.number,
              title: locked.title,
              clock: choiceLabel(incidentClockCodes.items, d.clock.code, locale),
              level: d.level,
              dueAt: d.clock.dueAt
                ? new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
                    d.clock.dueAt,
                  )
                : '—',
              url: `${config.publicUrl.replace(/\/$/, '')}/incidents/${locked.id}`,
            },
          });
        }
        sentNow[d.clock.code] = d.level as 'at_risk' | 'breached';
        await appendEvent(scope.tx, locked.id, systemActor, 'clock_alert', now, {
          clock: d.clock.code,
          level: d.level,
          recipients: recipients.map((r) => r.email),
        });
        alerts++;
      }
      await scope.tx.update(incidents).set({ clockAlerts: sentNow }).where(eq(incidents.id, locked.id));
      await writeAudit(
        scope.tx,
        { actor: systemActor, requestId: null },
        {
          action: 'incident.clock-alert',
          entityType: 'incident',
          entityId: locked.id,
          siteId: locked.siteIds[0] ?? null,
          after: { alerts: fresh.map((f) => ({ clock: f.clock.code, level: f.level })), recipients: recipients.map((r) => r.email) },
        },
      );
    });
  }
  return { checked: open.length, alerts };
}

export const incidentClockAlertCron = defineCron('incidents.clock-alerts', '*/5 * * * *', async (ctx) => {
  const out = await incidentClockAlertSweep(ctx.db, ctx.queue, ctx.config);
  ctx.log(`incident clocks: ${out.alerts} alerts over ${out.checked} open incidents`);
});
