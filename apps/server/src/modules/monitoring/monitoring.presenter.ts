import type { MonitoringEventDto, MonitoringRuleDto, MonitoringSeverity, MonitoringSource, MonitoringTargetDto, MonitoringTargetKind } from '@unyo/contracts';
import { type Actor, can, canSeeSite } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { iso, presentSiteRef } from '../org/org.presenter.ts';
import type { EventWithRefs } from './events.repo.ts';
import type { RuleRow } from './rules.service.ts';
import type { TargetWithRefs } from './targets.repo.ts';

export const targetPolicy: Policy<TargetWithRefs> = {
  update: (a, t) => can(a, 'monitoring.manage') && canSeeSite(a, t.siteId) && !t.removedAt,
  remove: (a, t) => can(a, 'monitoring.manage') && canSeeSite(a, t.siteId) && !t.removedAt,
};
export const rulePolicy: Policy<RuleRow> = {
  update: (a) => can(a, 'monitoring.manage'),
  delete: (a) => can(a, 'monitoring.manage'),
};

const targetRef = (t: { id: string; name: string; kind: string } | null) => (t ? { ...t, kind: t.kind as MonitoringTargetKind } : null);

export function presentTarget(row: TargetWithRefs, actor: Actor): MonitoringTargetDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as MonitoringTargetKind,
    asset: row.asset,
    site: presentSiteRef(row.site),
    matchLabels: row.matchLabels,
    thresholds: row.thresholds ?? null,
    monitoredItems: row.monitoredItems,
    active: row.active,
    requestedBy: row.requestedBy,
    requestRef: row.requestRef,
    note: row.note,
    firingCount: Number(row.firingCount),
    createdAt: iso(row.createdAt)!,
    removedAt: iso(row.removedAt),
    version: row.version,
    abilities: abilitiesOf(targetPolicy, actor, row),
  };
}

/** flapThreshold: the configured number of re-openings in the window that makes an event flapping. */
export function presentEvent(row: EventWithRefs, flapThreshold: number): MonitoringEventDto {
  return {
    id: row.id,
    source: row.source as MonitoringSource,
    fingerprint: row.fingerprint,
    status: row.status as MonitoringEventDto['status'],
    severity: row.severity as MonitoringSeverity,
    title: row.title,
    description: row.description,
    labels: row.labels,
    target: targetRef(row.target),
    site: row.site ? presentSiteRef(row.site) : null,
    startsAt: iso(row.startsAt)!,
    lastSeenAt: iso(row.lastSeenAt)!,
    resolvedAt: iso(row.resolvedAt),
    notificationCount: row.notificationCount,
    flapCount: row.flapCount,
    flapping: row.flapsInWindow >= flapThreshold,
    rule: row.rule,
    action: row.action as MonitoringEventDto['action'],
    incidentId: row.incidentId,
    generatorUrl: row.generatorUrl,
    createdAt: iso(row.createdAt)!,
  };
}

export function presentRule(row: RuleRow, actor: Actor): MonitoringRuleDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    source: row.source as MonitoringRuleDto['source'],
    minSeverity: row.minSeverity as MonitoringRuleDto['minSeverity'],
    labelMatchers: row.labelMatchers,
    target: targetRef(row.target),
    targetKind: row.targetKind as MonitoringRuleDto['targetKind'],
    action: row.action as MonitoringRuleDto['action'],
    incidentKind: row.incidentKind as MonitoringRuleDto['incidentKind'],
    version: row.version,
    abilities: abilitiesOf(rulePolicy, actor, row),
  };
}
