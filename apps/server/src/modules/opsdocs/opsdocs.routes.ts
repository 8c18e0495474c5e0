import { IdParams, OpsDocumentDto, OpsDocumentInput, OpsDocumentList, OpsDocumentReviewInput, OpsDocumentUpdateInput } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { expectedVersion } from '../../platform/http/etag.ts';
import { createDocument, getDocument, listDocuments, reviewDocument, updateDocument } from './opsdocs.service.ts';

/** Operations documents with periodic verification (1.1.d, 1.1.e): agency-wide, not site-scoped. */
export async function opsDocumentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ops-documents'];
  const read = { guard: 'ops-document.read' } as const;
  const manage = { guard: 'ops-document.manage' } as const;

  r.get('/ops-documents', { schema: { tags, response: { 200: OpsDocumentList } }, config: read }, async (req) => ({ items: await listDocuments(ctxOf(req)) }));
  r.post('/ops-documents', { schema: { tags, body: OpsDocumentInput, response: { 201: OpsDocumentDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createDocument(ctx, req.body);
    return reply.status(201).send(await getDocument(ctx, id));
  });
  r.get('/ops-documents/:id', { schema: { tags, params: IdParams, response: { 200: OpsDocumentDto } }, config: read }, async (req) =>
    getDocument(ctxOf(req), req.params.id),
  );
  r.patch(
    '/ops-documents/:id',
    { schema: { tags, params: IdParams, body: OpsDocumentUpdateInput, response: { 200: OpsDocumentDto } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await updateDocument(ctx, req.params.id, req.body, expectedVersion(req));
      return getDocument(ctx, req.params.id);
    },
  );
  r.post(
    '/ops-documents/:id/reviews',
    { schema: { tags, params: IdParams, body: OpsDocumentReviewInput, response: { 201: OpsDocumentDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await reviewDocument(ctx, req.params.id, req.body);
      return reply.status(201).send(await getDocument(ctx, req.params.id));
    },
  );
}
