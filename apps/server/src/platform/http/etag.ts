import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export function etagOf(version: number): string {
  return `"v${version}"`;
}

export function setEtag(reply: FastifyReply, version: number) {
  reply.header('etag', etagOf(version));
}

/**
 * The version the client last saw, from If-Match. Optional for API clients (null = last write wins);
 * the web UI always sends it. A malformed value is a 412 rather than silently ignored.
 */
export function expectedVersion(req: FastifyRequest): number | null {
  const h = req.headers['if-match'];
  if (!h) return null;
  const m = /^(?:W\/)?"v(\d+)"$/.exec(String(h).trim());
  if (!m) throw new AppError(412, 'problem.precondition_failed');
  return Number(m[1]);
}
