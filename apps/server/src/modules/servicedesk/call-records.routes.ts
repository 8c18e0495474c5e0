import {
  CallImportMappingDto,
  CallImportMappingInput,
  CallRecordCreateInput,
  CallRecordDto,
  CallRecordImportQuery,
  CallRecordImportResult,
  CallRecordListQuery,
  CallRecordPage,
  cdrFields,
  IdParams,
  ImportMapping,
  ImportMappingDto,
  ImportPreview,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ImportFileError } from '../../platform/files/import-error.ts';
import { importProgress } from '../../platform/files/import-progress.ts';
import { openSource } from '../../platform/files/source.ts';
import { receiveUpload } from '../../platform/files/upload.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { AppError, invalidField, notFound } from '../../platform/http/errors.ts';
import { findSiteById } from '../org/sites.repo.ts';
import { presentCallRecord } from './call-records.presenter.ts';
import { findCallRecordById, findCallRecordPage } from './call-records.repo.ts';
import { createCallRecord } from './call-records.service.ts';
import { findCallImportMapping, importCdr, listCallImportMappings, readCdrFile, saveCallImportMapping } from './cdr-import.ts';
import { suggestCdrMapping } from './cdr-parse.ts';
import { monthRange } from './metrics.service.ts';

async function recordResponse(ctx: Ctx, id: string) {
  const row = await findCallRecordById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  return presentCallRecord(row, ctx.actor);
}

async function withFileErrors<T>(reply: FastifyReply, ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ImportFileError) {
      if (e.status === 413) reply.header('connection', 'close');
      throw e.toAppError(ctx.locale);
    }
    throw e;
  }
}

function parseMapping(raw: string | undefined): ImportMapping | null {
  if (!raw) return null;
  const parsed = ImportMapping.safeParse(
    (() => {
      try {
        return JSON.parse(raw);
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success) throw new AppError(422, 'problem.validation', [{ path: 'mapping', key: 'import.bad_mapping' }]);
  return parsed.data;
}

const presentMapping = (m: { id: string; name: string; mapping: unknown; createdAt: Date }) => ({
  id: m.id,
  name: m.name,
  mapping: m.mapping as ImportMapping,
  createdAt: m.createdAt.toISOString(),
});

export async function callRecordRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['servicedesk'];

  r.get(
    '/call-records',
    { schema: { tags, querystring: CallRecordListQuery, response: { 200: CallRecordPage } }, config: { guard: 'call-record.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const month = req.query.month ? monthRange(req.query.month, ctx.config.metrics.reportingTimeZone) : null;
      const page = await findCallRecordPage(ctx.db, req.query, ctx.actor, month);
      return { ...page, items: page.items.map((c) => presentCallRecord(c, ctx.actor)) };
    },
  );
  r.get(
    '/call-records/:id',
    { schema: { tags, params: IdParams, response: { 200: CallRecordDto } }, config: { guard: 'call-record.read', scope: 'site' } },
    async (req) => recordResponse(ctxOf(req), req.params.id),
  );
  r.post(
    '/call-records',
    { schema: { tags, body: CallRecordCreateInput, response: { 201: CallRecordDto } }, config: { guard: 'call-record.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createCallRecord(ctx, req.body);
      return reply.status(201).send(await recordResponse(ctx, id));
    },
  );

  // CDR import, in the shape of the ledger imports so the import wizard drives it (preview → dry run → commit).
  r.post(
    '/call-records/import',
    { schema: { tags, querystring: CallRecordImportQuery, response: { 200: CallRecordImportResult } }, config: { guard: 'call-record.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // The wizard follows the import through /imports/:id/events, as for the ledgers.
      const idHeader = req.headers['x-import-id'];
      const importId = idHeader === undefined ? null : (z.uuid().safeParse(idHeader).data ?? null);
      const tracker = importId ? importProgress.start(importId, 'call-records', ctx.actor.userId) : null;
      try {
        const result = await withFileErrors(reply, ctx, async () => {
          const upload = await receiveUpload(req, ctx.config.imports.maxBytes);
          try {
            const sent = parseMapping(upload.fields.mapping);
            if (sent && upload.fields.saveMapping === 'true') await saveCallImportMapping(ctx, upload.fields.mappingName || 'default', sent);
            let mapping = sent;
            if (!mapping && req.query.mappingId) {
              const saved = await findCallImportMapping(ctx.db, { id: req.query.mappingId });
              if (!saved) throw invalidField('mappingId', 'error.unknown_reference');
              mapping = saved.mapping as ImportMapping;
            }
            mapping ??= ((await findCallImportMapping(ctx.db, { name: 'default' }))?.mapping as ImportMapping | undefined) ?? null;
            const only = ctx.actor.visibleSiteIds?.length === 1 ? ctx.actor.visibleSiteIds[0] : null;
            const siteId = upload.fields.siteId || only;
            if (siteId && (!z.uuid().safeParse(siteId).success || !(await findSiteById(ctx.db, siteId, ctx.actor))))
              throw invalidField('siteId', 'error.unknown_reference');
            // A user of some sites only would not see calls without a site: they say whose calls these are.
            if (!siteId && ctx.actor.visibleSiteIds !== null) throw invalidField('siteId', 'error.required');
            const source = await openSource(upload.file, ctx.config.imports);
            return await importCdr(ctx, source, { dryRun: req.query.dryRun, fileName: upload.file.name, mapping, siteId });
          } finally {
            await upload.cleanup();
          }
        });
        tracker?.report({ phase: 'done', processed: result.rows, total: result.rows });
        return result;
      } catch (e) {
        tracker?.fail();
        throw e;
      }
    },
  );
  r.post(
    '/call-records/import/preview',
    { schema: { tags, response: { 200: ImportPreview } }, config: { guard: 'call-record.manage' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return withFileErrors(reply, ctx, async () => {
        const upload = await receiveUpload(req, ctx.config.imports.maxBytes);
        try {
          const source = await openSource(upload.file, ctx.config.imports);
          const { headers, rows } = await readCdrFile(source, ctx.config.imports.maxRows);
          const saved = await findCallImportMapping(ctx.db, { name: 'default' });
          return {
            format: source.format,
            encoding: source.encoding,
            headers,
            sampleRows: rows.slice(0, 5).map((r) => r.cells.map((c) => (c === null ? '' : String(c)))),
            suggestedMapping: suggestCdrMapping(headers, (saved?.mapping as ImportMapping | undefined) ?? null),
            columns: cdrFields.map((f) => ({ key: f.key, ja: f.ja, en: f.en, required: f.required, type: 'text' as const })),
          };
        } finally {
          await upload.cleanup();
        }
      });
    },
  );
  r.get('/imports/mappings/call-records', { schema: { tags, response: { 200: ImportMappingDto } }, config: { guard: 'call-record.manage' } }, async (req) => {
    const saved = await findCallImportMapping(ctxOf(req).db, { name: 'default' });
    return { ledger: 'call-records', mapping: (saved?.mapping as ImportMapping | undefined) ?? null, updatedAt: saved ? saved.createdAt.toISOString() : null };
  });
  r.get(
    '/call-records/mappings',
    { schema: { tags, response: { 200: z.array(CallImportMappingDto) } }, config: { guard: 'call-record.manage' } },
    async (req) => {
      return (await listCallImportMappings(ctxOf(req).db)).map(presentMapping);
    },
  );
  r.post(
    '/call-records/mappings',
    { schema: { tags, body: CallImportMappingInput, response: { 201: CallImportMappingDto } }, config: { guard: 'call-record.manage' } },
    async (req, reply) => reply.status(201).send(presentMapping(await saveCallImportMapping(ctxOf(req), req.body.name, req.body.mapping))),
  );
}
