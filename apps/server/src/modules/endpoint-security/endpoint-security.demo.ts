import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** Demo patch plans (1.1.b, S-4-5-1-1): one a month for a year, presented within two weeks except one. */
export async function seedDemoPatchPlans(tx: Db, until = '2026-11-26'): Promise<number> {
  await tx.execute(sql`insert into patch_plans (title, instructed_on, presented_on, target_patches, apply_from, apply_until, status, approved_by)
    select to_char(m, 'YYYY年MM月') || ' 月例セキュリティ更新プログラム適用計画', (m + interval '13 days')::date,
      (m + interval '13 days' + case when g = 7 then interval '17 days' else (4 + g % 6) * interval '1 day' end)::date,
      array['KB50' || lpad((41000 + g * 37)::text, 5, '0'), 'KB50' || lpad((41002 + g * 37)::text, 5, '0')],
      (m + interval '1 month')::date, (m + interval '1 month' + interval '14 days')::date,
      case when g >= 11 then 'presented' else 'completed' end, '情報システム課長'
    from generate_series(0, 11) g, lateral (select date_trunc('month', ${until}::date - (11 - g) * interval '1 month')::date as m) x
    where (m + interval '13 days')::date <= ${until}::date`);
  return 12;
}
