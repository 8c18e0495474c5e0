import {
  ApiTokenCreated,
  ApiTokenCreateInput,
  ApiTokenList,
  IdParams,
  LoginInput,
  MeDto,
  MeUpdateInput,
  PasswordChangeInput,
  permissionRegistry,
  RoleList,
  roleLabels,
  roleNames,
  rolePermissions,
  UserCreateInput,
  UserDto,
  UserListQuery,
  UserPage,
  UserUpdateInput,
} from '@unyo/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../../platform/auth/plugin.ts';
import { type Ctx, ctxOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { expectedVersion } from '../../platform/http/etag.ts';
import { presentApiToken, presentMe, presentUser } from './access.presenter.ts';
import { actorOf, login, logout } from './auth.service.ts';
import { findUserById, findUserPage } from './users.repo.ts';
import { changeOwnPassword, createApiToken, createUser, listOwnTokens, revokeApiToken, updateOwnLocale, updateUser } from './users.service.ts';

export async function accessRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.deps.config.secureCookies,
  });

  r.post('/auth/login', { schema: { tags, body: LoginInput, response: { 200: MeDto } }, config: { guard: 'public' } }, async (req, reply) => {
    const result = await login(app.deps.db, app.deps.config, req.body, {
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
      requestId: String(req.id),
    });
    reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions(), expires: result.expiresAt });
    return presentMe(result.actor);
  });
  r.post('/auth/logout', { schema: { tags }, config: { guard: 'authenticated' } }, async (req, reply) => {
    await logout(app.deps.db, req.actor!, String(req.id), false);
    reply.clearCookie(SESSION_COOKIE, cookieOptions());
    return reply.status(204).send();
  });
  r.post('/auth/logout-all', { schema: { tags }, config: { guard: 'authenticated' } }, async (req, reply) => {
    await logout(app.deps.db, req.actor!, String(req.id), true);
    reply.clearCookie(SESSION_COOKIE, cookieOptions());
    return reply.status(204).send();
  });

  r.get('/me', { schema: { tags, response: { 200: MeDto } }, config: { guard: 'authenticated' } }, async (req) => presentMe(req.actor!));
  r.patch('/me', { schema: { tags, body: MeUpdateInput, response: { 200: MeDto } }, config: { guard: 'authenticated' } }, async (req) => {
    const ctx = ctxOf(req);
    await updateOwnLocale(ctx, req.body.locale);
    return presentMe({ ...ctx.actor, locale: req.body.locale });
  });
  r.post('/me/password', { schema: { tags, body: PasswordChangeInput }, config: { guard: 'authenticated' } }, async (req, reply) => {
    await changeOwnPassword(ctxOf(req), req.body.currentPassword, req.body.newPassword);
    return reply.status(204).send();
  });

  // Users (administration)
  r.get('/users', { schema: { tags, querystring: UserListQuery, response: { 200: UserPage } }, config: { guard: 'user.read', scope: 'site' } }, async (req) => {
    const ctx = ctxOf(req);
    const page = await findUserPage(ctx.db, req.query, ctx.actor);
    return { ...page, items: page.items.map((u) => presentUser(u, ctx.actor)) };
  });
  const userResponse = async (ctx: Ctx, id: string, reply: FastifyReply) => {
    const row = await findUserById(ctx.db, id, ctx.actor);
    if (!row) throw notFound();
    reply.header('etag', `"v${row.version}"`);
    return presentUser(row, ctx.actor);
  };
  r.get('/users/:id', { schema: { tags, params: IdParams, response: { 200: UserDto } }, config: { guard: 'user.read', scope: 'site' } }, async (req, reply) =>
    userResponse(ctxOf(req), req.params.id, reply),
  );
  r.post('/users', { schema: { tags, body: UserCreateInput, response: { 201: UserDto } }, config: { guard: 'user.create' } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const id = await createUser(ctx, req.body);
    return reply.status(201).send(await userResponse(ctx, id, reply));
  });
  r.patch(
    '/users/:id',
    { schema: { tags, params: IdParams, body: UserUpdateInput, response: { 200: UserDto } }, config: { guard: 'user.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      await updateUser(ctx, req.params.id, req.body, expectedVersion(req));
      return userResponse(ctx, req.params.id, reply);
    },
  );

  r.get('/roles', { schema: { tags, response: { 200: RoleList } }, config: { guard: 'role.read' } }, async () => ({
    items: roleNames.map((name) => ({ name, labelJa: roleLabels[name].ja, labelEn: roleLabels[name].en, permissions: [...rolePermissions[name]] })),
    permissions: Object.entries(permissionRegistry).map(([name, l]) => ({ name, ja: l.ja, en: l.en })),
  }));

  // Own API tokens
  r.get('/api-tokens', { schema: { tags, response: { 200: ApiTokenList } }, config: { guard: 'api-token.manage', scope: 'self' } }, async (req) => ({
    items: (await listOwnTokens(app.deps.db, req.actor!)).map(presentApiToken),
  }));
  r.post(
    '/api-tokens',
    { schema: { tags, body: ApiTokenCreateInput, response: { 201: ApiTokenCreated } }, config: { guard: 'api-token.manage' } },
    async (req, reply) => {
      const { row, token } = await createApiToken(app.deps.db, req.actor!, req.body, String(req.id));
      return reply.status(201).send({ ...presentApiToken(row), token });
    },
  );
  r.delete('/api-tokens/:id', { schema: { tags, params: IdParams }, config: { guard: 'api-token.manage' } }, async (req, reply) => {
    await revokeApiToken(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });
}

export { actorOf };
