import type { Locale, Problem } from '@unyo/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { issueMessage, t } from '../i18n/locale.ts';
import { AppError, type FieldError } from './errors.ts';

const typeBase = 'https://unyo.dev/problems/';
const statusTypes: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation',
  423: 'locked',
  429: 'too-many-requests',
  500: 'internal',
};

/** Maps a constraint name such as `sites_office_code_key` to the field it guards (`officeCode`). */
function fieldOfConstraint(constraint: string | undefined): string {
  if (!constraint) return '';
  const m = /^[a-z]+?_(.+?)_(key|fkey|fk|check)$/.exec(constraint);
  const col = m ? m[1] : constraint;
  return col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/Id$/, 'Id');
}

type PgError = { code?: string; constraint?: string; constraint_name?: string; detail?: string; cause?: unknown };

function pgErrorOf(err: unknown): PgError | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const pe = e as PgError;
    if (typeof pe.code === 'string' && /^[0-9A-Z]{5}$/.test(pe.code)) return pe;
    e = pe.cause;
  }
  return null;
}

/** Database constraint violations become the same problems the services raise. */
export function appErrorFromDb(err: unknown): AppError | null {
  const pe = pgErrorOf(err);
  if (!pe) return null;
  const constraint = pe.constraint ?? pe.constraint_name;
  const field = fieldOfConstraint(constraint);
  switch (pe.code) {
    case '23505':
      return new AppError(409, 'problem.conflict', [{ path: field, key: 'error.duplicate' }]);
    case '23503':
      // Deleting a record others still point at: the record as a whole is in use, whichever table refers to it.
      if (/still referenced/.test(pe.detail ?? '')) return new AppError(409, 'problem.conflict', [{ path: '', key: 'error.in_use' }]);
      return new AppError(409, 'problem.conflict', [{ path: field, key: 'error.in_use' }]);
    case '23514':
    case '23502':
      return new AppError(422, 'problem.validation', [{ path: field, key: 'error.invalid' }]);
    case '22P02':
    case '22007':
    case '22008':
      return new AppError(422, 'problem.validation', [{ path: field, key: 'error.invalid' }]);
    default:
      return null;
  }
}

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  title: string,
  errors?: { path: string; message: string }[],
  detail?: string,
) {
  const body: Problem = {
    type: typeBase + (statusTypes[status] ?? 'error'),
    title,
    status,
    instance: req.url.split('?')[0],
    requestId: String(req.id),
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

function renderFields(fields: FieldError[], locale: Locale) {
  return fields.map((f) => ({ path: f.path, message: f.key ? t(f.key, locale) : (f.message ?? '') }));
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, 404, t('problem.not_found', req.locale)));

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const locale = req.locale ?? 'ja';
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctxPrefix = err.validationContext && err.validationContext !== 'body' ? `${err.validationContext}.` : '';
      const errors = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return {
          path: ctxPrefix === 'querystring.' ? path : `${ctxPrefix}${path}`.replace(/\.$/, ''),
          message: issueMessage({ code: v.keyword, message: v.message, ...v.params }, locale),
        };
      });
      return sendProblem(reply, req, 422, t('problem.validation', locale), errors);
    }
    const appErr = err instanceof AppError ? err : appErrorFromDb(err);
    if (appErr) {
      for (const [k, v] of Object.entries(appErr.headers)) reply.header(k, v);
      return sendProblem(reply, req, appErr.status, t(appErr.key, locale), renderFields(appErr.fields, locale));
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT') {
      return sendProblem(reply, req, 413, t('problem.payload_too_large', locale));
    }
    if (status === 415) return sendProblem(reply, req, 415, t('problem.unsupported_media_type', locale));
    if (status === 429) return sendProblem(reply, req, 429, t('problem.too_many_requests', locale));
    if (status >= 400 && status < 500) {
      return sendProblem(reply, req, status, t('problem.bad_request', locale), undefined, err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, 500, t('problem.internal', locale));
  });
}
