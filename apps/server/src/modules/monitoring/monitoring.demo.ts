import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Demo monitoring (issue #7 item 9): the HQ servers and network devices as monitored targets (matched by the
 * `instance` label), a rule that opens incidents for critical alerts, a year of resolved alerts and two firing now,
 * and a week of disk samples per server (one volume creeping past its warning level).
 */
export async function seedDemoMonitoring(tx: Db, until = new Date('2026-11-26T18:00:00+09:00')): Promise<{ targets: number; events: number }> {
  const targets = await queryRows<{ id: string }>(
    tx,
    sql`insert into monitoring_targets (name, kind, asset_id, site_id, match_labels, thresholds, monitored_items, requested_by, request_ref)
        select h.name, case when h.category in ('switch','router','firewall') then 'network_device' else 'server' end, h.id, h.site_id,
          jsonb_build_object('instance', h.name), jsonb_build_object('diskWarnPct', 80, 'diskCritPct', 90),
          'ping, CPU, メモリ, ディスク, サービス', '情報システム課', 'REQ-DEMO-' || row_number() over (order by h.asset_number)
        from hardware_assets h join sites s on s.id = h.site_id and s.code in ('TKY', 'OSA', 'IDE')
        where h.category in ('server', 'switch', 'router') and h.status = 'in_use'
        order by h.asset_number limit 30
        returning id`,
  );
  if (targets.length === 0) return { targets: 0, events: 0 };
  await tx.execute(sql`insert into monitoring_rules (name, position, min_severity, action) values
    ('重大アラートは障害として起票', 10, 'critical', 'incident'), ('その他は記録のみ', 100, null, 'record')`);
  const untilIso = until.toISOString();
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`with ins as (
          insert into monitoring_events (source, fingerprint, status, severity, title, labels, target_id, starts_at, last_seen_at, resolved_at, notification_count, action)
          select 'alertmanager', md5(t.id::text || g), case when g <= 2 then 'firing' else 'resolved' end,
            (array['warning','minor','major','warning'])[1 + g % 4],
            (array['High CPU usage','Memory pressure','Service check failed','Ping loss'])[1 + g % 4] || ' on ' || t.name,
            jsonb_build_object('alertname', (array['HighCPU','Memory','ServiceDown','PingLoss'])[1 + g % 4], 'instance', t.name),
            t.id, ts, ts + interval '20 minutes', case when g <= 2 then null else ts + interval '35 minutes' end, 1 + g % 3, 'record'
          from (select id, name, row_number() over (order by name) as r from monitoring_targets) t
          cross join generate_series(1, 6) g
          cross join lateral (select ${untilIso}::timestamptz - ((t.r * 37 + g * 53) % 360) * interval '1 day' - (g * 3) * interval '1 hour' as ts) x
          where g > 2 or t.r <= 1
          returning 1)
        select count(*)::int as n from ins`,
  );
  await tx.execute(sql`insert into disk_samples (report_id, target_id, host, mount, reported_at, size_bytes, used_bytes, level)
    select gen_random_uuid(), t.id, t.name, m.mount, ${untilIso}::timestamptz - d * interval '1 day',
      500::bigint * 1024 * 1024 * 1024,
      ((m.base + (7 - d) * m.growth) * 5)::bigint * 1024 * 1024 * 1024,
      case when m.base + (7 - d) * m.growth >= 90 then 'critical' when m.base + (7 - d) * m.growth >= 80 then 'warning' else 'ok' end
    from (select id, name, row_number() over (order by name) as r from monitoring_targets where kind = 'server') t
    cross join (values ('C:', 45, 0.2), ('D:', 70, 1.8)) as m(mount, base, growth)
    cross join generate_series(0, 6) d
    where t.r <= 8`);
  return { targets: targets.length, events: n };
}
