import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Demo backups (issue #7 item 9): a daily system and data job on each HQ and institute server, a year of results
 * (about 2 % failed and 1 % missed, each with a triage record, resolved unless recent), and two restore requests.
 * Set-based and deterministic: hashes of the job's destination (not its random id) and the date decide the failures.
 */
export async function seedDemoBackups(tx: Db, until = '2026-11-26'): Promise<{ jobs: number; results: number }> {
  const jobs = await queryRows<{ id: string }>(
    tx,
    sql`insert into backup_jobs (asset_id, name, software, backup_type, schedule, due_time, due_day_offset, retention_generations,
          destination, restore_notes, starts_on, reviewed_on)
        select h.id, j.name, j.software, j.type, 'daily', '07:00', 1, j.retention, 'NAS-BK01:/backup/' || h.name || '/' || j.slug,
          j.restore, (${until}::date - 365), ${until}::date - 40
        from hardware_assets h
        join sites s on s.id = h.site_id and s.code in ('TKY', 'OSA', 'IDE')
        cross join (values ('システム領域', 'system', 'Veeam Backup & Replication', 'full', 14, 'ベアメタル復元：Veeam リカバリメディアと管理者パスワードが必要'),
                           ('データ領域', 'data', 'Windows Server バックアップ', 'incremental', 30, 'ファイル単位で復元可能：共有フォルダの ACL を確認')) as j(name, slug, software, type, retention, restore)
        where h.category = 'server' and h.status = 'in_use'
        order by h.asset_number
        limit 16
        returning id`,
  );
  if (jobs.length === 0) return { jobs: 0, results: 0 };
  const [{ n }] = await queryRows<{ n: number }>(
    tx,
    sql`with runs as (
          select j.id as job_id, d::date as run_date, abs(hashtext(j.destination || d::date::text)) % 1000 as h
          from backup_jobs j cross join generate_series(${until}::date - 364, ${until}::date - 1, interval '1 day') d
        ), ins as (
          insert into backup_results (job_id, run_date, status, started_at, ended_at, size_bytes, generation, message, source, recorded_at)
          select job_id, run_date,
            case when h < 10 then 'missed' when h < 30 then 'failed' when h < 45 then 'warning' else 'success' end,
            case when h < 10 then null else (run_date + time '22:00') at time zone 'Asia/Tokyo' end,
            case when h < 10 then null else (run_date + time '22:00') at time zone 'Asia/Tokyo' + (40 + h % 80) * interval '1 minute' end,
            case when h < 30 then null else (50 + h % 200)::bigint * 1024 * 1024 * 1024 end,
            case when h < 30 then null else to_char(run_date, 'YYYYMMDD') end,
            case when h < 10 then 'No result by the deadline' when h < 30 then 'ジョブが失敗しました: 転送先に接続できません' when h < 45 then '一部のファイルをスキップしました' else null end,
            case when h < 10 then 'sweep' else 'api' end,
            (run_date + 1 + time '07:00') at time zone 'Asia/Tokyo'
          from runs
          returning id, status, run_date
        ), tri as (
          insert into backup_triages (result_id, status, isolation_notes, staff_notified_at, vendor, escalated_at, resolved_at)
          select id, case when run_date > ${until}::date - 3 then 'open' else 'resolved' end,
            '一次切り分け：ネットワーク・転送先ストレージの状態を確認（デモ）',
            (run_date + 1 + time '08:30') at time zone 'Asia/Tokyo',
            case when abs(hashtext(run_date::text)) % 3 = 0 then 'NEC フィールディング' end,
            case when abs(hashtext(run_date::text)) % 3 = 0 then (run_date + 1 + time '10:00') at time zone 'Asia/Tokyo' end,
            case when run_date > ${until}::date - 3 then null else (run_date + 2 + time '12:00') at time zone 'Asia/Tokyo' end
          from ins where status in ('failed', 'missed')
          returning 1
        )
        select (select count(*) from ins)::int as n`,
  );
  await tx.execute(sql`insert into backup_restore_requests (job_id, result_id, requested_by, requested_at, what, restore_to, status, done_at, result_notes)
    select r.job_id, r.id, '総務部 担当職員', (r.run_date + 3 + time '10:00') at time zone 'Asia/Tokyo', '誤って削除した共有フォルダ「契約書」', '元の場所',
      'done', (r.run_date + 3 + time '15:00') at time zone 'Asia/Tokyo', '復元完了。利用者に確認済み（デモ）'
    from backup_results r where r.status = 'success' order by r.run_date desc, r.id limit 2`);
  return { jobs: jobs.length, results: n };
}
