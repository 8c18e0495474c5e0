import { type IncidentClockCode, type IncidentListQuery, incidentOnlyClockCodes } from '@unyo/contracts';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteArrayScope } from '../../platform/authz/scope.ts';
import type { BusinessCalendar } from '../../platform/calendar/business-time.ts';
import { loadBusinessCalendar } from '../../platform/calendar/calendar.service.ts';
import { businessCalendars } from '../../platform/calendar/calendar.table.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { sites } from '../org/org.table.ts';
import { findBusinessSystemRefs } from './business-systems.repo.ts';
import type { ClockRule, Escalation, IncidentFacts, Interval, Milestones } from './incidents.clock.ts';
import { incidentClockSettings, incidentEvents, incidents } from './incidents.table.ts';

export type IncidentRow = typeof incidents.$inferSelect;
export type SettingRow = typeof incidentClockSettings.$inferSelect;

/** Visible through any of its sites; an incident with no site is organization-wide (siteArrayScope). */
export const incidentScope = (actor: Actor) => siteArrayScope(actor, incidents.siteIds);

export async function findIncidentById(db: Db, id: string, actor: Actor | null, lock?: 'update'): Promise<IncidentRow | null> {
  const q = db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), actor ? incidentScope(actor) : undefined));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export function incidentFilters(q: Partial<IncidentListQuery>, actor: Actor): SQL | undefined {
  const f: (SQL | undefined)[] = [incidentScope(actor)];
  if (q.q) f.push(contains(sql`concat_ws(' ', ${incidents.number}, ${incidents.title}, ${incidents.description}, ${incidents.provider})`, q.q));
  if (q.status) f.push(eq(incidents.status, q.status));
  if (q.kind) f.push(eq(incidents.kind, q.kind));
  if (q.siteId) f.push(sql`${q.siteId}::uuid = any(${incidents.siteIds})`);
  if (q.businessSystemId) f.push(eq(incidents.businessSystemId, q.businessSystemId));
  if (q.major === 'security') f.push(eq(incidents.majorSecurity, true));
  if (q.major === 'infrastructure') f.push(eq(incidents.majorInfrastructure, true));
  if (q.major === 'any') f.push(sql`(${incidents.majorSecurity} or ${incidents.majorInfrastructure})`);
  if (q.from) f.push(sql`${incidents.occurredAt} >= ${q.from}`);
  if (q.to) f.push(sql`${incidents.occurredAt} < ${q.to}`);
  return and(...f);
}

const sortKey = sql`to_char(${incidents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Latest occurrence first. */
export async function findIncidentPage(db: Db, q: IncidentListQuery, actor: Actor) {
  const where = incidentFilters(q, actor);
  const rows = await db
    .select({ row: incidents, key: sql<string>`${sortKey}` })
    .from(incidents)
    .where(and(where, afterCursor(decodeCursor(q.cursor), sortKey, incidents.id, 'desc')))
    .orderBy(desc(sortKey), desc(incidents.id))
    .limit(q.limit + 1);
  const [{ n }] = await db.select({ n: count() }).from(incidents).where(where);
  const page = pageOf(rows, q.limit, (r) => ({ v: r.key, id: r.row.id }));
  return { items: page.items.map((r) => r.row), nextCursor: page.nextCursor, total: Number(n) };
}

export async function findEvents(db: Db, incidentId: string) {
  return db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId)).orderBy(asc(incidentEvents.id));
}

/** The site, asset and business-system references of a page of incidents, in three queries. */
export async function findRefs(db: Db, rows: { siteIds: string[]; assetIds: string[]; businessSystemId?: string | null }[]) {
  const siteIds = [...new Set(rows.flatMap((r) => r.siteIds))];
  const assetIds = [...new Set(rows.flatMap((r) => r.assetIds))];
  const [s, a, b] = await Promise.all([
    siteIds.length
      ? db.select({ id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn }).from(sites).where(inArray(sites.id, siteIds))
      : [],
    assetIds.length
      ? db
          .select({ id: hardwareAssets.id, assetNumber: hardwareAssets.assetNumber, name: hardwareAssets.name })
          .from(hardwareAssets)
          .where(inArray(hardwareAssets.id, assetIds))
      : [],
    findBusinessSystemRefs(
      db,
      rows.map((r) => r.businessSystemId ?? null),
    ),
  ]);
  return { sites: new Map(s.map((x) => [x.id, x])), assets: new Map(a.map((x) => [x.id, x])), businessSystems: b };
}

// ---------------------------------------------------------------- facts and rules

const d = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);

/** The derived columns as clock facts. */
export function factsOf(row: IncidentRow): IncidentFacts {
  const m = row.milestones as Record<string, string | null>;
  const milestones: Milestones = {
    detected: d(m.detected),
    reported: d(m.reported),
    initial_response: d(m.initial_response),
    countermeasure: d(m.countermeasure),
    recovered: d(m.recovered),
  };
  const escalations = (row.escalations as { from: string; to: string | null; vendor: string }[]).map(
    (e): Escalation => ({ from: new Date(e.from), to: d(e.to), vendor: e.vendor }),
  );
  const recoveredPauses = (row.recoveredPauses as { from: string; to: string | null }[]).map((p): Interval => ({ from: new Date(p.from), to: d(p.to) }));
  return { occurredAt: row.occurredAt, status: row.status as IncidentFacts['status'], milestones, escalations, recoveredPauses };
}

export async function findSettings(db: Db): Promise<(SettingRow & { calendarName: string | null })[]> {
  return db
    .select({ ...incidentClockSettingsColumns(), calendarName: businessCalendars.nameJa })
    .from(incidentClockSettings)
    .leftJoin(businessCalendars, eq(businessCalendars.id, incidentClockSettings.calendarId))
    .orderBy(asc(incidentClockSettings.code), asc(incidentClockSettings.effectiveFrom), asc(incidentClockSettings.createdAt));
}

function incidentClockSettingsColumns() {
  const t = incidentClockSettings;
  return {
    id: t.id,
    code: t.code,
    targetMinutes: t.targetMinutes,
    targetRate: t.targetRate,
    calendarId: t.calendarId,
    pauseOnEscalation: t.pauseOnEscalation,
    kinds: t.kinds,
    effectiveFrom: t.effectiveFrom,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
  };
}

/**
 * Every clock rule with its calendar loaded, and a lookup of the rule in force at an instant. Loaded once per
 * request (a list, a month of metrics), so measuring many incidents costs no further queries.
 */
export async function loadRules(db: Db) {
  const rows = await findSettings(db);
  const calendars = new Map<string, BusinessCalendar>();
  for (const id of new Set(rows.map((r) => r.calendarId).filter((x): x is string => !!x))) {
    const [cal] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, id));
    if (cal) calendars.set(id, await loadBusinessCalendar(db, cal));
  }
  const byCode = new Map<string, ClockRule[]>();
  for (const r of rows) {
    const rule: ClockRule = {
      settingId: r.id,
      code: r.code as IncidentClockCode,
      targetMinutes: r.targetMinutes,
      targetRate: r.targetRate,
      calendar: r.calendarId ? (calendars.get(r.calendarId) ?? null) : null,
      calendarName: r.calendarId ? (r.calendarName ?? r.calendarId) : '24x7',
      pauseOnEscalation: r.pauseOnEscalation,
      kinds: r.kinds,
      effectiveFrom: r.effectiveFrom,
    };
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), rule]);
  }
  const codes = incidentOnlyClockCodes.filter((c) => byCode.has(c));
  /** The rules in force at `at`, one per incident clock (the earliest rule when `at` precedes them all). */
  const rulesAt = (at: Date): ClockRule[] =>
    codes.map((code) => {
      const list = byCode.get(code)!;
      return list.findLast((r) => r.effectiveFrom.getTime() <= at.getTime()) ?? list[0];
    });
  /** The rule of one clock in force at `at` (also the security-case response clock). */
  rulesAt.one = (code: IncidentClockCode, at: Date): ClockRule | null => {
    const list = byCode.get(code) ?? [];
    return list.findLast((r) => r.effectiveFrom.getTime() <= at.getTime()) ?? list[0] ?? null;
  };
  return rulesAt;
}
export type RulesAt = Awaited<ReturnType<typeof loadRules>>;
