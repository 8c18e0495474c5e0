import { randomUUID } from 'node:crypto';
import type { DiskLevel, DiskReportInput, DiskWeekly } from '@unyo/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { dayNumberOf, instantOf } from '../../platform/calendar/zoned-time.ts';
import { sites } from '../org/org.table.ts';
import type { NormalizedAlert } from './hook-formats.ts';
import type { HookIdentity } from './hook-tokens.service.ts';
import { type IntakeOptions, ingestAlerts } from './intake.service.ts';
import { diskSamples, monitoringTargets } from './monitoring.table.ts';
import { findTargetForLabels } from './targets.repo.ts';

/**
 * Disk-space reports (6.d, 6.e). A host's script posts its volumes; each volume is compared with its target's
 * thresholds (`thresholds.diskWarnPct` / `diskCritPct`, per mount under `thresholds.diskMounts`, default 85 / 95 %),
 * stored as a sample, and turned into a monitoring alert: over the warning level it fires (warning or critical),
 * back under it resolves. The monitoring rules then record an event or open an incident, like any other alert.
 */

export const DISK_DEFAULTS = { warnPct: 85, critPct: 95 };
const REPORT_ZONE = 'Asia/Tokyo';

type Thresholds = { diskWarnPct?: unknown; diskCritPct?: unknown; diskMounts?: Record<string, { warnPct?: unknown; critPct?: unknown }> };
const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

export function thresholdsFor(t: Thresholds | null | undefined, mount: string) {
  const m = t?.diskMounts?.[mount];
  const warnPct = num(m?.warnPct, num(t?.diskWarnPct, DISK_DEFAULTS.warnPct));
  const critPct = num(m?.critPct, num(t?.diskCritPct, DISK_DEFAULTS.critPct));
  return { warnPct, critPct };
}

export const levelOf = (pct: number, th: { warnPct: number; critPct: number }): DiskLevel =>
  pct >= th.critPct ? 'critical' : pct >= th.warnPct ? 'warning' : 'ok';
const pctOf = (used: number, size: number) => Math.round((used / size) * 1000) / 10;

export async function ingestDiskReport(db: Db, hook: HookIdentity, input: DiskReportInput, opts: IntakeOptions) {
  const reportedAt = input.reportedAt ? new Date(input.reportedAt) : (opts.now ?? new Date());
  const labels = { host: input.host, instance: input.host };
  const found = await findTargetForLabels(db, labels);
  let thresholds: Thresholds | null = null;
  if (found) {
    const [t] = await db.select({ thresholds: monitoringTargets.thresholds }).from(monitoringTargets).where(eq(monitoringTargets.id, found.id));
    thresholds = (t?.thresholds as Thresholds | null) ?? null;
  }
  const reportId = randomUUID();
  const volumes = input.volumes.map((v) => {
    const th = thresholdsFor(thresholds, v.mount);
    const usedPct = pctOf(v.usedBytes, v.sizeBytes);
    return { ...v, usedPct, level: levelOf(usedPct, th), ...th };
  });
  await db.insert(diskSamples).values(
    volumes.map((v) => ({
      reportId,
      targetId: found?.id ?? null,
      host: input.host,
      mount: v.mount,
      reportedAt,
      sizeBytes: v.sizeBytes,
      usedBytes: v.usedBytes,
      level: v.level,
    })),
  );
  const alerts: NormalizedAlert[] = volumes.map((v) => ({
    source: 'generic',
    fingerprint: `disk:${input.host}:${v.mount}`,
    status: v.level === 'ok' ? 'resolved' : 'firing',
    severity: v.level === 'critical' ? 'critical' : 'warning',
    title: `Disk ${v.mount} on ${input.host}: ${v.usedPct}% used`,
    description: `${v.usedBytes} / ${v.sizeBytes} bytes; warning ${v.warnPct}%, critical ${v.critPct}%`,
    labels: { ...labels, alertname: 'DiskSpace', mount: v.mount },
    at: reportedAt,
    generatorUrl: null,
  }));
  await ingestAlerts(db, hook, alerts, opts);
  return {
    reportId,
    targetId: found?.id ?? null,
    volumes: volumes.map((v) => ({ mount: v.mount, usedPct: v.usedPct, level: v.level, warnPct: v.warnPct, critPct: v.critPct })),
  };
}

const siteRef = sql<{ id: string; code: string; nameJa: string; nameEn: string } | null>`case when ${sites.id} is null then null
  else json_build_object('id', ${sites.id}, 'code', ${sites.code}, 'nameJa', ${sites.nameJa}, 'nameEn', ${sites.nameEn}) end`;
const targetRef = sql<{ id: string; name: string } | null>`case when ${monitoringTargets.id} is null then null
  else json_build_object('id', ${monitoringTargets.id}, 'name', ${monitoringTargets.name}) end`;

/** The latest sample of every volume the actor may see (through the target's site; unmatched hosts: all-site readers). */
export async function latestVolumes(db: Db, actor: Actor) {
  const rows = await db
    .selectDistinctOn([diskSamples.host, diskSamples.mount], {
      host: diskSamples.host,
      mount: diskSamples.mount,
      target: targetRef,
      site: siteRef,
      reportedAt: diskSamples.reportedAt,
      sizeBytes: diskSamples.sizeBytes,
      usedBytes: diskSamples.usedBytes,
      level: diskSamples.level,
    })
    .from(diskSamples)
    .leftJoin(monitoringTargets, eq(monitoringTargets.id, diskSamples.targetId))
    .leftJoin(sites, eq(sites.id, monitoringTargets.siteId))
    .where(siteScope(actor, monitoringTargets.siteId))
    .orderBy(asc(diskSamples.host), asc(diskSamples.mount), sql`${diskSamples.reportedAt} desc`);
  return rows.map((r) => ({ ...r, reportedAt: r.reportedAt.toISOString(), usedPct: pctOf(r.usedBytes, r.sizeBytes), level: r.level as DiskLevel }));
}

/** The week (Monday–Sunday, Tokyo) containing `weekOf`: per volume, its samples, growth, breaches and days without a report. */
export async function weeklyDiskReport(db: Db, actor: Actor, weekOf: string): Promise<DiskWeekly> {
  const day = dayNumberOf(weekOf);
  const monday = day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
  const days = Array.from({ length: 7 }, (_, i) => new Date((monday + i) * 86_400_000).toISOString().slice(0, 10));
  const from = new Date(instantOf(monday, 0, REPORT_ZONE));
  const to = new Date(instantOf(monday + 7, 0, REPORT_ZONE));
  const scope =
    actor.visibleSiteIds === null
      ? sql`true`
      : actor.visibleSiteIds.length === 0
        ? sql`false`
        : sql`t.site_id = any(${`{${actor.visibleSiteIds.join(',')}}`}::uuid[])`;
  const rows = await queryRows<{
    host: string;
    mount: string;
    target: { id: string; name: string } | null;
    site: { id: string; code: string; nameJa: string; nameEn: string } | null;
    samples: number;
    first_pct: number;
    last_pct: number;
    max_pct: number;
    last_level: DiskLevel;
    breaches: number;
    days: string[];
  }>(
    db,
    sql`select d.host, d.mount,
          case when t.id is null then null else json_build_object('id', t.id, 'name', t.name) end as target,
          case when s.id is null then null else json_build_object('id', s.id, 'code', s.code, 'nameJa', s.name_ja, 'nameEn', s.name_en) end as site,
          count(*)::int as samples,
          round((array_agg(d.used_bytes::numeric / d.size_bytes order by d.reported_at))[1] * 1000) / 10 as first_pct,
          round((array_agg(d.used_bytes::numeric / d.size_bytes order by d.reported_at desc))[1] * 1000) / 10 as last_pct,
          round(max(d.used_bytes::numeric / d.size_bytes) * 1000) / 10 as max_pct,
          (array_agg(d.level order by d.reported_at desc))[1] as last_level,
          count(*) filter (where d.level <> 'ok')::int as breaches,
          array_agg(distinct to_char(d.reported_at at time zone ${REPORT_ZONE}, 'YYYY-MM-DD')) as days
        from disk_samples d
        left join monitoring_targets t on t.id = d.target_id
        left join sites s on s.id = t.site_id
        where d.reported_at >= ${from.toISOString()} and d.reported_at < ${to.toISOString()} and ${scope}
        group by d.host, d.mount, t.id, s.id
        order by d.host, d.mount`,
  );
  const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  return {
    from: days[0],
    to: days[6],
    items: rows.map((r) => ({
      host: r.host,
      mount: r.mount,
      target: r.target,
      site: r.site,
      samples: r.samples,
      firstPct: Number(r.first_pct),
      lastPct: Number(r.last_pct),
      maxPct: Number(r.max_pct),
      growthPct: Math.round((Number(r.last_pct) - Number(r.first_pct)) * 10) / 10,
      lastLevel: r.last_level,
      breaches: r.breaches,
      missingDays: days.filter((d) => d <= today && !r.days.includes(d)),
    })),
  };
}
