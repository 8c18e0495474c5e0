import type { HardwareAssetDto, Locale, PersonRef } from '@unyo/contracts';

type Located = Pick<HardwareAssetDto, 'building' | 'floor' | 'room' | 'rack'>;

/** "本館 3F 会議室 / R-01": the parts of a location that are filled in. */
export function locationText(a: Located): string {
  const place = [a.building, a.floor, a.room].filter(Boolean).join(' ');
  return a.rack ? `${place} / ${a.rack}`.trim() : place;
}

export function personText(p: PersonRef | null | undefined, locale: Locale): string {
  if (!p) return '';
  return locale === 'en' && p.nameRomaji ? p.nameRomaji : p.nameKanji;
}

export function yen(n: number | null | undefined, locale: Locale): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'ja-JP', { style: 'currency', currency: 'JPY' }).format(n);
}

/** Categories whose switch-port configuration is kept (3.4.1.a). */
export const networkCategories: readonly string[] = ['switch', 'router', 'firewall', 'wireless_ap'];
