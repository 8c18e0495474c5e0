import type { IncidentClockCode, IncidentMetrics } from '@unyo/contracts';
import { and, asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { dayNumberOf, instantOf } from '../../platform/calendar/zoned-time.ts';
import { computeClock } from './incidents.clock.ts';
import { classOf } from './incidents.presenter.ts';
import { factsOf, type IncidentRow, incidentScope, loadRules } from './incidents.repo.ts';
import { incidents } from './incidents.table.ts';

/** The monthly report counts incidents by the month they occurred in, on the agency's clock (Tokyo). */
const REPORT_ZONE = 'Asia/Tokyo';

export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: new Date(instantOf(dayNumberOf(`${month}-01`), 0, REPORT_ZONE)), to: new Date(instantOf(dayNumberOf(next), 0, REPORT_ZONE)) };
}

const rateRows: { sla: string; clock: IncidentClockCode }[] = [
  { sla: 'S-2-1', clock: 'initial_response_hw' },
  { sla: 'S-2-2', clock: 'initial_response_sw' },
  { sla: 'S-4-3-3-1', clock: 'recovery' },
  { sla: 'S-4-3-3-2', clock: 'report' },
  { sla: 'S-4-3-3-3', clock: 'countermeasure' },
];

/** Measures every incident of a month under the rules in force when each occurred. Pure over the loaded rows. */
export function measureMonth(month: string, rows: IncidentRow[], rulesAt: Awaited<ReturnType<typeof loadRules>>, now: Date): IncidentMetrics {
  const buckets = new Map(
    rateRows.map((r) => [r.clock, { met: [] as string[], missed: [] as string[], excluded: [] as string[], pending: [] as string[], target: 95 }]),
  );
  for (const row of rows) {
    const facts = factsOf(row);
    const cls = classOf(row);
    for (const rule of rulesAt(row.occurredAt)) {
      const b = buckets.get(rule.code);
      if (!b) continue;
      b.target = rule.targetRate;
      const c = computeClock(facts, cls, rule, now);
      if (c.state === 'not_applicable') continue;
      if (c.state === 'excluded') b.excluded.push(row.id);
      else if (c.state === 'met') b.met.push(row.id);
      else if (c.state === 'breached') b.missed.push(row.id);
      else b.pending.push(row.id);
    }
  }
  const out: IncidentMetrics['rows'] = rateRows.map(({ sla, clock }) => {
    const b = buckets.get(clock)!;
    const counted = b.met.length + b.missed.length;
    const value = counted ? Math.round((b.met.length / counted) * 1000) / 10 : null;
    return {
      sla,
      clock,
      kind: 'rate',
      target: b.target,
      counted,
      met: b.met.length,
      missed: b.missed.length,
      excluded: b.excluded.length,
      pending: b.pending.length,
      value,
      achieved: value === null ? null : value >= b.target,
      drill: { met: b.met, missed: b.missed, excluded: b.excluded, pending: b.pending },
    };
  });
  for (const [sla, flag] of [
    ['S-3', 'majorSecurity'],
    ['S-4', 'majorInfrastructure'],
  ] as const) {
    const ids = rows.filter((r) => r[flag]).map((r) => r.id);
    out.push({
      sla,
      clock: null,
      kind: 'count',
      target: 0,
      counted: ids.length,
      met: 0,
      missed: ids.length,
      excluded: 0,
      pending: 0,
      value: ids.length,
      achieved: ids.length === 0,
      drill: { met: [], missed: ids, excluded: [], pending: [] },
    });
  }
  return { month, rows: out };
}

export async function incidentMetrics(db: Db, actor: Actor, month: string, now = new Date()): Promise<IncidentMetrics> {
  const { from, to } = monthRange(month);
  const [rows, rulesAt] = await Promise.all([
    db
      .select()
      .from(incidents)
      .where(and(incidentScope(actor), sql`${incidents.occurredAt} >= ${from.toISOString()} and ${incidents.occurredAt} < ${to.toISOString()}`))
      .orderBy(asc(incidents.occurredAt), asc(incidents.id)),
    loadRules(db),
  ]);
  return measureMonth(month, rows, rulesAt, now);
}
