import type { HardwareAssetLabelsInput } from '@unyo/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { siteScope } from '../../platform/authz/scope.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { sites } from '../org/org.table.ts';
import { hardwareAssets } from './assets.table.ts';
import { type Label, labelFont, renderLabels } from './labels.pdf.ts';

/**
 * Label sheets for the selected assets, in the order given. Every id must be an asset the actor
 * can see: one that is not (or does not exist) makes the whole request a 404, as a by-id read would.
 * Overseas assets carry their site's English name (read by local staff), domestic ones the Japanese.
 */
export async function renderAssetLabels(ctx: Ctx, input: HardwareAssetLabelsInput, origin: string): Promise<Buffer> {
  const ids = [...new Set(input.ids)];
  const rows = await ctx.db
    .select({
      id: hardwareAssets.id,
      assetNumber: hardwareAssets.assetNumber,
      name: hardwareAssets.name,
      ledger: hardwareAssets.ledger,
      siteJa: sites.nameJa,
      siteEn: sites.nameEn,
    })
    .from(hardwareAssets)
    .innerJoin(sites, eq(sites.id, hardwareAssets.siteId))
    .where(and(inArray(hardwareAssets.id, ids), siteScope(ctx.actor, hardwareAssets.siteId)));
  if (rows.length !== ids.length) throw notFound();
  const font = labelFont();
  if (!font) throw new AppError(503, 'problem.label_font_missing');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const base = origin.replace(/\/+$/, '');
  const labels: Label[] = input.ids.map((id) => {
    const r = byId.get(id)!;
    return { assetNumber: r.assetNumber, name: r.name, siteName: r.ledger === 'overseas' ? r.siteEn : r.siteJa, url: `${base}/assets/${r.id}` };
  });
  return renderLabels(labels, input.layout, font);
}
