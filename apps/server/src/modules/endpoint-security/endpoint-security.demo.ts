import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/** Demo patch plans (1.1.b, S-4-5-1-1): one a month for a year, presented within two weeks except one. */
export async function seedDemoPatchPlans(tx: Db, until = '2026-11-26'): Promise<number> {
  await tx.execute(sql`insert into patch_plans (title, instructed_on, presented_on, target_patches, apply_from, apply_until, status, approved_by,
      pre_tested_on, pre_test_result, pre_test_notes)
    select to_char(m, 'YYYY年MM月') || ' 月例セキュリティ更新プログラム適用計画', (m + interval '13 days')::date,
      (m + interval '13 days' + case when g = 7 then interval '17 days' else (4 + g % 6) * interval '1 day' end)::date,
      array['KB50' || lpad((41000 + g * 37)::text, 5, '0'), 'KB50' || lpad((41002 + g * 37)::text, 5, '0')],
      (m + interval '1 month')::date, (m + interval '1 month' + interval '14 days')::date,
      case when g >= 11 then 'presented' else 'completed' end, '情報システム課長',
      (m + interval '13 days' + interval '2 days')::date, case when g = 4 then 'passed_with_issues' else 'passed' end,
      case when g = 4 then '検証用 PC で業務アプリの印刷に遅延あり。回避策を周知のうえ適用' else '検証用 PC（デスクトップ・ノート各 1 台）で適用・再起動・主要業務アプリの起動を確認' end
    from generate_series(0, 11) g, lateral (select date_trunc('month', ${until}::date - (11 - g) * interval '1 month')::date as m) x
    where (m + interval '13 days')::date <= ${until}::date`);
  return 12;
}

/**
 * Demo antivirus work records (3.1.1.v, 3.1.1.x, 3.3.1.l, 3.1.1.w) for a year: stale PCs fixed by hand every month,
 * server patches monthly, engine upgrades quarterly, one product upgrade, a monthly distribution job of the
 * distribution tool, and a few settings changes. Seeded after the logins so the records name an operator.
 */
export async function seedDemoAntivirusWork(tx: Db, until = '2026-11-26'): Promise<number> {
  const months = sql`generate_series(0, 11) g, lateral (select date_trunc('month', ${until}::date - (11 - g) * interval '1 month')::date as m) x`;
  const at = (day: SQL) => sql`((m + ${day} * interval '1 day')::timestamp + interval '10 hours') at time zone 'Asia/Tokyo'`;
  const operator = sql`(select id from users where 'operator' = any(roles) order by email limit 1)`;
  const devices = (categories: string) =>
    sql`(select id, site_id, row_number() over (order by asset_number) as n from hardware_assets where category = any(${`{${categories}}`}::text[]) and status = 'in_use')`;
  const def = (g: SQL) => sql`'19.' || lpad((400 + ${g} * 10)::text, 3, '0') || '.00'`;
  await tx.execute(sql`insert into antivirus_work_records (kind, device_id, site_id, done_at, operator_id, version_before, version_after, note)
    select 'definition_update', d.id, d.site_id, ${at(sql`(3 + k * 7)`)}, ${operator}, ${def(sql`g - 1`)}, ${def(sql`g`)},
      '定義ファイルの更新が止まっていたため手動で更新'
    from ${months}, generate_series(0, 2) k, ${devices('desktop_pc,notebook_pc')} d
    where d.n = 1 + (g * 7 + k * 13) and ${at(sql`(3 + k * 7)`)} <= ${until}::date`);
  await tx.execute(sql`insert into antivirus_work_records (kind, device_id, site_id, done_at, operator_id, version_before, version_after, note)
    select 'patch', d.id, d.site_id, ${at(sql`(9 + d.n)`)}, ${operator}, 'Apex One 14.0 build ' || (12000 + g * 20), 'Apex One 14.0 build ' || (12020 + g * 20), null
    from ${months}, ${devices('server')} d
    where d.n <= 2 and ${at(sql`(9 + d.n)`)} <= ${until}::date`);
  await tx.execute(sql`insert into antivirus_work_records (kind, device_id, site_id, done_at, operator_id, version_before, version_after, note)
    select 'engine_upgrade', d.id, d.site_id, ${at(sql`16`)}, ${operator}, '23.' || (500 + g * 10) || '.1001', '23.' || (530 + g * 10) || '.1001', '四半期のエンジン更新'
    from ${months}, ${devices('server')} d
    where g % 3 = 0 and d.n <= 3 and ${at(sql`16`)} <= ${until}::date`);
  await tx.execute(sql`insert into antivirus_work_records (kind, device_id, site_id, done_at, operator_id, version_before, version_after, note)
    select 'product_upgrade', d.id, d.site_id, ${at(sql`20`)}, ${operator}, 'Apex One 14.0', 'Apex One 14.1', 'サポート期限に合わせたバージョンアップ'
    from ${months}, ${devices('server')} d
    where g = 5 and d.n <= 4`);
  await tx.execute(sql`insert into antivirus_work_records (kind, done_at, operator_id, version_after, package_name, target_group, target_count, success_count, failure_count)
    select 'distribution', ${at(sql`5`)}, ${operator}, 'Apex One 14.0 build ' || (12020 + g * 20), 'Apex One 14.0 月例アップデート ' || to_char(m, 'YYYY-MM'), grp,
      cnt, cnt - (g + cnt) % 7, (g + cnt) % 7
    from ${months}, (values ('本庁PC', 420), ('出先機関PC', 260)) v(grp, cnt)
    where ${at(sql`5`)} <= ${until}::date`);
  // Settings changes (3.1.1.w): scan exclusions added on file servers, and the scheduled scan moved on group policies.
  await tx.execute(sql`insert into antivirus_work_records (kind, device_id, site_id, done_at, operator_id, setting, value_before, value_after, reason, approval_ref)
    select 'settings_change', d.id, d.site_id, ${at(sql`12`)}, ${operator}, 'リアルタイム検索の除外フォルダ', v.before, v.after,
      'バックアップ処理中の検索で処理が遅延するため', '変更申請 CR-' || to_char(m, 'YYYY') || '-' || lpad((g * 3 + 1)::text, 3, '0')
    from ${months}, (values (2, 1, '(なし)', 'D:\\Backup\\staging'), (7, 2, '(なし)', 'D:\\Backup\\staging; E:\\Scan\\incoming')) v(month, server, before, after),
      (select id, site_id, row_number() over (order by asset_number) as n from hardware_assets
        where category = 'virtual_server' and purpose = 'ファイルサーバ' and status = 'in_use') d
    where g = v.month and d.n = v.server and ${at(sql`12`)} <= ${until}::date`);
  await tx.execute(sql`insert into antivirus_work_records (kind, site_id, done_at, operator_id, target_group, setting, value_before, value_after, reason, approval_ref)
    select 'settings_change', s.id, ${at(sql`18`)}, ${operator}, v.grp, '予約検索の開始時刻', v.before, v.after, v.reason,
      '変更申請 CR-' || to_char(m, 'YYYY') || '-' || lpad((g * 3 + 2)::text, 3, '0')
    from ${months}, (values (4, 'TKY', '本部サーバ群ポリシー', '毎日 12:00', '毎日 02:00', '業務時間中の検索でサーバの応答が遅くなるため'),
        (9, 'IDE', '研究所サーバ群ポリシー', '毎週土曜 02:00', '毎日 03:00', '週1回では検索漏れの期間が長いため')) v(month, site, grp, before, after, reason)
      join sites s on s.code = v.site
    where g = v.month and ${at(sql`18`)} <= ${until}::date`);
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from antivirus_work_records`);
  return n;
}
