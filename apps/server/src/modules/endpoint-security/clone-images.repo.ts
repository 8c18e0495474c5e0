import type { CloneImageListQuery } from '@unyo/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScopeSql } from './scope-sql.ts';

export type ImageRow = {
  id: string;
  code: string;
  model: string;
  os: string;
  software_set: string;
  kind: string;
  site_id: string | null;
  site_code: string | null;
  site_name_ja: string | null;
  site_name_en: string | null;
  storage_location: string | null;
  current_version: string | null;
  last_updated_on: string | null;
  active: boolean;
  note: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  stale: boolean;
  total?: string;
};

export type ImageUpdateRow = {
  id: string;
  updated_on: string;
  image_version: string;
  patches: string[];
  patch_plan_id: string | null;
  patch_plan_title: string | null;
  operator_id: string | null;
  operator_name: string | null;
  tested: boolean;
  note: string | null;
  created_at: Date | string;
};

/** Organization-wide images (no site) are seen by every reader; a site's image by the actors of that site. */
export const imageScopeSql = (actor: Actor, siteColumn: SQL): SQL => sql`(${siteColumn} is null or ${siteScopeSql(actor, siteColumn)})`;

/** The presentation date of the latest presented patch plan: an image must have been updated on or after it. */
export async function latestPlanPresentedOn(db: Db): Promise<string | null> {
  const [row] = await queryRows<{ d: string | null }>(db, sql`select max(presented_on)::text as d from patch_plans where status <> 'cancelled'`);
  return row?.d ?? null;
}

export type ImageFilter = Partial<Omit<CloneImageListQuery, 'limit'>> & { id?: string; limit: number };

/** Images visible to the actor, by code; `stale` is computed against the latest plan in the same query. */
export async function findCloneImages(db: Db, f: ImageFilter, actor: Actor): Promise<{ items: ImageRow[]; total: number; latest: string | null }> {
  const latest = await latestPlanPresentedOn(db);
  const stale = sql`(c.active and ${latest}::date is not null and (c.last_updated_on is null or c.last_updated_on < ${latest}::date))`;
  const where: SQL[] = [imageScopeSql(actor, sql`c.site_id`)];
  if (f.id) where.push(sql`c.id = ${f.id}::uuid`);
  if (f.kind) where.push(sql`c.kind = ${f.kind}`);
  if (f.siteId) where.push(sql`c.site_id = ${f.siteId}::uuid`);
  if (f.active !== undefined) where.push(sql`c.active = ${f.active}`);
  if (f.stale !== undefined) where.push(f.stale ? stale : sql`not ${stale}`);
  if (f.q) {
    const escaped = f.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(sql`concat_ws(' ', c.code, c.model, c.os, c.software_set, c.storage_location, c.current_version, c.note) ilike ${`%${escaped}%`}`);
  }
  const items = await queryRows<ImageRow>(
    db,
    sql`select c.id, c.code, c.model, c.os, c.software_set, c.kind, c.site_id, s.code as site_code, s.name_ja as site_name_ja,
          s.name_en as site_name_en, c.storage_location, c.current_version, c.last_updated_on::text as last_updated_on, c.active,
          c.note, c.version, c.created_at, c.updated_at, ${stale} as stale, count(*) over () as total
        from clone_images c left join sites s on s.id = c.site_id
        where ${sql.join(where, sql` and `)}
        order by c.active desc, c.code, c.id
        limit ${f.limit}`,
  );
  return { items, total: Number(items[0]?.total ?? 0), latest };
}

/** An image's updates, newest first. */
export async function findCloneImageUpdates(db: Db, imageId: string): Promise<ImageUpdateRow[]> {
  return queryRows<ImageUpdateRow>(
    db,
    sql`select u.id, u.updated_on::text as updated_on, u.image_version, u.patches, u.patch_plan_id, p.title as patch_plan_title,
          u.operator_id, us.display_name as operator_name, u.tested, u.note, u.created_at
        from clone_image_updates u
        left join patch_plans p on p.id = u.patch_plan_id
        left join users us on us.id = u.operator_id
        where u.image_id = ${imageId}::uuid
        order by u.updated_on desc, u.created_at desc, u.id desc`,
  );
}
