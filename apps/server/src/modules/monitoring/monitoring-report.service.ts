import {
  choiceLabel,
  diskLevels,
  type Locale,
  type MonitoringMonthlyRow,
  type MonitoringMonthlySummary,
  type MonitoringSeverity,
  monitoringSeverities,
  monitoringTargetKinds,
} from '@unyo/contracts';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { dayNumberOf, instantOf } from '../../platform/calendar/zoned-time.ts';

/**
 * The monthly monitoring-results report (6.i). It reads what the monitoring server sent in: the alert events of the
 * hooks and the disk samples of the disk reports. The month runs from the 1st 00:00 to the next 1st in the reporting
 * time zone; an alert open across a boundary counts only its part inside the month. Scoped through the target's site.
 */

type SiteRef = { id: string; code: string; nameJa: string; nameEn: string };

/** [from, to) of `month` (YYYY-MM) in `timeZone`. */
export function monthBounds(month: string, timeZone: string) {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: new Date(instantOf(dayNumberOf(`${month}-01`), 0, timeZone)), to: new Date(instantOf(dayNumberOf(next), 0, timeZone)) };
}

/** Targets of the actor's sites; disk samples of unmatched hosts (no target) only for all-site readers. */
const scopeOf = (actor: Actor, siteColumn: SQL): SQL =>
  actor.visibleSiteIds === null
    ? sql`true`
    : actor.visibleSiteIds.length === 0
      ? sql`false`
      : sql`${siteColumn} = any(${`{${actor.visibleSiteIds.join(',')}}`}::uuid[])`;

/** An event open at some point of [from, to): started before `to`, not resolved before `from`. */
const overlaps = (from: Date, to: Date) => sql`e.starts_at < ${to.toISOString()} and coalesce(e.resolved_at, 'infinity') > ${from.toISOString()}`;

export async function monthlySummary(db: Db, actor: Actor, month: string, timeZone: string, now = new Date()): Promise<MonitoringMonthlySummary> {
  const { from, to } = monthBounds(month, timeZone);
  const end = new Date(Math.max(from.getTime(), Math.min(to.getTime(), now.getTime())));
  // The firing span of an event, clipped to [from, end): a still-firing alert counts up to now (or the month end).
  const span = sql`greatest(0, extract(epoch from least(coalesce(e.resolved_at, ${end.toISOString()}::timestamptz), ${end.toISOString()}::timestamptz)
    - greatest(e.starts_at, ${from.toISOString()}::timestamptz)))`;
  const rows = await queryRows<{
    id: string;
    name: string;
    kind: string;
    site: SiteRef;
    by_severity: Record<string, number> | null;
    total: number;
    firing_seconds: string | number | null;
    longest_seconds: string | number | null;
    incidents: number;
  }>(
    db,
    sql`select t.id, t.name, t.kind,
          json_build_object('id', s.id, 'code', s.code, 'nameJa', s.name_ja, 'nameEn', s.name_en) as site,
          (select json_object_agg(x.severity, x.n) from (
             select e2.severity, count(*)::int as n from monitoring_events e2
             where e2.target_id = t.id and e2.starts_at < ${to.toISOString()} and coalesce(e2.resolved_at, 'infinity') > ${from.toISOString()}
             group by e2.severity) x) as by_severity,
          count(e.id)::int as total,
          floor(coalesce(sum(${span}), 0)) as firing_seconds,
          floor(coalesce(max(${span}), 0)) as longest_seconds,
          count(distinct e.incident_id)::int as incidents
        from monitoring_targets t
        join sites s on s.id = t.site_id
        left join monitoring_events e on e.target_id = t.id and ${overlaps(from, to)}
        -- Targets registered during or before the month and not removed before it (or with alerts in it).
        where ${scopeOf(actor, sql`t.site_id`)}
          and (t.removed_at is null or t.removed_at >= ${from.toISOString()})
        group by t.id, s.id
        having t.created_at < ${to.toISOString()} or count(e.id) > 0
        order by s.code, t.name, t.id`,
  );
  const items: MonitoringMonthlyRow[] = rows.map((r) => ({
    target: { id: r.id, name: r.name, kind: r.kind as MonitoringMonthlyRow['target']['kind'] },
    site: r.site,
    alerts: Object.fromEntries(monitoringSeverities.values.map((s) => [s, r.by_severity?.[s] ?? 0])) as Record<MonitoringSeverity, number>,
    totalAlerts: r.total,
    firingSeconds: Number(r.firing_seconds ?? 0),
    longestSeconds: Number(r.longest_seconds ?? 0),
    incidents: r.incidents,
  }));
  return { month, from: from.toISOString(), to: to.toISOString(), items };
}

async function monthlyAlerts(db: Db, actor: Actor, from: Date, to: Date, timeZone: string) {
  return queryRows<{
    fired_at: string;
    resolved_at: string | null;
    target: string | null;
    site_code: string | null;
    title: string;
    alertname: string | null;
    severity: MonitoringSeverity;
    seconds: string | number | null;
    incident: boolean;
  }>(
    db,
    sql`select to_char(e.starts_at at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI') as fired_at,
          to_char(e.resolved_at at time zone ${timeZone}, 'YYYY-MM-DD HH24:MI') as resolved_at,
          t.name as target, s.code as site_code, e.title, e.labels->>'alertname' as alertname, e.severity,
          floor(extract(epoch from e.resolved_at - e.starts_at)) as seconds, e.incident_id is not null as incident
        from monitoring_events e
        left join monitoring_targets t on t.id = e.target_id
        left join sites s on s.id = t.site_id
        where ${overlaps(from, to)} and ${scopeOf(actor, sql`t.site_id`)}
        order by e.starts_at, e.id`,
  );
}

async function monthlyDisks(db: Db, actor: Actor, from: Date, to: Date) {
  return queryRows<{ host: string; mount: string; target: string | null; max_pct: string; last_pct: string; last_level: string; breaches: number }>(
    db,
    sql`select d.host, d.mount, t.name as target,
          round(max(d.used_bytes::numeric / d.size_bytes) * 1000) / 10 as max_pct,
          round((array_agg(d.used_bytes::numeric / d.size_bytes order by d.reported_at desc))[1] * 1000) / 10 as last_pct,
          (array_agg(d.level order by d.reported_at desc))[1] as last_level,
          count(*) filter (where d.level <> 'ok')::int as breaches
        from disk_samples d
        left join monitoring_targets t on t.id = d.target_id
        where d.reported_at >= ${from.toISOString()} and d.reported_at < ${to.toISOString()} and ${scopeOf(actor, sql`t.site_id`)}
        group by d.host, d.mount, t.id
        order by t.name nulls last, d.host, d.mount`,
  );
}

const H = {
  ja: {
    title: (m: string) => `監視結果報告書 ${m.slice(0, 4)}年${Number(m.slice(5))}月`,
    sheets: ['監視対象別集計', 'アラート一覧', 'ディスク使用率'],
    summary: [
      '監視対象',
      '種別',
      '拠点',
      ...monitoringSeverities.items.map((s) => `アラート（${s.ja}）`),
      'アラート計',
      '障害時間合計',
      '最長障害時間',
      '起票インシデント',
    ],
    alerts: ['発生日時', '復旧日時', '監視対象', '拠点', 'アラート名', '重要度', '継続時間', 'インシデント'],
    disks: ['監視対象', 'ホスト', 'マウント', '最大使用率(%)', '最終使用率(%)', '最終レベル', '閾値超過'],
    yes: 'あり',
    no: 'なし',
    firing: '継続中',
  },
  en: {
    title: (m: string) => `Monitoring results report ${m}`,
    sheets: ['Summary by target', 'Alerts', 'Disk usage'],
    summary: [
      'Target',
      'Kind',
      'Site',
      ...monitoringSeverities.items.map((s) => `Alerts (${s.en})`),
      'Alerts total',
      'Total firing time',
      'Longest outage',
      'Incidents opened',
    ],
    alerts: ['Fired at', 'Resolved at', 'Target', 'Site', 'Alert', 'Severity', 'Duration', 'Incident'],
    disks: ['Target', 'Host', 'Mount', 'Max usage (%)', 'Last usage (%)', 'Last level', 'Threshold breached'],
    yes: 'yes',
    no: 'no',
    firing: 'firing',
  },
} satisfies Record<Locale, unknown>;

/** Seconds as an Excel duration (days), shown [h]:mm. */
const days = (seconds: number) => seconds / 86_400;
const DURATION = '[h]:mm';

export async function buildMonitoringMonthly(
  db: Db,
  actor: Actor,
  locale: Locale,
  month: string,
  timeZone: string,
  now = new Date(),
): Promise<{ buffer: Buffer; fileName: string }> {
  const h = H[locale];
  const summary = await monthlySummary(db, actor, month, timeZone, now);
  const { from, to } = monthBounds(month, timeZone);
  const [alerts, disks] = await Promise.all([monthlyAlerts(db, actor, from, to, timeZone), monthlyDisks(db, actor, from, to)]);
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, cols: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([h.title(month)]).font = { bold: true, size: 13 };
    ws.addRow(cols).font = { bold: true };
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    return ws;
  };
  const s1 = sheet(h.sheets[0], h.summary, [28, 16, 16, 10, 10, 10, 10, 10, 10, 14, 14, 12]);
  for (const r of summary.items) {
    s1.addRow([
      r.target.name,
      choiceLabel(monitoringTargetKinds.items, r.target.kind, locale),
      locale === 'ja' ? r.site.nameJa : r.site.nameEn,
      ...monitoringSeverities.values.map((s) => r.alerts[s]),
      r.totalAlerts,
      days(r.firingSeconds),
      days(r.longestSeconds),
      r.incidents,
    ]);
  }
  const sev = monitoringSeverities.values.length;
  s1.getColumn(5 + sev).numFmt = DURATION;
  s1.getColumn(6 + sev).numFmt = DURATION;

  const s2 = sheet(h.sheets[1], h.alerts, [17, 17, 24, 10, 40, 10, 12, 10]);
  for (const a of alerts) {
    s2.addRow([
      a.fired_at,
      a.resolved_at ?? h.firing,
      a.target ?? '',
      a.site_code ?? '',
      a.alertname ?? a.title,
      choiceLabel(monitoringSeverities.items, a.severity, locale),
      a.seconds === null ? '' : days(Number(a.seconds)),
      a.incident ? h.yes : h.no,
    ]);
  }
  s2.getColumn(7).numFmt = DURATION;

  const s3 = sheet(h.sheets[2], h.disks, [24, 18, 18, 14, 14, 12, 12]);
  for (const d of disks) {
    s3.addRow([
      d.target ?? '',
      d.host,
      d.mount,
      Number(d.max_pct),
      Number(d.last_pct),
      choiceLabel(diskLevels.items, d.last_level, locale),
      d.breaches > 0 ? h.yes : h.no,
    ]);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `monitoring-report-${month}.xlsx` };
}
