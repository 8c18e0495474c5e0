import type { StocktakeLocation, StocktakeMethod, StocktakeResult } from '@unyo/contracts';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../../platform/audit/audit.service.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { siteScope } from '../../platform/authz/scope.ts';
import { AppError, invalidField } from '../../platform/http/errors.ts';
import { hardwareAssets, stocktakeItems } from './assets.table.ts';
import type { StocktakeItemRow, StocktakeRow } from './stocktakes.repo.ts';

export type Loc = { building: string | null; floor: string | null; room: string | null; rack: string | null };
const LEVELS = ['building', 'floor', 'room', 'rack'] as const;

export function locOf(v: unknown): Loc {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const s = (x: unknown) => (typeof x === 'string' && x.trim() !== '' ? x : null);
  return { building: s(o.building), floor: s(o.floor), room: s(o.room), rack: s(o.rack) };
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').trim().toLowerCase();

/**
 * Compares where an asset was found with where it was expected. Only the levels the checker named
 * are compared (a scan page set to "room A" says nothing about the rack); once a level differs, the
 * levels below it are taken as given, not inherited from the expected place.
 */
export function compareLocation(
  expectedSiteId: string | null,
  expected: Loc,
  siteId: string,
  given: Partial<Loc>,
): { result: 'found' | 'found_elsewhere'; actual: Loc } {
  const actual: Loc = { building: null, floor: null, room: null, rack: null };
  if (expectedSiteId !== siteId) {
    for (const k of LEVELS) actual[k] = given[k] ?? null;
    return { result: 'found_elsewhere', actual };
  }
  let changed = false;
  for (const k of LEVELS) {
    const g = given[k] ?? null;
    if (changed) actual[k] = g;
    else if (g === null) actual[k] = expected[k];
    else if (norm(g) !== norm(expected[k])) {
      changed = true;
      actual[k] = g;
    } else actual[k] = expected[k];
  }
  return { result: changed ? 'found_elsewhere' : 'found', actual };
}

const UUID_IN_URL = /\/assets\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]|$)/i;
const ASSET_NUMBER = /^[A-Za-z0-9_./-]{1,40}$/;

/** A scanned or typed code: the asset URL of a QR label (…/assets/<uuid>) or an asset number. */
export function parseCode(raw: string): { assetId: string } | { assetNumber: string } {
  const code = raw.normalize('NFKC').trim();
  const m = UUID_IN_URL.exec(code);
  if (m) return { assetId: m[1].toLowerCase() };
  return { assetNumber: code };
}

export type CheckTarget = {
  stocktake: StocktakeRow;
  siteId: string;
  /** The site's ledger (a draft asset found at an overseas office goes to the overseas ledger). */
  siteLedger: 'domestic' | 'overseas';
  location: StocktakeLocation;
  method: StocktakeMethod;
  note?: string | null;
  checkedBy: string;
  /** Name for a draft asset created for an unknown code. */
  draftName?: string;
  /**
   * Who checks, when signed in: the asset must be inside their site scope. Absent for the public
   * checklist, which instead may only touch assets of its own site (`checklist`).
   */
  actor?: Actor;
  /**
   * The public checklist path: a code of a ledger asset neither listed for nor kept at this site is
   * recorded as an unexpected item without a link to that asset (or ignored when the number already
   * has an item), so a token never changes another site's items or assets.
   */
  checklist?: boolean;
};

export type CheckOutcome = {
  itemId: string | null;
  result: StocktakeResult | null;
  before: StocktakeItemRow | null;
  after: StocktakeItemRow | null;
  createdAssetId: string | null;
  /** Checklist path only: why the code was not recorded against its asset. */
  ignored?: 'other_site';
};

type AssetRow = typeof hardwareAssets.$inferSelect;

async function findAsset(tx: Db, code: ReturnType<typeof parseCode>, scope?: SQL) {
  if ('assetId' in code) {
    const [row] = await tx
      .select()
      .from(hardwareAssets)
      .where(and(eq(hardwareAssets.id, code.assetId), scope));
    return row ?? null;
  }
  // Exact match first; labels typed by hand often differ only in letter case.
  const [row] = await tx
    .select()
    .from(hardwareAssets)
    .where(and(or(eq(hardwareAssets.assetNumber, code.assetNumber), sql`lower(${hardwareAssets.assetNumber}) = lower(${code.assetNumber})`), scope))
    .orderBy(sql`${hardwareAssets.assetNumber} = ${code.assetNumber} desc`)
    .limit(1);
  return row ?? null;
}

/**
 * Serializes checks of one asset number until the transaction ends: two scans of the same unknown
 * code must not both create a draft asset, nor both insert an item. Taking it twice is harmless.
 */
export async function lockCode(tx: Db, assetNumber: string) {
  const key = `stocktake-code:${assetNumber.normalize('NFKC').trim().toLowerCase()}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** Same place at every level, exactly as stored. */
export const sameLoc = (a: Loc, b: Loc) => LEVELS.every((k) => a[k] === b[k]);

/**
 * Records one confirmation in an open stock-take (the caller holds the stock-take row lock) and
 * audits it on the item (entity `stocktake-item`, with `assetId`, so the asset's timeline shows it):
 * an expected asset becomes found / found elsewhere; a ledger asset not on the frozen list gets an
 * item with its ledger place as the expected one; an unknown code becomes an unexpected item and a
 * draft asset. Checking the same asset again updates its item.
 */
export async function recordCheck(tx: Db, audit: AuditContext, codeRaw: string, t: CheckTarget): Promise<CheckOutcome> {
  const code = parseCode(codeRaw);
  if ('assetNumber' in code) await lockCode(tx, code.assetNumber);
  const scope = t.actor ? siteScope(t.actor, hardwareAssets.siteId) : undefined;
  const asset = await findAsset(tx, code, scope);
  if (!asset && scope && (await findAsset(tx, code))) throw invalidField('code', 'error.out_of_scope');
  if (asset && 'assetId' in code) await lockCode(tx, asset.assetNumber);
  const given = locOf(t.location);
  const now = new Date();
  let createdAssetId: string | null = null;

  const assetNumber = asset ? asset.assetNumber : (code as { assetNumber: string }).assetNumber;
  if (!asset) {
    if ('assetId' in code) throw invalidField('code', 'error.unknown_asset');
    if (!ASSET_NUMBER.test(assetNumber)) throw invalidField('code', 'error.code_format');
  }
  const [existing] = await tx
    .select()
    .from(stocktakeItems)
    .where(
      and(
        eq(stocktakeItems.stocktakeId, t.stocktake.id),
        asset ? or(eq(stocktakeItems.assetId, asset.id), eq(stocktakeItems.assetNumber, asset.assetNumber)) : eq(stocktakeItems.assetNumber, assetNumber),
      ),
    )
    .for('update');

  // The public checklist may confirm only what belongs to its own site.
  let detached = false;
  if (t.checklist && asset) {
    const listedHere = existing && existing.result !== 'unexpected' && existing.assetId === asset.id && existing.expectedSiteId === t.siteId;
    const keptHere = !existing && asset.siteId === t.siteId;
    if (!listedHere && !keptHere) {
      if (existing) return { itemId: null, result: null, before: existing, after: null, createdAssetId: null, ignored: 'other_site' };
      detached = true;
    }
  }
  // An unexpected item without an asset (reported on a checklist) becomes the asset's item once a
  // signed-in checker scans the asset.
  const relink = !!(asset && !t.checklist && existing?.result === 'unexpected' && !existing.assetId);

  let result: StocktakeResult;
  let actual: Loc;
  if (detached) {
    result = 'unexpected';
    actual = given;
  } else if (existing && existing.result === 'unexpected' && !relink) {
    result = 'unexpected';
    actual = given;
  } else if (existing && !relink) {
    ({ result, actual } = compareLocation(existing.expectedSiteId, locOf(existing.expectedLocation), t.siteId, given));
  } else if (asset) {
    ({ result, actual } = compareLocation(asset.siteId, locOf(asset), t.siteId, given));
  } else {
    result = 'unexpected';
    actual = given;
    const [draft] = await tx
      .insert(hardwareAssets)
      .values({
        assetNumber,
        ledger: t.siteLedger,
        name: t.draftName ?? '未登録機器 / unregistered',
        category: 'other',
        status: 'stock',
        draft: true,
        siteId: t.siteId,
        ...actual,
        notes: `棚卸し「${t.stocktake.name}」で発見 / found in stock-take "${t.stocktake.name}"`,
      })
      .returning();
    createdAssetId = draft.id;
    const { searchText: _s, searchGrams: _g, ...after } = draft;
    await writeAudit(tx, audit, { action: 'asset.created', entityType: 'asset', entityId: draft.id, siteId: draft.siteId, after });
  }

  const detachedNote = '台帳では別の拠点の資産として登録されています / the ledger has this asset at another site';
  const values = {
    result,
    actualSiteId: t.siteId,
    actualLocation: actual,
    method: t.method,
    note: t.note ?? (detached ? detachedNote : (existing?.note ?? null)),
    checkedAt: now,
    checkedBy: t.checkedBy,
  };
  const expectedOf = (a: AssetRow | null) =>
    a
      ? { assetId: a.id, expectedSiteId: a.siteId, expectedLocation: locOf(a), expectedName: a.name }
      : { assetId: createdAssetId, expectedSiteId: null, expectedLocation: null, expectedName: null };
  let after: StocktakeItemRow;
  if (existing) {
    [after] = await tx
      .update(stocktakeItems)
      .set(relink ? { ...values, ...expectedOf(asset) } : values)
      .where(eq(stocktakeItems.id, existing.id))
      .returning();
  } else {
    // A concurrent check of the same asset by its other code (URL vs number) may have inserted the
    // item meanwhile: update it instead of failing on the unique number.
    [after] = await tx
      .insert(stocktakeItems)
      .values({ stocktakeId: t.stocktake.id, assetNumber, ...(detached ? expectedOf(null) : expectedOf(asset)), ...values })
      .onConflictDoUpdate({ target: [stocktakeItems.stocktakeId, stocktakeItems.assetNumber], set: values })
      .returning();
  }
  await writeAudit(tx, audit, {
    action: 'stocktake.item_checked',
    entityType: 'stocktake-item',
    entityId: after.id,
    siteId: t.siteId,
    before: existing ?? null,
    after: { ...after, stocktakeName: t.stocktake.name },
  });
  return { itemId: after.id, result, before: existing ?? null, after, createdAssetId };
}

export const stocktakeClosed = () => new AppError(409, 'problem.stocktake_closed');
