import { isJapaneseHoliday } from './japanese-holidays.ts';
import { assertTimeZone, DAY_MS, dateOfDayNumber, dayNumberOf, instantOf, isoWeekdayOf, localDayNumberOf, MINUTE_MS } from './zoned-time.ts';

/**
 * Business time: SLA clocks that run only during a site's business hours, in the site's own zone.
 * Pure functions over a BusinessCalendar value; loading one from the database is calendar.service.ts.
 *
 * Business hours are wall-clock intervals inside one local day (no overnight shifts); each interval is
 * turned into real instants per day, so a day whose hours straddle a DST change is as long as it really is.
 */

/** 'HH:MM' wall-clock times; `end` may be '24:00' (midnight at the end of the day). */
export type BusinessHoursInterval = { start: string; end: string };
/** A yearly closure as month-day range, inclusive; may wrap the year end ('12-29' → '01-03'). */
export type Closure = { from: string; to: string; name?: string };
/** Entered holidays as local 'YYYY-MM-DD' dates. */
export type HolidayLookup = ReadonlySet<string> | ((localDate: string) => boolean);

/** Treat as immutable: the parsed form is cached per object. */
export type BusinessCalendar = {
  timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workdays: readonly number[];
  hours: readonly BusinessHoursInterval[];
  holidays: HolidayLookup;
  japaneseHolidays: boolean;
  closures: readonly Closure[];
  /** 24×7: every instant is business time; the other fields are ignored. */
  always: boolean;
};

export class NoBusinessTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBusinessTimeError';
  }
}

const weekdays = [1, 2, 3, 4, 5] as const;

/** The agency calendar (HQ, institute, regional offices): Mon–Fri 9:00–17:45 Tokyo, national holidays, 12/29–1/3. */
export const agencyCalendarDefaults = {
  timeZone: 'Asia/Tokyo',
  workdays: weekdays,
  hours: [{ start: '09:00', end: '17:45' }],
  japaneseHolidays: true,
  closures: [{ from: '12-29', to: '01-03', name: '年末年始' }],
  always: false,
} as const satisfies Omit<BusinessCalendar, 'holidays'>;

/** An overseas office without a calendar of its own: Mon–Fri 9:00–17:45 in its zone, no Japanese holidays. */
export function overseasDefaultCalendar(timeZone: string, holidays: HolidayLookup = new Set()): BusinessCalendar {
  return { timeZone, workdays: weekdays, hours: agencyCalendarDefaults.hours, holidays, japaneseHolidays: false, closures: [], always: false };
}

export const alwaysCalendar: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  workdays: [1, 2, 3, 4, 5, 6, 7],
  hours: [{ start: '00:00', end: '24:00' }],
  holidays: new Set(),
  japaneseHolidays: false,
  closures: [],
  always: true,
};

type Interval = readonly [number, number];

type Compiled = {
  timeZone: string;
  always: boolean;
  workday: readonly boolean[];
  minutes: readonly Interval[];
  japaneseHolidays: boolean;
  closures: readonly Closure[];
  isHoliday: (date: string) => boolean;
  dayCache: Map<number, readonly Interval[]>;
};

const compiledCache = new WeakMap<BusinessCalendar, Compiled>();
const DAY_CACHE_LIMIT = 5000;
/** More consecutive days without business time than this means the calendar has none (e.g. a year-long closure). */
const MAX_IDLE_DAYS = 400;
/** Bound on how far addBusinessTime / nextBusinessStart walk: about 100 years. */
const MAX_SPAN_DAYS = 36_600;

export function minutesOfTime(hhmm: string, allowEndOfDay = false): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > (allowEndOfDay ? 1440 : 1439)) throw new RangeError(`Not a HH:MM time: ${hhmm}`);
  return minutes;
}

const monthDay = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function compile(cal: BusinessCalendar): Compiled {
  const cached = compiledCache.get(cal);
  if (cached) return cached;
  assertTimeZone(cal.timeZone);
  const workday = Array.from({ length: 8 }, () => false);
  for (const d of cal.workdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Not an ISO weekday (1–7): ${d}`);
    workday[d] = true;
  }
  const minutes = cal.hours.map((h) => [minutesOfTime(h.start), minutesOfTime(h.end, true)] as const);
  minutes.forEach(([s, e], i) => {
    if (e <= s) throw new RangeError(`Business hours end before they start: ${cal.hours[i].start}–${cal.hours[i].end}`);
    if (i > 0 && s < minutes[i - 1][1]) throw new RangeError('Business hours must be in order and must not overlap');
  });
  for (const c of cal.closures) if (!monthDay.test(c.from) || !monthDay.test(c.to)) throw new RangeError(`Not an MM-DD closure: ${c.from}–${c.to}`);
  if (!cal.always && (!workday.some(Boolean) || minutes.length === 0)) {
    throw new NoBusinessTimeError('The calendar has no business time: it needs at least one workday and one business-hours interval');
  }
  const holidays = cal.holidays;
  const c: Compiled = {
    timeZone: cal.timeZone,
    always: cal.always,
    workday,
    minutes,
    japaneseHolidays: cal.japaneseHolidays,
    closures: cal.closures,
    isHoliday: typeof holidays === 'function' ? holidays : (d) => holidays.has(d),
    dayCache: new Map(),
  };
  compiledCache.set(cal, c);
  return c;
}

/** The closure a local date falls in, if any. */
export function closureOf(localDate: string, closures: readonly Closure[]): Closure | null {
  const md = localDate.slice(5);
  for (const c of closures) {
    const inside = c.from <= c.to ? md >= c.from && md <= c.to : md >= c.from || md <= c.to;
    if (inside) return c;
  }
  return null;
}

function isBusinessDayNumber(c: Compiled, day: number): boolean {
  if (c.always) return true;
  if (!c.workday[isoWeekdayOf(day)]) return false;
  const date = dateOfDayNumber(day);
  if (c.japaneseHolidays && isJapaneseHoliday(date)) return false;
  if (closureOf(date, c.closures)) return false;
  return !c.isHoliday(date);
}

/** The business intervals of one local day as instants (epoch ms); empty on a non-business day. */
function dayIntervals(c: Compiled, day: number): readonly Interval[] {
  const hit = c.dayCache.get(day);
  if (hit) return hit;
  let out: Interval[] = [];
  if (isBusinessDayNumber(c, day)) {
    out = c.minutes
      .map(([s, e]) => [instantOf(day, s, c.timeZone), instantOf(day, e, c.timeZone)] as const)
      // An interval inside a spring-forward gap collapses to nothing.
      .filter(([s, e]) => e > s);
  }
  if (c.dayCache.size >= DAY_CACHE_LIMIT) c.dayCache.clear();
  c.dayCache.set(day, out);
  return out;
}

function instantMs(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/**
 * Walks business intervals from `startMs` day by day (non-business days cost one lookup each),
 * calling `visit` with each remaining business interval until it returns true.
 */
function walk(c: Compiled, startMs: number, visit: (from: number, to: number) => boolean): void {
  let day = localDayNumberOf(startMs, c.timeZone);
  let idle = 0;
  for (let i = 0; i < MAX_SPAN_DAYS; i++, day++) {
    const intervals = dayIntervals(c, day);
    if (intervals.length === 0) {
      if (++idle > MAX_IDLE_DAYS) throw new NoBusinessTimeError(`The calendar has no business time in ${MAX_IDLE_DAYS} consecutive days`);
      continue;
    }
    idle = 0;
    for (const [s, e] of intervals) {
      const from = Math.max(s, startMs);
      if (from < e && visit(from, e)) return;
    }
  }
  throw new RangeError('The result lies more than 100 years ahead');
}

/**
 * The instant `durationMs` of business time after `start`. A start outside business hours counts from
 * the next business start; a duration that ends exactly at closing time ends then (Friday 17:45), not
 * at the next opening.
 */
export function addBusinessTime(start: Date, durationMs: number, cal: BusinessCalendar): Date {
  const t0 = instantMs(start, 'start');
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError('durationMs must be a finite, non-negative number');
  const c = compile(cal);
  if (c.always || durationMs === 0) return new Date(t0 + durationMs);
  let remaining = durationMs;
  let due = Number.NaN;
  walk(c, t0, (from, to) => {
    if (remaining <= to - from) {
      due = from + remaining;
      return true;
    }
    remaining -= to - from;
    return false;
  });
  return new Date(due);
}

/** Milliseconds of business time in [from, to); 0 when `to` is not after `from`. */
export function businessDuration(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = instantMs(from, 'from');
  const b = instantMs(to, 'to');
  const c = compile(cal);
  if (b <= a) return 0;
  if (c.always) return b - a;
  let total = 0;
  const last = localDayNumberOf(b, c.timeZone);
  for (let day = localDayNumberOf(a, c.timeZone); day <= last; day++) {
    for (const [s, e] of dayIntervals(c, day)) {
      const lo = Math.max(s, a);
      const hi = Math.min(e, b);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * The business intervals [start, end) (epoch ms) that overlap [from, to), in order, clipped to the range. For callers
 * that place many instants on one calendar (monthly metrics): they index these once instead of walking per instant.
 */
export function businessIntervals(from: Date, to: Date, cal: BusinessCalendar): (readonly [number, number])[] {
  const a = instantMs(from, 'from');
  const b = instantMs(to, 'to');
  const c = compile(cal);
  if (b <= a) return [];
  if (c.always) return [[a, b]];
  const out: (readonly [number, number])[] = [];
  const last = localDayNumberOf(b, c.timeZone);
  for (let day = localDayNumberOf(a, c.timeZone); day <= last; day++) {
    for (const [s, e] of dayIntervals(c, day)) {
      const lo = Math.max(s, a);
      const hi = Math.min(e, b);
      if (hi > lo) out.push([lo, hi]);
    }
  }
  return out;
}

/** `date` itself when it is business time, else the next opening. */
export function nextBusinessStart(date: Date, cal: BusinessCalendar): Date {
  const t0 = instantMs(date, 'date');
  const c = compile(cal);
  if (c.always) return new Date(t0);
  let next = Number.NaN;
  walk(c, t0, (from) => {
    next = from;
    return true;
  });
  return new Date(next);
}

/** Whether a local 'YYYY-MM-DD' date is a workday that is neither a holiday nor in a closure. */
export function isBusinessDay(localDate: string, cal: BusinessCalendar): boolean {
  return isBusinessDayNumber(compile(cal), dayNumberOf(localDate));
}

/** The nominal length of one business day (9:00–17:45 → 8 h 45 min); 24 h for a 24×7 calendar. */
export function businessDayMs(cal: BusinessCalendar): number {
  const c = compile(cal);
  if (c.always) return DAY_MS;
  return c.minutes.reduce((sum, [s, e]) => sum + (e - s) * MINUTE_MS, 0);
}

/** `days` business days after `start`, as that many nominal business days of business time. */
export function addBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
  return addBusinessTime(start, days * businessDayMs(cal), cal);
}
