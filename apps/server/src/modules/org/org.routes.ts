import {
  DepartmentCreateInput,
  DepartmentDto,
  DepartmentListQuery,
  DepartmentPage,
  DepartmentUpdateInput,
  IdParams,
  PersonCreateInput,
  PersonDto,
  PersonListQuery,
  PersonPage,
  PersonUpdateInput,
  SiteCreateInput,
  SiteDto,
  SiteListQuery,
  SitePage,
  SiteUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { findDepartmentById, findDepartmentPage } from './departments.repo.ts';
import { presentDepartment, presentPerson, presentSite } from './org.presenter.ts';
import { createDepartment, createSite, deleteDepartment, deleteSite, updateDepartment, updateSite } from './org.service.ts';
import { findPersonById, findPersonPage } from './people.repo.ts';
import { createPerson, deletePerson, updatePerson } from './people.service.ts';
import { findSiteById, findSitePage } from './sites.repo.ts';

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  // Sites
  r.get('/sites', { schema: { tags, querystring: SiteListQuery, response: { 200: SitePage } }, config: { guard: 'site.read', scope: 'site' } }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findSitePage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((s) => presentSite(s, ctx.actor)) };
  });
  r.get('/sites/:id', { schema: { tags, params: IdParams, response: { 200: SiteDto } }, config: { guard: 'site.read', scope: 'site' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const row = await findSiteById(ctx.db, req.params.id, ctx.actor);
    if (!row) throw notFound();
    setEtag(reply, row.version);
    return presentSite(row, ctx.actor);
  });
  r.post('/sites', { schema: { tags, body: SiteCreateInput, response: { 201: SiteDto } }, config: { guard: 'site.create' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const row = await createSite(ctx, req.body);
    setEtag(reply, row.version);
    return reply.status(201).send(presentSite(row, ctx.actor));
  });
  r.patch(
    '/sites/:id',
    { schema: { tags, params: IdParams, body: SiteUpdateInput, response: { 200: SiteDto } }, config: { guard: 'site.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await updateSite(ctx, req.params.id, req.body, expectedVersion(req));
      setEtag(reply, row.version);
      return presentSite(row, ctx.actor);
    },
  );
  r.delete('/sites/:id', { schema: { tags, params: IdParams }, config: { guard: 'site.delete' } }, async (req, reply) => {
    await deleteSite(ctxOf(req), req.params.id, null);
    return reply.status(204).send();
  });

  // Departments
  r.get(
    '/departments',
    { schema: { tags, querystring: DepartmentListQuery, response: { 200: DepartmentPage } }, config: { guard: 'department.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findDepartmentPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((d) => presentDepartment(d, ctx.actor)) };
    },
  );
  const departmentResponse = async (ctx: Ctx, id: string, reply: FastifyReply) => {
    const row = await findDepartmentById(ctx.db, id, ctx.actor);
    if (!row) throw notFound();
    setEtag(reply, row.version);
    return presentDepartment(row, ctx.actor);
  };
  r.get(
    '/departments/:id',
    { schema: { tags, params: IdParams, response: { 200: DepartmentDto } }, config: { guard: 'department.read', scope: 'site' } },
    async (req, reply) => departmentResponse(ctxOf(req), req.params.id, reply),
  );
  r.post(
    '/departments',
    { schema: { tags, body: DepartmentCreateInput, response: { 201: DepartmentDto } }, config: { guard: 'department.create' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const id = await createDepartment(ctx, req.body);
      return reply.status(201).send(await departmentResponse(ctx, id, reply));
    },
  );
  r.patch(
    '/departments/:id',
    { schema: { tags, params: IdParams, body: DepartmentUpdateInput, response: { 200: DepartmentDto } }, config: { guard: 'department.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateDepartment(ctx, req.params.id, req.body, expectedVersion(req));
      return departmentResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/departments/:id', { schema: { tags, params: IdParams }, config: { guard: 'department.delete' } }, async (req, reply) => {
    await deleteDepartment(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  // People
  r.get(
    '/people',
    { schema: { tags, querystring: PersonListQuery, response: { 200: PersonPage } }, config: { guard: 'person.read', scope: 'site' } },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await findPersonPage(ctx.db, req.query, ctx.actor);
      return { ...page, items: page.items.map((p) => presentPerson(p, ctx.actor)) };
    },
  );
  const personResponse = async (ctx: Ctx, id: string, reply: FastifyReply) => {
    const row = await findPersonById(ctx.db, id, ctx.actor);
    if (!row) throw notFound();
    setEtag(reply, row.version);
    return presentPerson(row, ctx.actor);
  };
  r.get(
    '/people/:id',
    { schema: { tags, params: IdParams, response: { 200: PersonDto } }, config: { guard: 'person.read', scope: 'site' } },
    async (req, reply) => personResponse(ctxOf(req), req.params.id, reply),
  );
  r.post('/people', { schema: { tags, body: PersonCreateInput, response: { 201: PersonDto } }, config: { guard: 'person.create' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createPerson(ctx, req.body);
    return reply.status(201).send(await personResponse(ctx, id, reply));
  });
  r.patch(
    '/people/:id',
    { schema: { tags, params: IdParams, body: PersonUpdateInput, response: { 200: PersonDto } }, config: { guard: 'person.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updatePerson(ctx, req.params.id, req.body, expectedVersion(req));
      return personResponse(ctx, req.params.id, reply);
    },
  );
  r.delete('/people/:id', { schema: { tags, params: IdParams }, config: { guard: 'person.delete' } }, async (req, reply) => {
    await deletePerson(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
}
