import {
  IdParams,
  SecurityCaseCreateInput,
  SecurityCaseDto,
  SecurityCaseListQuery,
  SecurityCasePage,
  SecurityCaseUpdateInput,
  SecurityMetrics,
  SecurityMetricsQuery,
  SecurityNoticeInput,
  SecurityStepInput,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { expectedVersion } from '../../platform/http/etag.ts';
import { securityMetrics } from './security.metrics.ts';
import {
  closeSecurityCase,
  createSecurityCase,
  publishSecurityNotice,
  recordStep,
  securityCasePage,
  securityCaseResponse,
  updateSecurityCase,
} from './security.service.ts';

/** Security cases (4.2) with their response checklists, the campaign notice (4.2.b) and S-4-5-4-1. */
export async function securityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['security'];
  const read = { guard: 'security-case.read', scope: 'site' } as const;
  const manage = { guard: 'security-case.manage' } as const;

  r.get('/security-cases', { schema: { tags, querystring: SecurityCaseListQuery, response: { 200: SecurityCasePage } }, config: read }, async (req) =>
    securityCasePage(ctxOf(req), req.query),
  );
  r.post('/security-cases', { schema: { tags, body: SecurityCaseCreateInput, response: { 201: SecurityCaseDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createSecurityCase(ctx, req.body);
    return reply.status(201).send(await securityCaseResponse(ctx, id));
  });
  // Scoped like the list; tested in security.test.ts.
  r.get(
    '/security-cases/metrics',
    { schema: { tags, querystring: SecurityMetricsQuery, response: { 200: SecurityMetrics } }, config: { guard: 'security-case.read' } },
    async (req) => securityMetrics(ctxOf(req), req.query.month),
  );
  r.get('/security-cases/:id', { schema: { tags, params: IdParams, response: { 200: SecurityCaseDto } }, config: read }, async (req) =>
    securityCaseResponse(ctxOf(req), req.params.id),
  );
  r.patch(
    '/security-cases/:id',
    { schema: { tags, params: IdParams, body: SecurityCaseUpdateInput, response: { 200: SecurityCaseDto } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await updateSecurityCase(ctx, req.params.id, req.body, expectedVersion(req));
      return securityCaseResponse(ctx, req.params.id);
    },
  );
  r.post(
    '/security-cases/:id/steps',
    { schema: { tags, params: IdParams, body: SecurityStepInput, response: { 201: SecurityCaseDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await recordStep(ctx, req.params.id, req.body);
      return reply.status(201).send(await securityCaseResponse(ctx, req.params.id));
    },
  );
  r.post('/security-cases/:id/close', { schema: { tags, params: IdParams, response: { 200: SecurityCaseDto } }, config: manage }, async (req) => {
    const ctx = ctxOf(req);
    await closeSecurityCase(ctx, req.params.id);
    return securityCaseResponse(ctx, req.params.id);
  });
  r.post(
    '/security-cases/:id/notice',
    { schema: { tags, params: IdParams, body: SecurityNoticeInput, response: { 201: SecurityCaseDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await publishSecurityNotice(ctx, req.params.id, req.body);
      return reply.status(201).send(await securityCaseResponse(ctx, req.params.id));
    },
  );
}
