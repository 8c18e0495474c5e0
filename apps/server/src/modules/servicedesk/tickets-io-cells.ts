import { dayNumberOf, instantOf, localDateTimeOf } from '../../platform/calendar/zoned-time.ts';
import type { CellCodec } from '../../platform/files/ledger-io.ts';

/**
 * Date-and-time cells of the inquiry ledger: the wall-clock time of the row's site unless an offset is written
 * (the previous contractor kept local times). XLSX date cells arrive as 'YYYY-MM-DD HH:mm:ss' text (ledger-io.ts).
 */

const DATETIME =
  /^(\d{4})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})(?:\s*日\s*|\s*T\s*|\s+)(\d{1,2})\s*(?::|時)\s*(\d{1,2})\s*分?(?::(\d{1,2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Stored form: 'YYYY-MM-DD HH:mm:ss' (site wall clock) or 'YYYY-MM-DDTHH:mm:ss+09:00' (explicit offset). */
export const dateTimeCodec: CellCodec = {
  parse(text) {
    const s = text.normalize('NFKC').trim();
    if (s === '') return { ok: true, value: null };
    const m = DATETIME.exec(s);
    if (!m) return { ok: false, error: 'import.invalid_datetime' };
    const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
    const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
    try {
      dayNumberOf(date);
    } catch {
      return { ok: false, error: 'import.invalid_datetime' };
    }
    if (h > 23 || mi > 59 || se > 59) return { ok: false, error: 'import.invalid_datetime' };
    const time = `${pad(h)}:${pad(mi)}:${pad(se)}`;
    if (!m[7]) return { ok: true, value: `${date} ${time}` };
    const off = m[7].toUpperCase() === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    return { ok: true, value: `${date}T${time}${off}` };
  },
  format(value) {
    if (typeof value !== 'string') return '';
    return value.replace(/^(\d{4})-(\d{2})-(\d{2})[ T]/, '$1/$2/$3 ').replace(/ (\d{2}):(\d{2}):00$/, ' $1:$2');
  },
};

/** A stored cell value as an instant: wall-clock values are read in the site's zone. */
export function instantOfCell(value: string, timeZone: string): Date {
  if (value.includes('T')) return new Date(value);
  const [date, time] = value.split(' ');
  const [h, mi, se] = time.split(':').map(Number);
  return new Date(instantOf(dayNumberOf(date), h * 60 + mi, timeZone) + se * 1000);
}

/** An instant as the site's wall clock, the form the ledger is kept in. */
export function wallClockOf(at: Date, timeZone: string): string {
  const l = localDateTimeOf(at.getTime(), timeZone);
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`;
}
