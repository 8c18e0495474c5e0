import dayjs, { type Dayjs } from 'dayjs';

type Wall = { year: number; month: number; day: number; hour: number; minute: number };

function wallIn(epochMs: number, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(epochMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute') };
}

/**
 * A picker value read as wall-clock time at the site (a session in New York is entered in New
 * York time whatever the browser's zone), as an ISO instant.
 */
export function siteWallToIso(v: Dayjs, timeZone: string): string {
  const guess = Date.UTC(v.year(), v.month(), v.date(), v.hour(), v.minute());
  let t = guess;
  // Two rounds settle the offset also next to a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const w = wallIn(t, timeZone);
    t = guess - (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - t);
  }
  return new Date(t).toISOString();
}

/** The picker value showing an instant's wall-clock time at the site. */
export function isoToSiteWall(iso: string, timeZone: string): Dayjs {
  const w = wallIn(new Date(iso).getTime(), timeZone);
  return dayjs(new Date(w.year, w.month - 1, w.day, w.hour, w.minute));
}

/** "2026/05/20 14:00" in the site's zone. */
export function formatAtSite(iso: string | null, timeZone: string, locale: 'ja' | 'en'): string {
  if (!iso) return '';
  return isoToSiteWall(iso, timeZone).format(locale === 'ja' ? 'YYYY/MM/DD HH:mm' : 'YYYY-MM-DD HH:mm');
}
