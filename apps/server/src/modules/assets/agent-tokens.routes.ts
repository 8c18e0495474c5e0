import { AgentTokenCreated, AgentTokenCreateInput, AgentTokenList, IdParams } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { presentAgentToken } from './agent-tokens.presenter.ts';
import { createAgentToken, listAgentTokens, revokeAgentToken } from './agent-tokens.service.ts';

export async function agentTokenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inventory'];
  const config = { guard: 'agent-token.manage' as const };

  r.get('/agent-tokens', { schema: { tags, response: { 200: AgentTokenList } }, config }, async () => ({
    items: (await listAgentTokens(app.deps.db)).map(presentAgentToken),
  }));
  r.post('/agent-tokens', { schema: { tags, body: AgentTokenCreateInput, response: { 201: AgentTokenCreated } }, config }, async (req, reply) => {
    const { row, token } = await createAgentToken(ctxOf(req), req.body);
    return reply.status(201).send({ ...presentAgentToken(row), token });
  });
  r.delete('/agent-tokens/:id', { schema: { tags, params: IdParams }, config }, async (req, reply) => {
    await revokeAgentToken(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
}
