import type { MediaShipmentListQuery, SoftwareMediaListQuery } from '@unyo/contracts';
import { and, asc, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { afterCursor, decodeCursor, pageOf } from '../../platform/http/paging.ts';
import { contains } from '../../platform/http/search.ts';
import { sites } from '../org/org.table.ts';
import { softwareMedia, softwareMediaLoans, softwareMediaShipments } from './media.table.ts';

type Loan = { id: string; borrower: string; lentAt: string; dueOn: string | null; returnedAt: string | null; lentBy: string; note: string | null };
export type MediaWithRefs = typeof softwareMedia.$inferSelect & {
  site: { id: string; code: string; nameJa: string; nameEn: string };
  license: { id: string; assetNumber: string; softwareName: string } | null;
  asset: { id: string; assetNumber: string; name: string } | null;
  loan: Loan | null;
};

const outer = (c: string) => sql.raw(`"software_media"."${c}"`);
const selection = {
  ...getTableColumns(softwareMedia),
  site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
  license: sql<MediaWithRefs['license']>`(select json_build_object('id', l.id, 'assetNumber', l.asset_number, 'softwareName', l.software_name)
    from software_licenses l where l.id = ${outer('license_id')})`,
  asset: sql<MediaWithRefs['asset']>`(select json_build_object('id', h.id, 'assetNumber', h.asset_number, 'name', h.name)
    from hardware_assets h where h.id = ${outer('asset_id')})`,
  loan: sql<Loan | null>`(select json_build_object('id', o.id, 'borrower', o.borrower, 'lentAt', o.lent_at, 'dueOn', o.due_on, 'returnedAt', o.returned_at,
    'lentBy', o.lent_by, 'note', o.note) from software_media_loans o where o.media_id = ${outer('id')} and o.returned_at is null)`,
};
const base = (db: Db) => db.select(selection).from(softwareMedia).innerJoin(sites, eq(sites.id, softwareMedia.siteId));

/** Items are scoped by the site that keeps them. */
export async function findMediaById(db: Db, id: string, actor: Actor, lock?: 'update'): Promise<MediaWithRefs | null> {
  const q = base(db).where(and(eq(softwareMedia.id, id), siteScope(actor, softwareMedia.siteId)));
  const [row] = lock ? await q.for('update', { of: softwareMedia }) : await q;
  return (row as MediaWithRefs) ?? null;
}

/** today: the date in the reporting time zone; a loan is overdue from the day after its due date. */
export async function findMediaPage(db: Db, q: SoftwareMediaListQuery, actor: Actor, today: string) {
  const f: (SQL | undefined)[] = [siteScope(actor, softwareMedia.siteId)];
  if (q.q)
    f.push(contains(sql`concat_ws(' ', ${softwareMedia.itemNumber}, ${softwareMedia.title}, ${softwareMedia.storageLocation}, ${softwareMedia.note})`, q.q));
  if (q.kind) f.push(eq(softwareMedia.kind, q.kind));
  if (q.licenseId) f.push(eq(softwareMedia.licenseId, q.licenseId));
  if (q.siteId) f.push(eq(softwareMedia.siteId, q.siteId));
  if (q.status === 'disposed') f.push(sql`${softwareMedia.disposedAt} is not null`);
  if (q.status === 'lent')
    f.push(
      sql`${softwareMedia.disposedAt} is null and exists (select 1 from software_media_loans o where o.media_id = ${outer('id')} and o.returned_at is null)`,
    );
  if (q.status === 'stored')
    f.push(
      sql`${softwareMedia.disposedAt} is null and not exists (select 1 from software_media_loans o where o.media_id = ${outer('id')} and o.returned_at is null)`,
    );
  if (q.overdue)
    f.push(sql`exists (select 1 from software_media_loans o where o.media_id = ${outer('id')} and o.returned_at is null and o.due_on < ${today}::date)`);
  const where = and(...f);
  const rows = (await base(db)
    .where(and(where, afterCursor(decodeCursor(q.cursor), softwareMedia.itemNumber, softwareMedia.id, 'asc')))
    .orderBy(asc(softwareMedia.itemNumber), asc(softwareMedia.id))
    .limit(q.limit + 1)) as MediaWithRefs[];
  const [{ n }] = await db.select({ n: count() }).from(softwareMedia).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.itemNumber, id: r.id })), total: Number(n) };
}

export async function findLoans(db: Db, mediaId: string) {
  return db.select().from(softwareMediaLoans).where(eq(softwareMediaLoans.mediaId, mediaId)).orderBy(desc(softwareMediaLoans.lentAt));
}

export type ShipmentWithRefs = typeof softwareMediaShipments.$inferSelect & {
  site: { id: string; code: string; nameJa: string; nameEn: string };
  media: { id: string; itemNumber: string; title: string } | null;
};

export async function findShipmentPage(db: Db, q: MediaShipmentListQuery, actor: Actor) {
  const f: (SQL | undefined)[] = [siteScope(actor, softwareMediaShipments.siteId)];
  if (q.siteId) f.push(eq(softwareMediaShipments.siteId, q.siteId));
  if (q.mediaId) f.push(eq(softwareMediaShipments.mediaId, q.mediaId));
  if (q.q) f.push(contains(sql`concat_ws(' ', ${softwareMediaShipments.item}, ${softwareMediaShipments.sender}, ${softwareMediaShipments.recipient})`, q.q));
  const where = and(...f);
  const key = sql`${softwareMediaShipments.shippedOn}::text`;
  const rows = (await db
    .select({
      ...getTableColumns(softwareMediaShipments),
      site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn },
      media: sql<ShipmentWithRefs['media']>`(select json_build_object('id', m.id, 'itemNumber', m.item_number, 'title', m.title)
        from software_media m where m.id = ${sql.raw('"software_media_shipments"."media_id"')})`,
    })
    .from(softwareMediaShipments)
    .innerJoin(sites, eq(sites.id, softwareMediaShipments.siteId))
    .where(and(where, afterCursor(decodeCursor(q.cursor), key, softwareMediaShipments.id, 'desc')))
    .orderBy(desc(key), desc(softwareMediaShipments.id))
    .limit(q.limit + 1)) as ShipmentWithRefs[];
  const [{ n }] = await db.select({ n: count() }).from(softwareMediaShipments).where(where);
  return { ...pageOf(rows, q.limit, (r) => ({ v: r.shippedOn, id: r.id })), total: Number(n) };
}
