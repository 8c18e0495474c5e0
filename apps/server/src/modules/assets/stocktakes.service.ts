import type { StocktakeCheckInput, StocktakeCreateInput, StocktakeItemUpdateInput, StocktakeSendInput } from '@unyo/contracts';
import { and, eq, inArray, isNotNull, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { auditActorOf, canSeeSite } from '../../platform/auth/actor.ts';
import { randomToken, sha256 } from '../../platform/auth/crypto.ts';
import { dayNumberOf, instantOf, localDateOf } from '../../platform/calendar/zoned-time.ts';
import { auditCtx, type Ctx, inTransaction, type TxScope } from '../../platform/http/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/http/errors.ts';
import { enqueueMail } from '../../platform/mail/mail.service.ts';
import { assetMovements, hardwareAssets, stocktakeItems, stocktakeSites, stocktakes } from './assets.table.ts';
import { stocktakePolicy } from './stocktakes.policy.ts';
import { findDepartmentMails, findSitesByIds, findSiteZones, findStocktakeRow, findStocktakeSites, type StocktakeRow } from './stocktakes.repo.ts';
import { compareLocation, locOf, recordCheck, sameLoc, stocktakeClosed } from './stocktakes-check.ts';

/** Statuses whose assets are not expected anywhere: a stock-take does not look for them. */
const NOT_EXPECTED = ['retired', 'disposed', 'lost'];
/** A checklist link stays valid this long after the due date (late answers are still welcome). */
const LINK_GRACE_DAYS = 14;

/**
 * When a site's checklist link stops working: the end (23:59:59 local) of the last grace day,
 * due date + LINK_GRACE_DAYS, in the site's own time zone.
 */
export function linkExpiry(dueOn: string, timeZone: string): Date {
  return new Date(instantOf(dayNumberOf(dueOn) + LINK_GRACE_DAYS + 1, 0, timeZone) - 1000);
}

export async function createStocktake(ctx: Ctx, input: StocktakeCreateInput) {
  return inTransaction(ctx.db, async (scope) => {
    const { tx } = scope;
    if (input.siteIds.some((id) => !canSeeSite(ctx.actor, id))) throw invalidField('siteIds', 'error.out_of_scope');
    const siteRows = await findSitesByIds(tx, input.siteIds);
    if (siteRows.length !== input.siteIds.length) throw invalidField('siteIds', 'error.unknown_reference');
    for (const id of Object.keys(input.recipients ?? {})) if (!input.siteIds.includes(id)) throw invalidField('recipients', 'error.not_in_stocktake');

    const [row] = await tx
      .insert(stocktakes)
      .values({ name: input.name, mode: input.mode, dueOn: input.dueOn, note: input.note ?? null, createdById: ctx.actor.userId })
      .returning();
    await tx.insert(stocktakeSites).values(input.siteIds.map((siteId) => ({ stocktakeId: row.id, siteId })));

    // Freeze the expected list: later ledger changes do not change what this stock-take looks for.
    const filters: (SQL | undefined)[] = [
      inArray(hardwareAssets.siteId, input.siteIds),
      eq(hardwareAssets.draft, false),
      notInArray(hardwareAssets.status, NOT_EXPECTED),
    ];
    if (input.categories?.length) filters.push(inArray(hardwareAssets.category, input.categories));
    if (!input.includeStock) filters.push(sql`${hardwareAssets.status} <> 'stock'`);
    const frozen = await tx.execute(sql`
      insert into stocktake_items (stocktake_id, asset_id, asset_number, expected_site_id, expected_location, expected_name)
      select ${row.id}, id, asset_number, site_id,
             jsonb_build_object('building', building, 'floor', floor, 'room', room, 'rack', rack), name
      from ${hardwareAssets} where ${and(...filters)}`);
    const expected = Number(
      (frozen as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (frozen as { affectedRows?: number }).affectedRows ?? 0,
    );

    await writeAudit(tx, auditCtx(ctx), {
      action: 'stocktake.created',
      entityType: 'stocktake',
      entityId: row.id,
      after: { ...row, siteIds: input.siteIds, categories: input.categories ?? null, includeStock: input.includeStock, expected },
    });
    if (row.mode === 'remote') await sendLinks(scope, ctx, row, input.siteIds, input.recipients ?? {});
    return row.id;
  });
}

/**
 * Mails each site's office a one-time checklist link (2.1.d). Recipients: the addresses given for
 * the site, else the mail addresses of the site's active departments. A site without any address
 * gets no link (the operator sends it later with explicit recipients). A new link replaces the old.
 */
async function sendLinks(scope: TxScope, ctx: Ctx, st: StocktakeRow, siteIds: string[], recipients: Record<string, string[]>) {
  const { tx } = scope;
  const siteRows = (await findStocktakeSites(tx, [st.id])).filter((s) => siteIds.includes(s.siteId) && !s.answeredAt);
  let sent = 0;
  for (const s of siteRows) {
    const to = recipients[s.siteId] ?? (await findDepartmentMails(tx, s.siteId));
    if (to.length === 0) continue;
    const expiresAt = linkExpiry(st.dueOn, s.timeZone);
    const token = randomToken();
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(stocktakeItems)
      .where(and(eq(stocktakeItems.stocktakeId, st.id), eq(stocktakeItems.expectedSiteId, s.siteId), sql`${stocktakeItems.result} <> 'unexpected'`));
    await tx
      .update(stocktakeSites)
      .set({ tokenHash: sha256(token), tokenExpiresAt: expiresAt, mailedTo: to.join(', '), mailedAt: new Date() })
      .where(and(eq(stocktakeSites.stocktakeId, st.id), eq(stocktakeSites.siteId, s.siteId)));
    const locale = s.kind === 'overseas' ? 'en' : 'ja';
    await enqueueMail(scope, ctx.queue, {
      to: to.join(', '),
      template: 'stocktake-checklist',
      locale,
      vars: {
        site: locale === 'en' ? s.site.nameEn : s.site.nameJa,
        name: st.name,
        dueOn: st.dueOn,
        count: Number(n),
        url: `${ctx.config.publicUrl}/stocktake-checklist/${token}`,
      },
    });
    await writeAudit(tx, auditCtx(ctx), {
      action: 'stocktake.checklist_sent',
      entityType: 'stocktake',
      entityId: st.id,
      siteId: s.siteId,
      after: { mailedTo: to, expiresAt: expiresAt.toISOString() },
    });
    sent++;
  }
  return sent;
}

async function lockedOpen(tx: Db, ctx: Ctx, id: string, mode: 'update' | 'share') {
  const row = await findStocktakeRow(tx, id, ctx.actor, mode);
  if (!row) throw notFound();
  if (row.status !== 'open') throw stocktakeClosed();
  return row;
}

async function siteOfStocktake(tx: Db, ctx: Ctx, st: StocktakeRow, siteId: string, path = 'siteId') {
  const s = (await findStocktakeSites(tx, [st.id])).find((x) => x.siteId === siteId);
  if (!s) throw invalidField(path, 'error.not_in_stocktake');
  if (!canSeeSite(ctx.actor, siteId)) throw invalidField(path, 'error.out_of_scope');
  return s;
}

export async function sendStocktakeLinks(ctx: Ctx, id: string, input: StocktakeSendInput) {
  return inTransaction(ctx.db, async (scope) => {
    const st = await lockedOpen(scope.tx, ctx, id, 'update');
    const sites = await findStocktakeSites(scope.tx, [id]);
    if (!stocktakePolicy.send(ctx.actor, { ...st, sites })) throw forbidden();
    const siteIds = input.siteIds ?? sites.map((s) => s.siteId);
    for (const sid of siteIds) await siteOfStocktake(scope.tx, ctx, st, sid, 'siteIds');
    return sendLinks(scope, ctx, st, siteIds, input.recipients ?? {});
  });
}

/** One confirmation by scan, typed number, phone or mail (visual page or operator). */
export async function checkStocktakeAsset(ctx: Ctx, id: string, input: StocktakeCheckInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const st = await lockedOpen(tx, ctx, id, 'share');
    const site = await siteOfStocktake(tx, ctx, st, input.siteId);
    const audit = auditCtx(ctx);
    const out = await recordCheck(tx, audit, input.code, {
      stocktake: st,
      siteId: input.siteId,
      siteLedger: site.kind === 'overseas' ? 'overseas' : 'domestic',
      location: input,
      method: input.method,
      note: input.note,
      checkedBy: audit.actor.label,
      actor: ctx.actor,
    });
    return out.itemId!;
  });
}

/** Manual marking of one item (missing after a search, found by phone, or back to pending). */
export async function updateStocktakeItem(ctx: Ctx, id: string, itemId: string, input: StocktakeItemUpdateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const st = await lockedOpen(tx, ctx, id, 'share');
    const [before] = await tx
      .select()
      .from(stocktakeItems)
      .where(and(eq(stocktakeItems.id, itemId), eq(stocktakeItems.stocktakeId, id)))
      .for('update');
    if (!before || !canSeeSite(ctx.actor, before.expectedSiteId ?? before.actualSiteId)) throw notFound();
    if (before.result === 'unexpected') throw invalidField('result', 'error.invalid');
    const label = auditActorOf(ctx.actor).label;
    let values: Partial<typeof stocktakeItems.$inferInsert>;
    if (input.result === 'pending') {
      values = { result: 'pending', actualSiteId: null, actualLocation: null, method: null, checkedAt: null, checkedBy: null };
    } else if (input.result === 'missing') {
      values = { result: 'missing', actualSiteId: null, actualLocation: null, method: input.method ?? 'typed', checkedAt: new Date(), checkedBy: label };
    } else if (input.result === 'found' || !input.location) {
      if (input.result === 'found_elsewhere') throw invalidField('location.siteId', 'error.required');
      values = {
        result: 'found',
        actualSiteId: before.expectedSiteId,
        actualLocation: locOf(before.expectedLocation),
        method: input.method ?? 'typed',
        checkedAt: new Date(),
        checkedBy: label,
      };
    } else {
      if (!canSeeSite(ctx.actor, input.location.siteId)) throw invalidField('location.siteId', 'error.out_of_scope');
      const { actual } = compareLocation(before.expectedSiteId, locOf(before.expectedLocation), input.location.siteId, locOf(input.location));
      values = {
        result: 'found_elsewhere',
        actualSiteId: input.location.siteId,
        actualLocation: actual,
        method: input.method ?? 'typed',
        checkedAt: new Date(),
        checkedBy: label,
      };
    }
    if (input.note !== undefined) values.note = input.note;
    const [after] = await tx.update(stocktakeItems).set(values).where(eq(stocktakeItems.id, itemId)).returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'stocktake.item_updated',
      entityType: 'stocktake-item',
      entityId: itemId,
      siteId: after.actualSiteId ?? after.expectedSiteId,
      before,
      after: { ...after, stocktakeName: st.name },
    });
    return itemId;
  });
}

/**
 * Closes a stock-take in one transaction: unchecked items become missing (their assets are NOT
 * retired; an operator decides), and every asset found elsewhere is moved in the ledger to where it
 * was found, with a movement row (dated in the target site's time zone) and an `asset.updated`
 * audit record each. A correction is skipped, and reported, when the asset changed in the ledger
 * after it was checked (a later move wins over the stock-take) or when the closer cannot see the
 * asset's current site or the target site.
 */
export async function closeStocktake(ctx: Ctx, id: string) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const st = await lockedOpen(tx, ctx, id, 'update');
    const sites = await findStocktakeSites(tx, [id]);
    if (!stocktakePolicy.close(ctx.actor, { ...st, sites })) throw forbidden();
    const audit = auditCtx(ctx);
    const now = new Date();
    const missing = await tx
      .update(stocktakeItems)
      .set({ result: 'missing', checkedAt: now, checkedBy: audit.actor.label })
      .where(and(eq(stocktakeItems.stocktakeId, id), eq(stocktakeItems.result, 'pending')))
      .returning({ id: stocktakeItems.id });

    const moves = await tx
      .select({ item: stocktakeItems, asset: hardwareAssets })
      .from(stocktakeItems)
      .innerJoin(hardwareAssets, eq(hardwareAssets.id, stocktakeItems.assetId))
      .where(
        and(
          eq(stocktakeItems.stocktakeId, id),
          eq(stocktakeItems.result, 'found_elsewhere'),
          isNull(stocktakeItems.appliedAt),
          isNotNull(stocktakeItems.actualSiteId),
        ),
      )
      .orderBy(stocktakeItems.assetNumber)
      .for('update', { of: hardwareAssets });
    const zones = await findSiteZones(tx, [...new Set(moves.map((m) => m.item.actualSiteId!))]);
    let corrected = 0;
    const skippedItems: { itemId: string; assetNumber: string; reason: 'changed' | 'out_of_scope' }[] = [];
    for (const { item, asset } of moves) {
      const to = locOf(item.actualLocation);
      const toSiteId = item.actualSiteId!;
      const from = locOf(asset);
      const same = toSiteId === asset.siteId && sameLoc(from, to);
      const checkedAt = item.checkedAt ? new Date(item.checkedAt).getTime() : 0;
      const changed = new Date(asset.updatedAt).getTime() > checkedAt || asset.siteId !== item.expectedSiteId || !sameLoc(from, locOf(item.expectedLocation));
      const reason = !canSeeSite(ctx.actor, asset.siteId) || !canSeeSite(ctx.actor, toSiteId) ? 'out_of_scope' : !same && changed ? 'changed' : null;
      if (reason) {
        skippedItems.push({ itemId: item.id, assetNumber: item.assetNumber, reason });
        await writeAudit(tx, audit, {
          action: 'stocktake.correction_skipped',
          entityType: 'stocktake-item',
          entityId: item.id,
          siteId: toSiteId,
          after: { itemId: item.id, assetId: asset.id, stocktakeId: st.id, stocktakeName: st.name, reason },
        });
        continue;
      }
      if (!same) {
        const { searchText: _s, ...before } = asset;
        const [updated] = await tx
          .update(hardwareAssets)
          .set({
            siteId: toSiteId,
            ...to,
            // A department belongs to one site; a move to another site leaves it to be set again.
            departmentId: toSiteId === asset.siteId ? asset.departmentId : null,
            version: asset.version + 1,
            updatedAt: now,
          })
          .where(eq(hardwareAssets.id, asset.id))
          .returning();
        const { searchText: _t, ...after } = updated;
        await tx.insert(assetMovements).values({
          assetId: asset.id,
          kind: 'move',
          // The business date where the asset now is.
          movedOn: localDateOf(now.getTime(), zones.get(toSiteId) ?? 'Asia/Tokyo'),
          fromSiteId: asset.siteId,
          fromLocation: from,
          toSiteId,
          toLocation: to,
          fromUserId: asset.userId,
          toUserId: asset.userId,
          note: `stock-take ${st.name}`,
          operatorId: ctx.actor.userId,
          operatorLabel: audit.actor.label,
        });
        await writeAudit(tx, audit, {
          action: 'asset.updated',
          entityType: 'asset',
          entityId: asset.id,
          siteId: toSiteId,
          before,
          after: { ...after, stocktake: { id: st.id, name: st.name } },
        });
        corrected++;
      }
      await tx.update(stocktakeItems).set({ appliedAt: now }).where(eq(stocktakeItems.id, item.id));
    }
    const [closed] = await tx
      .update(stocktakes)
      .set({ status: 'closed', closedAt: now, version: st.version + 1, updatedAt: now })
      .where(eq(stocktakes.id, id))
      .returning();
    await writeAudit(tx, audit, {
      action: 'stocktake.closed',
      entityType: 'stocktake',
      entityId: id,
      before: st,
      after: { ...closed, corrected, missing: missing.length, skipped: skippedItems.length, skippedItems },
    });
    return { corrected, missing: missing.length, skipped: skippedItems.length, skippedItems };
  });
}
