import { IdParams, SiteCalendarDto, SiteCalendarInput } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http/context.ts';
import { assignSiteCalendar, siteCalendarOf } from './site-calendars.service.ts';

/** Which business calendar a site's clocks run on (decision 0007). */
export async function siteCalendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];
  r.get(
    '/sites/:id/calendar',
    { schema: { tags, params: IdParams, response: { 200: SiteCalendarDto } }, config: { guard: 'calendar.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      return siteCalendarOf(ctx.db, req.params.id, ctx.actor);
    },
  );
  r.put(
    '/sites/:id/calendar',
    { schema: { tags, params: IdParams, body: SiteCalendarInput, response: { 200: SiteCalendarDto } }, config: { guard: 'calendar.update' } },
    async (req) => assignSiteCalendar(ctxOf(req), req.params.id, req.body.calendarId),
  );
}
