import type { SoftwareStocktakeCheckInput, SoftwareStocktakeCreateInput } from '@unyo/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { conflictField, forbidden, invalidField, notFound, preconditionFailed } from '../../platform/http/errors.ts';
import { complianceReport } from './compliance.service.ts';
import { findMediaById } from './media.repo.ts';
import { softwareStocktakeChecks, softwareStocktakes } from './media.table.ts';

export type StocktakeRow = typeof softwareStocktakes.$inferSelect;
export type LicenseLine = {
  product: string;
  entitled: number;
  consumed: number;
  shortfall: number;
  detectedUnrecorded: number;
  recordedUndetected: number;
  status: string;
};

const mediaScope = (actor: Actor) =>
  actor.visibleSiteIds === null ? sql`true` : sql`m.site_id in (select jsonb_array_elements_text(${JSON.stringify(actor.visibleSiteIds)}::jsonb)::uuid)`;

/** Media items that count for a stock-take: not disposed, in the actor's sites, with this stock-take's check. */
export async function stocktakeMediaLines(db: Db, stocktakeId: string, actor: Actor) {
  return queryRows<{
    id: string;
    item_number: string;
    title: string;
    kind: string;
    storage_location: string;
    site_id: string;
    site_code: string;
    site_name_ja: string;
    site_name_en: string;
    result: 'present' | 'missing' | null;
    checked_at: string | null;
    checked_by: string | null;
    note: string | null;
  }>(
    db,
    sql`select m.id, m.item_number, m.title, m.kind, m.storage_location, s.id as site_id, s.code as site_code, s.name_ja as site_name_ja, s.name_en as site_name_en,
          c.result, c.checked_at, c.checked_by, c.note
        from software_media m join sites s on s.id = m.site_id
        left join software_stocktake_checks c on c.media_id = m.id and c.stocktake_id = ${stocktakeId}
        where m.disposed_at is null and ${mediaScope(actor)}
        order by m.item_number`,
  );
}

export async function licenseLines(db: Db): Promise<LicenseLine[]> {
  const report = await complianceReport(db);
  return report.items.map((i) => ({
    product: `${i.product.publisher ? `${i.product.publisher} ` : ''}${i.product.name}`,
    entitled: i.entitled,
    consumed: i.consumed,
    shortfall: i.shortfall,
    detectedUnrecorded: i.detectedUnrecorded,
    recordedUndetected: i.recordedUndetected,
    status: i.status,
  }));
}

export async function findStocktake(db: Db, id: string, lock?: 'update'): Promise<StocktakeRow | null> {
  const q = db.select().from(softwareStocktakes).where(eq(softwareStocktakes.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export const listStocktakes = (db: Db) => db.select().from(softwareStocktakes).orderBy(desc(softwareStocktakes.fiscalYear), desc(softwareStocktakes.createdAt));

export async function createStocktake(ctx: Ctx, input: SoftwareStocktakeCreateInput): Promise<string> {
  return inTransaction(ctx.db, async ({ tx }) => {
    const [open] = await tx.select({ id: softwareStocktakes.id }).from(softwareStocktakes).where(eq(softwareStocktakes.status, 'open'));
    if (open) throw conflictField('name', 'error.stocktake_open');
    const [row] = await tx
      .insert(softwareStocktakes)
      .values({ name: input.name, fiscalYear: input.fiscalYear, dueOn: input.dueOn, note: input.note ?? null })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'software-stocktake.created', entityType: 'software-stocktake', entityId: row.id, after: row });
    return row.id;
  });
}

/** Records that a media item was found in its place (or not) during an open stock-take; a later check replaces it. */
export async function checkMedia(ctx: Ctx, id: string, input: SoftwareStocktakeCheckInput): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const st = await findStocktake(tx, id, 'update');
    if (!st) throw notFound();
    if (st.status !== 'open') throw invalidField('mediaId', 'error.stocktake_closed');
    const media = await findMediaById(tx, input.mediaId, ctx.actor);
    if (!media || media.disposedAt) throw invalidField('mediaId', 'error.unknown_reference');
    const values = {
      stocktakeId: id,
      mediaId: input.mediaId,
      result: input.result,
      note: input.note ?? null,
      checkedAt: new Date(),
      checkedBy: ctx.actor.displayName,
    };
    await tx
      .insert(softwareStocktakeChecks)
      .values(values)
      .onConflictDoUpdate({ target: [softwareStocktakeChecks.stocktakeId, softwareStocktakeChecks.mediaId], set: values });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-stocktake.checked',
      entityType: 'software-stocktake',
      entityId: id,
      siteId: media.siteId,
      after: values,
    });
  });
}

/** Closing freezes the ledger-against-inventory lines; every media item must have been checked first. */
export async function closeStocktake(ctx: Ctx, id: string, expected: number | null): Promise<void> {
  await inTransaction(ctx.db, async ({ tx }) => {
    const st = await findStocktake(tx, id, 'update');
    if (!st) throw notFound();
    if (expected !== null && expected !== st.version) throw preconditionFailed();
    if (st.status !== 'open') throw invalidField('status', 'error.stocktake_closed');
    if (ctx.actor.visibleSiteIds !== null) throw forbidden();
    const unchecked = (await stocktakeMediaLines(tx, id, { ...ctx.actor, visibleSiteIds: null })).filter((m) => m.result === null);
    if (unchecked.length > 0) throw invalidField('media', 'error.stocktake_unchecked');
    const snapshot = await licenseLines(tx);
    const [after] = await tx
      .update(softwareStocktakes)
      .set({ status: 'closed', closedAt: new Date(), closedBy: ctx.actor.displayName, snapshot, version: st.version + 1, updatedAt: new Date() })
      .where(and(eq(softwareStocktakes.id, id), eq(softwareStocktakes.version, st.version)))
      .returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'software-stocktake.closed',
      entityType: 'software-stocktake',
      entityId: id,
      before: { status: st.status },
      after: { status: after.status, closedAt: after.closedAt, products: snapshot.length },
    });
  });
}
