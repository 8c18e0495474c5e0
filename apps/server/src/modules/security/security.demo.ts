import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Demo security cases (issue #7 item 9): a year of malware cases on demo PCs with their checklist steps (one
 * handled late, one still open), PC-quarantine alerts and a suspicious-mail campaign. Deterministic.
 */
export async function seedDemoSecurity(tx: Db, until = new Date('2026-11-26T18:00:00+09:00')): Promise<number> {
  const untilIso = until.toISOString();
  const cases = await queryRows<{ id: string; kind: string; detected_at: string; g: number }>(
    tx,
    sql`insert into security_cases (kind, title, site_ids, asset_ids, detected_at, source, status, closed_at)
        select c.kind, c.title, array[h.site_id], array[h.id], c.at, c.source,
          case when c.g = 1 then 'open' else 'closed' end,
          case when c.g = 1 then null else c.at + interval '3 days' end
        from (
          select g, case when g % 6 = 0 then 'quarantine_alert' else 'malware' end as kind,
            case when g % 6 = 0 then 'PC検疫アラート（パッチ未適用）' else (array['Emotet 感染の疑い','不審な実行ファイルの検知','ランサムウェアの挙動検知','USB メモリ経由の感染'])[1 + g % 4] end as title,
            case when g % 6 = 0 then 'quarantine' else 'manual' end as source,
            ${untilIso}::timestamptz - (g * 29 + 3) * interval '1 day' + (g % 5) * interval '1 hour' as at
          from generate_series(1, 12) g) c
        cross join lateral (select id, site_id from hardware_assets where category in ('desktop_pc','notebook_pc') and status = 'in_use'
          order by abs(hashtext(asset_number || c.g)) limit 1) h
        returning id, kind, detected_at::text, (extract(day from now() - detected_at))::int as g`,
  );
  for (const [i, c] of cases.entries()) {
    const steps =
      c.kind === 'malware'
        ? [
            ['consult_staff', 20],
            ['interview', i === 3 ? 300 : 60],
            ['confirmed', 90],
            ['isolate', i === 3 ? 330 : 120],
            ['remove', 200],
            ['removal_confirmed', 600],
          ]
        : [
            ['contact_staff', 15],
            ['review_audit_log', 60],
            ['action', 180],
          ];
    const open = i === 0;
    await tx.execute(sql`insert into security_case_steps (case_id, step, at, note, details, actor_label)
      select ${c.id}::uuid, s.step, ${c.detected_at}::timestamptz + s.m * interval '1 minute', null,
        case when s.step = 'isolate' then '{"method":"logical"}'::jsonb when s.step = 'interview' then '{"who":"利用者","findings":"メール添付を開いた"}'::jsonb else '{}'::jsonb end, 'demo'
      from jsonb_to_recordset(${JSON.stringify(steps.slice(0, open ? 2 : steps.length).map(([step, m]) => ({ step, m })))}::jsonb) as s(step text, m int)`);
  }
  await tx.execute(sql`insert into security_cases (kind, title, detected_at, source, status)
    values ('suspicious_mail', '請求書を装う不審メール（複数職員宛）', ${untilIso}::timestamptz - interval '2 days', 'mail', 'open')`);
  return cases.length + 1;
}
