import type { AntivirusLastWork, AntivirusSnapshotDto, AntivirusStatusDto, EndpointSecuritySettings } from '@unyo/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { contains } from '../../platform/http/search.ts';
import { siteScopeSql } from './scope-sql.ts';

export type AntivirusStatusFilter = {
  siteId?: string;
  outdated?: boolean;
  matched?: boolean;
  q?: string;
  limit: number;
  offset?: number;
  /** Only snapshots imported before this instant (the state at a month's end). */
  before?: Date;
};
type Judging = Pick<EndpointSecuritySettings, 'staleDays' | 'maxVersionsBehind'>;

type StatusRow = {
  id: string;
  snapshot_id: string;
  snapshot_date: string;
  computer_name: string;
  ip_address: string | null;
  product: string | null;
  definition_version: string;
  definition_date: string | null;
  engine_version: string | null;
  last_updated_on: string | null;
  versions_behind: number;
  age_days: number | null;
  outdated: boolean;
  asset_id: string | null;
  asset_number: string | null;
  asset_name: string | null;
  site_id: string | null;
  last_work_id: string | null;
  last_work_kind: string | null;
  last_work_done_at: Date | string | null;
  last_work_operator: string | null;
  total: string;
  outdated_count: string;
  unmatched_count: string;
};

const dateText = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * Outdated (3.1.1.u): no definition date, a definition dated more than staleDays before the snapshot's date, or
 * more than maxVersionsBehind newer versions of the product in the same snapshot. Judged when read, so a changed
 * setting applies to past snapshots too.
 */
export const outdatedSql = (s: Judging, snapshotDate: SQL, definitionDate: SQL, behind: SQL) =>
  sql`(${definitionDate} is null or ${snapshotDate} - ${definitionDate} > ${s.staleDays}::int or ${behind} > ${s.maxVersionsBehind}::int)`;

const latestNow = (timeZone: string) =>
  sql`select s.*, (n.imported_at at time zone ${timeZone})::date as snapshot_date
      from antivirus_current c join antivirus_statuses s on s.id = c.status_id join antivirus_snapshots n on n.id = s.snapshot_id`;

/** The state at an earlier instant (a month's report) is read from the history. */
const latestBefore = (before: Date, timeZone: string) =>
  sql`select distinct on (s.device_key) s.*, (n.imported_at at time zone ${timeZone})::date as snapshot_date
      from antivirus_statuses s join antivirus_snapshots n on n.id = s.snapshot_id
      where n.imported_at < ${before.toISOString()}::timestamptz
      order by s.device_key, n.imported_at desc, n.id desc`;

/**
 * Each device's row from the newest snapshot that has it, judged; scoped by the matched asset's site. Its last work
 * is the newest update work: a settings change is no action taken on stale definitions (3.1.1.u).
 */
export async function findAntivirusStatus(db: Db, f: AntivirusStatusFilter, actor: Actor, s: Judging, timeZone: string) {
  const where: SQL[] = [siteScopeSql(actor, sql`j.site_id`)];
  if (f.siteId) where.push(sql`j.site_id = ${f.siteId}::uuid`);
  if (f.outdated !== undefined) where.push(sql`j.outdated = ${f.outdated}`);
  if (f.matched !== undefined) where.push(f.matched ? sql`j.asset_id is not null` : sql`j.asset_id is null`);
  if (f.q) where.push(contains(sql`concat_ws(' ', j.computer_name, j.ip_address, j.asset_number, j.asset_name)`, f.q));
  const rows = await queryRows<StatusRow>(
    db,
    sql`with latest as (${f.before ? latestBefore(f.before, timeZone) : latestNow(timeZone)}), j as (
          select l.*, l.snapshot_date - l.definition_date as age_days,
            ${outdatedSql(s, sql`l.snapshot_date`, sql`l.definition_date`, sql`l.versions_behind`)} as outdated,
            h.asset_number, h.name as asset_name, h.site_id,
            lw.id as last_work_id, lw.kind as last_work_kind, lw.done_at as last_work_done_at, lw.operator_name as last_work_operator
          from latest l left join hardware_assets h on h.id = l.asset_id
          left join lateral (
            select w.id, w.kind, w.done_at, u.display_name as operator_name
            from antivirus_work_records w left join users u on u.id = w.operator_id
            where w.device_id = l.asset_id and w.kind <> 'settings_change' ${f.before ? sql`and w.done_at < ${f.before.toISOString()}::timestamptz` : sql``}
            order by w.done_at desc, w.id desc limit 1
          ) lw on true
        )
        select j.*, count(*) over () as total, count(*) filter (where j.outdated) over () as outdated_count,
          count(*) filter (where j.asset_id is null) over () as unmatched_count
        from j where ${sql.join(where, sql` and `)}
        order by j.outdated desc, j.computer_name, j.id
        limit ${f.limit} offset ${f.offset ?? 0}`,
  );
  const first = rows[0];
  return {
    items: rows.map(presentStatus),
    total: Number(first?.total ?? 0),
    outdated: Number(first?.outdated_count ?? 0),
    unmatched: Number(first?.unmatched_count ?? 0),
  };
}

function presentStatus(r: StatusRow): AntivirusStatusDto {
  return {
    id: r.id,
    snapshotId: r.snapshot_id,
    snapshotDate: dateText(r.snapshot_date)!,
    computerName: r.computer_name,
    ipAddress: r.ip_address,
    product: r.product,
    definitionVersion: r.definition_version,
    definitionDate: dateText(r.definition_date),
    engineVersion: r.engine_version,
    lastUpdatedOn: dateText(r.last_updated_on),
    versionsBehind: Number(r.versions_behind),
    ageDays: r.age_days === null ? null : Number(r.age_days),
    outdated: r.outdated,
    asset: r.asset_id ? { id: r.asset_id, assetNumber: r.asset_number!, name: r.asset_name! } : null,
    siteId: r.site_id,
    // Work after the snapshot does not make the device current: only the next import shows whether it took.
    lastWork: r.last_work_id
      ? {
          id: r.last_work_id,
          kind: r.last_work_kind as AntivirusLastWork['kind'],
          doneAt: new Date(r.last_work_done_at!).toISOString(),
          operatorName: r.last_work_operator,
        }
      : null,
  };
}

type SnapshotRow = {
  id: string;
  imported_at: Date | string;
  snapshot_date: string;
  source_name: string | null;
  devices: string;
  matched: string;
  outdated: string;
};

/** Snapshots imported in a month (reporting time zone), oldest first, with their device counts. */
export async function findSnapshotsInMonth(db: Db, month: string, s: Judging, timeZone: string): Promise<AntivirusSnapshotDto[]> {
  const rows = await queryRows<SnapshotRow>(
    db,
    sql`select n.id, n.imported_at, (n.imported_at at time zone ${timeZone})::date as snapshot_date, n.source_name,
          count(s.id) as devices, count(s.asset_id) as matched,
          count(s.id) filter (where ${outdatedSql(s, sql`(n.imported_at at time zone ${timeZone})::date`, sql`s.definition_date`, sql`s.versions_behind`)}) as outdated
        from antivirus_snapshots n left join antivirus_statuses s on s.snapshot_id = n.id
        where to_char(n.imported_at at time zone ${timeZone}, 'YYYY-MM') = ${month}
        group by n.id order by n.imported_at, n.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    importedAt: new Date(r.imported_at).toISOString(),
    snapshotDate: dateText(r.snapshot_date)!,
    sourceName: r.source_name,
    devices: Number(r.devices),
    matched: Number(r.matched),
    outdated: Number(r.outdated),
  }));
}
