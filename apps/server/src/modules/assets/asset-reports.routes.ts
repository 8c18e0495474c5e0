import { PassThrough } from 'node:stream';
import { type AssetPivotDto, AssetPivotQuery, AssetPivotDto as AssetPivotSchema, type Locale, pivotFields } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createXlsxWriter } from '../../platform/files/xlsx.ts';
import { ctxOf } from '../../platform/http/context.ts';
import { pivotAssets } from './asset-reports.repo.ts';

const TOTAL = { ja: '合計', en: 'Total' };

/** The pivot table as one XLSX sheet: row labels down, column labels across, totals last. */
function pivotXlsx(p: AssetPivotDto, lang: Locale): PassThrough {
  const out = new PassThrough();
  const fieldLabel = (f: string) => pivotFields.items.find((i) => i.value === f)![lang];
  const writer = createXlsxWriter(out, lang === 'en' ? 'Asset counts' : '資産集計', [
    { header: `${fieldLabel(p.rowField)} / ${fieldLabel(p.colField)}`, width: 28 },
    ...p.cols.map((c) => ({ header: c.label, width: 14, numFmt: '#,##0' })),
    { header: TOTAL[lang], width: 14, numFmt: '#,##0' },
  ]);
  (async () => {
    for (const [i, r] of p.rows.entries()) writer.addRow([r.label, ...p.cells[i], p.rowTotals[i]]);
    writer.addRow([TOTAL[lang], ...p.colTotals, p.total]);
    await writer.finish();
  })().catch((e) => out.destroy(e));
  return out;
}

/** Aggregation of the hardware ledger (2.1.f). Static paths: they win over /hardware-assets/:id. */
export async function assetReportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assets'];

  r.get(
    '/hardware-assets/pivot',
    { schema: { tags, querystring: AssetPivotQuery, response: { 200: AssetPivotSchema } }, config: { guard: 'asset.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      return pivotAssets(ctx.db, req.query, ctx.actor, ctx.locale);
    },
  );
  r.get(
    '/hardware-assets/pivot/export',
    { schema: { tags, querystring: AssetPivotQuery }, config: { guard: 'asset.export', scope: 'site' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const pivot = await pivotAssets(ctx.db, req.query, ctx.actor, ctx.locale);
      const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="asset-pivot-${pivot.rowField}-${pivot.colField}-${stamp}.xlsx"`);
      reply.header('cache-control', 'no-store');
      return reply.send(pivotXlsx(pivot, ctx.locale));
    },
  );
}
