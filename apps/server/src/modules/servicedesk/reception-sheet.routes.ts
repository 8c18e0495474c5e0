import { IdParams, ReceptionSheetMonthQuery } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { receptionSheetPdf, receptionSheetXlsx } from './reception-sheet.service.ts';

/** The reception sheet (5.1.a): GET /tickets/:id/reception-sheet.pdf and the monthly list GET /tickets/reception-sheet.xlsx?month=. */
export async function receptionSheetRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/tickets/:id/reception-sheet.pdf', { schema: { tags: ['servicedesk'], params: IdParams }, config: { guard: 'ticket.read' } }, async (req, reply) => {
    const { pdf, number } = await receptionSheetPdf(ctxOf(req), req.params.id);
    reply.header('content-type', 'application/pdf');
    // Imported numbers keep the previous ledger's form (any characters): RFC 6266 filename* carries them safely.
    reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`reception-sheet-${number}.pdf`)}`);
    reply.header('cache-control', 'no-store');
    return reply.send(pdf);
  });
  r.get(
    '/tickets/reception-sheet.xlsx',
    { schema: { tags: ['servicedesk'], querystring: ReceptionSheetMonthQuery }, config: { guard: 'ticket.read' } },
    async (req, reply) => {
      const xlsx = await receptionSheetXlsx(ctxOf(req), req.query);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="reception-sheet-${req.query.month}.xlsx"`);
      reply.header('cache-control', 'no-store');
      return reply.send(xlsx);
    },
  );
}
