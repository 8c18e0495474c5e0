import type { Locale, RouteGuard } from '@unyo/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthenticated } from '../http/errors.ts';
import { localeFromHeader } from '../i18n/locale.ts';
import type { Actor } from './actor.ts';
import { safeEqual } from './crypto.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** The permission a route needs, or 'authenticated' / 'public'. Required on every /api route. */
    guard?: RouteGuard;
    /** How a list route is narrowed to the actor's sites ('site'), for the scope test. */
    scope?: 'site' | 'self' | 'none';
    /** The route checks its own Bearer token (machine webhooks); the API-token lookup skips it. */
    ownBearer?: boolean;
  }
}

export const SESSION_COOKIE = 'unyo_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Authenticator = {
  fromSession(token: string, req: FastifyRequest): Promise<Actor | null>;
  fromApiToken(token: string): Promise<Actor | null>;
};

/** Registered route → guard, for the route-permission snapshot. */
export type RouteGuardEntry = { method: string; url: string; guard: RouteGuard; scope: string };

export function registerAuth(app: FastifyInstance, authenticator: Authenticator, routeGuards: RouteGuardEntry[]) {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'ja');

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || route.url === '/api/v1/openapi.json') return;
    const guard = route.config?.guard;
    if (!guard) throw new Error(`Route ${route.method} ${route.url} declares no guard (config.guard)`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routeGuards.push({ method: m, url: route.url, guard, scope: route.config?.scope ?? 'none' });
    }
  });

  app.addHook('onRequest', async (req) => {
    req.locale = localeFromHeader(req.headers['accept-language']);
    const auth = req.headers.authorization;
    let actor: Actor | null = null;
    if (auth?.toLowerCase().startsWith('bearer ') && !req.routeOptions.config?.ownBearer) {
      actor = await authenticator.fromApiToken(auth.slice(7).trim());
      if (!actor) throw unauthenticated();
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) actor = await authenticator.fromSession(cookie, req);
    }
    req.actor = actor;
    if (actor?.via === 'session') req.locale = actor.locale;

    // Authorization runs before body validation: a caller without the permission learns nothing.
    const guard = req.routeOptions.config?.guard;
    if (!guard || guard === 'public') return;
    if (!actor) throw unauthenticated();
    if (actor.via === 'session' && UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
        throw new AppError(403, 'problem.csrf');
      }
    }
    if (guard !== 'authenticated' && !actor.permissions.has(guard)) throw forbidden();
  });
}
