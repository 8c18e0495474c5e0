import type { IncidentClockCode, IncidentKind } from '@unyo/contracts';
import { addBusinessTime, type BusinessCalendar, businessIntervals } from '../../platform/calendar/business-time.ts';

/**
 * The incident clocks (SLA S-2-1, S-2-2, S-4-3-3-1/2/3), computed from the event log only.
 *
 * `foldEvents` turns the immutable timeline into facts (milestones, escalation periods, periods between a
 * recovery and its reopening); `computeClock` measures one clock over those facts under one rule and lists the
 * segments it counted, paused and skipped as outside the calendar, which is also what the explain view shows.
 */

export type Milestones = {
  detected: Date | null;
  reported: Date | null;
  initial_response: Date | null;
  countermeasure: Date | null;
  recovered: Date | null;
};
export type Interval = { from: Date; to: Date | null };
export type Escalation = Interval & { vendor: string };

export type IncidentFacts = {
  occurredAt: Date;
  status: 'open' | 'recovered' | 'closed';
  milestones: Milestones;
  escalations: Escalation[];
  /** Between a recovery and the reopening that undid it: the service was up, the recovery clock does not run. */
  recoveredPauses: Interval[];
};

export type TimelineEvent = { type: string; at: Date; data: Record<string, unknown> };

const emptyMilestones = (): Milestones => ({ detected: null, reported: null, initial_response: null, countermeasure: null, recovered: null });

/** Folds the timeline in recorded order. A later milestone of the same kind corrects the earlier one. */
export function foldEvents(events: readonly TimelineEvent[]): IncidentFacts {
  const facts: IncidentFacts = { occurredAt: new Date(0), status: 'open', milestones: emptyMilestones(), escalations: [], recoveredPauses: [] };
  for (const e of events) {
    switch (e.type) {
      case 'occurred':
      case 'occurred_corrected':
        facts.occurredAt = e.at;
        break;
      case 'milestone': {
        const m = e.data.milestone as keyof Milestones;
        facts.milestones[m] = e.at;
        if (m === 'recovered' && facts.status === 'open') facts.status = 'recovered';
        break;
      }
      case 'reopened':
        if (facts.milestones.recovered) facts.recoveredPauses.push({ from: facts.milestones.recovered, to: e.at });
        facts.milestones.recovered = null;
        facts.status = 'open';
        break;
      case 'escalation_started':
        facts.escalations.push({ from: e.at, to: null, vendor: String(e.data.vendor ?? '') });
        break;
      case 'escalation_ended': {
        const open = facts.escalations.findLast((x) => x.to === null);
        if (open) open.to = e.at;
        break;
      }
      case 'closed':
        facts.status = 'closed';
        break;
    }
  }
  return facts;
}

export type ClockRule = {
  settingId: string;
  code: IncidentClockCode;
  targetMinutes: number;
  /** Monthly compliance rate (%) asked for. */
  targetRate: number;
  /** null: 24×7. */
  calendar: BusinessCalendar | null;
  calendarName: string;
  pauseOnEscalation: boolean;
  kinds: readonly string[];
  effectiveFrom: Date;
};

export const clockMilestone: Partial<Record<IncidentClockCode, keyof Milestones>> = {
  report: 'reported',
  initial_response_hw: 'initial_response',
  initial_response_sw: 'initial_response',
  countermeasure: 'countermeasure',
  recovery: 'recovered',
};

export type ClassFacts = {
  kind: IncidentKind;
  reportExclusions: readonly string[];
  spreadOverLan: boolean;
  countermeasureExclusions: readonly string[];
};

/** The exclusions that take an incident out of a clock's count; malware spread over the LAN is always reported. */
export function exclusionsFor(code: IncidentClockCode, c: ClassFacts): string[] {
  if (code === 'report') return c.reportExclusions.filter((x) => !(x === 'pc_malware' && c.spreadOverLan));
  if (code === 'countermeasure') return [...c.countermeasureExclusions];
  return [];
}

export type Segment = { from: Date; to: Date; kind: 'counted' | 'paused' | 'closed'; reason: string | null };
export type ClockResult = {
  code: IncidentClockCode;
  state: 'running' | 'paused' | 'met' | 'breached' | 'excluded' | 'not_applicable';
  targetMinutes: number;
  elapsedMs: number;
  dueAt: Date | null;
  endedAt: Date | null;
  startedAt: Date;
  exclusions: string[];
  segments: Segment[];
};

type Pause = { from: number; to: number; reason: string };

function pausesOf(facts: IncidentFacts, rule: ClockRule, end: number): Pause[] {
  const out: Pause[] = [];
  if (rule.pauseOnEscalation)
    for (const e of facts.escalations) out.push({ from: e.from.getTime(), to: (e.to ?? new Date(end)).getTime(), reason: `escalation:${e.vendor}` });
  if (rule.code === 'recovery')
    for (const p of facts.recoveredPauses) out.push({ from: p.from.getTime(), to: (p.to ?? new Date(end)).getTime(), reason: 'recovered' });
  out.sort((a, b) => a.from - b.from);
  // Merge overlaps so no instant is paused twice; the first reason names the merged period.
  const merged: Pause[] = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}

/** Splits [from, to) into on-calendar (counted) and off-calendar (closed) segments. */
function calendarSegments(from: number, to: number, cal: BusinessCalendar | null): Segment[] {
  if (to <= from) return [];
  if (!cal) return [{ from: new Date(from), to: new Date(to), kind: 'counted', reason: null }];
  const out: Segment[] = [];
  let cursor = from;
  for (const [a, b] of businessIntervals(new Date(from), new Date(to), cal)) {
    if (a > cursor) out.push({ from: new Date(cursor), to: new Date(a), kind: 'closed', reason: 'calendar' });
    out.push({ from: new Date(a), to: new Date(b), kind: 'counted', reason: null });
    cursor = b;
  }
  if (cursor < to) out.push({ from: new Date(cursor), to: new Date(to), kind: 'closed', reason: 'calendar' });
  return out;
}

export function computeClock(facts: IncidentFacts, c: ClassFacts, rule: ClockRule, now: Date): ClockResult {
  const start = facts.occurredAt.getTime();
  const milestone = clockMilestone[rule.code];
  if (!milestone) throw new Error(`${rule.code} is not an incident clock`);
  const endedAt = facts.milestones[milestone];
  const end = Math.max(start, (endedAt ?? now).getTime());
  const exclusions = exclusionsFor(rule.code, c);
  const applicable = rule.kinds.includes(c.kind);

  const segments: Segment[] = [];
  let cursor = start;
  for (const p of pausesOf(facts, rule, end)) {
    const pf = Math.max(p.from, start);
    const pt = Math.min(p.to, end);
    if (pt <= pf || pt <= cursor) continue;
    if (pf > cursor) segments.push(...calendarSegments(cursor, pf, rule.calendar));
    segments.push({ from: new Date(Math.max(pf, cursor)), to: new Date(pt), kind: 'paused', reason: p.reason });
    cursor = pt;
  }
  if (cursor < end) segments.push(...calendarSegments(cursor, end, rule.calendar));

  const elapsedMs = segments.reduce((n, s) => n + (s.kind === 'counted' ? s.to.getTime() - s.from.getTime() : 0), 0);
  const targetMs = rule.targetMinutes * 60_000;
  let state: ClockResult['state'];
  let dueAt: Date | null = null;
  if (!applicable) state = 'not_applicable';
  else if (exclusions.length > 0) state = 'excluded';
  else if (endedAt) state = elapsedMs <= targetMs ? 'met' : 'breached';
  else if (elapsedMs > targetMs) state = 'breached';
  else {
    const last = segments[segments.length - 1];
    const pausedNow = last?.kind === 'paused' && last.to.getTime() >= now.getTime();
    state = pausedNow ? 'paused' : 'running';
    if (!pausedNow) {
      const remaining = targetMs - elapsedMs;
      dueAt = rule.calendar ? addBusinessTime(now, remaining, rule.calendar) : new Date(now.getTime() + remaining);
    }
  }
  return { code: rule.code, state, targetMinutes: rule.targetMinutes, elapsedMs, dueAt, endedAt, startedAt: facts.occurredAt, exclusions, segments };
}
