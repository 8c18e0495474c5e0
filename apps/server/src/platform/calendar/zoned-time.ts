/**
 * Wall-clock time in IANA zones on top of Intl (Node 24 ships Temporal only behind a flag).
 * Local dates are handled as day numbers (days since 1970-01-01) so date arithmetic never goes
 * through a zone; only the step between a local date + minute of day and an instant does.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when it is not a valid IANA zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
}

/** The wall-clock fields of an instant in a zone (seconds precision). */
export function localDateTimeOf(epochMs: number, timeZone: string): LocalDateTime {
  const out: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute' || p.type === 'second') {
      out[p.type] = Number(p.value);
    }
  }
  return out;
}

/** UTC offset of the zone at an instant, in ms (wall time = UTC + offset). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const l = localDateTimeOf(wholeSecond, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - wholeSecond;
}

/**
 * The instant of a wall-clock time (day number + minute of day, 0..1440) in a zone, resolved like
 * Temporal's 'compatible': in a fall-back overlap the earlier instant, in a spring-forward gap the
 * time is moved forward by the gap (02:30 on the New York spring Sunday is 03:30 EDT).
 */
export function instantOf(dayNumber: number, minuteOfDay: number, timeZone: string): number {
  const wall = dayNumber * DAY_MS + minuteOfDay * MINUTE_MS;
  // Real zones change offset at most once within a day, so the offsets a day either side cover both candidates.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** Day number of a 'YYYY-MM-DD' date. */
export function dayNumberOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) throw new RangeError(`Not a calendar date: ${date}`);
  return ms / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** The local day number an instant falls on in a zone. */
export function localDayNumberOf(epochMs: number, timeZone: string): number {
  const l = localDateTimeOf(epochMs, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day) / DAY_MS;
}

/** The local 'YYYY-MM-DD' an instant falls on in a zone. */
export function localDateOf(epochMs: number, timeZone: string): string {
  return dateOfDayNumber(localDayNumberOf(epochMs, timeZone));
}
