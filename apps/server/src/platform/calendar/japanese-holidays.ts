import holidayJp from '@holiday-jp/holiday_jp';

/**
 * Japanese national holidays from @holiday-jp/holiday_jp (maintained data, 1970–2050, including
 * 振替休日 substitute holidays and 国民の休日 citizens' holidays). Keyed by local 'YYYY-MM-DD';
 * the package's Date-based helpers are not used because they depend on the process time zone.
 */
type Entry = { date: string; name: string; name_en: string };
const table = holidayJp.holidays as unknown as Record<string, Entry>;

export type JapaneseHoliday = { date: string; name: string; nameEn: string };

export function isJapaneseHoliday(date: string): boolean {
  return Object.hasOwn(table, date);
}

export function japaneseHoliday(date: string): JapaneseHoliday | null {
  const h = Object.hasOwn(table, date) ? table[date] : null;
  return h ? { date: h.date, name: h.name, nameEn: h.name_en } : null;
}

/** The holidays of one year, in date order. */
export function japaneseHolidaysOf(year: number): JapaneseHoliday[] {
  const prefix = `${String(year).padStart(4, '0')}-`;
  return Object.keys(table)
    .filter((d) => d.startsWith(prefix))
    .sort()
    .map((d) => ({ date: d, name: table[d].name, nameEn: table[d].name_en }));
}

/** The last year the package has data for: beyond it only entered holidays count. */
export const japaneseHolidaysUntilYear = Number(Object.keys(table).sort().at(-1)!.slice(0, 4));
