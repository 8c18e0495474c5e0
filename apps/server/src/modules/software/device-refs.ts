import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Actor } from '../../platform/auth/actor.ts';

export type DeviceRef = { id: string; assetNumber: string; name: string; siteId: string };

const scopeOf = (actor: Actor) =>
  actor.visibleSiteIds === null
    ? sql`true`
    : actor.visibleSiteIds.length === 0
      ? sql`false`
      : sql`h.site_id in (select jsonb_array_elements_text(${JSON.stringify(actor.visibleSiteIds)}::jsonb)::uuid)`;

/** Hardware assets by asset number inside the actor's sites (the software ledgers point at devices by number). */
export async function findDevicesByNumber(db: Db, numbers: string[], actor: Actor): Promise<Map<string, DeviceRef>> {
  if (numbers.length === 0) return new Map();
  const rows = await queryRows<DeviceRef>(
    db,
    sql`select h.id, h.asset_number as "assetNumber", h.name, h.site_id as "siteId" from hardware_assets h
        where h.asset_number in (select jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb)) and ${scopeOf(actor)}`,
  );
  return new Map(rows.map((r) => [r.assetNumber, r]));
}

export async function findDeviceById(db: Db, id: string, actor: Actor): Promise<DeviceRef | null> {
  const [row] = await queryRows<DeviceRef>(
    db,
    sql`select h.id, h.asset_number as "assetNumber", h.name, h.site_id as "siteId" from hardware_assets h where h.id = ${id} and ${scopeOf(actor)}`,
  );
  return row ?? null;
}
