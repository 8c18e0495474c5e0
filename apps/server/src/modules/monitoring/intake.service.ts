import { type HookResult, type MonitoringSeverity, severityRank } from '@unyo/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../../platform/audit/audit.service.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { type AlertIncidentInput, noteAlertResolved, openIncidentFromAlert } from '../incidents/incidents.intake.ts';
import type { NormalizedAlert } from './hook-formats.ts';
import type { HookIdentity } from './hook-tokens.service.ts';
import { monitoringEvents, monitoringTargets } from './monitoring.table.ts';
import { findRules, type RuleRow } from './rules.service.ts';
import { findTargetForLabels } from './targets.repo.ts';

/** What intake needs of the incidents module; tests pass a recording fake. */
export type IncidentPort = { openIncidentFromAlert: typeof openIncidentFromAlert; noteAlertResolved: typeof noteAlertResolved };
export const incidentsModule: IncidentPort = { openIncidentFromAlert, noteAlertResolved };

export type IntakeOptions = { config: Config['monitoring']; incidents: IncidentPort; requestId: string | null; now?: Date };

type EventRow = typeof monitoringEvents.$inferSelect;
type Target = Awaited<ReturnType<typeof findTargetForLabels>>;
type Outcome = HookResult['events'][number];

const MINUTE = 60_000;

const incidentKinds: Record<string, AlertIncidentInput['kind']> = {
  server: 'hardware',
  storage: 'hardware',
  network_device: 'network',
  ip_phone: 'phone',
  service: 'business_system',
  cloud: 'cloud',
};

function ruleMatches(rule: RuleRow, alert: NormalizedAlert, target: Target): boolean {
  if (!rule.enabled) return false;
  if (rule.source && rule.source !== alert.source) return false;
  if (rule.minSeverity && severityRank(alert.severity) < severityRank(rule.minSeverity as MonitoringSeverity)) return false;
  if (rule.targetId && rule.targetId !== target?.id) return false;
  if (rule.targetKind && rule.targetKind !== target?.kind) return false;
  return Object.entries(rule.labelMatchers).every(([k, v]) => alert.labels[k] === v);
}

async function siteOfTarget(tx: Db, targetId: string | null): Promise<string | null> {
  if (!targetId) return null;
  const [row] = await tx.select({ siteId: monitoringTargets.siteId }).from(monitoringTargets).where(eq(monitoringTargets.id, targetId));
  return row?.siteId ?? null;
}

/**
 * Stores the notifications of one webhook call: dedupe on (source, fingerprint), auto-resolve, re-open on flapping,
 * and the first matching rule's action for new and re-opened events (not while flapping). One transaction; the
 * alerts are locked in fingerprint order so concurrent calls cannot deadlock.
 */
export async function ingestAlerts(db: Db, hook: HookIdentity, alerts: NormalizedAlert[], opts: IntakeOptions): Promise<HookResult> {
  const audit: AuditContext = { actor: { userId: null, label: `hook:${hook.name}` }, requestId: opts.requestId };
  const order = alerts.map((a, i) => ({ a, i })).sort((x, y) => (x.a.fingerprint < y.a.fingerprint ? -1 : x.a.fingerprint > y.a.fingerprint ? 1 : x.i - y.i));
  const outcomes: Outcome[] = new Array(alerts.length);
  await inTransaction(db, async ({ tx }) => {
    let rules: RuleRow[] | null = null;
    const rulesOnce = async () => (rules ??= await findRules(tx));
    for (const { a, i } of order) outcomes[i] = await ingestOne(tx, audit, a, opts, rulesOnce);
  });
  return { received: alerts.length, events: outcomes };
}

async function ingestOne(tx: Db, audit: AuditContext, alert: NormalizedAlert, opts: IntakeOptions, rules: () => Promise<RuleRow[]>): Promise<Outcome> {
  const now = opts.now ?? new Date();
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`monitoring:${alert.source}:${alert.fingerprint}`}, 0))`);
  const [latest] = await tx
    .select()
    .from(monitoringEvents)
    .where(and(eq(monitoringEvents.source, alert.source), eq(monitoringEvents.fingerprint, alert.fingerprint)))
    .orderBy(desc(monitoringEvents.lastSeenAt))
    .limit(1);
  const entity = (e: EventRow) => ({ entityType: 'monitoring-event', entityId: e.id });

  if (alert.status === 'resolved') {
    if (!latest) return { id: null, outcome: 'ignored' };
    const wasFiring = latest.status === 'firing';
    const [after] = await tx
      .update(monitoringEvents)
      .set({
        lastSeenAt: now,
        notificationCount: sql`${monitoringEvents.notificationCount} + 1`,
        updatedAt: now,
        ...(wasFiring ? { status: 'resolved', resolvedAt: alert.at } : {}),
      })
      .where(eq(monitoringEvents.id, latest.id))
      .returning();
    if (!wasFiring) return { id: latest.id, outcome: 'updated' };
    await writeAudit(tx, audit, {
      action: 'monitoring-event.resolved',
      ...entity(after),
      siteId: await siteOfTarget(tx, after.targetId),
      before: { status: 'firing' },
      after: { status: 'resolved', resolvedAt: after.resolvedAt },
    });
    if (after.incidentId) await opts.incidents.noteAlertResolved(tx, audit, after.incidentId, alert.at);
    return { id: latest.id, outcome: 'resolved' };
  }

  if (latest?.status === 'firing') {
    await tx
      .update(monitoringEvents)
      .set({
        lastSeenAt: now,
        notificationCount: sql`${monitoringEvents.notificationCount} + 1`,
        severity: alert.severity,
        title: alert.title,
        description: alert.description,
        labels: alert.labels,
        updatedAt: now,
      })
      .where(eq(monitoringEvents.id, latest.id));
    return { id: latest.id, outcome: 'updated' };
  }

  const target = await findTargetForLabels(tx, alert.labels);
  const content = {
    severity: alert.severity,
    title: alert.title,
    description: alert.description,
    labels: alert.labels,
    targetId: target?.id ?? null,
    generatorUrl: alert.generatorUrl,
  };
  const reopenBy = latest?.resolvedAt ? new Date(latest.resolvedAt).getTime() + opts.config.reopenMinutes * MINUTE : null;
  if (latest && reopenBy !== null && alert.at.getTime() <= reopenBy) {
    const windowStart = latest.flapWindowStartedAt ? new Date(latest.flapWindowStartedAt) : null;
    const inWindow = windowStart && alert.at.getTime() - windowStart.getTime() <= opts.config.flapWindowMinutes * MINUTE;
    const flapsInWindow = inWindow ? latest.flapsInWindow + 1 : 1;
    const flapping = flapsInWindow >= opts.config.flapThreshold;
    const [reopened] = await tx
      .update(monitoringEvents)
      .set({
        ...content,
        status: 'firing',
        resolvedAt: null,
        lastSeenAt: now,
        notificationCount: sql`${monitoringEvents.notificationCount} + 1`,
        flapCount: sql`${monitoringEvents.flapCount} + 1`,
        flapWindowStartedAt: inWindow ? windowStart : alert.at,
        flapsInWindow,
        updatedAt: now,
      })
      .where(eq(monitoringEvents.id, latest.id))
      .returning();
    await writeAudit(tx, audit, {
      action: 'monitoring-event.reopened',
      ...entity(reopened),
      siteId: target?.siteId ?? null,
      before: { status: 'resolved', resolvedAt: latest.resolvedAt },
      after: { status: 'firing', flapCount: reopened.flapCount, flapping },
    });
    // A flapping alert is recorded but does not open incident after incident (decision 0020).
    if (!flapping) await applyRule(tx, audit, reopened, alert, target, await rules(), opts, now);
    return { id: reopened.id, outcome: 'reopened' };
  }

  const [created] = await tx
    .insert(monitoringEvents)
    .values({ ...content, source: alert.source, fingerprint: alert.fingerprint, status: 'firing', startsAt: alert.at, lastSeenAt: now })
    .returning();
  await writeAudit(tx, audit, {
    action: 'monitoring-event.created',
    ...entity(created),
    siteId: target?.siteId ?? null,
    after: { source: created.source, fingerprint: created.fingerprint, severity: created.severity, title: created.title, targetId: created.targetId },
  });
  await applyRule(tx, audit, created, alert, target, await rules(), opts, now);
  return { id: created.id, outcome: 'created' };
}

async function applyRule(
  tx: Db,
  audit: AuditContext,
  event: EventRow,
  alert: NormalizedAlert,
  target: Target,
  rules: RuleRow[],
  opts: IntakeOptions,
  now: Date,
): Promise<void> {
  const rule = rules.find((r) => ruleMatches(r, alert, target)) ?? null;
  const action = rule?.action ?? 'record';
  let incidentId = event.incidentId;
  if (action === 'incident') {
    const incident = await opts.incidents.openIncidentFromAlert(tx, audit, {
      title: alert.title,
      description: alert.description,
      kind: (rule?.incidentKind as AlertIncidentInput['kind'] | null) ?? incidentKinds[target?.kind ?? ''] ?? 'hardware',
      siteId: target?.siteId ?? null,
      assetIds: target?.assetId ? [target.assetId] : [],
      occurredAt: alert.at,
      detectedAt: now,
      source: { type: 'monitoring', eventId: event.id },
    });
    incidentId = incident.id;
    await writeAudit(tx, audit, {
      action: 'monitoring-event.incident_opened',
      entityType: 'monitoring-event',
      entityId: event.id,
      siteId: target?.siteId ?? null,
      after: { ruleId: rule?.id, incidentId: incident.id, incidentNumber: incident.number },
    });
  }
  if ((rule?.id ?? null) !== event.ruleId || action !== event.action || incidentId !== event.incidentId) {
    await tx
      .update(monitoringEvents)
      .set({ ruleId: rule?.id ?? null, action, incidentId })
      .where(eq(monitoringEvents.id, event.id));
  }
}
