import { PassThrough } from 'node:stream';
import { ImportProgress } from '@unyo/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/errors.ts';
import { importProgress, isFinished } from './import-progress.ts';

const ImportIdParams = z.object({ id: z.uuid() });
/** How long an event stream waits for an import id that has not started. */
const WAIT_FOR_START_MS = 60_000;
const HEARTBEAT_MS = 15_000;

/**
 * Progress of a running import, for the user who started it (any import permission got them there):
 * polling, or Server-Sent Events. On the embedded database a poll waits for the import's transaction
 * (sign-in checks need the connection); the event stream, opened before the upload, does not.
 */
export async function importProgressRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['files'];
  r.get(
    '/imports/:id/progress',
    { schema: { tags, params: ImportIdParams, response: { 200: ImportProgress } }, config: { guard: 'authenticated' } },
    async (req) => {
      const p = importProgress.get(req.params.id, req.actor!.userId);
      if (!p) throw notFound();
      return p;
    },
  );
  r.get('/imports/:id/events', { schema: { tags, params: ImportIdParams }, config: { guard: 'authenticated' } }, async (req, reply) => {
    const out = new PassThrough();
    const send = (p: ImportProgress) => {
      out.write(`event: progress\ndata: ${JSON.stringify(p)}\n\n`);
      if (isFinished(p)) close();
    };
    const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const giveUp = setTimeout(() => importProgress.get(req.params.id, req.actor!.userId) || close(), WAIT_FOR_START_MS);
    let unsubscribe = () => {};
    let closed = false;
    function close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(giveUp);
      unsubscribe();
      out.end();
    }
    reply.raw.on('close', close);
    reply.header('content-type', 'text/event-stream; charset=utf-8');
    reply.header('cache-control', 'no-store');
    reply.header('x-accel-buffering', 'no');
    out.write('retry: 2000\n\n');
    unsubscribe = importProgress.subscribe(req.params.id, req.actor!.userId, send);
    if (closed) unsubscribe();
    return reply.send(out);
  });
}
