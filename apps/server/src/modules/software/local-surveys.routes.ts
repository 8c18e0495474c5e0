import {
  IdParams,
  LocalSurveyAnswerInput,
  LocalSurveyAnswerResult,
  LocalSurveyCreateInput,
  LocalSurveyDto,
  LocalSurveyFormDto,
  LocalSurveyFormParams,
  LocalSurveyFormQuery,
  LocalSurveyList,
  LocalSurveySendInput,
} from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, langFromQuery } from '../../platform/http/context.ts';
import { answerSurvey, closeSurvey, createSurvey, getSurvey, getSurveyForm, listSurveys, sendSurvey } from './local-surveys.service.ts';

/** Survey of locally procured software at the overseas offices (2.2.l, 3.3.1.o). */
export async function localSurveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['software'];
  const read = { guard: 'software-distribution.read', scope: 'site' } as const;
  const manage = { guard: 'software-distribution.manage', scope: 'site' } as const;

  r.get('/software-surveys', { schema: { tags, response: { 200: LocalSurveyList } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    return { items: await listSurveys(ctx.db, ctx.actor) };
  });
  r.post('/software-surveys', { schema: { tags, body: LocalSurveyCreateInput, response: { 201: LocalSurveyDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createSurvey(ctx, req.body);
    return reply.status(201).send(await getSurvey(ctx.db, id, ctx.actor));
  });
  r.get('/software-surveys/:id', { schema: { tags, params: IdParams, response: { 200: LocalSurveyDto } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    return getSurvey(ctx.db, req.params.id, ctx.actor);
  });
  r.post(
    '/software-surveys/:id/send',
    { schema: { tags, params: IdParams, body: LocalSurveySendInput, response: { 200: LocalSurveyDto } }, config: manage },
    async (req) => {
      const ctx = ctxOf(req);
      await sendSurvey(ctx, req.params.id, req.body);
      return getSurvey(ctx.db, req.params.id, ctx.actor);
    },
  );
  r.post('/software-surveys/:id/close', { schema: { tags, params: IdParams, response: { 200: LocalSurveyDto } }, config: manage }, async (req) => {
    const ctx = ctxOf(req);
    await closeSurvey(ctx, req.params.id);
    return getSurvey(ctx.db, req.params.id, ctx.actor);
  });

  // The office opens the mailed link without an account; the token is the credential.
  r.get(
    '/software-survey-forms/:token',
    {
      schema: { tags, params: LocalSurveyFormParams, querystring: LocalSurveyFormQuery, response: { 200: LocalSurveyFormDto } },
      config: { guard: 'public' },
      onRequest: langFromQuery,
    },
    async (req) => getSurveyForm(req.server.deps.db, req.params.token),
  );
  r.post(
    '/software-survey-forms/:token',
    {
      schema: {
        tags,
        params: LocalSurveyFormParams,
        querystring: LocalSurveyFormQuery,
        body: LocalSurveyAnswerInput,
        response: { 200: LocalSurveyAnswerResult },
      },
      config: { guard: 'public' },
      onRequest: langFromQuery,
    },
    async (req) => answerSurvey(req.server.deps.db, req.params.token, req.body, String(req.id)),
  );
}
