import type { Choice, Locale } from '@unyo/contracts';
import dayjs from 'dayjs';

/** A record named in both languages (sites, departments). */
export type Bilingual = { nameJa: string; nameEn: string };

export function localName(ref: Bilingual | null | undefined, locale: Locale): string {
  if (!ref) return '';
  return locale === 'en' ? ref.nameEn || ref.nameJa : ref.nameJa;
}

export function choiceLabel(items: readonly Choice[], value: string | null | undefined, locale: Locale): string {
  const c = items.find((i) => i.value === value);
  return c ? c[locale] : (value ?? '');
}

export function choiceOptions(items: readonly Choice[], locale: Locale) {
  return items.map((c) => ({ value: c.value, label: c[locale] }));
}

const dateTimeFormat: Record<Locale, string> = { ja: 'YYYY/MM/DD HH:mm', en: 'YYYY-MM-DD HH:mm' };
const dateFormat: Record<Locale, string> = { ja: 'YYYY/MM/DD', en: 'YYYY-MM-DD' };

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(dateTimeFormat[locale]) : iso;
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(dateFormat[locale]) : iso;
}

export function datePickerFormat(locale: Locale): string {
  return dateFormat[locale];
}
