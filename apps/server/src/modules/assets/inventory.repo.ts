import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { assetSoftware, hardwareAssets } from './assets.table.ts';
import type { InventoryReport, InventorySoftware } from './ocs-protocol.ts';

/** A text[] parameter both drivers (pg, PGlite) accept: an array literal of normalized MACs. */
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

export type MatchedBy = 'device_id' | 'bios_uuid' | 'serial' | 'mac' | 'host_name';
const matchKinds: MatchedBy[] = ['device_id', 'bios_uuid', 'serial', 'mac', 'host_name'];

/**
 * The asset an inventory belongs to, strongest key first: agent device id, BIOS UUID, serial, any MAC, host name.
 * A host name only matches an asset no other agent reports for (two machines may share a name; hardware keys
 * are what tells a reinstall apart from a different machine), and not one whose recorded serial or BIOS UUID
 * differs. Serials compare case-insensitively. Retired and disposed assets lose ties.
 */
export async function findInventoryMatch(tx: Db, r: InventoryReport): Promise<{ id: string; by: MatchedBy } | null> {
  const parts: SQL[] = [sql`select id, 0 as rank from hardware_assets where agent_device_id = ${r.deviceId}`];
  if (r.biosUuid) parts.push(sql`select id, 1 from hardware_assets where bios_uuid = ${r.biosUuid}`);
  if (r.serialNumber) parts.push(sql`select id, 2 from hardware_assets where lower(serial_number) = lower(${r.serialNumber})`);
  if (r.macAddresses.length) {
    parts.push(sql`select asset_id, 3 from hardware_asset_macs where mac = any(${textArray(r.macAddresses)})`);
  }
  if (r.hostName) {
    parts.push(
      // …and only if the asset's recorded hardware keys do not say it is another machine.
      sql`select id, 4 from hardware_assets where lower(name) = lower(${r.hostName}) and (agent_device_id is null or agent_device_id = ${r.deviceId})
            and (coalesce(serial_number, '') = '' or lower(serial_number) = lower(${r.serialNumber ?? ''}))
            and (coalesce(bios_uuid, '') = '' or bios_uuid = ${r.biosUuid ?? ''})`,
    );
  }
  const rows = await queryRows<{ id: string; rank: number }>(
    tx,
    sql`select m.id, m.rank from (${sql.join(parts, sql` union all `)}) as m (id, rank)
        join hardware_assets a on a.id = m.id
        order by m.rank, (a.status in ('retired','disposed')), a.updated_at desc
        limit 1`,
  );
  const [row] = rows;
  return row ? { id: row.id, by: matchKinds[Number(row.rank)] } : null;
}

/** Which of these MACs are active on an asset other than this one (the database allows one asset per MAC). */
export async function findMacsHeldElsewhere(tx: Db, assetId: string, macs: string[]): Promise<Map<string, string>> {
  if (!macs.length) return new Map();
  const rows = await queryRows<{ mac: string; asset_id: string }>(
    tx,
    sql`select mac, asset_id from hardware_asset_macs where mac = any(${textArray(macs)}) and asset_id <> ${assetId}`,
  );
  return new Map(rows.map((r) => [r.mac, r.asset_id]));
}

/** The site of agent-created assets: `?site=CODE` on the agent URL, else the first headquarters site. */
export async function findAgentSite(db: Db, code: string | undefined): Promise<string | null> {
  const [row] = code
    ? await db.select({ id: sites.id }).from(sites).where(eq(sites.code, code))
    : await db.select({ id: sites.id }).from(sites).orderBy(sql`${sites.kind} <> 'hq'`, asc(sites.code)).limit(1);
  return row?.id ?? null;
}

/**
 * Replaces the device's software list in one statement: new packages get first_seen_at, packages seen again get
 * last_seen_at, packages not in this inventory were uninstalled and are deleted.
 */
export async function replaceAssetSoftware(tx: Db, assetId: string, software: InventorySoftware[], at: Date) {
  const rows = await queryRows<{ added: number; seen: number; removed: number }>(
    tx,
    sql`with incoming as (
          select x.name, coalesce(x.version, '') as version, coalesce(x.arch, '') as arch, x.publisher, x.source
          from jsonb_to_recordset(${JSON.stringify(software)}::jsonb) as x(name text, version text, arch text, publisher text, source text)
        ),
        removed as (
          delete from asset_software s
          where s.asset_id = ${assetId}
            and not exists (select 1 from incoming i where i.name = s.name and i.version = s.version and i.arch = s.arch)
          returning 1
        ),
        upserted as (
          insert into asset_software (asset_id, name, version, arch, publisher, source, first_seen_at, last_seen_at)
          select ${assetId}, name, version, arch, publisher, source, ${at.toISOString()}, ${at.toISOString()} from incoming
          on conflict (asset_id, name, version, arch)
          do update set last_seen_at = excluded.last_seen_at, publisher = excluded.publisher, source = excluded.source
          returning (xmax = 0) as inserted
        )
        select (select count(*) from upserted where inserted)::int as added,
               (select count(*) from upserted where not inserted)::int as seen,
               (select count(*) from removed)::int as removed`,
  );
  return rows[0];
}

/** Installed software of one asset inside the actor's sites; null when the asset is not visible. */
export async function findAssetSoftware(db: Db, assetId: string, q: string | undefined, actor: Actor) {
  const [asset] = await db
    .select({ id: hardwareAssets.id })
    .from(hardwareAssets)
    .where(and(eq(hardwareAssets.id, assetId), siteScope(actor, hardwareAssets.siteId)));
  if (!asset) return null;
  const where = and(eq(assetSoftware.assetId, assetId), q ? contains(sql`${assetSoftware.name}`, q) : undefined);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(assetSoftware).where(where).orderBy(asc(assetSoftware.name), asc(assetSoftware.version), asc(assetSoftware.arch)),
    db.select({ total: count() }).from(assetSoftware).where(where),
  ]);
  return { items, total };
}
