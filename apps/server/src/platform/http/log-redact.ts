import type { FastifyRequest } from 'fastify';

/**
 * Public links whose path segment is the credential (a survey invitation, a stock-take checklist): whoever reads
 * the access log could otherwise answer the survey or fill the checklist as its recipient — and even a prefix
 * could be matched to the invitation mail in the outbox, tying an anonymous answer to a person. The log keeps the
 * route only.
 */
const tokenPaths = [/(\/survey-responses\/)([^/?#]+)/, /(\/stocktake-checklists\/)([^/?#]+)/, /(\/software-survey-forms\/)([^/?#]+)/];
/** Query parameters that carry a credential (password-reset and similar links). */
const tokenParams = /([?&]token=)([^&#]+)/gi;

const MASK = '[token]';

export function maskUrlTokens(url: string): string {
  let out = url;
  for (const re of tokenPaths) out = out.replace(re, (_m, prefix: string) => `${prefix}${MASK}`);
  return out.replace(tokenParams, (_m, prefix: string) => `${prefix}${MASK}`);
}

/** Fastify's default request serializer (method, url, host, address) with the tokens masked. */
export function requestLogSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    url: maskUrlTokens(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
