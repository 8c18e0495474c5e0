import { HardwareAssetLabelsInput } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { renderAssetLabels } from './labels.service.ts';

/** POST /hardware-assets/labels → application/pdf: A4 label sheets with QR codes of the assets' URLs. */
export async function labelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/hardware-assets/labels', { schema: { tags: ['assets'], body: HardwareAssetLabelsInput }, config: { guard: 'asset.read' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const pdf = await renderAssetLabels(ctx, req.body, ctx.config.publicUrl);
    const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    reply.header('content-type', 'application/pdf');
    reply.header('content-disposition', `attachment; filename="asset-labels-${stamp}.pdf"`);
    reply.header('cache-control', 'no-store');
    return reply.send(pdf);
  });
}
