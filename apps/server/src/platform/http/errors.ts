import type { MessageKey } from '@unyo/contracts';

export type FieldError = { path: string; key?: MessageKey; message?: string };

/** An error the API turns into RFC 9457 problem+json. Messages are keys, rendered per request language. */
export class AppError extends Error {
  readonly status: number;
  readonly key: MessageKey;
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;
  constructor(status: number, key: MessageKey, fields: FieldError[] = [], headers: Record<string, string> = {}) {
    super(key);
    this.name = 'AppError';
    this.status = status;
    this.key = key;
    this.fields = fields;
    this.headers = headers;
  }
}

export const notFound = () => new AppError(404, 'problem.not_found');
export const forbidden = () => new AppError(403, 'problem.forbidden');
export const unauthenticated = () => new AppError(401, 'problem.unauthenticated');
export const preconditionFailed = () => new AppError(412, 'problem.precondition_failed');
export const invalidField = (path: string, key: MessageKey) => new AppError(422, 'problem.validation', [{ path, key }]);
export const conflictField = (path: string, key: MessageKey = 'error.duplicate') => new AppError(409, 'problem.conflict', [{ path, key }]);
