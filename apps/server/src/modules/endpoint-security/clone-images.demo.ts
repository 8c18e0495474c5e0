import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Demo clone images (3.3.1.k): the demo PC models × Windows 11 × the standard software set and a VDI image, each
 * updated one to three days after every monthly patch plan was presented. The Latitude image misses the latest plan, so the
 * register shows one image not updated for the latest patches. Seeded after the patch plans and the logins.
 */
export async function seedDemoCloneImages(tx: Db, until = '2026-11-26'): Promise<number> {
  await tx.execute(sql`insert into clone_images (code, model, os, software_set, kind, site_id, storage_location, note)
    select v.code, v.model, v.os, '標準ソフト一式 2026', v.kind, s.id, v.place, v.note
    from (values
      ('IMG-TKY-D7013-W11', 'ESPRIMO D7013/P', 'Windows 11 Pro 23H2', 'physical', 'TKY', '本部 情報システム課 キャビネットA（USB HDD）', null),
      ('IMG-TKY-U9313-W11', 'LIFEBOOK U9313/M', 'Windows 11 Pro 23H2', 'physical', 'TKY', '本部 情報システム課 キャビネットA（USB HDD）', null),
      ('IMG-OSA-VKT44-W11', 'VersaPro VKT44/C', 'Windows 11 Pro 23H2', 'physical', 'OSA', '大阪本部 サーバ室 保管庫', null),
      ('IMG-ALL-EM800-W11', 'Elite Mini 800 G9', 'Windows 11 Pro 24H2', 'physical', null, '展開サーバ \\\\deploy01\\images', null),
      ('IMG-ALL-LAT5450-W11', 'Latitude 5450', 'Windows 11 Pro 24H2', 'physical', null, '展開サーバ \\\\deploy01\\images', '検証用PCの修理待ちで当月分の更新が遅れている'),
      ('IMG-ALL-VDI-W11', 'VDI 仮想デスクトップ（VMware Horizon）', 'Windows 11 Enterprise 23H2', 'virtual', null, 'VDI基盤 マスターイメージ W11-GOLD', null)
    ) v(code, model, os, kind, site_code, place, note)
    left join sites s on s.code = v.site_code`);
  const operator = sql`(select id from users where 'operator' = any(roles) order by email limit 1)`;
  const latest = sql`(select max(presented_on) from patch_plans where status <> 'cancelled')`;
  await tx.execute(sql`insert into clone_image_updates (image_id, updated_on, image_version, patches, patch_plan_id, operator_id, tested, note)
    select c.id, (p.presented_on + 1 + (row_number() over (partition by p.id order by c.code))::int % 3)::date,
      to_char(p.instructed_on, 'YYYY.MM'), p.target_patches, p.id, ${operator}, true, null
    from clone_images c cross join patch_plans p
    where p.presented_on is not null and p.status <> 'cancelled'
      and (p.presented_on + 3) <= ${until}::date
      and not (c.code = 'IMG-ALL-LAT5450-W11' and p.presented_on = ${latest})`);
  await tx.execute(sql`update clone_images c set current_version = u.image_version, last_updated_on = u.updated_on
    from (select distinct on (image_id) image_id, image_version, updated_on from clone_image_updates order by image_id, updated_on desc) u
    where u.image_id = c.id`);
  const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from clone_images`);
  return n;
}
