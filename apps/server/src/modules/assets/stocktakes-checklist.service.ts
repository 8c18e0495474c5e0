import type { ChecklistAnswerInput, ChecklistDto } from '@unyo/contracts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type AuditContext, writeAudit } from '../../platform/audit/audit.service.ts';
import { sha256 } from '../../platform/auth/crypto.ts';
import { inTransaction } from '../../platform/http/context.ts';
import { AppError, invalidField } from '../../platform/http/errors.ts';
import { sites } from '../org/org.table.ts';
import { hardwareAssets, stocktakeItems, stocktakeSites, stocktakes } from './assets.table.ts';
import { presentLocation } from './stocktakes.presenter.ts';
import { compareLocation, type Loc, lockCode, locOf, parseCode, recordCheck, stocktakeClosed } from './stocktakes-check.ts';

const invalidLink = () => new AppError(404, 'problem.checklist_invalid');
const answered = () => new AppError(410, 'problem.checklist_answered');

/** The site and stock-take a checklist token opens; the token itself is never stored, only its hash. */
async function findByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      link: stocktakeSites,
      stocktake: stocktakes,
      site: { id: sites.id, code: sites.code, nameJa: sites.nameJa, nameEn: sites.nameEn, kind: sites.kind },
    })
    .from(stocktakeSites)
    .innerJoin(stocktakes, eq(stocktakes.id, stocktakeSites.stocktakeId))
    .innerJoin(sites, eq(sites.id, stocktakeSites.siteId))
    .where(eq(stocktakeSites.tokenHash, sha256(token)));
  return row ?? null;
}

function assertUsable(row: Awaited<ReturnType<typeof findByToken>>) {
  if (!row?.link.tokenExpiresAt || new Date(row.link.tokenExpiresAt) < new Date()) throw invalidLink();
  if (row.link.answeredAt) throw answered();
  if (row.stocktake.status !== 'open') throw stocktakeClosed();
  return row;
}

/** The site's frozen list as the office sees it: numbers, names, categories and expected places. */
export async function getChecklist(db: Db, token: string): Promise<ChecklistDto> {
  const row = assertUsable(await findByToken(db, token));
  const items = await db
    .select({ item: stocktakeItems, category: hardwareAssets.category })
    .from(stocktakeItems)
    .leftJoin(hardwareAssets, eq(hardwareAssets.id, stocktakeItems.assetId))
    .where(and(eq(stocktakeItems.stocktakeId, row.stocktake.id), eq(stocktakeItems.expectedSiteId, row.site.id), sql`${stocktakeItems.result} <> 'unexpected'`))
    .orderBy(asc(stocktakeItems.assetNumber));
  const { kind: _k, ...site } = row.site;
  return {
    stocktakeName: row.stocktake.name,
    dueOn: row.stocktake.dueOn,
    site,
    items: items.map(({ item, category }) => ({
      itemId: item.id,
      assetNumber: item.assetNumber,
      name: item.expectedName,
      category: (category as ChecklistDto['items'][number]['category']) ?? null,
      location: presentLocation(item.expectedLocation),
    })),
  };
}

/**
 * Records an office's answers (method mail) and spends the token: the claim is one conditional
 * UPDATE, so two submissions racing cannot both be accepted. Items not answered stay pending.
 */
export async function answerChecklist(db: Db, token: string, input: ChecklistAnswerInput, requestId: string) {
  return inTransaction(db, async ({ tx }) => {
    const row = assertUsable(await findByToken(tx, token));
    const [claimed] = await tx
      .update(stocktakeSites)
      .set({ answeredAt: new Date(), answeredBy: input.answeredBy })
      .where(and(eq(stocktakeSites.tokenHash, sha256(token)), isNull(stocktakeSites.answeredAt)))
      .returning();
    if (!claimed) throw answered();
    const [st] = await tx.select().from(stocktakes).where(eq(stocktakes.id, row.stocktake.id)).for('share');
    if (st.status !== 'open') throw stocktakeClosed();

    const audit: AuditContext = { actor: { userId: null, label: `checklist: ${input.answeredBy}` }, requestId };
    const siteItems = await tx
      .select()
      .from(stocktakeItems)
      .where(and(eq(stocktakeItems.stocktakeId, st.id), eq(stocktakeItems.expectedSiteId, row.site.id), sql`${stocktakeItems.result} <> 'unexpected'`));
    const byId = new Map(siteItems.map((i) => [i.id, i]));
    const now = new Date();
    const summary = { found: 0, foundElsewhere: 0, missing: 0, extra: 0 };
    for (const [i, a] of input.answers.entries()) {
      const item = byId.get(a.itemId);
      if (!item) throw invalidField(`answers.${i}.itemId`, 'error.not_in_stocktake');
      let values: { result: string; actualSiteId: string | null; actualLocation: Loc | null } = { result: 'missing', actualSiteId: null, actualLocation: null };
      if (a.present) {
        const { result, actual } = compareLocation(item.expectedSiteId, locOf(item.expectedLocation), row.site.id, locOf(a.location));
        values = { result, actualSiteId: row.site.id, actualLocation: actual };
      }
      summary[values.result === 'found' ? 'found' : values.result === 'missing' ? 'missing' : 'foundElsewhere']++;
      const [after] = await tx
        .update(stocktakeItems)
        .set({ ...values, method: 'mail', note: a.note ?? item.note, checkedAt: now, checkedBy: audit.actor.label })
        .where(eq(stocktakeItems.id, item.id))
        .returning();
      await writeAudit(tx, audit, {
        action: 'stocktake.item_checked',
        entityType: 'stocktake-item',
        entityId: item.id,
        siteId: row.site.id,
        before: item,
        after: { ...after, stocktakeName: st.name },
      });
    }
    // Lock every extra code up front in one order, so two offices answering at once cannot deadlock.
    const extra = input.extra ?? [];
    const keys = [...new Set(extra.map((e) => parseCode(e.code)).flatMap((c) => ('assetNumber' in c ? [c.assetNumber.toLowerCase()] : [])))].sort();
    for (const k of keys) await lockCode(tx, k);
    const ignored: string[] = [];
    for (const [i, e] of extra.entries()) {
      const out = await recordCheck(tx, audit, e.code, {
        stocktake: st,
        siteId: row.site.id,
        siteLedger: row.site.kind === 'overseas' ? 'overseas' : 'domestic',
        location: e.location ?? {},
        method: 'mail',
        checkedBy: audit.actor.label,
        draftName: e.name,
        checklist: true,
      }).catch((err) => {
        // Name the answer row the error is about (recordCheck reports it on `code`).
        if (err instanceof AppError && err.fields.length === 1 && err.fields[0].path === 'code' && err.fields[0].key)
          throw invalidField(`extra.${i}.code`, err.fields[0].key);
        throw err;
      });
      if (out.ignored) ignored.push(e.code);
      else summary.extra++;
    }
    await writeAudit(tx, audit, {
      action: 'stocktake.checklist_answered',
      entityType: 'stocktake',
      entityId: st.id,
      siteId: row.site.id,
      after: { answeredBy: input.answeredBy, ...summary, answers: input.answers, extra, ignored },
    });
    return { recorded: input.answers.length + summary.extra };
  });
}
