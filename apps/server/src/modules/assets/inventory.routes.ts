import { IdParams, InstalledSoftwareList, InstalledSoftwareQuery, InventoryAgentQuery } from '@unyo/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { agentTokenRoutes } from './agent-tokens.routes.ts';
import { type AgentIdentity, authenticateAgent } from './agent-tokens.service.ts';
import { presentInstalledSoftware } from './inventory.presenter.ts';
import { findAssetSoftware } from './inventory.repo.ts';
import { applyInventory } from './inventory.service.ts';
import { decodeOcsBody, encodeOcsReply, inventoryReportOf, parseOcsRequest } from './ocs-protocol.ts';

/** Compressed request bodies: a full inventory is ~350 KB inflated, ~40 KB compressed. */
const OCS_BODY_LIMIT = 8 * 1024 * 1024;

export async function inventoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await app.register(agentTokenRoutes);
  await app.register(ocsRoutes);

  r.get(
    '/hardware-assets/:id/software',
    {
      schema: { tags: ['assets'], params: IdParams, querystring: InstalledSoftwareQuery, response: { 200: InstalledSoftwareList } },
      config: { guard: 'asset.read', scope: 'site' },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const found = await findAssetSoftware(ctx.db, req.params.id, req.query.q, ctx.actor);
      if (!found) throw notFound();
      return { items: found.items.map(presentInstalledSoftware), total: found.total };
    },
  );
}

// The agent sends no credentials until challenged (LWP answers a 401 with its --user/--password). It reads the
// realm with /^Basic realm="(.*)"/: any parameter after the realm (e.g. charset) would break its credentials.
const challenge = () => new AppError(401, 'problem.unauthenticated', [], { 'www-authenticate': 'Basic realm="unyo-inventory"' });

function basicPassword(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h || !/^basic /i.test(h)) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) : null;
}

/** The OCS/FusionInventory agent endpoint: its own body parser, limit and authentication (HTTP Basic, agent token). */
async function ocsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const agents = new WeakMap<FastifyRequest, AgentIdentity>();

  // The agent labels bodies application/x-compress-zlib (or XML with --no-compression) and the body is sniffed
  // anyway: take every content type as bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: OCS_BODY_LIMIT }, (_req, body, done) => done(null, body));

  // Authenticate before the body is read, so an unauthenticated client cannot make the server inflate anything.
  app.addHook('onRequest', async (req) => {
    const password = basicPassword(req);
    const agent = password ? await authenticateAgent(app.deps.db, password) : null;
    if (!agent) throw challenge();
    agents.set(req, agent);
  });

  r.post(
    '/inventory/ocs',
    { schema: { tags: ['inventory'], querystring: InventoryAgentQuery }, config: { guard: 'public' }, bodyLimit: OCS_BODY_LIMIT },
    async (req, reply) => {
      const agent = agents.get(req)!;
      const request = parseOcsRequest(await decodeOcsBody(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)));
      let fields: Record<string, string | number>;
      if (request.query === 'PROLOG') fields = { RESPONSE: 'SEND', PROLOG_FREQ: 24 };
      else if (request.query === 'INVENTORY') {
        await applyInventory(app.deps.db, agent, inventoryReportOf(request), { siteCode: req.query.site, requestId: String(req.id) });
        fields = { RESPONSE: 'no_account_update' };
      } else throw new AppError(400, 'problem.bad_request');
      return reply.type('application/x-compress-zlib').send(await encodeOcsReply(fields));
    },
  );
}
