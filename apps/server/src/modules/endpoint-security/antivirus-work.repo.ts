import type { AntivirusWorkListQuery } from '@unyo/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScopeSql } from './scope-sql.ts';

export type WorkRow = {
  id: string;
  kind: string;
  device_id: string | null;
  site_id: string | null;
  done_at: Date | string;
  operator_id: string | null;
  version_before: string | null;
  version_after: string | null;
  package_name: string | null;
  target_group: string | null;
  target_count: number | null;
  success_count: number | null;
  failure_count: number | null;
  setting: string | null;
  value_before: string | null;
  value_after: string | null;
  reason: string | null;
  approval_ref: string | null;
  note: string | null;
  created_at: Date | string;
  asset_number: string | null;
  asset_name: string | null;
  operator_name: string | null;
  total?: string;
};

export type WorkFilter = Partial<Omit<AntivirusWorkListQuery, 'limit'>> & { id?: string; limit: number; offset?: number };

/** Work records visible to the actor (scoped by the record's site), newest first. */
export async function findAntivirusWork(db: Db, f: WorkFilter, actor: Actor, timeZone: string): Promise<{ items: WorkRow[]; total: number }> {
  const where: SQL[] = [siteScopeSql(actor, sql`w.site_id`)];
  if (f.id) where.push(sql`w.id = ${f.id}::uuid`);
  if (f.kind) where.push(sql`w.kind = ${f.kind}`);
  if (f.siteId) where.push(sql`w.site_id = ${f.siteId}::uuid`);
  if (f.deviceId) where.push(sql`w.device_id = ${f.deviceId}::uuid`);
  if (f.from) where.push(sql`w.done_at >= (${f.from}::date)::timestamp at time zone ${timeZone}`);
  if (f.to) where.push(sql`w.done_at < (${f.to}::date + 1)::timestamp at time zone ${timeZone}`);
  const rows = await queryRows<WorkRow>(
    db,
    sql`select w.*, h.asset_number, h.name as asset_name, u.display_name as operator_name, count(*) over () as total
        from antivirus_work_records w
        left join hardware_assets h on h.id = w.device_id
        left join users u on u.id = w.operator_id
        where ${sql.join(where, sql` and `)}
        order by w.done_at desc, w.id desc
        limit ${f.limit} offset ${f.offset ?? 0}`,
  );
  return { items: rows, total: Number(rows[0]?.total ?? 0) };
}

/** The device's site, when the actor may see it (null otherwise: unknown and out of scope look the same). */
export async function findVisibleDevice(db: Db, deviceId: string, actor: Actor): Promise<{ id: string; siteId: string } | null> {
  const [row] = await queryRows<{ id: string; site_id: string }>(
    db,
    sql`select h.id, h.site_id from hardware_assets h where h.id = ${deviceId}::uuid and ${siteScopeSql(actor, sql`h.site_id`)}`,
  );
  return row ? { id: row.id, siteId: row.site_id } : null;
}

export async function siteExists(db: Db, siteId: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from sites where id = ${siteId}::uuid`)).length > 0;
}

/** The device's current imported status (antivirus_current): the "before" of a record that does not give one. */
export async function findCurrentVersions(db: Db, deviceId: string) {
  const [row] = await queryRows<{ definition_version: string; engine_version: string | null; product: string | null }>(
    db,
    sql`select s.definition_version, s.engine_version, s.product
        from antivirus_current c join antivirus_statuses s on s.id = c.status_id join antivirus_snapshots n on n.id = s.snapshot_id
        where s.asset_id = ${deviceId}::uuid
        order by n.imported_at desc, s.id limit 1`,
  );
  return row ?? null;
}
