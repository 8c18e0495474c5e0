import { FileDto, IdParams } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { writeAudit } from '../audit/audit.service.ts';
import { auditCtx, ctxOf, inTransaction } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { importProgressRoutes } from './imports.routes.ts';
import { checkContent, type FileStore } from './store.ts';

export function filesRoutes(store: FileStore) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['files'];
    // Progress of ledger imports (the import routes themselves belong to each ledger's module).
    await app.register(importProgressRoutes);
    const present = (f: { id: string; name: string; contentType: string; size: number; sha256: string; createdAt: Date | string }) => ({
      id: f.id,
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      createdAt: new Date(f.createdAt).toISOString(),
    });

    r.post('/files', { schema: { tags, response: { 201: FileDto } }, config: { guard: 'file.create' } }, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) throw new AppError(415, 'problem.unsupported_media_type');
      const part = await req.file({ limits: { fileSize: ctx.config.files.maxBytes } });
      if (!part) throw new AppError(422, 'problem.validation', [{ path: 'file', key: 'error.required' }]);
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError(413, 'problem.payload_too_large');
      const contentType = checkContent(part.mimetype, data, ctx.config.files.maxBytes);
      const stored = await inTransaction(ctx.db, async ({ tx }) => {
        const f = await store.put(tx, { name: part.filename, contentType, data, createdBy: ctx.actor.userId });
        await writeAudit(tx, auditCtx(ctx), { action: 'file.uploaded', entityType: 'file', entityId: f.id, after: present(f) });
        return f;
      });
      return reply.status(201).send(present(stored));
    });

    const visible = async (req: Parameters<typeof ctxOf>[0], id: string) => {
      const ctx = ctxOf(req);
      const f = await store.get(ctx.db, id);
      // Until files hang off records, a reader sees their own uploads; full-scope readers see all.
      if (!f || (f.createdBy !== ctx.actor.userId && ctx.actor.visibleSiteIds !== null)) throw notFound();
      return f;
    };
    r.get('/files/:id', { schema: { tags, params: IdParams, response: { 200: FileDto } }, config: { guard: 'file.read' } }, async (req) =>
      present(await visible(req, req.params.id)),
    );
    r.get('/files/:id/content', { schema: { tags, params: IdParams }, config: { guard: 'file.read' } }, async (req, reply) => {
      const f = await visible(req, req.params.id);
      reply.header('content-type', f.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(f.data);
    });
  };
}
