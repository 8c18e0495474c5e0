import {
  IdParams,
  SurveyAnswerInput,
  SurveyAnswerResult,
  SurveyCreateInput,
  SurveyDto,
  SurveyFormDto,
  SurveyInviteInput,
  SurveyInviteResult,
  SurveyLangQuery,
  SurveyListQuery,
  SurveyPage,
  SurveyTokenParams,
  SurveyUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf, langFromQuery } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { presentSurvey } from './surveys.presenter.ts';
import { findSurveyPage, findSurveyWithStats } from './surveys.repo.ts';
import { createSurvey, inviteToSurvey, setSurveyStatus, updateSurvey } from './surveys.service.ts';
import { answerSurvey, getSurveyForm } from './surveys-public.service.ts';
import { buildSurveyReport } from './surveys-report.ts';

async function surveyResponse(ctx: Ctx, id: string, reply?: FastifyReply) {
  const row = await findSurveyWithStats(ctx.db, id, ctx.actor);
  if (!row) throw notFound();
  if (reply) setEtag(reply, row.version);
  return presentSurvey(row, ctx.actor);
}

export async function surveyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  const read = { guard: 'survey.read' } as const;
  const manage = { guard: 'survey.manage' } as const;

  r.get('/surveys', { schema: { tags, querystring: SurveyListQuery, response: { 200: SurveyPage } }, config: read }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findSurveyPage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((s) => presentSurvey(s, ctx.actor)) };
  });
  r.post('/surveys', { schema: { tags, body: SurveyCreateInput, response: { 201: SurveyDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createSurvey(ctx, req.body);
    return reply.status(201).send(await surveyResponse(ctx, id, reply));
  });
  r.get('/surveys/:id', { schema: { tags, params: IdParams, response: { 200: SurveyDto } }, config: read }, async (req, reply) =>
    surveyResponse(ctxOf(req), req.params.id, reply),
  );
  r.patch('/surveys/:id', { schema: { tags, params: IdParams, body: SurveyUpdateInput, response: { 200: SurveyDto } }, config: manage }, async (req, reply) => {
    const ctx = ctxOf(req);
    await updateSurvey(ctx, req.params.id, req.body, expectedVersion(req));
    return surveyResponse(ctx, req.params.id, reply);
  });
  for (const to of ['open', 'close'] as const) {
    r.post(`/surveys/:id/${to}`, { schema: { tags, params: IdParams, response: { 200: SurveyDto } }, config: manage }, async (req, reply) => {
      const ctx = ctxOf(req);
      await setSurveyStatus(ctx, req.params.id, to === 'open' ? 'open' : 'closed');
      return surveyResponse(ctx, req.params.id, reply);
    });
  }
  r.post(
    '/surveys/:id/invitations',
    { schema: { tags, params: IdParams, body: SurveyInviteInput, response: { 200: SurveyInviteResult } }, config: manage },
    async (req) => inviteToSurvey(ctxOf(req), req.params.id, req.body),
  );
  r.get('/surveys/:id/report.xlsx', { schema: { tags, params: IdParams }, config: read }, async (req, reply) => {
    const { buffer, fileName } = await buildSurveyReport(ctxOf(req), req.params.id);
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${fileName}"`);
    return reply.send(buffer);
  });

  // The respondent opens the mailed link without an account; the token is the credential.
  r.get(
    '/survey-responses/:token',
    {
      schema: { tags, params: SurveyTokenParams, querystring: SurveyLangQuery, response: { 200: SurveyFormDto } },
      config: { guard: 'public' },
      onRequest: langFromQuery,
    },
    async (req) => getSurveyForm(req.server.deps.db, req.params.token),
  );
  r.post(
    '/survey-responses/:token',
    {
      schema: { tags, params: SurveyTokenParams, querystring: SurveyLangQuery, body: SurveyAnswerInput, response: { 200: SurveyAnswerResult } },
      config: { guard: 'public' },
      onRequest: langFromQuery,
    },
    async (req) => answerSurvey(req.server.deps.db, req.params.token, req.body, String(req.id), req.locale),
  );
}
