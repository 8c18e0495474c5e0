import {
  acquisitionKinds,
  assetCategories,
  assetLedgers,
  assetStatuses,
  type Choice,
  choiceLabel,
  type Locale,
  type MovementCreateInput,
  movementKinds,
  type PortCreateInput,
  type PortUpdateInput,
  type RepairCreateInput,
  type RepairUpdateInput,
  type TimelineEntry,
  type WorkLogCreateInput,
} from '@unyo/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { updateVersioned } from '../../platform/audit/versioned.ts';
import { can } from '../../platform/auth/actor.ts';
import { auditCtx, type Ctx, inTransaction } from '../../platform/http/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/http/errors.ts';
import { assertSiteUsable } from '../org/org.service.ts';
import { findAssetById } from './assets.repo.ts';
import { assertDepartmentAtSite, assertPersonUsable, assetRowOf } from './assets.service.ts';
import { assetMovements, assetPorts, assetRepairs, assetWorkLogs, hardwareAssets } from './assets.table.ts';

/** The asset, visible and writable by the actor, or 404/403. */
async function writableAsset(tx: Db, ctx: Ctx, assetId: string) {
  const asset = await findAssetById(tx, assetId, ctx.actor);
  if (!asset) throw notFound();
  if (!can(ctx.actor, 'asset.update')) throw forbidden();
  return asset;
}

const locationOf = (a: { building: string | null; floor: string | null; room: string | null; rack: string | null }) => ({
  building: a.building,
  floor: a.floor,
  room: a.room,
  rack: a.rack,
});

/**
 * A movement (2.1.h) changes where the asset is and who uses it, and is kept as history, in one
 * transaction: collect / return-to-stock put it in stock without a user; ship-to-overseas moves it
 * to the overseas ledger.
 */
export async function recordMovement(ctx: Ctx, assetId: string, input: MovementCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    const before = assetRowOf(asset);
    const needsTarget = input.kind === 'install' || input.kind === 'move' || input.kind === 'ship_overseas';
    if (needsTarget && !input.to) throw invalidField('to.siteId', 'error.required');
    const to = input.to ?? { siteId: before.siteId, ...locationOf(before) };
    if (to.siteId !== before.siteId) await assertSiteUsable(tx, ctx, to.siteId, 'to.siteId');
    const clearsUser = input.kind === 'collect' || input.kind === 'return_to_stock';
    const toUserId = input.toUserId !== undefined ? input.toUserId : clearsUser ? null : before.userId;
    if (toUserId && toUserId !== before.userId) await assertPersonUsable(tx, ctx, toUserId, 'toUserId');
    let toDepartmentId = input.toDepartmentId !== undefined ? input.toDepartmentId : before.departmentId;
    // A department belongs to one site; moving to another site without naming one clears it.
    if (input.toDepartmentId === undefined && to.siteId !== before.siteId) toDepartmentId = null;
    await assertDepartmentAtSite(tx, ctx, toDepartmentId, to.siteId).catch(() => {
      throw invalidField('toDepartmentId', 'error.department_site');
    });
    const status = clearsUser ? 'stock' : input.kind === 'install' ? 'in_use' : before.status;
    const ledger = input.kind === 'ship_overseas' ? 'overseas' : before.ledger;
    const {
      searchText: _s,
      searchGrams: _g,
      ...after
    } = await updateVersioned(tx, hardwareAssets, before, null, {
      siteId: to.siteId,
      building: to.building ?? null,
      floor: to.floor ?? null,
      room: to.room ?? null,
      rack: to.rack ?? null,
      userId: toUserId,
      departmentId: toDepartmentId,
      status,
      ledger,
    });
    const [movement] = await tx
      .insert(assetMovements)
      .values({
        assetId,
        kind: input.kind,
        movedOn: input.movedOn,
        fromSiteId: before.siteId,
        fromLocation: locationOf(before),
        toSiteId: to.siteId,
        toLocation: { building: to.building ?? null, floor: to.floor ?? null, room: to.room ?? null, rack: to.rack ?? null },
        fromUserId: before.userId,
        toUserId,
        requestRef: input.requestRef ?? null,
        note: input.note ?? null,
        operatorId: ctx.actor.userId,
        operatorLabel: ctx.actor.displayName,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'asset.moved',
      entityType: 'asset',
      entityId: assetId,
      siteId: after.siteId,
      before,
      after: { ...after, movement: { id: movement.id, kind: movement.kind, movedOn: movement.movedOn, requestRef: movement.requestRef } },
    });
    return movement.id;
  });
}

export async function addRepair(ctx: Ctx, assetId: string, input: RepairCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    if (input.returnedOn && input.returnedOn < input.reportedOn) throw invalidField('returnedOn', 'error.end_before_start');
    const [row] = await tx
      .insert(assetRepairs)
      .values({ ...input, assetId, createdById: ctx.actor.userId, createdByLabel: ctx.actor.displayName })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'asset.repair-added', entityType: 'asset', entityId: assetId, siteId: asset.siteId, after: { repair: row } });
    return row.id;
  });
}

export async function updateRepair(ctx: Ctx, assetId: string, repairId: string, input: RepairUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    const [before] = await tx
      .select()
      .from(assetRepairs)
      .where(and(eq(assetRepairs.id, repairId), eq(assetRepairs.assetId, assetId)));
    if (!before) throw notFound();
    const reportedOn = input.reportedOn ?? before.reportedOn;
    const returnedOn = input.returnedOn === undefined ? before.returnedOn : input.returnedOn;
    if (returnedOn && returnedOn < reportedOn) throw invalidField('returnedOn', 'error.end_before_start');
    const after = await updateVersioned(tx, assetRepairs, before, expected, input);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'asset.repair-updated',
      entityType: 'asset',
      entityId: assetId,
      siteId: asset.siteId,
      before: { repair: before },
      after: { repair: after },
    });
    return after.id;
  });
}

export async function addWorkLog(ctx: Ctx, assetId: string, input: WorkLogCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    const [row] = await tx
      .insert(assetWorkLogs)
      .values({
        assetId,
        performedAt: new Date(input.performedAt),
        content: input.content,
        worker: input.worker ?? ctx.actor.displayName,
        requestRef: input.requestRef ?? null,
        source: 'manual',
        createdById: ctx.actor.userId,
        createdByLabel: ctx.actor.displayName,
      })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'asset.work-logged', entityType: 'asset', entityId: assetId, siteId: asset.siteId, after: { workLog: row } });
    return row.id;
  });
}

async function assertConnectable(tx: Db, ctx: Ctx, assetId: string, connectedAssetId: string | null | undefined) {
  if (!connectedAssetId) return;
  if (connectedAssetId === assetId || !(await findAssetById(tx, connectedAssetId, ctx.actor)))
    throw invalidField('connectedAssetId', 'error.unknown_reference');
}

export async function addPort(ctx: Ctx, assetId: string, input: PortCreateInput) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    await assertConnectable(tx, ctx, assetId, input.connectedAssetId);
    const [row] = await tx
      .insert(assetPorts)
      .values({ ...input, assetId })
      .returning();
    await writeAudit(tx, auditCtx(ctx), { action: 'asset.port-added', entityType: 'asset', entityId: assetId, siteId: asset.siteId, after: { port: row } });
    return row.id;
  });
}

export async function updatePort(ctx: Ctx, assetId: string, portId: string, input: PortUpdateInput, expected: number | null) {
  return inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    const [before] = await tx
      .select()
      .from(assetPorts)
      .where(and(eq(assetPorts.id, portId), eq(assetPorts.assetId, assetId)));
    if (!before) throw notFound();
    if (input.connectedAssetId !== undefined) await assertConnectable(tx, ctx, assetId, input.connectedAssetId);
    const after = await updateVersioned(tx, assetPorts, before, expected, input);
    await writeAudit(tx, auditCtx(ctx), {
      action: 'asset.port-updated',
      entityType: 'asset',
      entityId: assetId,
      siteId: asset.siteId,
      before: { port: before },
      after: { port: after },
    });
    return after.id;
  });
}

export async function deletePort(ctx: Ctx, assetId: string, portId: string) {
  await inTransaction(ctx.db, async ({ tx }) => {
    const asset = await writableAsset(tx, ctx, assetId);
    const [before] = await tx
      .delete(assetPorts)
      .where(and(eq(assetPorts.id, portId), eq(assetPorts.assetId, assetId)))
      .returning();
    if (!before) throw notFound();
    await writeAudit(tx, auditCtx(ctx), {
      action: 'asset.port-deleted',
      entityType: 'asset',
      entityId: assetId,
      siteId: asset.siteId,
      before: { port: before },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Timeline

const actionLabels: Record<string, { ja: string; en: string; kind: TimelineEntry['kind'] }> = {
  'asset.created': { ja: '登録', en: 'Created', kind: 'created' },
  'asset.updated': { ja: '更新', en: 'Updated', kind: 'updated' },
  'asset.imported': { ja: '一括取込で更新', en: 'Updated by import', kind: 'updated' },
  'asset.moved': { ja: '移動', en: 'Moved', kind: 'movement' },
  'asset.repair-added': { ja: '修理を登録', en: 'Repair recorded', kind: 'repair' },
  'asset.repair-updated': { ja: '修理を更新', en: 'Repair updated', kind: 'repair' },
  'asset.work-logged': { ja: '作業記録', en: 'Work logged', kind: 'work_log' },
  'asset.port-added': { ja: 'ポートを追加', en: 'Port added', kind: 'other' },
  'asset.port-updated': { ja: 'ポートを変更', en: 'Port changed', kind: 'other' },
  'asset.port-deleted': { ja: 'ポートを削除', en: 'Port removed', kind: 'other' },
  'asset.inventoried': { ja: 'インベントリ収集', en: 'Inventory received', kind: 'inventory' },
  'asset-finding.resolved': { ja: '台帳チェック結果を解決', en: 'Finding resolved', kind: 'finding' },
  'asset-finding.acknowledged': { ja: '台帳チェック結果を確認済みに', en: 'Finding acknowledged', kind: 'finding' },
  'asset-finding.reopened': { ja: '台帳チェック結果が再発', en: 'Finding reopened', kind: 'finding' },
  'damage-report.created': { ja: '盗難・破損報告を登録', en: 'Theft/damage report recorded', kind: 'damage_report' },
  'damage-report.updated': { ja: '盗難・破損報告を更新', en: 'Theft/damage report updated', kind: 'damage_report' },
  'damage-report.confirmed': { ja: '盗難・破損報告を担当職員が確認', en: 'Theft/damage report confirmed by staff', kind: 'damage_report' },
  'stocktake.item_checked': { ja: '棚卸しで確認', en: 'Checked in a stock-take', kind: 'stocktake' },
  'stocktake.item_updated': { ja: '棚卸し結果を更新', en: 'Stock-take result changed', kind: 'stocktake' },
  'stocktake.correction_skipped': {
    ja: '棚卸しの場所修正を見送り（確認後に台帳が変更済み）',
    en: 'Stock-take correction skipped (the ledger changed after the check)',
    kind: 'stocktake',
  },
};

/** Verbs of actions without their own label, so an unknown action still reads as words. */
const verbLabels: Record<string, { ja: string; en: string }> = {
  created: { ja: '登録', en: 'created' },
  updated: { ja: '更新', en: 'updated' },
  deleted: { ja: '削除', en: 'deleted' },
  resolved: { ja: '解決', en: 'resolved' },
  acknowledged: { ja: '確認済み', en: 'acknowledged' },
  reopened: { ja: '再発', en: 'reopened' },
  confirmed: { ja: '確認', en: 'confirmed' },
  checked: { ja: '確認', en: 'checked' },
};
const entityLabels: Record<string, { ja: string; en: string }> = {
  asset: { ja: '資産', en: 'Asset' },
  'asset-finding': { ja: '台帳チェック結果', en: 'Finding' },
  'damage-report': { ja: '盗難・破損報告', en: 'Theft/damage report' },
  stocktake: { ja: '棚卸し', en: 'Stock-take' },
};

function actionLabel(action: string, locale: Locale): string {
  const known = actionLabels[action];
  if (known) return known[locale];
  const [entity, verb = ''] = action.split('.');
  const last = verb.split(/[-_]/).pop() ?? verb;
  const e = entityLabels[entity]?.[locale] ?? entity;
  const v = verbLabels[last]?.[locale] ?? verb;
  return locale === 'ja' ? `${e}を${v}` : `${e} ${v}`;
}

/** Entity types of records about one asset whose audit rows carry `assetId` (findings, damage reports, stock-takes). */
const relatedEntityTypes = ['asset-finding', 'damage-report', 'stocktake-item'];

const ignoredFields = new Set(['version', 'updatedAt', 'createdAt', 'searchText', 'searchGrams', 'userName', 'locationSort']);

function changesOf(before: unknown, after: unknown): Record<string, [unknown, unknown]> | undefined {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return undefined;
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(a)) {
    if (ignoredFields.has(k) || !(k in b)) continue;
    if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) out[k] = [b[k], a[k]];
  }
  return Object.keys(out).length ? out : undefined;
}

function kindOf(action: string): TimelineEntry['kind'] {
  const known = actionLabels[action];
  if (known) return known.kind;
  if (action.startsWith('asset-finding.')) return 'finding';
  if (action.startsWith('damage-report.')) return 'damage_report';
  if (action.startsWith('stocktake')) return 'stocktake';
  return 'other';
}

function summaryOf(action: string, after: Record<string, any> | null, locale: Locale): string {
  const label = actionLabel(action, locale);
  const movement = after?.movement ? `${choiceLabel(movementKinds.items, after.movement.kind, locale)} ${after.movement.movedOn}` : null;
  const detail = after?.workLog?.content ?? after?.repair?.symptom ?? movement ?? after?.port?.port ?? after?.reason ?? null;
  return detail ? `${label}: ${String(detail).slice(0, 200)}` : label;
}

const choiceFields: Record<string, readonly Choice[]> = {
  status: assetStatuses.items,
  category: assetCategories.items,
  ledger: assetLedgers.items,
  acquisition: acquisitionKinds.items,
};

/** Field changes as people read them: names instead of ids, labels instead of stored values. */
async function displayChanges(db: Db, entries: (Record<string, [unknown, unknown]> | undefined)[], locale: Locale) {
  const ids = { siteId: new Set<string>(), departmentId: new Set<string>(), userId: new Set<string>(), parentId: new Set<string>() };
  for (const changes of entries) {
    for (const [field, pair] of Object.entries(changes ?? {})) {
      if (field in ids) for (const v of pair) if (typeof v === 'string') ids[field as keyof typeof ids].add(v);
    }
  }
  const names = new Map<string, string>();
  const load = async (table: string, col: string, set: Set<string>) => {
    if (!set.size) return;
    const rows = await queryRows<{ id: string; label: string }>(
      db,
      sql`select id::text as id, ${sql.raw(col)} as label from ${sql.raw(table)} where id::text in (select jsonb_array_elements_text(${JSON.stringify([...set])}::jsonb))`,
    );
    for (const r of rows) names.set(r.id, r.label);
  };
  const nameCol = locale === 'en' ? 'name_en' : 'name_ja';
  await load('sites', nameCol, ids.siteId);
  await load('departments', nameCol, ids.departmentId);
  await load('people', 'name_kanji', ids.userId);
  await load('hardware_assets', 'asset_number', ids.parentId);
  const show = (field: string, v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (field in ids && typeof v === 'string') return names.get(v) ?? v;
    if (choiceFields[field]) return choiceLabel(choiceFields[field], v, locale);
    if (Array.isArray(v)) return v.join(', ');
    return v;
  };
  return entries.map((changes) =>
    changes ? Object.fromEntries(Object.entries(changes).map(([f, [b, a]]) => [f, [show(f, b), show(f, a)] as [unknown, unknown]])) : undefined,
  );
}

/** One asset's history, newest first: its audit trail plus the audited records that point at it. */
export async function assetTimeline(db: Db, ctx: Ctx, assetId: string, limit = 500): Promise<TimelineEntry[]> {
  const asset = await findAssetById(db, assetId, ctx.actor);
  if (!asset) throw notFound();
  const rows = await queryRows<{ at: string; action: string; actor_label: string; before: any; after: any }>(
    db,
    sql`select at, action, actor_label, before, after from audit_log
        where (entity_type = 'asset' and entity_id = ${assetId})
           or (entity_type in (select jsonb_array_elements_text(${JSON.stringify(relatedEntityTypes)}::jsonb))
               and (after ->> 'assetId' = ${assetId} or before ->> 'assetId' = ${assetId}))
        order by id desc limit ${limit}`,
  );
  const changes = await displayChanges(
    db,
    rows.map((r) =>
      r.action === 'asset.updated' || r.action === 'asset.inventoried' || r.action === 'asset.moved' ? changesOf(r.before, r.after) : undefined,
    ),
    ctx.locale,
  );
  return rows.map((r, i) => ({
    at: new Date(r.at).toISOString(),
    kind: kindOf(r.action),
    action: r.action,
    actor: r.actor_label,
    summary: summaryOf(r.action, r.after, ctx.locale),
    changes: changes[i],
  }));
}
