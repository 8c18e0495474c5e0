import type { Locale, MessageKey } from '@unyo/contracts';
import { translate } from '@unyo/contracts';
import { AppError } from '../http/errors.ts';

export type MessageParams = Record<string, string | number>;

/** A message with its {placeholders} filled in. */
export function renderMessage(key: MessageKey, locale: Locale, params: MessageParams = {}): string {
  return translate(key, locale).replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * A file that cannot be imported at all (empty, binary, damaged, undecodable, too large). The HTTP
 * routes turn it into problem+json, the CLI prints it; nothing has been written when it is thrown.
 */
export class ImportFileError extends Error {
  readonly status: number;
  readonly key: MessageKey;
  readonly params: MessageParams;
  constructor(status: number, key: MessageKey, params: MessageParams = {}) {
    super(renderMessage(key, 'en', params));
    this.name = 'ImportFileError';
    this.status = status;
    this.key = key;
    this.params = params;
  }
  render(locale: Locale): string {
    return renderMessage(this.key, locale, this.params);
  }
  toAppError(locale: Locale): AppError {
    return new AppError(this.status, 'problem.import_file', [{ path: 'file', message: this.render(locale) }]);
  }
}

export const fileTooLarge = (maxBytes: number) => new ImportFileError(413, 'import.too_large', { max: Math.floor(maxBytes / 1024 / 1024) || 1 });
