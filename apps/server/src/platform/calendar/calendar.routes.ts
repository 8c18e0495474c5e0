import {
  CalendarComputeQuery,
  CalendarComputeResult,
  CalendarCreateInput,
  CalendarDetailDto,
  CalendarDto,
  CalendarHolidayDto,
  CalendarHolidayInput,
  CalendarHolidayParams,
  CalendarIcalImportQuery,
  CalendarIcalImportResult,
  CalendarListQuery,
  CalendarPage,
  CalendarUpdateInput,
  CalendarYearQuery,
  IdParams,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { expectedVersion, setEtag } from '../http/etag.ts';
import { presentCalendar, presentCalendarDetail, presentHoliday } from './calendar.presenter.ts';
import { findCalendarById, findCalendarPage } from './calendar.repo.ts';
import {
  addHoliday,
  computeOnCalendar,
  createCalendar,
  currentYearOf,
  holidaysOfYear,
  importIcalHolidays,
  removeHoliday,
  updateCalendar,
} from './calendar.service.ts';

/** The uploaded .ics as text: iCalendar is UTF-8 (RFC 5545), anything else is refused. */
async function icsUpload(req: FastifyRequest, maxBytes: number): Promise<{ name: string; text: string }> {
  if (!req.isMultipart()) throw new AppError(415, 'problem.unsupported_media_type');
  const part = await req.file({ limits: { fileSize: maxBytes } });
  if (!part) throw new AppError(422, 'problem.validation', [{ path: 'file', key: 'error.required' }]);
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'problem.payload_too_large');
  if (!/\.ics$/i.test(part.filename) && part.mimetype !== 'text/calendar') throw new AppError(415, 'problem.unsupported_media_type');
  try {
    return { name: part.filename, text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    throw new AppError(422, 'problem.validation', [{ path: 'file', key: 'error.invalid' }]);
  }
}

export async function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  r.get(
    '/calendars',
    { schema: { tags, querystring: CalendarListQuery, response: { 200: CalendarPage } }, config: { guard: 'calendar.read' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findCalendarPage(ctx.db, req.query);
      return { ...page, items: page.items.map((c) => presentCalendar(c, ctx.actor)) };
    },
  );
  r.get(
    '/calendars/:id',
    { schema: { tags, params: IdParams, querystring: CalendarYearQuery, response: { 200: CalendarDetailDto } }, config: { guard: 'calendar.read' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await findCalendarById(ctx.db, req.params.id);
      if (!row) throw notFound();
      const year = req.query.year ?? currentYearOf(row);
      setEtag(reply, row.version);
      return presentCalendarDetail(row, year, await holidaysOfYear(ctx.db, row, year), ctx.actor);
    },
  );
  r.post(
    '/calendars',
    { schema: { tags, body: CalendarCreateInput, response: { 201: CalendarDto } }, config: { guard: 'calendar.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await createCalendar(ctx, req.body);
      setEtag(reply, row.version);
      return reply.status(201).send(presentCalendar(row, ctx.actor));
    },
  );
  r.patch(
    '/calendars/:id',
    { schema: { tags, params: IdParams, body: CalendarUpdateInput, response: { 200: CalendarDto } }, config: { guard: 'calendar.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await updateCalendar(ctx, req.params.id, req.body, expectedVersion(req));
      setEtag(reply, row.version);
      return presentCalendar(row, ctx.actor);
    },
  );

  r.post(
    '/calendars/:id/holidays',
    { schema: { tags, params: IdParams, body: CalendarHolidayInput, response: { 201: CalendarHolidayDto } }, config: { guard: 'calendar.update' } },
    async (req, reply) => reply.status(201).send(presentHoliday(await addHoliday(ctxOf(req), req.params.id, req.body))),
  );
  r.delete('/calendars/:id/holidays/:date', { schema: { tags, params: CalendarHolidayParams }, config: { guard: 'calendar.update' } }, async (req, reply) => {
    await removeHoliday(ctxOf(req), req.params.id, req.params.date);
    return reply.status(204).send();
  });
  r.post(
    '/calendars/:id/ical',
    {
      schema: { tags, params: IdParams, querystring: CalendarIcalImportQuery, response: { 200: CalendarIcalImportResult } },
      config: { guard: 'calendar.update' },
    },
    async (req) => {
      const ctx = ctxOf(req);
      return importIcalHolidays(ctx, req.params.id, await icsUpload(req, ctx.config.files.maxBytes), req.query.dryRun);
    },
  );
  r.get(
    '/calendars/:id/compute',
    { schema: { tags, params: IdParams, querystring: CalendarComputeQuery, response: { 200: CalendarComputeResult } }, config: { guard: 'calendar.read' } },
    async (req) => computeOnCalendar(ctxOf(req).db, req.params.id, req.query),
  );
}
