import type { Locale } from '@unyo/contracts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActorOf } from '../auth/actor.ts';
import type { JobQueue } from '../jobs/jobs.ts';

/** What every use case receives: who acts, in which request, with which database and queue. */
export type Ctx = {
  db: Db;
  actor: Actor;
  requestId: string;
  locale: Locale;
  config: Config;
  queue: JobQueue;
};

export type TxScope = { tx: Db; afterCommit(fn: () => Promise<unknown> | unknown): void };

/** Runs fn in one transaction; hooks registered with afterCommit run only once it committed. */
export async function inTransaction<T>(db: Db, fn: (scope: TxScope) => Promise<T>): Promise<T> {
  const hooks: (() => Promise<unknown> | unknown)[] = [];
  const result = await db.transaction(async (tx) => fn({ tx: tx as unknown as Db, afterCommit: (h) => hooks.push(h) }));
  for (const h of hooks) {
    try {
      await h();
    } catch (err) {
      // The change is committed; a failed follow-up (e.g. enqueue) is picked up by its sweep.
      console.error('afterCommit hook failed', err);
    }
  }
  return result;
}

export function auditCtx(ctx: Pick<Ctx, 'actor' | 'requestId'>): AuditContext {
  return { actor: auditActorOf(ctx.actor), requestId: ctx.requestId };
}

export type AppDeps = { config: Config; db: Db; queue: JobQueue };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** The use-case context of an authenticated request (guards ran before any handler). */
export function ctxOf(req: import('fastify').FastifyRequest): Ctx {
  const { db, config, queue } = req.server.deps;
  if (!req.actor) throw new Error('ctxOf on an unauthenticated request');
  return { db, config, queue, actor: req.actor, requestId: String(req.id), locale: req.locale };
}

/**
 * onRequest hook of the public pages opened from a mailed link (no session): ?lang= chooses the
 * language of messages and problems before the Accept-Language header.
 */
export async function langFromQuery(req: import('fastify').FastifyRequest) {
  const lang = (req.query as { lang?: string } | undefined)?.lang;
  if (lang === 'ja' || lang === 'en') req.locale = lang;
}
