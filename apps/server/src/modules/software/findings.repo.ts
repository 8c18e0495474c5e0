import type { SoftwareFindingListQuery } from '@unyo/contracts';
import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { hardwareAssets } from '../assets/assets.table.ts';
import { mappedNamesSql } from './compliance.repo.ts';
import { softwareFindings } from './software.table.ts';

export type FindingWithAsset = typeof softwareFindings.$inferSelect & { asset: { id: string; assetNumber: string; name: string }; siteId: string };

const selection = {
  ...getTableColumns(softwareFindings),
  asset: { id: hardwareAssets.id, assetNumber: hardwareAssets.assetNumber, name: hardwareAssets.name },
  siteId: hardwareAssets.siteId,
};
const base = (db: Db) => db.select(selection).from(softwareFindings).innerJoin(hardwareAssets, eq(hardwareAssets.id, softwareFindings.assetId));

/** Findings are scoped by the site of the device they are on. */
export async function findFindingById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<FindingWithAsset | null> {
  const q = base(db).where(and(eq(softwareFindings.id, id), siteScope(actor, hardwareAssets.siteId)));
  const [row] = lock ? await q.for('update', { of: softwareFindings }) : await q;
  return (row as FindingWithAsset) ?? null;
}

const foundMs = sql`to_char(${softwareFindings.firstFoundAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

export async function findFindingPage(db: Db, q: SoftwareFindingListQuery, actor: Actor) {
  const f: (SQL | undefined)[] = [siteScope(actor, hardwareAssets.siteId)];
  if (q.status) f.push(eq(softwareFindings.status, q.status));
  if (q.assetId) f.push(eq(softwareFindings.assetId, q.assetId));
  if (q.q)
    f.push(contains(sql`concat_ws(' ', ${softwareFindings.name}, ${softwareFindings.publisher}, ${hardwareAssets.assetNumber}, ${hardwareAssets.name})`, q.q));
  const where = and(...f);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), foundMs, softwareFindings.id, 'desc')))
    .orderBy(desc(foundMs), desc(softwareFindings.id))
    .limit(q.limit + 1)) as FindingWithAsset[];
  const [{ n }] = await db
    .select({ n: count() })
    .from(softwareFindings)
    .innerJoin(hardwareAssets, eq(hardwareAssets.id, softwareFindings.assetId))
    .where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: new Date(r.firstFoundAt).toISOString().slice(0, 23), id: r.id })), total: Number(n) };
}

const listMatch = sql`(r.product_id is null or r.product_id = n.product_id)
  and (r.name_like is null or n.name ilike r.name_like)
  and (r.publisher_like is null or coalesce(n.publisher, '') ilike r.publisher_like)`;

export type FlaggedRow = {
  asset_id: string;
  name: string;
  publisher: string | null;
  version: string;
  reason: 'denied' | 'not_allowed';
  rule_id: string | null;
};

/**
 * Installed packages that break the lists: a deny rule matches (product through the normalization rules, name,
 * publisher), or — in allow mode — no allow rule does. Rules are checked once per distinct package.
 */
export async function findFlaggedSoftware(db: Db): Promise<FlaggedRow[]> {
  return queryRows<FlaggedRow>(
    db,
    sql`with names as materialized (
          select s.name, s.publisher, s.version, m.product_id
          from (select distinct name, publisher, version from asset_software) s
          left join (${mappedNamesSql()}) m on m.name = s.name and m.version = s.version and m.publisher is not distinct from s.publisher
        ),
        flagged as materialized (
          select n.name, n.publisher, n.version, d.id as rule_id,
            case when d.id is not null then 'denied'
                 when (select list_mode from software_settings where id = 1) = 'allow'
                      and not exists (select 1 from software_list_rules r where r.kind = 'allow' and ${listMatch}) then 'not_allowed'
            end as reason
          from names n
          left join lateral (select r.id from software_list_rules r where r.kind = 'deny' and ${listMatch} order by r.created_at, r.id limit 1) d on true
        )
        select a.asset_id, a.name, a.publisher, max(a.version) as version, min(f.reason) as reason, (array_agg(f.rule_id))[1] as rule_id
        from asset_software a
        join flagged f on f.name = a.name and f.version = a.version and f.publisher is not distinct from a.publisher
        where f.reason is not null
        group by a.asset_id, a.name, a.publisher`,
  );
}
