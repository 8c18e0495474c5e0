import type { IncidentClockDto, IncidentDto, IncidentEventDto } from '@unyo/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/actor.ts';
import { iso } from '../org/org.presenter.ts';
import type { findBusinessSystemRefs } from './business-systems.repo.ts';
import { presentIncidentBusinessSystem } from './business-systems.service.ts';
import { type ClassFacts, type ClockResult, computeClock } from './incidents.clock.ts';
import { factsOf, type IncidentRow, type RulesAt } from './incidents.repo.ts';
import type { incidentEvents } from './incidents.table.ts';

export const classOf = (row: IncidentRow): ClassFacts => ({
  kind: row.kind as ClassFacts['kind'],
  reportExclusions: row.reportExclusions,
  spreadOverLan: row.spreadOverLan,
  countermeasureExclusions: row.countermeasureExclusions,
});

/** Every clock of an incident under the rules in force when it occurred. */
export function clocksOf(row: IncidentRow, rulesAt: RulesAt, now: Date): ClockResult[] {
  const facts = factsOf(row);
  return rulesAt(row.occurredAt).map((rule) => computeClock(facts, classOf(row), rule, now));
}

export const presentClock = (c: ClockResult): IncidentClockDto => ({
  code: c.code as IncidentClockDto['code'],
  state: c.state,
  targetMinutes: c.targetMinutes,
  elapsedMs: c.elapsedMs,
  dueAt: iso(c.dueAt),
  endedAt: iso(c.endedAt),
  exclusions: c.exclusions,
});

type Refs = {
  sites: Map<string, { id: string; code: string; nameJa: string; nameEn: string }>;
  assets: Map<string, { id: string; assetNumber: string; name: string | null }>;
  businessSystems: Awaited<ReturnType<typeof findBusinessSystemRefs>>;
};

const presentSystemRef = (s: Parameters<typeof presentIncidentBusinessSystem>[0] | undefined) => (s ? presentIncidentBusinessSystem(s) : null);

export function presentIncident(row: IncidentRow, refs: Refs, rulesAt: RulesAt, actor: Actor, now = new Date()): IncidentDto {
  const facts = factsOf(row);
  const openEscalation = facts.escalations.findLast((e) => e.to === null);
  const manage = can(actor, 'incident.manage');
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    kind: row.kind as IncidentDto['kind'],
    stage: row.stage as IncidentDto['stage'],
    isolation: row.isolation as IncidentDto['isolation'],
    ownerDepartment: row.ownerDepartment,
    businessSystem: row.businessSystemId ? presentSystemRef(refs.businessSystems.get(row.businessSystemId)) : null,
    impact: row.impact as IncidentDto['impact'],
    status: row.status as IncidentDto['status'],
    sites: row.siteIds.flatMap((id) => refs.sites.get(id) ?? []),
    assets: row.assetIds.flatMap((id) => refs.assets.get(id) ?? []),
    reportExclusions: row.reportExclusions as IncidentDto['reportExclusions'],
    spreadOverLan: row.spreadOverLan,
    countermeasureExclusions: row.countermeasureExclusions as IncidentDto['countermeasureExclusions'],
    majorSecurity: row.majorSecurity,
    majorInfrastructure: row.majorInfrastructure,
    provider: row.provider,
    providerReference: row.providerReference,
    rootCause: row.rootCause,
    countermeasureText: row.countermeasureText,
    relatedTicketIds: row.relatedTicketIds,
    milestones: {
      occurred: iso(row.occurredAt),
      ...Object.fromEntries(Object.entries(facts.milestones).map(([k, v]) => [k, iso(v)])),
    },
    escalation: openEscalation ? { vendor: openEscalation.vendor, since: iso(openEscalation.from)! } : null,
    clocks: clocksOf(row, rulesAt, now).map(presentClock),
    source: row.source,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    abilities: {
      update: manage && row.status !== 'closed',
      addEvent: manage && row.status !== 'closed',
      report: manage,
      close: manage && row.status === 'recovered',
      reopen: manage && row.status === 'recovered',
    },
  };
}

export const presentEvent = (e: typeof incidentEvents.$inferSelect): IncidentEventDto => ({
  id: String(e.id),
  type: e.type,
  at: iso(e.at)!,
  recordedAt: iso(e.recordedAt)!,
  actor: e.actorLabel,
  data: e.data as Record<string, unknown>,
});
