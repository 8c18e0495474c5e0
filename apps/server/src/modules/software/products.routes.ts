import {
  Id,
  IdParams,
  SoftwareProductCreateInput,
  SoftwareProductDto,
  SoftwareProductListQuery,
  SoftwareProductPage,
  SoftwareProductUpdateInput,
  SoftwareRuleInput,
  UnmappedSoftwarePage,
  UnmappedSoftwareQuery,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { abilitiesOf, type Policy } from '../../platform/authz/policy.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { findProductById, findProductPage, findUnmappedSoftware, type ProductWithRules } from './products.repo.ts';
import { addRule, createProduct, deleteProduct, deleteRule, updateProduct } from './products.service.ts';

export const productPolicy: Policy<unknown> = {
  update: (a) => can(a, 'software-product.manage'),
  delete: (a) => can(a, 'software-product.manage'),
};

export function presentProduct(row: ProductWithRules, actor: Actor): SoftwareProductDto {
  return {
    id: row.id,
    publisher: row.publisher,
    name: row.name,
    editionFamily: row.editionFamily,
    note: row.note,
    rules: row.rules.map((r) => ({
      id: r.id,
      productId: r.productId,
      namePattern: r.namePattern,
      publisherPattern: r.publisherPattern,
      versionMin: r.versionMin,
      versionMax: r.versionMax,
      productVersion: r.productVersion,
      priority: r.priority,
    })),
    version: row.version,
    abilities: abilitiesOf(productPolicy, actor, row),
  };
}

async function productResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findProductById(ctx.db, id);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentProduct(row, ctx.actor);
}

/** Product catalogue, normalization rules and the queue of unmapped inventory names. */
export async function productRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-product.read' } as const;
  const manage = { guard: 'software-product.manage' } as const;

  r.get(
    '/software-products',
    { schema: { tags, querystring: SoftwareProductListQuery, response: { 200: SoftwareProductPage } }, config: read },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findProductPage(ctx.db, req.query);
      return { ...page, items: page.items.map((p) => presentProduct(p, ctx.actor)) };
    },
  );
  // Before /:id so "unmapped" is not read as an id.
  r.get(
    '/software-products/unmapped',
    { schema: { tags, querystring: UnmappedSoftwareQuery, response: { 200: UnmappedSoftwarePage } }, config: read },
    async (req) => findUnmappedSoftware(ctxOf(req).db, req.query),
  );
  r.get('/software-products/:id', { schema: { tags, params: IdParams, response: { 200: SoftwareProductDto } }, config: read }, async (req, reply) =>
    productResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/software-products',
    { schema: { tags, body: SoftwareProductCreateInput, response: { 201: SoftwareProductDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createProduct(ctx, req.body);
      return reply.status(201).send(await productResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/software-products/:id',
    { schema: { tags, params: IdParams, body: SoftwareProductUpdateInput, response: { 200: SoftwareProductDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateProduct(ctx, req.params.id, req.body, expectedVersion(req));
      return productResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/software-products/:id', { schema: { tags, params: IdParams }, config: manage }, async (req, reply) => {
    await deleteProduct(ctxOf(req), req.params.id, expectedVersion(req));
    return reply.status(204).send();
  });
  r.post(
    '/software-products/:id/rules',
    { schema: { tags, params: IdParams, body: SoftwareRuleInput, response: { 201: SoftwareProductDto } }, config: manage },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await addRule(ctx, req.params.id, req.body);
      return reply.status(201).send(await productResponse(ctx, req.params.id, reply));
    },
  );
  r.delete('/software-products/:id/rules/:ruleId', { schema: { tags, params: z.object({ id: Id, ruleId: Id }) }, config: manage }, async (req, reply) => {
    await deleteRule(ctxOf(req), req.params.id, req.params.ruleId);
    return reply.status(204).send();
  });
}
