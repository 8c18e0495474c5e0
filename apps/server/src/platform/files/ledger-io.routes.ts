import { type ExportQuery, ImportMapping, ImportMappingDto, ImportPreview, ImportQuery, ImportResult, type Locale, type Permission } from '@unyo/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditCtx, type Ctx, ctxOf } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { ImportFileError } from './import-error.ts';
import { findImportMapping, saveImportMapping } from './import-mappings.ts';
import { importProgress } from './import-progress.ts';
import { streamExport } from './ledger-export.ts';
import { runImport } from './ledger-import.ts';
import { type LedgerIo, suggestMapping } from './ledger-io.ts';
import { cellText, isBlank } from './normalize.ts';
import { openSource } from './source.ts';
import { receiveUpload } from './upload.ts';

export type LedgerRoutes<Q> = {
  io: LedgerIo<Q>;
  guards: { import: Permission; export: Permission };
  /** Query of GET /<ledger>/export: ExportQuery plus the ledger list's filters. */
  exportQuery: z.ZodType<Q & ExportQuery>;
  tags: string[];
};

const importIdHeader = z.uuid();

/** File-level problems become problem+json in the requester's language; over-size uploads also close the connection. */
async function withFileErrors<T>(reply: FastifyReply, locale: Locale, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ImportFileError) {
      if (e.status === 413) reply.header('connection', 'close');
      throw e.toAppError(locale);
    }
    throw e;
  }
}

function parseMapping(raw: string | undefined): ImportMapping | null {
  if (raw === undefined || raw === '') return null;
  try {
    return ImportMapping.parse(JSON.parse(raw));
  } catch {
    throw new AppError(422, 'problem.validation', [{ path: 'mapping', key: 'import.bad_mapping' }]);
  }
}

async function handleImport(io: LedgerIo<any>, req: FastifyRequest, reply: FastifyReply, ctx: Ctx, dryRun: boolean) {
  const idHeader = req.headers['x-import-id'];
  const importId = idHeader === undefined ? null : importIdHeader.safeParse(idHeader).data;
  if (importId === undefined) throw new AppError(422, 'problem.validation', [{ path: 'x-import-id', key: 'error.invalid' }]);
  const tracker = importId ? importProgress.start(importId, io.name, ctx.actor.userId) : null;
  if (importId && !tracker) throw new AppError(409, 'problem.import_running');
  try {
    const result = await withFileErrors(reply, ctx.locale, async () => {
      const upload = await receiveUpload(req, ctx.config.imports.maxBytes);
      try {
        const sent = parseMapping(upload.fields.mapping);
        if (sent && upload.fields.saveMapping === 'true') await saveImportMapping(ctx.db, auditCtx(ctx), io.name, sent);
        const mapping = sent ?? (await findImportMapping(ctx.db, io.name))?.mapping ?? null;
        const source = await openSource(upload.file, ctx.config.imports);
        return await runImport(io, source, {
          db: ctx.db,
          scope: ctx.actor,
          audit: auditCtx(ctx),
          locale: ctx.locale,
          dryRun,
          fileName: upload.file.name,
          mapping,
          maxRows: ctx.config.imports.maxRows,
          onProgress: tracker?.report,
        });
      } finally {
        await upload.cleanup();
      }
    });
    return result;
  } catch (e) {
    tracker?.fail();
    throw e;
  }
}

async function handlePreview(io: LedgerIo<any>, req: FastifyRequest, reply: FastifyReply, ctx: Ctx): Promise<ImportPreview> {
  return withFileErrors(reply, ctx.locale, async () => {
    const upload = await receiveUpload(req, ctx.config.imports.maxBytes);
    try {
      const source = await openSource(upload.file, ctx.config.imports);
      let headers: string[] | null = null;
      const sampleRows: string[][] = [];
      for await (const raw of source.rows()) {
        if (raw.cells.every(isBlank)) continue;
        const cells = raw.cells.map((c) =>
          cellText(c)
            .replace(/^\uFEFF/, '')
            .trim(),
        );
        if (!headers) headers = cells;
        else sampleRows.push(cells);
        if (sampleRows.length >= 5) break;
      }
      if (!headers) throw new ImportFileError(422, 'import.no_header');
      const saved = (await findImportMapping(ctx.db, io.name))?.mapping ?? null;
      return {
        format: source.format,
        encoding: source.encoding,
        headers,
        sampleRows,
        suggestedMapping: suggestMapping(io, headers, saved),
        columns: io.columns.map((c) => ({ key: c.key, ja: c.ja, en: c.en, required: !!c.required, type: c.type })),
      };
    } finally {
      await upload.cleanup();
    }
  });
}

/**
 * The import/export routes of one ledger, the same for every ledger:
 * POST /<ledger>/import?dryRun=, POST /<ledger>/import/preview, GET /<ledger>/export,
 * GET /imports/mappings/<ledger>.
 */
export function ledgerIoRoutes<Q>(def: LedgerRoutes<Q>) {
  const { io, guards, tags } = def;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      `/${io.name}/import`,
      { schema: { tags, querystring: ImportQuery, response: { 200: ImportResult } }, config: { guard: guards.import } },
      async (req, reply) => handleImport(io, req, reply, ctxOf(req), req.query.dryRun),
    );
    r.post(`/${io.name}/import/preview`, { schema: { tags, response: { 200: ImportPreview } }, config: { guard: guards.import } }, async (req, reply) =>
      handlePreview(io, req, reply, ctxOf(req)),
    );
    r.get(`/${io.name}/export`, { schema: { tags, querystring: def.exportQuery }, config: { guard: guards.export } }, async (req, reply) => {
      const ctx = ctxOf(req);
      const file = streamExport(io, ctx.db, ctx.actor, req.query as Q & ExportQuery);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(file.stream);
    });
    r.get(`/imports/mappings/${io.name}`, { schema: { tags, response: { 200: ImportMappingDto } }, config: { guard: guards.import } }, async (req) => {
      const saved = await findImportMapping(ctxOf(req).db, io.name);
      return { ledger: io.name, mapping: saved?.mapping ?? null, updatedAt: saved ? new Date(saved.updatedAt).toISOString() : null };
    });
  };
}
