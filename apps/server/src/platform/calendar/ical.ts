import type { MessageKey } from '@unyo/contracts';
import { dateOfDayNumber, dayNumberOf, instantOf, localDayNumberOf } from './zoned-time.ts';

/**
 * A small RFC 5545 reader for holiday feeds: VEVENT DTSTART (date or date-time, with TZID or UTC),
 * DTEND, SUMMARY, STATUS:CANCELLED and RRULE FREQ=YEARLY (INTERVAL, COUNT, UNTIL). Everything else
 * is ignored. Errors name the physical line (row) and the property (column).
 */

export type IcalHoliday = { date: string; name: string; row: number };
export type IcalError = { row: number; column: string; key: MessageKey };
export type IcalOptions = {
  /** Zone of the calendar the holidays go to: date-times are turned into its local dates. */
  timeZone: string;
  /** Last year a yearly rule without COUNT/UNTIL is expanded to. */
  untilYear: number;
};

type Property = { name: string; params: Record<string, string>; value: string; row: number };

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
/** One event may cover at most this many days (a closure period, not a season). */
const MAX_EVENT_DAYS = 366;

/** Content lines with their first physical line number; folded lines (leading space/tab) are joined. */
function contentLines(text: string): { line: string; row: number }[] {
  const out: { line: string; row: number }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && out.length > 0) out[out.length - 1].line += raw.slice(1);
      else if (raw.trim() !== '') out.push({ line: raw, row: i + 1 });
    });
  return out;
}

/** NAME;PARAM=value;PARAM="quoted:value":VALUE */
function parseProperty(line: string, row: number): Property | null {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const head = line.slice(0, colon);
  const parts = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: (parts[0] ?? '').toUpperCase(), params, value: line.slice(colon + 1), row };
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c)).trim();
}

type When = { day: number } | { instant: number };

/** A DATE or DATE-TIME value: floating and TZID times are wall-clock in their zone, Z is UTC. */
function parseWhen(p: Property, calendarZone: string): When | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(p.value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  let day: number;
  try {
    day = dayNumberOf(`${m[1]}-${m[2]}-${m[3]}`);
  } catch {
    return null;
  }
  if (m[4] === undefined) return p.params.VALUE === 'DATE-TIME' ? null : { day };
  if (p.params.VALUE === 'DATE') return null;
  const [hh, mi, ss] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hh > 23 || mi > 59 || ss > 60) return null;
  const minuteOfDay = hh * 60 + mi + ss / 60;
  if (m[7] === 'Z') return { instant: day * 86_400_000 + minuteOfDay * 60_000 };
  const zone = p.params.TZID ?? calendarZone;
  try {
    return { instant: instantOf(day, minuteOfDay, zone) };
  } catch {
    return null;
  }
}

type Rule = { interval: number; count: number | null; untilDay: number | null };

function parseRule(p: Property, startDay: number, zone: string): Rule | null {
  const parts = new Map(
    p.value.split(';').map((kv) => {
      const [k, v = ''] = kv.split('=');
      return [k.trim().toUpperCase(), v.trim()] as const;
    }),
  );
  if (parts.get('FREQ') !== 'YEARLY') return null;
  const start = new Date(startDay * 86_400_000);
  const rule: Rule = { interval: 1, count: null, untilDay: null };
  for (const [k, v] of parts) {
    if (k === 'FREQ' || k === 'WKST') continue;
    if (k === 'INTERVAL' && /^[1-9]\d{0,2}$/.test(v)) rule.interval = Number(v);
    else if (k === 'COUNT' && /^[1-9]\d{0,2}$/.test(v)) rule.count = Number(v);
    else if (k === 'UNTIL') {
      const until = parseWhen({ ...p, params: {}, value: v }, zone);
      if (!until) return null;
      rule.untilDay = 'day' in until ? until.day : localDayNumberOf(until.instant, zone);
    }
    // Feeds often restate the start's month/day; anything that changes it is beyond a simple yearly rule.
    else if (k === 'BYMONTH' && Number(v) === start.getUTCMonth() + 1) continue;
    else if (k === 'BYMONTHDAY' && Number(v) === start.getUTCDate()) continue;
    else return null;
  }
  return rule;
}

/** The same month-day `years` later; null when it does not exist (29 February). */
function shiftYears(day: number, years: number): number | null {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear() + years;
  const shifted = Date.UTC(y, d.getUTCMonth(), d.getUTCDate());
  return new Date(shifted).getUTCDate() === d.getUTCDate() ? shifted / 86_400_000 : null;
}

type EventProps = { begin: number; props: Property[] };

function eventHolidays(ev: EventProps, opts: IcalOptions, errors: IcalError[]): IcalHoliday[] {
  const fail = (row: number, column: string, key: MessageKey) => {
    errors.push({ row, column, key });
    return [];
  };
  const get = (name: string) => ev.props.find((p) => p.name === name);
  if (get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return [];
  const dtstart = get('DTSTART');
  if (!dtstart) return fail(ev.begin, 'DTSTART', 'error.required');
  const start = parseWhen(dtstart, opts.timeZone);
  if (!start) return fail(dtstart.row, 'DTSTART', 'error.invalid');
  const summary = get('SUMMARY');
  const name = summary ? unescapeText(summary.value).slice(0, 200) : '';
  if (!name) return fail(summary?.row ?? ev.begin, 'SUMMARY', 'error.required');

  // Local days covered: all-day events end exclusively at DTEND; timed events cover the days they touch.
  let first: number;
  let last: number;
  const dtend = get('DTEND');
  const end = dtend ? parseWhen(dtend, opts.timeZone) : null;
  if (dtend && (!end || 'day' in end !== 'day' in start)) return fail(dtend.row, 'DTEND', 'error.invalid');
  if ('day' in start) {
    first = start.day;
    last = end && 'day' in end ? end.day - 1 : first;
  } else {
    first = localDayNumberOf(start.instant, opts.timeZone);
    const endInstant = end && 'instant' in end ? end.instant : start.instant;
    last = endInstant > start.instant ? localDayNumberOf(endInstant - 1, opts.timeZone) : first;
  }
  if (dtend && last < first) return fail(dtend.row, 'DTEND', 'error.end_before_start');
  if (last - first >= MAX_EVENT_DAYS) return fail(dtend?.row ?? dtstart.row, 'DTEND', 'error.invalid');

  const rrule = get('RRULE');
  const rule = rrule ? parseRule(rrule, first, opts.timeZone) : null;
  if (rrule && !rule) return fail(rrule.row, 'RRULE', 'error.invalid');
  const out: IcalHoliday[] = [];
  const startYear = new Date(first * 86_400_000).getUTCFullYear();
  for (let k = 0; ; k++) {
    const years = k * (rule?.interval ?? 1);
    if (k > 0 && (!rule || (rule.count !== null && k >= rule.count) || startYear + years > Math.min(opts.untilYear, MAX_YEAR))) break;
    const occurrence = shiftYears(first, years);
    if (occurrence === null) continue;
    if (rule?.untilDay != null && occurrence > rule.untilDay) break;
    for (let d = occurrence; d <= occurrence + (last - first); d++) out.push({ date: dateOfDayNumber(d), name, row: dtstart.row });
  }
  return out;
}

/**
 * Holidays of an iCalendar text, one per local date (the first event wins a date), and every error
 * found; callers import nothing when there is any error.
 */
export function parseIcalHolidays(text: string, opts: IcalOptions): { holidays: IcalHoliday[]; errors: IcalError[] } {
  const errors: IcalError[] = [];
  const lines = contentLines(text);
  if (!lines.some((l) => l.line.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    return { holidays: [], errors: [{ row: 1, column: 'BEGIN', key: 'error.invalid' }] };
  }
  const events: EventProps[] = [];
  // Properties belong to the innermost open component; only those of a VEVENT itself are kept.
  const stack: { name: string; event: EventProps | null }[] = [];
  for (const { line, row } of lines) {
    const p = parseProperty(line, row);
    if (!p) {
      errors.push({ row, column: line.split(/[;:]/)[0].toUpperCase() || 'LINE', key: 'error.invalid' });
      continue;
    }
    if (p.name === 'BEGIN') {
      const name = p.value.trim().toUpperCase();
      const event = name === 'VEVENT' ? { begin: row, props: [] } : null;
      if (event) events.push(event);
      stack.push({ name, event });
    } else if (p.name === 'END') {
      const top = stack.pop();
      if (!top || top.name !== p.value.trim().toUpperCase()) errors.push({ row, column: 'END', key: 'error.invalid' });
    } else {
      stack.at(-1)?.event?.props.push(p);
    }
  }
  for (const open of stack) if (open.event) errors.push({ row: open.event.begin, column: 'END', key: 'error.required' });

  const byDate = new Map<string, IcalHoliday>();
  for (const ev of events) {
    for (const h of eventHolidays(ev, opts, errors)) if (!byDate.has(h.date)) byDate.set(h.date, h);
  }
  errors.sort((a, b) => a.row - b.row);
  return { holidays: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), errors };
}
