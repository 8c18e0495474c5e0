import type { Locale, MessageKey } from '@unyo/contracts';
import { isMessageKey, translate } from '@unyo/contracts';
import { z } from 'zod';

const zodLocales = { ja: z.locales.ja(), en: z.locales.en() };

/** Picks ja or en from an Accept-Language header; Japanese is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'ja';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}

export function t(key: MessageKey, locale: Locale): string {
  return translate(key, locale);
}

/** Text for one validation issue: our message keys first, then Zod's own locale messages. */
export function issueMessage(issue: { code: string; message?: string; [k: string]: unknown }, locale: Locale): string {
  if (issue.message && isMessageKey(issue.message)) return translate(issue.message, locale);
  try {
    const out = zodLocales[locale].localeError?.(issue as never);
    const text = typeof out === 'string' ? out : out?.message;
    if (text) return text;
  } catch {
    // fall through to the generic message
  }
  return issue.message ?? translate('error.invalid', locale);
}
