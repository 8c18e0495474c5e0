import {
  Id,
  IdParams,
  SoftwareFindingDto,
  SoftwareFindingListQuery,
  SoftwareFindingPage,
  SoftwareFindingReportInput,
  SoftwareFindingRunResult,
  SoftwareFindingUpdateInput,
  SoftwareListModeInput,
  SoftwareListRuleInput,
  SoftwareListRules,
} from '@unyo/contracts';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { iso } from '../org/org.presenter.ts';
import { type FindingWithAsset, findFindingById, findFindingPage } from './findings.repo.ts';
import { addListRule, deleteListRule, reportFinding, runSoftwareFindingChecks, setListMode, updateFinding } from './findings.service.ts';
import { softwareListRules, softwareProducts, softwareSettings } from './software.table.ts';

export const findingPolicy: Policy<FindingWithAsset> = {
  update: (a, f) => can(a, 'software-finding.update') && (f.status === 'open' || f.status === 'confirmed'),
};

export function presentFinding(row: FindingWithAsset, actor: Actor): SoftwareFindingDto {
  return {
    id: row.id,
    asset: row.asset,
    siteId: row.siteId,
    name: row.name,
    publisher: row.publisher,
    version: row.softwareVersion,
    reason: row.reason as SoftwareFindingDto['reason'],
    status: row.status as SoftwareFindingDto['status'],
    ticketId: row.ticketId,
    note: row.note,
    firstFoundAt: iso(row.firstFoundAt)!,
    lastFoundAt: iso(row.lastFoundAt)!,
    notifiedAt: iso(row.notifiedAt),
    resolvedAt: iso(row.resolvedAt),
    rowVersion: row.version,
    abilities: abilitiesOf(findingPolicy, actor, row),
  };
}

async function findingResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findFindingById(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentFinding(row, ctx.actor);
}

async function listRules(ctx: Ctx) {
  const [settings] = await ctx.db.select({ mode: softwareSettings.listMode }).from(softwareSettings).where(eq(softwareSettings.id, 1));
  const rows = await ctx.db
    .select({ rule: softwareListRules, product: { id: softwareProducts.id, publisher: softwareProducts.publisher, name: softwareProducts.name } })
    .from(softwareListRules)
    .leftJoin(softwareProducts, eq(softwareProducts.id, softwareListRules.productId))
    .orderBy(asc(softwareListRules.kind), asc(softwareListRules.createdAt));
  return {
    mode: (settings?.mode ?? 'deny') as 'allow' | 'deny',
    items: rows.map(({ rule, product }) => ({
      id: rule.id,
      kind: rule.kind as 'allow' | 'deny',
      product: rule.productId ? product : null,
      namePattern: rule.namePattern,
      publisherPattern: rule.publisherPattern,
      note: rule.note,
    })),
  };
}

/** Unauthorized software (2.2.p, q): findings on devices, the allow/deny lists and the sweep. */
export async function softwareFindingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-finding.read', scope: 'site' } as const;
  const update = { guard: 'software-finding.update' } as const;
  const manage = { guard: 'software-finding.manage' } as const;

  r.get(
    '/software-findings',
    { schema: { tags, querystring: SoftwareFindingListQuery, response: { 200: SoftwareFindingPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findFindingPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((f) => presentFinding(f, ctx.actor)) };
    },
  );
  r.get('/software-findings/rules', { schema: { tags, response: { 200: SoftwareListRules } }, config: { guard: 'software-finding.read' } }, async (req) =>
    listRules(ctxOf(req)),
  );
  r.post(
    '/software-findings/rules',
    { schema: { tags, body: SoftwareListRuleInput, response: { 201: SoftwareListRules } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await addListRule(ctx, req.body);
      return reply.status(201).send(await listRules(ctx));
    },
  );
  r.patch(
    '/software-findings/rules/mode',
    { schema: { tags, body: SoftwareListModeInput, response: { 200: SoftwareListRules } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await setListMode(ctx, req.body.mode);
      return listRules(ctx);
    },
  );
  r.delete('/software-findings/rules/:ruleId', { schema: { tags, params: z.object({ ruleId: Id }) }, config: manage }, async (req, reply) => {
    await deleteListRule(ctxOf(req), req.params.ruleId);
    return reply.status(204).send();
  });
  r.post('/software-findings/run', { schema: { tags, response: { 200: SoftwareFindingRunResult } }, config: manage }, async (req) => {
    const ctx = ctxOf(req);
    return runSoftwareFindingChecks(ctx.db, ctx.config, ctx.queue);
  });
  r.get('/software-findings/:id', { schema: { tags, params: IdParams, response: { 200: SoftwareFindingDto } }, config: read }, async (req, reply) =>
    findingResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/software-findings',
    { schema: { tags, body: SoftwareFindingReportInput, response: { 201: SoftwareFindingDto } }, config: update },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await reportFinding(ctx, req.body);
      return reply.status(201).send(await findingResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/software-findings/:id',
    { schema: { tags, params: IdParams, body: SoftwareFindingUpdateInput, response: { 200: SoftwareFindingDto } }, config: update },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateFinding(ctx, req.params.id, req.body, expectedVersion(req));
      return findingResponse(ctx, req.params.id, reply);
    },
  );
}
