import {
  BackupJobCreateInput,
  BackupJobDto,
  BackupJobListQuery,
  BackupJobPage,
  BackupJobUpdateInput,
  BackupLedgerPage,
  BackupLedgerQuery,
  BackupMonthlyDto,
  BackupMonthlyQuery,
  BackupResultBatchInput,
  BackupResultDto,
  BackupResultIngestResult,
  BackupResultListQuery,
  BackupResultPage,
  BackupTriageUpdateInput,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { localDateOf } from '../../platform/calendar/zoned-time.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentBackupJob, presentBackupResult, presentLedgerEntry } from './backups.presenter.ts';
import { monthlyBackupRate } from './backups.rate.ts';
import { findJobById, findJobPage, findLedgerPage, findResultById, findResultPage } from './backups.repo.ts';
import { createBackupJob, ingestResults, updateBackupJob, updateTriage } from './backups.service.ts';

async function jobResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findJobById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentBackupJob(row, ctx.actor);
}

async function resultResponse(ctx: Ctx, id: string) {
  const row = await findResultById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  return presentBackupResult(row);
}

/** Backup schedule, results with triage, the backup ledger and the monthly rate (1.1.f, 3.1.1.l–n, p, 6.j; S-4-3-5-1). */
export async function backupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['backups'];
  const read = { guard: 'backup.read', scope: 'site' } as const;
  const manage = { guard: 'backup.manage' } as const;

  r.get('/backup-jobs', { schema: { tags, querystring: BackupJobListQuery, response: { 200: BackupJobPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findJobPage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((j) => presentBackupJob(j, ctx.actor)) };
  });
  r.get('/backup-jobs/:id', { schema: { tags, params: IdParams, response: { 200: BackupJobDto } }, config: read }, async (req, reply) =>
    jobResponse(ctxOf(req), req.params.id, reply),
  );
  r.post('/backup-jobs', { schema: { tags, body: BackupJobCreateInput, response: { 201: BackupJobDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createBackupJob(ctx, req.body);
    return reply.status(201).send(await jobResponse(ctx, id, reply));
  });
  r.patch(
    '/backup-jobs/:id',
    { schema: { tags, params: IdParams, body: BackupJobUpdateInput, response: { 200: BackupJobDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateBackupJob(ctx, req.params.id, req.body, expectedVersion(req));
      return jobResponse(ctx, req.params.id, reply);
    },
  );

  r.get('/backup-results', { schema: { tags, querystring: BackupResultListQuery, response: { 200: BackupResultPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findResultPage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map(presentBackupResult) };
  });
  r.get('/backup-results/monthly', { schema: { tags, querystring: BackupMonthlyQuery, response: { 200: BackupMonthlyDto } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const month = req.query.month ?? localDateOf(Date.now(), ctx.config.metrics.reportingTimeZone).slice(0, 7);
    return monthlyBackupRate(ctx.db, { ...req.query, month }, ctx.actor, ctx.config.backups.successRateTarget);
  });
  r.get('/backup-results/:id', { schema: { tags, params: IdParams, response: { 200: BackupResultDto } }, config: read }, async (req) =>
    resultResponse(ctxOf(req), req.params.id),
  );
  r.post(
    '/backup-results',
    { schema: { tags, body: BackupResultBatchInput, response: { 201: BackupResultIngestResult } }, config: manage },
    async (req, reply) => {
      const single = !('items' in req.body);
      const items = 'items' in req.body ? req.body.items : [req.body];
      return reply.status(201).send({ items: await ingestResults(ctxOf(req), items, single) });
    },
  );
  r.patch(
    '/backup-results/:id/triage',
    { schema: { tags, params: IdParams, body: BackupTriageUpdateInput, response: { 200: BackupResultDto } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await updateTriage(ctx, req.params.id, req.body, expectedVersion(req));
      return resultResponse(ctx, req.params.id);
    },
  );

  r.get('/backup-ledger', { schema: { tags, querystring: BackupLedgerQuery, response: { 200: BackupLedgerPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findLedgerPage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map(presentLedgerEntry) };
  });
}
